"""A child process that ticks steps through the real ProgressStore as fast as it can.

    python writer.py DATA_DIR PREFIX COUNT [--wait]

It loads the store, prints ``ready``, (with ``--wait``) waits for one line on stdin so several
writers can start together, then ticks PREFIX0, PREFIX1, ... (COUNT of them; 0 means until it
is killed) on guide ``demo``, device ``desktop``. Each step id is printed only after
``set_tick`` has returned, so every printed id is a tick the store acknowledged. After it
come the number of ticks the store then held (which shows other writers' ticks merged in)
and the moments, in ``time.monotonic_ns()``, the call started and returned: on Linux and
macOS that clock is shared by every process, so a test can tell whether two writers really
wrote at the same time. It prints ``done`` at the end. Only ``tui.progress`` is imported,
so the process starts fast.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from tui.progress.store import ProgressStore

GUIDE = "demo"
DEVICE = "desktop"


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write, no buffer: a kill cannot split it


def main(argv: list[str]) -> int:
    data_dir, prefix, count = Path(argv[1]), argv[2], int(argv[3])
    store = ProgressStore(data_dir)
    store.load()
    if store.recovered is not None:
        say(f"recovered {store.recovered.reason}")
    say("ready")
    if "--wait" in argv:
        sys.stdin.readline()
    index = 0
    while count == 0 or index < count:
        step = f"{prefix}{index}"
        started = time.monotonic_ns()
        store.set_tick(GUIDE, DEVICE, step, True, 1)
        say(f"{step} {len(store.ticks(GUIDE, DEVICE))} {started} {time.monotonic_ns()}")
        index += 1
        if "--wait" in argv:
            # Between two ticks a person (or another window) gets a turn: without this
            # pause a writer that re-takes the lock at once can starve the other one, and
            # the two-writer test would only prove that they took turns.
            time.sleep(0.002)
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
