"""Where import time goes: ``python benchmarks/importtimes.py [STATEMENT ...] [--runs N]
[--root DIR]``.

Runs each statement (default: ``import tui.app``, the bare app's imports, and what
``optout-tui status`` imports) in fresh interpreters under ``python -X importtime``, after one
warm-up run that fills a private bytecode cache, and prints for each: the median total, the
self time summed per top-level package, and the modules with the largest cumulative time.
A profiling aid for the figures of run.py; it measures nothing that run.py reports.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULTS = [
    "import tui.app.app",
    "from textual.app import App; from textual.widgets import Footer, Header, OptionList, "
    "TabbedContent, TabPane",
    "import tui.cli",
]


def one_run(statement: str, env: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    """module -> (self µs, cumulative µs, depth) for one fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        env=env,
        cwd=env["PYTHONPATH"].split(os.pathsep)[0],  # the checkout measured (for -m, -c)
        check=True,
    )
    found: dict[str, tuple[int, int, int]] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        found[name.strip()] = (int(own), int(cumulative), depth)
    return found


def summarise(statement: str, runs: int, env: dict[str, str], top: int) -> None:
    one_run(statement, env)  # warm-up: bytecode cache
    samples = [one_run(statement, env) for _ in range(runs)]
    modules = set().union(*samples)

    def median(name: str, index: int) -> float:
        return statistics.median(s[name][index] if name in s else 0 for s in samples) / 1000

    roots = [m for m in modules if all(s.get(m, (0, 0, 1))[2] == 0 for s in samples)]
    total = sum(median(m, 1) for m in roots)
    packages: dict[str, float] = defaultdict(float)
    for name in modules:
        packages[name.split(".")[0]] += median(name, 0)
    print(f"\n== {statement}\n   {runs} runs, median total {total:.1f} ms (sum of top-level)")
    print("   self time per top-level package:")
    for name, ms in sorted(packages.items(), key=lambda kv: -kv[1])[:top]:
        print(f"     {ms:7.1f} ms  {name}")
    print("   largest cumulative (module: self / cumulative):")
    ranked = sorted(modules, key=lambda m: -median(m, 1))[:top]
    for name in ranked:
        print(f"     {median(name, 0):7.1f} / {median(name, 1):7.1f} ms  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("statements", nargs="*", default=DEFAULTS)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--root", type=Path, default=HERE.parent, help="the checkout to measure (default: this)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="optout-importtime-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        root = str(args.root.resolve())
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        for statement in args.statements:
            summarise(statement, args.runs, env, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
