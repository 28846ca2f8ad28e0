"""SVG snapshots of the main screens, so a layout regression shows up as a picture diff.

Textual is pinned exactly in pyproject.toml, and time is frozen, so the pictures only change
when our screens do. Update them deliberately with ``pytest --snapshot-update`` and look at
``snapshot_report.html`` before committing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tui.app.app import OptOutApp
from tui.progress import store as progress

FROZEN = "2026-11-23T09:30:00+00:00"


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Fixed time, and a fixed (still private, emptied first) data folder: the help screen
    shows its path, so a per-run temporary name would change the picture every time."""
    monkeypatch.setattr(progress, "now", lambda: FROZEN)
    folder = Path(tempfile.gettempdir()) / "optout-tui-snapshots" / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    monkeypatch.setenv("OPTOUT_TUI_DATA_DIR", str(folder))


def test_desktop_tab_80x24(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), terminal_size=(80, 24))


def test_desktop_tab_wide(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["space", "space"], terminal_size=(120, 34))


def test_phone_tab(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["right"], terminal_size=(120, 34))


def test_french_80x24(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="fr"), press=["space"], terminal_size=(80, 24))


def test_french_wide(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="fr"), press=["down", "down"], terminal_size=(120, 34))


def test_completion(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["space"] * 7, terminal_size=(100, 32))


def test_help(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["f1"], terminal_size=(80, 24))


def test_about_view(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["i"], terminal_size=(120, 34))
