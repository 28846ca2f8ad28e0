"""A call that must return: run it in a thread and fail the test, instead of hanging the
whole run, if it is still blocked after a while (FIFOs, held locks, swapped files)."""

from __future__ import annotations

import threading
from collections.abc import Callable

# A live process holding the progress lock (run with the lock path; prints "locked").
HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(1, b"locked\\n")
time.sleep(600)
"""


def within(call: Callable[[], object], seconds: float = 30) -> object:
    """Run ``call`` in a thread; fail (instead of hanging the run) if it never returns."""
    result: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds} s"
    if errors:
        raise errors[0]
    return result[0]
