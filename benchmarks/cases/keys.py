"""Child: keypress → repaint under Pilot, in one app run at 100x30.

Usage: python keys.py ours|bare PRESSES TAB_SWITCHES

ours: ``space`` on the highlighted step (a tick), with an untimed ``up`` after each tick so
the next ``space`` unticks the same step (the checklist never completes); then ``right``
(switch device tab). bare: ``down`` in the list, with an untimed ``up`` after each; then
``right`` with the tab bar focused (Textual's own tab switch). Every timed sample, on both
sides and for every key, is the same three awaits:

    await pilot.press(key)                  # the key goes through, Pilot waits for idle
    await app.workers.wait_for_complete()   # 2.0: the tick's save worker has written and
                                            # handed the saved records back to the screen
    await pilot.pause()                     # the ☑ that follows them is painted

wall time (perf_counter) and CPU time of this process (process_time: every thread of the
process, so the save worker's CPU is counted; the sleeps Pilot uses to wait for idle are
not). In 2.0 a box turns ☑ only when the save comes back, so a tick sample ends with the
durable ☑ on screen; after each one the child checks that the checklist shows exactly what
was saved (``durable_ok``) and, at the end, that the file on disk agrees (``disk_ok``). In
1.x the write happened on the event loop inside the key press (no worker to wait for).
One JSON line on stdout.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

SIZE = (100, 30)


async def sample(pilot: Any, key: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


async def settle(pilot: Any, key: str) -> None:
    """An untimed key press, awaited the same way."""
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def summary(samples: list[tuple[float, float]]) -> dict[str, float]:
    walls, cpus = [w for w, _ in samples], [c for _, c in samples]
    return {
        "wall_mean_ms": statistics.fmean(walls),
        "wall_p50_ms": statistics.median(walls),
        "cpu_mean_ms": statistics.fmean(cpus),
        "cpu_p50_ms": statistics.median(cpus),
        "n": len(samples),
    }


async def run_ours(presses: int, switches: int) -> dict[str, Any]:
    from compat import checklist, device, optout_app, saved_ticks

    app = optout_app()()
    out: dict[str, Any] = {"durable_ok": 0, "durable_wrong": 0}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ticks: list[tuple[float, float]] = []
        for _ in range(presses):
            step = checklist(app).current_step
            wanted = step is not None and step.id not in saved_ticks(app)
            ticks.append(await sample(pilot, "space"))
            saved = step is not None and step.id in saved_ticks(app)
            out["durable_ok" if saved == wanted else "durable_wrong"] += 1
            if saved:
                await settle(pilot, "up")
        shown = dict(saved_ticks(app))
        out["ticked_now"] = len(shown)
        out["disk_ok"] = disk_ticks(app, device(app)) == shown
        tabs = [await sample(pilot, "right") for _ in range(switches)]
        out["tick"] = summary(ticks)
        out["tab"] = summary(tabs)
        out["device_after"] = device(app)
    return out


def disk_ticks(app: Any, device_id: str) -> dict[str, str]:
    """The device's ticks as the progress file on disk holds them."""
    data = json.loads(Path(app.store.path).read_text(encoding="utf-8"))
    record = data.get("guides", {}).get(app.guide.id, {}).get("devices", {}).get(device_id, {})
    return dict(record.get("ticks", {}))


async def run_bare(presses: int, switches: int) -> dict[str, Any]:
    from bare_app import BareApp
    from textual.widgets import TabbedContent, Tabs

    app = BareApp()
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        moves: list[tuple[float, float]] = []
        for _ in range(presses):
            moves.append(await sample(pilot, "down"))
            await settle(pilot, "up")
        out["move"] = summary(moves)
        out["focused"] = str(app.focused.id if app.focused else None)
        app.query_one(Tabs).focus()
        await pilot.pause()
        out["tab"] = summary([await sample(pilot, "right") for _ in range(switches)])
        out["tab_after"] = app.query_one(TabbedContent).active
    return out


def main() -> int:
    which, presses, switches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    runner: Callable[[int, int], Coroutine[Any, Any, dict[str, Any]]]
    runner = run_ours if which == "ours" else run_bare
    result = asyncio.run(runner(presses, switches))
    result["case"] = which
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
