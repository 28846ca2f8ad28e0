"""Child: keypress → repaint under Pilot, in one app run at 100x30.

Usage: python keys.py ours|bare PRESSES TAB_SWITCHES

ours: ``space`` on the highlighted step (tick, which writes the progress file), with an
untimed ``up`` after each tick so the next ``space`` unticks the same step (the checklist never
completes); then ``right`` (switch device tab). bare: ``down`` in the list, with an untimed
``up`` after each; then ``right`` with the tab bar focused (Textual's own tab switch, for
reference). Each timed sample is ``await pilot.press(key)`` then ``await pilot.pause()``:
wall time (perf_counter) and CPU time of this process (process_time, which leaves out the
sleeps that Pilot uses to wait for idle). One JSON line on stdout.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

SIZE = (100, 30)


async def sample(pilot: Any, key: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await pilot.pause()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


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
    from tui.app.app import OptOutApp

    app = OptOutApp()
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        checklist = app._checklist()
        ticks: list[tuple[float, float]] = []
        for _ in range(presses):
            step = checklist.current_step
            ticks.append(await sample(pilot, "space"))
            if step is not None and step.id in app._ticks():
                await pilot.press("up")
                await pilot.pause()
        out["ticked_now"] = len(app._ticks())
        tabs = [await sample(pilot, "right") for _ in range(switches)]
        out["tick"] = summary(ticks)
        out["tab"] = summary(tabs)
        out["device_after"] = app.device_id
    return out


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
            await pilot.press("up")
            await pilot.pause()
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
