"""Child processes of ``benchmarks/run.py``: each case runs in a fresh interpreter."""
