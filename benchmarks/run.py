"""Benchmarks for optout-tui: ``python benchmarks/run.py [--rounds N] [--quick] [--root DIR]``.

Every sample is a fresh process. A round runs each case once, baseline then ours, group
after group (A B A B …), so slow drift of the machine touches both sides alike; one
untimed warm-up round comes first (bytecode caches, page cache, the catalog caches). The
table gives the median and the spread (min–max) over the rounds, then one ``figure:`` line
per goal. The exit code is always 0: these are measurements, not tests, and never fail CI.

Cases (see README.md for what each figure means):

* paint: a bare Textual app of the same shape / OptOutApp / OptOutApp with 50 generated
  extra guides (``--content``) / OptOutApp on a generated 1,000-step guide, headless at
  100x30, until the first full paint, then exit.
* status: ``python -c pass`` / ``python -m tui status`` / the same with the 50 extra guides.
* cold: once, after the rounds: status and first paint, shipped and +50, each with an
  empty cache folder.
* tick: 1,000 alternating tick/untick through ProgressStore / raw durable writes.
* keys: keypress → repaint under Pilot (tick through to the saved ☑, tab switch) / a list
  move and a tab switch in the bare app.

``--root DIR`` measures another checkout (its ``tui`` goes first on ``PYTHONPATH``), with
these same cases: ``cases/compat.py`` bridges the names that moved between 1.x and 2.0.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
sys.path.insert(0, str(HERE))

from cases.generate import write_big, write_catalog  # noqa: E402
from cases.tick import dumps, seed_data  # noqa: E402
from report import figure_lines, filesystem, load, machine, paired_lines, table  # noqa: E402

PY = sys.executable
TIMEOUT = 300.0
GROUPS = ("paint", "status", "tick", "keys", "cold")


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


def spawn(args: list[str], env: dict[str, str], cwd: Path, timeout: float = TIMEOUT) -> Run:
    """Run a child, timing it from just before fork to just after it is reaped.

    ``os.wait4`` gives the child's own resource usage (and its exit status) without a
    second wait. ``cwd`` is the checkout measured: ``python -m tui`` imports from there.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launch_wall = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd
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
    return Run(
        wall_ms,
        rss,
        launch_wall,
        proc.returncode,
        parsed if isinstance(parsed, dict) else None,
        stderr,
    )


# --------------------------------------------------------------------------- the cases


@dataclass
class Bench:
    root: Path  # the checkout measured
    rounds: int
    presses: int
    switches: int
    ticks: int
    base: Path
    big: Path  # --content folder holding the 1,000-step guide
    many: Path  # --content folder holding the 50 extra guides
    seeded: Path
    samples: dict[str, list[float]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    counter: int = 0

    def env(self, data_dir: Path, cache: str | Path) -> dict[str, str]:
        """The caller's environment, minus what would make runs differ, plus the folders.

        Bytecode is cached (as an installed wheel would have it) in a folder of our own, so
        that PYTHONDONTWRITEBYTECODE cannot make every child recompile, and nothing is
        written outside the benchmark's temporary folder: progress in ``data_dir``, the
        catalog's caches in ``cache`` (a name: one folder per catalog, kept from round to
        round, so warm after the warm-up round; a path: the folder given, for cold runs).
        """
        drop = {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP"}
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env = {k: v for k, v in env.items() if not k.startswith(("TEXTUAL", "OPTOUT_TUI"))}
        env["LANG"] = "C.UTF-8"
        env["OPTOUT_TUI_DATA_DIR"] = str(data_dir)
        folder = cache if isinstance(cache, Path) else self.base / "caches" / cache
        env["OPTOUT_TUI_CACHE_DIR"] = str(folder)
        env["PYTHONPYCACHEPREFIX"] = str(self.base / "pycache")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(self.root), env.get("PYTHONPATH")]))
        return env

    def fresh_dir(self, seeded: bool = False) -> Path:
        """An unused data folder; with ``seeded``, holding a copy of the seeded progress."""
        self.counter += 1
        folder = self.base / f"run-{self.counter}"
        if seeded:
            shutil.copytree(self.seeded, folder)
        return folder

    def child(self, label: str, args: list[str], cache: str | Path = "shipped") -> Run:
        """One child on a fresh seeded data folder (removed afterwards)."""
        folder = self.fresh_dir(seeded=True)
        run = spawn(args, self.env(folder, cache), self.root)
        shutil.rmtree(folder, ignore_errors=True)
        return run

    def record(self, name: str, value: float | None) -> None:
        if value is not None:
            self.samples.setdefault(name, []).append(float(value))

    def check(self, label: str, run: Run) -> dict[str, Any] | None:
        if run.returncode != 0 or run.out is None:
            tail = "\n    ".join(run.stderr.strip().splitlines()[-8:])
            self.problems.append(f"{label}: exit {run.returncode}, no result\n    {tail}")
            return None
        return run.out

    # Each case takes ``record`` (False in the warm-up round) and runs one child.

    def paint_args(self, which: str) -> list[str]:
        extra = {"big": [str(self.big)], "many": [str(self.many)]}.get(which, [])
        return [PY, str(CASES / "paint.py"), which, *extra]

    def paint(self, which: str, record: bool) -> None:
        cache = {"big": "big", "many": "many"}.get(which, "shipped")
        run = self.child(f"paint {which}", self.paint_args(which), cache)
        out = self.check(f"paint {which}", run)
        if out is None or not record:
            return
        self.verify_paint(which, out)
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

    def verify_paint(self, which: str, out: dict[str, Any]) -> None:
        if not out.get("frame_ok"):
            self.problems.append(f"paint {which}: the expected text was not on the first frame")
        if which != "bare" and Path(out.get("tui", "")).resolve() != self.root:
            self.problems.append(f"paint {which}: measured tui from {out.get('tui')!r}")

    def status_args(self, which: str) -> list[str]:
        if which == "pass":
            return [PY, "-c", "pass"]
        extra = ["--content", str(self.many)] if which == "many" else []
        return [PY, "-m", "tui", "status", *extra]

    def status(self, which: str, record: bool) -> None:
        cache = "many" if which == "many" else "shipped"
        run = self.child(f"status {which}", self.status_args(which), cache)
        if run.returncode not in (0, 1):  # status: 1 means "not complete yet"
            self.problems.append(f"status {which}: exit {run.returncode}: {run.stderr[-300:]}")
            return
        if record:
            self.record(f"status.{which}.wall", run.wall_ms)

    def cold(self, which: str, record: bool) -> None:
        """Once, with an empty cache folder: no index, no parse cache (bytecode stays warm)."""
        if not record:
            return
        kind, catalog = which.split("_")
        cache = self.base / f"cold-{which}-{self.counter}"
        args = self.status_args(catalog) if kind == "status" else self.paint_args(catalog)
        run = self.child(f"cold {which}", args, cache)
        shutil.rmtree(cache, ignore_errors=True)
        if run.returncode not in (0, 1) or (kind == "paint" and run.out is None):
            self.problems.append(f"cold {which}: exit {run.returncode}: {run.stderr[-300:]}")
            return
        self.record(f"cold.{which}.wall", run.wall_ms)

    def tick(self, which: str, record: bool) -> None:
        count = self.ticks if record else 50
        folder = self.fresh_dir()
        args = [PY, str(CASES / "tick.py"), which, str(count), str(folder)]
        run = spawn(args, self.env(folder, "shipped"), self.root)
        shutil.rmtree(folder, ignore_errors=True)
        out = self.check(f"tick {which}", run)
        if out is None or not record:
            return
        for key in ("p50", "p99", "mean", "max"):
            self.record(f"tick.{which}.{key}", out[f"{key}_ms"])

    def keys(self, which: str, record: bool) -> None:
        counts = [str(self.presses), str(self.switches)] if record else ["2", "2"]
        run = self.child(f"keys {which}", [PY, str(CASES / "keys.py"), which, *counts])
        out = self.check(f"keys {which}", run)
        if out is None or not record:
            return
        if which == "ours" and (out.get("durable_wrong") or not out.get("disk_ok")):
            self.problems.append(f"keys ours: the boxes did not follow the disk: {out}")
        parts = ("tick", "tab") if which == "ours" else ("move", "tab")
        for part in parts:
            self.record(f"keys.{which}.{part}.wall", out[part]["wall_mean_ms"])
            self.record(f"keys.{which}.{part}.cpu", out[part]["cpu_mean_ms"])


Job = tuple[str, Callable[[bool], None]]


def schedule(bench: Bench, groups: list[str]) -> tuple[list[Job], list[Job]]:
    """One round (within each group the baseline first, then ours), and the once-only jobs."""

    def job(name: str, case: Callable[[str, bool], None], which: str) -> Job:
        return name, lambda record: case(which, record)

    jobs: dict[str, list[Job]] = {
        "paint": [
            job("paint bare", bench.paint, "bare"),
            job("paint ours", bench.paint, "ours"),
            job("paint +50 guides", bench.paint, "many"),
            job("paint 1000-step guide", bench.paint, "big"),
        ],
        "status": [
            job("python -c pass", bench.status, "pass"),
            job("optout-tui status", bench.status, "ours"),
            job("optout-tui status +50 guides", bench.status, "many"),
        ],
        "tick": [
            job("raw durable writes", bench.tick, "raw"),
            job("ProgressStore ticks", bench.tick, "store"),
        ],
        "keys": [
            job("keys bare", bench.keys, "bare"),
            job("keys ours", bench.keys, "ours"),
        ],
    }
    once = [
        job(f"cold {which}", bench.cold, which)
        for which in ("status_ours", "status_many", "paint_ours", "paint_many")
    ]
    rounds = [j for group in groups if group in jobs for j in jobs[group]]
    return rounds, once if "cold" in groups else []


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
        "--root",
        type=Path,
        default=HERE.parent,
        help="the checkout to measure (default: the one holding this folder)",
    )
    parser.add_argument(
        "--tmp-dir", type=Path, help="where data folders live (default: the system temp folder)"
    )
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    return parser.parse_args(argv)


def describe(root: Path) -> str:
    """The checkout measured: its commit, and how many guides it ships."""
    commit = "unknown commit"
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        found = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
        )
        commit = found.stdout.strip()[:72]
    shipped = len(list((root / "content").glob("*/guide.toml")))
    return f"{root} ({commit}; {shipped} shipped guides)"


def validate(bench: Bench) -> list[str]:
    """The generated guides, checked by the measured checkout's own ``validate``."""
    problems = []
    for folder in (bench.big, bench.many):
        env = bench.env(bench.base / "validate-data", bench.base / "validate-cache")
        args = [PY, "-m", "tui", "validate", "--content", str(folder)]
        found = subprocess.run(args, capture_output=True, text=True, env=env, cwd=bench.root)
        if found.returncode != 0:
            problems.append(f"{folder}: exit {found.returncode}\n{found.stderr[-2000:]}")
    shutil.rmtree(bench.base / "validate-cache", ignore_errors=True)
    return problems


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    groups = [g for g in args.only.split(",") if g in GROUPS]
    rounds = max(1, args.rounds or (3 if args.quick else 7))
    presses = args.presses or (20 if args.quick else 50)
    switches = args.switches or (10 if args.quick else 20)
    root = args.root.resolve()
    info = machine()
    base = Path(tempfile.mkdtemp(prefix="optout-bench-", dir=args.tmp_dir))
    try:
        big, many = base / "content-big", base / "content-many"
        write_big(big)
        write_catalog(many)
        seeded = base / "seeded"
        seeded.mkdir()
        (seeded / "progress.json").write_bytes(dumps(seed_data()))
        bench = Bench(root, rounds, presses, switches, args.ticks, base, big, many, seeded)
        problems = validate(bench)
        if problems:
            print("the generated guides are not valid:", *problems, sep="\n  ")
            return 0
        jobs, once = schedule(bench, groups)

        print(
            f"optout-tui benchmarks, {info['date']}: {info['nproc']} CPUs ({info['cpu']}), "
            f"Python {info['python']}, textual {info['textual']}"
        )
        print(f"measuring {describe(root)}")
        print(f"data folders in {base} ({filesystem(base)}); {rounds} rounds + 1 warm-up")
        print(f"load average at start: {load()} (other work on the machine widens the spread)")
        started = time.perf_counter()
        for number in range(rounds + 1):
            record = number > 0
            print(f"round {number}/{rounds}{'' if record else ' (warm-up)'} …", flush=True)
            for _, run_job in jobs:
                run_job(record)
        if once:
            print("cold cache, once …", flush=True)
            for _, run_job in once:
                run_job(True)
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
        payload = {
            "machine": info,
            "root": describe(root),
            "rounds": rounds,
            "samples": bench.samples,
        }
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception:  # a benchmark that breaks reports it, and still never fails CI
        traceback.print_exc()
    sys.exit(0)
