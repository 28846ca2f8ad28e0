"""Screens pushed over the main view, one module each."""
