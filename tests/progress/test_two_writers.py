"""Two windows: two writers ticking at the same moment keep every tick of both.

Two child processes (``helpers/writer.py``) on one data folder tick 200 different steps
each (a0..a199 and b0..b199) on the same guide and device; they are released together
once both are ready. Afterwards the file must hold all 400 ticks. The test only counts if
the writers really wrote at the same time: each prints when every call started and
returned, and the two spans must overlap, with writes of each landing between writes of
the other. The same is checked in one process with two ProgressStore objects that take
turns, where each store must also see the other's ticks after each of its own writes.
Nothing here is random; sizes are fixed (a few seconds), so OPTOUT_TUI_FULL makes no
difference to this file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.progress.store import ProgressStore

WRITER = Path(__file__).resolve().parent.parent / "helpers" / "writer.py"
GUIDE, DEVICE = "demo", "desktop"
EACH = 200


def _ticks_on_disk(data_dir: Path) -> set[str]:
    data = json.loads((data_dir / "progress.json").read_bytes())
    return set(data["guides"][GUIDE]["devices"][DEVICE]["ticks"])


def test_two_processes(data_dir: Path) -> None:
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), name, str(EACH), "--wait"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b")
    }
    try:
        for proc in procs.values():
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"ready\n"
        for proc in procs.values():  # both go at once
            assert proc.stdin is not None
            proc.stdin.write(b"go\n")
            proc.stdin.flush()
        results = {name: proc.communicate(timeout=300) for name, proc in procs.items()}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    merged, spans, calls = {}, {}, {}
    for name, (out, err) in results.items():
        assert procs[name].returncode == 0, err.decode()
        lines = out.decode().splitlines()
        assert lines[-1] == "done"
        acked = [line.split() for line in lines[:-1]]
        assert [step for step, *_ in acked] == [f"{name}{n}" for n in range(EACH)]
        # how many of its writes already merged in ticks of the other writer
        merged[name] = sum(int(seen) > n + 1 for n, (_, seen, *_) in enumerate(acked))
        calls[name] = [(int(start), int(end)) for *_, start, end in acked]
        spans[name] = (calls[name][0][0], calls[name][-1][1])
    (a_start, a_end), (b_start, b_end) = spans["a"], spans["b"]
    overlap_ms = (min(a_end, b_end) - max(a_start, b_start)) / 1e6
    # writes of one writer that returned while the other was between its first and last
    inside = {
        name: sum(spans[other][0] < end < spans[other][1] for _, end in calls[name])
        for name, other in (("a", "b"), ("b", "a"))
    }
    print(
        f"spans (ms): a {(a_end - a_start) / 1e6:.0f}, b {(b_end - b_start) / 1e6:.0f}, "
        f"overlap {overlap_ms:.0f}; writes inside the other's span: {inside}; "
        f"writes that merged the other writer's ticks: {merged}"
    )
    assert overlap_ms > 0, "the two writers never ran at the same time: the test proved nothing"
    assert inside["a"] > 0 and inside["b"] > 0, "the writers took turns without interleaving"
    assert merged["a"] > 0 and merged["b"] > 0, "no write ever met the other writer's ticks"
    ticks = _ticks_on_disk(data_dir)
    expected = {f"{name}{n}" for name in ("a", "b") for n in range(EACH)}
    print(f"ticks on disk after two writers: {len(ticks)} of {len(expected)}")
    assert ticks == expected
    fresh = ProgressStore(data_dir)
    fresh.load()
    assert fresh.recovered is None
    assert set(fresh.ticks(GUIDE, DEVICE)) == expected


def test_two_stores_in_one_process(data_dir: Path) -> None:
    a, b = ProgressStore(data_dir), ProgressStore(data_dir)
    a.load()
    b.load()
    for n in range(EACH):
        a.set_tick(GUIDE, DEVICE, f"a{n}", True, 1)
        seen = set(a.ticks(GUIDE, DEVICE))
        assert {f"b{k}" for k in range(n)} <= seen, f"a lost b's ticks at {n}"
        b.set_tick(GUIDE, DEVICE, f"b{n}", True, 1)
        seen = set(b.ticks(GUIDE, DEVICE))
        assert {f"a{k}" for k in range(n + 1)} <= seen, f"b lost a's ticks at {n}"
    expected = {f"{name}{n}" for name in ("a", "b") for n in range(EACH)}
    ticks = _ticks_on_disk(data_dir)
    print(f"ticks on disk after two stores took turns: {len(ticks)} of {len(expected)}")
    assert ticks == expected
    assert set(b.ticks(GUIDE, DEVICE)) == expected
    # a has not written since b's last tick: it sees it once it reloads
    assert a.changed_on_disk()
    a.load()
    assert set(a.ticks(GUIDE, DEVICE)) == expected


def test_untick_in_one_window_is_not_undone_by_the_other(data_dir: Path) -> None:
    """A stale window writing its own tick must not bring back a step the other unticked."""
    a, b = ProgressStore(data_dir), ProgressStore(data_dir)
    a.set_tick(GUIDE, DEVICE, "shared", True, 1)
    b.load()
    assert "shared" in b.ticks(GUIDE, DEVICE)
    a.set_tick(GUIDE, DEVICE, "shared", False, 1)
    b.set_tick(GUIDE, DEVICE, "other", True, 1)  # b still shows "shared" as ticked
    assert _ticks_on_disk(data_dir) == {"other"}
