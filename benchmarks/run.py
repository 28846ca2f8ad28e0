"""Benchmarks for optout-tui: ``python benchmarks/run.py [--rounds N] [--quick]``.

Every sample is a fresh process. A round runs each case once, baseline then ours, group
after group (A B A B …), so slow drift of the machine touches both sides alike; one
untimed warm-up round comes first (bytecode caches, page cache). The table gives the median
and the spread (min–max) over the rounds, then one ``figure:`` line per goal. The exit code
is always 0: these are measurements, not tests, and never fail CI.

Cases (see README.md for what each figure means):

* paint: OptOutApp / a bare Textual app of the same shape / OptOutApp on a generated
  1,000-step guide, headless at 100x30, until the first full paint, then exit.
* status: ``python -m tui status`` / ``python -c pass``.
* tick: 1,000 alternating tick/untick through ProgressStore / raw durable writes.
* keys: keypress → repaint under Pilot (tick, tab switch) / a list move in the bare app.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASES = HERE / "cases"
sys.path.insert(0, str(ROOT))  # measure the checkout next to this file, whatever is installed

from cases.bigguide import write_guide  # noqa: E402
from cases.tick import dumps, seed_data  # noqa: E402

PY = sys.executable
TIMEOUT = 300.0
GROUPS = ("paint", "status", "tick", "keys")


# --------------------------------------------------------------------------- running children


@dataclass
class Run:
    """One child process: its wall time, peak RSS and the JSON line it printed (if any)."""

    wall_ms: float
    maxrss_kib: int
    launch_wall: float
    returncode: int
    out: dict[str, Any] | None
    stderr: str


def spawn(args: list[str], env: dict[str, str], timeout: float = TIMEOUT) -> Run:
    """Run a child, timing it from just before fork to just after it is reaped.

    ``os.wait4`` gives the child's own resource usage, so its peak RSS is read without
    help from the child (and without the parent's memory mixed in).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launch_wall = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=ROOT
        )
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        wall_ms = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
        stderr = err.read().decode("utf-8", "replace")
    parsed: dict[str, Any] | None = None
    if lines:
        with contextlib.suppress(json.JSONDecodeError):
            parsed = json.loads(lines[-1])
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Run(wall_ms, rss, launch_wall, proc.returncode, parsed, stderr)


PYCACHE: Path | None = None  # set by main(): bytecode caches for the children, in the tmp folder


def child_env(data_dir: Path) -> dict[str, str]:
    """The caller's environment, minus what would make runs differ, plus a data folder.

    Bytecode is cached (as an installed wheel would have it) in a folder of our own, so that
    PYTHONDONTWRITEBYTECODE cannot make every child recompile, and nothing is written
    outside the benchmark's temporary folder. The warm-up round fills it.
    """
    drop = {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("TEXTUAL")}
    env["LANG"] = "C.UTF-8"
    env["OPTOUT_TUI_DATA_DIR"] = str(data_dir)
    if PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


# --------------------------------------------------------------------------- cases


@dataclass
class Bench:
    rounds: int
    presses: int
    switches: int
    ticks: int
    base: Path
    guide_dir: Path
    seeded: Path
    samples: dict[str, list[float]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    counter: int = 0

    def fresh_dir(self, seeded: bool = False) -> Path:
        """An unused data folder; with ``seeded``, holding a copy of the seeded progress."""
        self.counter += 1
        folder = self.base / f"run-{self.counter}"
        if seeded:
            shutil.copytree(self.seeded, folder)
        return folder

    def record(self, name: str, value: float | None) -> None:
        if value is not None:
            self.samples.setdefault(name, []).append(float(value))

    def check(self, label: str, run: Run) -> dict[str, Any] | None:
        if run.returncode != 0 or run.out is None:
            tail = "\n    ".join(run.stderr.strip().splitlines()[-8:])
            self.problems.append(f"{label}: exit {run.returncode}, no result\n    {tail}")
            return None
        return run.out

    # Each case takes (record?) and runs one child.

    def paint(self, which: str, record: bool) -> None:
        args = [PY, str(CASES / "paint.py"), which]
        if which == "big":
            args.append(str(self.guide_dir))
        folder = self.fresh_dir(seeded=True)
        run = spawn(args, child_env(folder))
        shutil.rmtree(folder, ignore_errors=True)
        out = self.check(f"paint {which}", run)
        if out is None or not record:
            return
        if not out.get("frame_ok"):
            self.problems.append(f"paint {which}: the expected text was not on the first frame")
        self.record(f"paint.{which}.wall", run.wall_ms)
        self.record(f"paint.{which}.rss", out["peak_rss_kib"] / 1024)
        self.record(f"paint.{which}.ru_maxrss", run.maxrss_kib / 1024)
        self.record(f"paint.{which}.interpreter", (out["start_wall"] - run.launch_wall) * 1000)
        self.record(f"paint.{which}.imports", out["imported_ms"])
        self.record(f"paint.{which}.construct", out["constructed_ms"] - out["imported_ms"])
        self.record(f"paint.{which}.mount_paint", out["painted_ms"] - out["constructed_ms"])
        to_paint = (out["painted_wall"] - run.launch_wall) * 1000
        self.record(f"paint.{which}.to_paint", to_paint)
        self.record(f"paint.{which}.exit", run.wall_ms - to_paint)

    def status(self, which: str, record: bool) -> None:
        args = [PY, "-m", "tui", "status"] if which == "ours" else [PY, "-c", "pass"]
        folder = self.fresh_dir(seeded=True)
        run = spawn(args, child_env(folder))
        shutil.rmtree(folder, ignore_errors=True)
        if run.returncode not in (0, 1):  # status: 1 means "not complete yet"
            self.problems.append(f"status {which}: exit {run.returncode}: {run.stderr[-300:]}")
            return
        if record:
            self.record(f"status.{which}.wall", run.wall_ms)

    def tick(self, which: str, record: bool) -> None:
        count = self.ticks if record else 50
        folder = self.fresh_dir()
        run = spawn([PY, str(CASES / "tick.py"), which, str(count), str(folder)], child_env(folder))
        shutil.rmtree(folder, ignore_errors=True)
        out = self.check(f"tick {which}", run)
        if out is None or not record:
            return
        for key in ("p50", "p99", "mean", "max"):
            self.record(f"tick.{which}.{key}", out[f"{key}_ms"])

    def keys(self, which: str, record: bool) -> None:
        counts = [str(self.presses), str(self.switches)] if record else ["2", "2"]
        folder = self.fresh_dir(seeded=True)
        run = spawn([PY, str(CASES / "keys.py"), which, *counts], child_env(folder))
        shutil.rmtree(folder, ignore_errors=True)
        out = self.check(f"keys {which}", run)
        if out is None or not record:
            return
        parts = ("tick", "tab") if which == "ours" else ("move", "tab")
        for part in parts:
            self.record(f"keys.{which}.{part}.wall", out[part]["wall_mean_ms"])
            self.record(f"keys.{which}.{part}.cpu", out[part]["cpu_mean_ms"])


def schedule(bench: Bench, groups: list[str]) -> list[tuple[str, Callable[[bool], None]]]:
    """One round: within each group the baseline first, then ours."""
    jobs: dict[str, list[tuple[str, Callable[[bool], None]]]] = {
        "paint": [
            ("paint bare", lambda r: bench.paint("bare", r)),
            ("paint ours", lambda r: bench.paint("ours", r)),
            ("paint 1000-step guide", lambda r: bench.paint("big", r)),
        ],
        "status": [
            ("python -c pass", lambda r: bench.status("pass", r)),
            ("optout-tui status", lambda r: bench.status("ours", r)),
        ],
        "tick": [
            ("raw durable writes", lambda r: bench.tick("raw", r)),
            ("ProgressStore ticks", lambda r: bench.tick("store", r)),
        ],
        "keys": [
            ("keys bare", lambda r: bench.keys("bare", r)),
            ("keys ours", lambda r: bench.keys("ours", r)),
        ],
    }
    return [job for group in groups for job in jobs[group]]


# --------------------------------------------------------------------------- reporting


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str  # "ms" or "MiB"


ROWS = [
    Row("paint.bare.wall", "first paint, bare app: process wall time", "ms"),
    Row("paint.ours.wall", "first paint, OptOutApp: process wall time", "ms"),
    Row("paint.big.wall", "first paint, 1,000-step guide: process wall time", "ms"),
    Row("paint.bare.to_paint", "  bare: launch → first paint (no teardown)", "ms"),
    Row("paint.ours.to_paint", "  ours: launch → first paint (no teardown)", "ms"),
    Row("paint.big.to_paint", "  1,000 steps: launch → first paint", "ms"),
    Row("paint.bare.interpreter", "  bare: interpreter start (launch → script)", "ms"),
    Row("paint.ours.interpreter", "  ours: interpreter start (launch → script)", "ms"),
    Row("paint.bare.imports", "  bare: imports", "ms"),
    Row("paint.ours.imports", "  ours: imports (tui.app)", "ms"),
    Row("paint.big.imports", "  1,000 steps: imports", "ms"),
    Row("paint.bare.construct", "  bare: App()", "ms"),
    Row("paint.ours.construct", "  ours: OptOutApp() (content + progress)", "ms"),
    Row("paint.big.construct", "  1,000 steps: collect() + OptOutApp()", "ms"),
    Row("paint.bare.mount_paint", "  bare: run → first paint", "ms"),
    Row("paint.ours.mount_paint", "  ours: run → first paint", "ms"),
    Row("paint.big.mount_paint", "  1,000 steps: run → first paint", "ms"),
    Row("paint.bare.exit", "  bare: paint → process gone", "ms"),
    Row("paint.ours.exit", "  ours: paint → process gone", "ms"),
    Row("paint.big.exit", "  1,000 steps: paint → process gone", "ms"),
    Row("paint.bare.rss", "peak RSS, bare app", "MiB"),
    Row("paint.ours.rss", "peak RSS, OptOutApp", "MiB"),
    Row("paint.big.rss", "peak RSS, 1,000-step guide", "MiB"),
    Row("paint.bare.ru_maxrss", "  bare: ru_maxrss from wait4 (≥ parent at fork)", "MiB"),
    Row("paint.ours.ru_maxrss", "  ours: ru_maxrss from wait4 (≥ parent at fork)", "MiB"),
    Row("status.pass.wall", "python -c pass", "ms"),
    Row("status.ours.wall", "optout-tui status (python -m tui status)", "ms"),
    Row("tick.raw.p50", "raw durable write p50", "ms"),
    Row("tick.store.p50", "ProgressStore.set_tick p50", "ms"),
    Row("tick.raw.p99", "raw durable write p99", "ms"),
    Row("tick.store.p99", "ProgressStore.set_tick p99", "ms"),
    Row("tick.raw.mean", "raw durable write mean", "ms"),
    Row("tick.store.mean", "ProgressStore.set_tick mean", "ms"),
    Row("tick.raw.max", "raw durable write max", "ms"),
    Row("tick.store.max", "ProgressStore.set_tick max", "ms"),
    Row("keys.bare.move.wall", "bare: down (list move) press+pause", "ms"),
    Row("keys.ours.tick.wall", "ours: space (tick + write) press+pause", "ms"),
    Row("keys.ours.tab.wall", "ours: right (device tab) press+pause", "ms"),
    Row("keys.bare.tab.wall", "bare: right on the tab bar press+pause", "ms"),
    Row("keys.bare.move.cpu", "  bare: down, CPU time", "ms"),
    Row("keys.ours.tick.cpu", "  ours: space, CPU time", "ms"),
    Row("keys.ours.tab.cpu", "  ours: right, CPU time", "ms"),
    Row("keys.bare.tab.cpu", "  bare: right on the tab bar, CPU time", "ms"),
]


@dataclass(frozen=True)
class Figure:
    name: str
    ours: str
    base: str
    base_label: str = "bare"
    unit: str = "ms"
    goal: float | None = None  # None: shown for information, no goal


FIGURES = [
    Figure("first paint", "paint.ours.wall", "paint.bare.wall", "bare", "ms", 1.25),
    Figure("peak RSS", "paint.ours.rss", "paint.bare.rss", "bare", "MiB", 1.15),
    Figure("status", "status.ours.wall", "status.pass.wall", "pass", "ms", 2.5),
    Figure("tick durable p50", "tick.store.p50", "tick.raw.p50", "raw", "ms", 1.3),
    Figure("tick durable p99", "tick.store.p99", "tick.raw.p99", "raw", "ms", 1.3),
    Figure("first paint 1,000 steps", "paint.big.wall", "paint.ours.wall", "real", "ms", 1.5),
    Figure("keypress tick", "keys.ours.tick.wall", "keys.bare.move.wall", "bare", "ms", 1.5),
    Figure("keypress tab switch", "keys.ours.tab.wall", "keys.bare.move.wall", "bare", "ms", 1.5),
    # For information: the same things without process teardown or Pilot's idle sleeps.
    Figure("first paint, launch→paint", "paint.ours.to_paint", "paint.bare.to_paint"),
    Figure("keypress tick, CPU", "keys.ours.tick.cpu", "keys.bare.move.cpu"),
    Figure("keypress tab switch, CPU", "keys.ours.tab.cpu", "keys.bare.move.cpu"),
    Figure("tab switch vs bare tab switch", "keys.ours.tab.wall", "keys.bare.tab.wall"),
    Figure("tab switch vs bare tab switch, CPU", "keys.ours.tab.cpu", "keys.bare.tab.cpu"),
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
        ratios = [a / b for a, b in zip(ours, base, strict=False) if b]
        if len(ratios) != len(ours) or not ratios:
            continue  # a failed run left the rounds unpaired
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
            verdict = "(information, no goal)"
        else:
            verdict = f"goal ≤{fig.goal:g}×  {'ok' if ratio <= fig.goal else 'MISSED'}"
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
    return {
        "date": date.today().isoformat(),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "textual": metadata.version("textual"),
        "platform": platform.platform(),
    }


# --------------------------------------------------------------------------- main


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="optout-tui benchmarks (always exits 0)")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 7, --quick 3)")
    parser.add_argument(
        "--quick", action="store_true", help="3 rounds, 20 key presses, 10 tab switches"
    )
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups: {','.join(GROUPS)}"
    )
    parser.add_argument("--presses", type=int, help="ticks / list moves per sample (50)")
    parser.add_argument("--switches", type=int, help="tab switches per sample (20)")
    parser.add_argument("--ticks", type=int, default=1000, help="ticks per sample (1000)")
    parser.add_argument(
        "--tmp-dir", type=Path, help="where data folders live (default: the system temp folder)"
    )
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    groups = [g for g in args.only.split(",") if g in GROUPS]
    rounds = max(1, args.rounds or (3 if args.quick else 7))
    presses = args.presses or (20 if args.quick else 50)
    switches = args.switches or (10 if args.quick else 20)
    info = machine()
    base = Path(tempfile.mkdtemp(prefix="optout-bench-", dir=args.tmp_dir))
    global PYCACHE
    PYCACHE = base / "pycache"
    try:
        guide_parent = base / "content"
        guide_dir = write_guide(guide_parent)
        from tui.catalog import builtin_content_dir, collect, validate

        errors = validate(guide_dir) + collect([builtin_content_dir(), guide_parent])[1]
        if errors:
            print("the generated guide is not valid:", *errors[:10], sep="\n  ")
            return 0
        seeded = base / "seeded"
        seeded.mkdir()
        (seeded / "progress.json").write_bytes(dumps(seed_data()))
        bench = Bench(rounds, presses, switches, args.ticks, base, guide_parent, seeded)
        jobs = schedule(bench, groups)

        print(
            f"optout-tui benchmarks, {info['date']}: {info['nproc']} CPUs ({info['cpu']}), "
            f"Python {info['python']}, textual {info['textual']}"
        )
        print(f"data folders in {base} ({filesystem(base)}); {rounds} rounds + 1 warm-up")
        print(f"load average at start: {load()} (other work on the machine widens the spread)")
        started = time.perf_counter()
        for number in range(rounds + 1):
            record = number > 0
            print(f"round {number}/{rounds}{'' if record else ' (warm-up)'} …", flush=True)
            for _, job in jobs:
                job(record)
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print(f"\n{len(jobs)} cases × {rounds} rounds in {elapsed:.0f} s, load average now {load()}")
    print("median and min – max over the rounds:\n")
    print("\n".join(table(bench.samples)))
    if bench.problems:
        print("\nproblems:")
        print("\n".join(f"  {p}" for p in dict.fromkeys(bench.problems)))
    print("\nratio within each round (ours / baseline): median (min – max)\n")
    print("\n".join(paired_lines(bench.samples)))
    print()
    print("\n".join(figure_lines(bench.samples)))
    if args.json:
        payload = {"machine": info, "rounds": rounds, "samples": bench.samples}
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception:  # a benchmark that breaks reports it, and still never fails CI
        traceback.print_exc()
    sys.exit(0)
