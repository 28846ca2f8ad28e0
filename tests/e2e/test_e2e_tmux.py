"""One end-to-end run of the *installed* ``optout-tui`` in a real terminal (tmux).

A person's view: start the program in an 80x24 terminal, tick two steps, switch to French,
quit, start again and find the ticks. The screen is read with ``capture-pane``. Skipped only
where tmux is missing or the console script is not installed (a source checkout).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = Path(sys.executable).with_name("optout-tui")


def _tmux(*args: str) -> str:
    result = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=20)
    return result.stdout


@pytest.fixture
def session(data_dir: Path) -> Iterator[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    if not SCRIPT.exists():
        pytest.skip(f"optout-tui is not installed next to {sys.executable}")
    name = f"optout-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def _start(name: str, data_dir: Path, *args: str) -> None:
    command = f"{SCRIPT} --data-dir {data_dir} {' '.join(args)}; sleep 5"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command],
        check=True,
        timeout=20,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "HOME": str(data_dir.parent)},
    )


def _wait_for(name: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", name)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")


def test_a_person_ticks_switches_language_and_comes_back(session: str, data_dir: Path) -> None:
    _start(session, data_dir)
    screen = _wait_for(session, "0 of 7 steps done")
    assert "Computer" in screen and "Phone app" in screen
    assert "Sign in to LinkedIn" in screen

    _tmux("send-keys", "-t", session, "Space")
    _wait_for(session, "1 of 7 steps done")
    # Two quick presses in one burst, as a hurried person types: both must tick.
    _tmux("send-keys", "-t", session, "Space", "Space")
    screen = _wait_for(session, "3 of 7 steps done")
    assert screen.count("☑") == 3

    _tmux("send-keys", "-t", session, "l")
    screen = _wait_for(session, "3 étapes faites sur 7")
    assert "Ordinateur" in screen

    _tmux("send-keys", "-t", session, "q")
    time.sleep(1.0)  # let the app exit; every tick was already written
    progress = json.loads((data_dir / "progress.json").read_text("utf-8"))
    assert progress["language"] == "fr"
    assert len(progress["guides"]["linkedin-genai"]["devices"]["desktop"]["ticks"]) == 3
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)

    _start(session, data_dir)
    screen = _wait_for(session, "3 étapes faites sur 7")
    assert screen.count("☑") == 3
    _tmux("send-keys", "-t", session, "q")
