"""The national-scale benchmark (issue 13): a data generator and a load driver.

Installed as an app only by `wio.settings.bench`, so production has neither its commands nor the
comparison admin it registers.
"""
