"""What ``run.py`` prints: the table of medians, the ratios per round and the figure lines.

Kept apart from the runner so the list of rows and figures (and their goals, copied from
issue 9) reads in one place. Every figure is a ratio of two medians over the rounds, each
side measured in the same round; nothing here runs a child.
"""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str  # "ms" or "MiB"


ROWS = [
    Row("paint.bare.wall", "first paint, bare app: process wall time", "ms"),
    Row("paint.ours.wall", "first paint, OptOutApp: process wall time", "ms"),
    Row("paint.many.wall", "first paint, +50 guides (warm cache): process wall", "ms"),
    Row("paint.big.wall", "first paint, 1,000-step guide: process wall time", "ms"),
    Row("paint.bare.to_paint", "  bare: launch → first paint (no teardown)", "ms"),
    Row("paint.ours.to_paint", "  ours: launch → first paint (no teardown)", "ms"),
    Row("paint.many.to_paint", "  +50 guides: launch → first paint", "ms"),
    Row("paint.big.to_paint", "  1,000 steps: launch → first paint", "ms"),
    Row("paint.bare.interpreter", "  bare: interpreter start (launch → script)", "ms"),
    Row("paint.ours.interpreter", "  ours: interpreter start (launch → script)", "ms"),
    Row("paint.bare.imports", "  bare: imports", "ms"),
    Row("paint.ours.imports", "  ours: imports (the app module)", "ms"),
    Row("paint.bare.construct", "  bare: App()", "ms"),
    Row("paint.ours.construct", "  ours: OptOutApp() (catalog + progress)", "ms"),
    Row("paint.many.construct", "  +50 guides: load_catalog + OptOutApp()", "ms"),
    Row("paint.big.construct", "  1,000 steps: load_catalog + OptOutApp()", "ms"),
    Row("paint.bare.mount_paint", "  bare: run → first paint", "ms"),
    Row("paint.ours.mount_paint", "  ours: run → first paint", "ms"),
    Row("paint.many.mount_paint", "  +50 guides: run → first paint", "ms"),
    Row("paint.big.mount_paint", "  1,000 steps: run → first paint", "ms"),
    Row("paint.bare.exit", "  bare: paint → process gone", "ms"),
    Row("paint.ours.exit", "  ours: paint → process gone", "ms"),
    Row("paint.bare.rss", "peak RSS, bare app", "MiB"),
    Row("paint.ours.rss", "peak RSS, OptOutApp", "MiB"),
    Row("paint.many.rss", "peak RSS, +50 guides", "MiB"),
    Row("paint.big.rss", "peak RSS, 1,000-step guide", "MiB"),
    Row("paint.bare.ru_maxrss", "  bare: ru_maxrss from wait4 (≥ parent at fork)", "MiB"),
    Row("paint.ours.ru_maxrss", "  ours: ru_maxrss from wait4 (≥ parent at fork)", "MiB"),
    Row("status.pass.wall", "python -c pass", "ms"),
    Row("status.ours.wall", "optout-tui status (warm cache)", "ms"),
    Row("status.many.wall", "optout-tui status --content 50 guides (warm cache)", "ms"),
    Row("cold.status_ours.wall", "cold cache, once: status", "ms"),
    Row("cold.status_many.wall", "cold cache, once: status --content 50 guides", "ms"),
    Row("cold.paint_ours.wall", "cold cache, once: first paint", "ms"),
    Row("cold.paint_many.wall", "cold cache, once: first paint, +50 guides", "ms"),
    Row("tick.raw.p50", "raw durable write p50", "ms"),
    Row("tick.store.p50", "ProgressStore save p50", "ms"),
    Row("tick.raw.p99", "raw durable write p99", "ms"),
    Row("tick.store.p99", "ProgressStore save p99", "ms"),
    Row("tick.raw.mean", "raw durable write mean", "ms"),
    Row("tick.store.mean", "ProgressStore save mean", "ms"),
    Row("keys.bare.move.wall", "bare: down (list move), wall", "ms"),
    Row("keys.ours.tick.wall", "ours: space → durable ☑, wall", "ms"),
    Row("keys.ours.tab.wall", "ours: right (device tab), wall", "ms"),
    Row("keys.bare.tab.wall", "bare: right on the tab bar, wall", "ms"),
    Row("keys.bare.move.cpu", "bare: down (list move), CPU", "ms"),
    Row("keys.ours.tick.cpu", "ours: space → durable ☑, CPU (all threads)", "ms"),
    Row("keys.ours.tab.cpu", "ours: right (device tab), CPU", "ms"),
    Row("keys.bare.tab.cpu", "bare: right on the tab bar, CPU", "ms"),
]


@dataclass(frozen=True)
class Figure:
    name: str
    ours: str
    base: str
    base_label: str
    unit: str = "ms"
    goal: float | None = None  # None: shown for information
    note: str = ""


FIGURES = [
    # The goals of issue 9.
    Figure("first paint", "paint.ours.wall", "paint.bare.wall", "bare", "ms", 1.25),
    Figure("peak RSS", "paint.ours.rss", "paint.bare.rss", "bare", "MiB", 1.15),
    Figure("status", "status.ours.wall", "status.pass.wall", "pass", "ms", 2.5),
    Figure("status, +50 guides", "status.many.wall", "status.ours.wall", "shipped", "ms", 1.3),
    Figure("first paint, +50 guides", "paint.many.wall", "paint.ours.wall", "shipped", "ms", 1.2),
    Figure("keypress tick, CPU", "keys.ours.tick.cpu", "keys.bare.move.cpu", "bare down", "ms", 2),
    Figure("tab switch, CPU", "keys.ours.tab.cpu", "keys.bare.tab.cpu", "bare tab", "ms", 1),
    # For information.
    Figure("cold: status, +50", "cold.status_many.wall", "cold.status_ours.wall", "shipped"),
    Figure("cold: first paint, +50", "cold.paint_many.wall", "cold.paint_ours.wall", "shipped"),
    Figure("cold/warm: status", "cold.status_ours.wall", "status.ours.wall", "warm"),
    Figure("cold/warm: status, +50", "cold.status_many.wall", "status.many.wall", "warm"),
    Figure("first paint, launch→paint", "paint.ours.to_paint", "paint.bare.to_paint", "bare"),
    Figure("keypress tick, wall", "keys.ours.tick.wall", "keys.bare.move.wall", "bare down"),
    Figure("tab switch, wall", "keys.ours.tab.wall", "keys.bare.tab.wall", "bare tab"),
    Figure(
        "first paint, 1,000 steps", "paint.big.wall", "paint.ours.wall", "real", note="1.x: ≤1.5×"
    ),
    Figure("tick durable p50", "tick.store.p50", "tick.raw.p50", "raw", note="1.x: ≤1.3×"),
    Figure("tick durable p99", "tick.store.p99", "tick.raw.p99", "raw", note="1.x: ≤1.3×"),
]


def fmt(value: float, unit: str) -> str:
    if unit == "MiB":
        return f"{value:.1f} MiB"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2
    return f"{value:.{digits}f} ms"


def table(samples: dict[str, list[float]]) -> list[str]:
    width = max(len(r.label) for r in ROWS)
    lines = [f"{'case':<{width}}  {'median':>11}  {'min – max':>23}  {'n':>3}"]
    lines.append("-" * len(lines[0]))
    for row in ROWS:
        values = samples.get(row.key)
        if not values:
            continue
        spread = f"{fmt(min(values), row.unit)} – {fmt(max(values), row.unit)}"
        median = fmt(statistics.median(values), row.unit)
        lines.append(f"{row.label:<{width}}  {median:>11}  {spread:>23}  {len(values):>3}")
    return lines


def paired_lines(samples: dict[str, list[float]]) -> list[str]:
    """Ours / baseline within each round: adjacent runs, so drift of the machine cancels."""
    width = max(len(f.name) for f in FIGURES)
    lines = []
    for fig in FIGURES:
        ours, base = samples.get(fig.ours, []), samples.get(fig.base, [])
        if len(ours) < 2 or len(ours) != len(base):
            continue  # a single sample (cold) or a failed run left the rounds unpaired
        ratios = [a / b for a, b in zip(ours, base, strict=True) if b]
        lines.append(
            f"{fig.name:<{width}}  {statistics.median(ratios):5.2f}×"
            f"  ({min(ratios):.2f}× – {max(ratios):.2f}×)"
        )
    return lines


def figure_lines(samples: dict[str, list[float]]) -> list[str]:
    lines = []
    for fig in FIGURES:
        ours, base = samples.get(fig.ours), samples.get(fig.base)
        if not ours or not base:
            continue
        a, b = statistics.median(ours), statistics.median(base)
        ratio = a / b if b else float("inf")
        if fig.goal is None:
            verdict = f"(information{'; ' + fig.note if fig.note else ''})"
        else:
            verdict = f"goal ≤{fig.goal:g}×  {'met' if ratio <= fig.goal else 'MISSED'}"
        lines.append(
            f"figure: {fig.name}  ours {fmt(a, fig.unit)}  {fig.base_label} {fmt(b, fig.unit)}"
            f"  ratio {ratio:.2f}×  {verdict}"
        )
    return lines


def filesystem(path: Path) -> str:
    """The type of the filesystem holding ``path`` (Linux), so a tmpfs is not mistaken for disk."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "unknown"
    best, kind = "", "unknown"
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3 or len(parts[1]) < len(best):
            continue
        if target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"):
            best, kind = parts[1], parts[2]
    return kind


def load() -> str:
    with contextlib.suppress(OSError, AttributeError):
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    return "unknown"


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    if cpu == "unknown":
        cpu = platform.processor() or platform.machine()
    textual = "not installed"
    with contextlib.suppress(metadata.PackageNotFoundError):
        textual = metadata.version("textual")
    return {
        "date": date.today().isoformat(),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "textual": textual,
        "platform": platform.platform(),
    }
