"""Helpers shared by the tests: a minimal valid guide, and scripts run as child processes."""
