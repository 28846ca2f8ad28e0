"""optout-tui: opt out of AI training on your data, step by step, and check that it took."""

__version__ = "1.0.0"
