"""Child: tick → durable on disk, one sample per tick, alternating tick and untick.

Usage: python tick.py store|raw TICKS DATA_DIR

store: one durable save through the checkout's ``ProgressStore``, as the app makes it (2.0:
``save(changes.tick(...))`` in its save worker; 1.x: ``set_tick``): lock, re-read, merge,
write to a temporary file, fsync, rename, fsync the folder. raw: the least a durable write
can do with the same data: change the dict, ``json.dumps`` it exactly as both stores do (no
indent, sorted keys), write a temporary file, fsync, ``os.replace``, fsync the folder. Both
start from the same seeded ticks. One JSON line on stdout with p50, p99, mean and max in
milliseconds.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GUIDE, DEVICE, STEP, REVISION = "linkedin-genai", "desktop", "open-settings", 1
STEPS = ("sign-in", "open-me", "open-settings", "turn-off", "check")  # never all ticked
SEED = {
    "desktop": ["sign-in", "open-me"],
    "mobile": ["sign-in-app", "open-profile-picture", "open-settings-app"],
}
STAMP = "2026-11-23T08:00:00+00:00"


def seed_data() -> dict[str, Any]:
    devices = {
        device: {"revision": REVISION, "ticks": dict.fromkeys(steps, STAMP)}
        for device, steps in SEED.items()
    }
    return {"schema": 1, "language": "en", "guides": {GUIDE: {"devices": devices}}}


def dumps(data: dict[str, Any]) -> bytes:
    """The bytes both stores write (1.x and 2.0 alike: no indent, which would make ``json``
    use its pure-Python encoder)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def store_ticker(folder: Path) -> Callable[[bool], None]:
    from compat import store_ticker as ticker

    return ticker(folder, GUIDE, DEVICE, STEP, REVISION, STEPS)


def raw_ticker(folder: Path) -> Callable[[bool], None]:
    path, tmp = folder / "progress.json", folder / ".progress.json.tmp"
    data = seed_data()

    def tick(ticked: bool) -> None:
        record = data["guides"][GUIDE]["devices"][DEVICE]
        if ticked:
            record["ticks"].setdefault(STEP, datetime.now(UTC).isoformat(timespec="seconds"))
        else:
            record["ticks"].pop(STEP, None)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, dumps(data))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    return tick


def main() -> int:
    which, count, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "progress.json").write_bytes(dumps(seed_data()))
    tick = store_ticker(folder) if which == "store" else raw_ticker(folder)
    samples = []
    for n in range(count):
        start = time.perf_counter()
        tick(n % 2 == 0)
        samples.append((time.perf_counter() - start) * 1000)
    final = (folder / "progress.json").read_bytes()
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    print(
        json.dumps(
            {
                "case": which,
                "n": count,
                "p50_ms": statistics.median(samples),
                "p99_ms": cuts[98],
                "mean_ms": statistics.fmean(samples),
                "max_ms": max(samples),
                "file_bytes": len(final),
                "file_valid": json.loads(final)["guides"][GUIDE]["devices"][DEVICE]["revision"]
                == REVISION,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
