"""What the guide tests share: every string of a parsed TOML file, and ``optout-tui guide``
run as a person would (a fresh process, its own data and cache folders)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def strings(value: Any, *, keys: bool = False) -> Iterator[str]:
    """Every string in a parsed TOML value, however deeply nested (and the keys, if asked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys:
                yield key
            yield from strings(item, keys=keys)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, keys=keys)


def guide_command(
    guide_id: str, lang: str, tmp_path: Path, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """``optout-tui guide --guide ID --lang LANG`` in ``cwd`` (whose ``tui`` is run)."""
    env = dict(os.environ, OPTOUT_TUI_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(cwd))
    argv = ["--data-dir", str(tmp_path / "data"), "guide", "--guide", guide_id, "--lang", lang]
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
