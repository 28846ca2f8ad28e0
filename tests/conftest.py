"""Shared fixtures: every test gets its own data folder and a neutral environment.

No test may read or write the real per-user progress file, so OPTOUT_TUI_DATA_DIR points
into pytest's temporary folder and locale variables are cleared (tests that need French say
so). This is the idea dooit and posting use: inject the data path, never mock the disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import settings

# Seeded randomness: the fuzz tests draw the same cases on every run and every machine, so
# a failure in CI is a failure anyone can reproduce (OPTOUT_TUI_FULL=1 runs the big sizes).
settings.register_profile("optout-tui", derandomize=True, database=None)
settings.load_profile("optout-tui")

# Before any test module is imported: a module that loads the catalog at import time must
# never write the person's real cache or data folders (each test then gets its own).
_SESSION = tempfile.mkdtemp(prefix="optout-tui-tests-")
os.environ["OPTOUT_TUI_DATA_DIR"] = os.path.join(_SESSION, "data")
os.environ["OPTOUT_TUI_CACHE_DIR"] = os.path.join(_SESSION, "cache")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("OPTOUT_TUI_DATA_DIR", str(data))
    monkeypatch.setenv("OPTOUT_TUI_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    # Whatever the machine's terminal settings, the app under test looks the same (snapshots).
    for name in [n for n in os.environ if n.startswith("TEXTUAL") and "SNAPSHOT" not in n]:
        monkeypatch.delenv(name, raising=False)
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return data


@pytest.fixture
def data_dir(isolated_env: Path) -> Path:
    return isolated_env


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in content, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``optout-tui`` exactly as a person would: a fresh process, real files."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


async def settle(pilot) -> None:
    """Let the app finish what a key started: saves run in thread workers, off the loop."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
