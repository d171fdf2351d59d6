"""State changes of the monitor: one module per feature (reports.py, ...), imported from there."""
