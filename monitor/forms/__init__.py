"""Forms of the monitor: one module per feature."""
