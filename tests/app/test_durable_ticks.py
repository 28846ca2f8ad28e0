"""Issue 10 #2, #3, #4 and #8: what a box shows is what is on disk, and nothing is lost.

The disk is made slow or failing by wrapping ``os.fsync`` (the last step of every durable
write), never by reaching into the store: the tests look only at the boxes, the lines a
person reads and the progress file.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import settle
from seen import on_screen, patch_app, said

from tui.app.app import OptOutApp
from tui.app.screens.confirm import ConfirmScreen
from tui.app.widgets.checklist import PENDING, TICKED, UNTICKED, Checklist
from tui.catalog import load_catalog
from tui.progress import store as store_module
from tui.progress.store import ProgressStore
from tui.text.i18n import Strings

CATALOG = load_catalog()
GUIDE = CATALOG.guide("linkedin-genai")
DESKTOP = list(GUIDE.device("desktop").steps)
S_EN = Strings("en", CATALOG.ui["en"])
NOT_SAVED = S_EN("not_saved", reason="\0").split("\0")[0]  # "Progress cannot be saved ("
REAL_FSYNC = os.fsync


def on_disk(data_dir: Path) -> set[str]:
    """The desktop steps ticked in the progress file (none if there is no file yet)."""
    path = data_dir / "progress.json"
    if not path.exists():
        return set()
    data = json.loads(path.read_text("utf-8"))
    guide = data.get("guides", {}).get(GUIDE.id, {})
    return set(guide.get("devices", {}).get("desktop", {}).get("ticks", {}))


def boxes(app: OptOutApp) -> list[str]:
    """The box drawn in front of each desktop step: ☑, ◌ or ☐."""
    checklist = app.screen.query_one("#list-desktop", Checklist)
    return [option.prompt.plain[0] for option in checklist.options]


def ticked_boxes(app: OptOutApp) -> set[str]:
    return {step for step, box in zip(DESKTOP, boxes(app), strict=True) if box == TICKED}


async def wait_until(pilot, condition, what: str, tries: int = 100) -> None:
    """Let the app run (timers included) until ``condition()`` holds; a bound, not a timing."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
def slow_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every fsync waits until the test sets the event: the write is not durable before."""
    release = threading.Event()

    def slow(fd: int) -> None:
        assert release.wait(timeout=30), "the test never released the disk"
        REAL_FSYNC(fd)

    monkeypatch.setattr(store_module.os, "fsync", slow)
    yield release
    release.set()  # never leave a writer thread blocked


class FailingDisk:
    """fsync fails with "no space left" while ``full`` is true."""

    def __init__(self) -> None:
        self.full = False

    def __call__(self, fd: int) -> None:
        if self.full:
            raise OSError(28, "No space left on device")
        REAL_FSYNC(fd)


@pytest.fixture
def failing_disk(monkeypatch: pytest.MonkeyPatch) -> FailingDisk:
    disk = FailingDisk()
    monkeypatch.setattr(store_module.os, "fsync", disk)
    return disk


# ------------------------------------------------------------------ #8: ☑ only once durable


async def test_box_shows_ticked_only_once_the_tick_is_on_disk(
    data_dir: Path, slow_disk: threading.Event
) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        # Asked, not yet durable: the box says so, and the file has no tick.
        assert boxes(app)[0] == PENDING
        assert TICKED not in boxes(app)
        assert on_disk(data_dir) == set()
        assert S_EN("progress_count", done=0, total=len(DESKTOP)) in on_screen(app, "#progress")
        slow_disk.set()
        await settle(pilot)
        assert boxes(app)[0] == TICKED
        assert on_disk(data_dir) == {DESKTOP[0]}
        assert S_EN("progress_count", done=1, total=len(DESKTOP)) in on_screen(app, "#progress")


async def test_untick_shows_until_the_file_has_forgotten_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        assert on_disk(data_dir) == {DESKTOP[0]}
        release = threading.Event()

        def slow(fd: int) -> None:
            assert release.wait(timeout=30)
            REAL_FSYNC(fd)

        monkeypatch.setattr(store_module.os, "fsync", slow)
        try:
            await pilot.press("up", "space")
            await pilot.pause()
            assert boxes(app)[0] == PENDING  # not ☐ while the file still has the tick
            assert on_disk(data_dir) == {DESKTOP[0]}
        finally:
            release.set()
        await settle(pilot)
        assert boxes(app)[0] == UNTICKED
        assert on_disk(data_dir) == set()


async def test_a_burst_of_ticks_all_arrive(data_dir: Path, slow_disk: threading.Event) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "space", "space")
        await pilot.pause()
        assert boxes(app)[:3] == [PENDING] * 3
        assert app.screen.query_one("#list-desktop", Checklist).highlighted == 3
        slow_disk.set()
        await settle(pilot)
        assert boxes(app)[:3] == [TICKED] * 3
        assert on_disk(data_dir) == set(DESKTOP[:3])


# ------------------------------------------------------------------ #2: retried, and q asks


async def test_a_tick_that_could_not_be_saved_is_not_shown_as_saved(
    data_dir: Path, failing_disk: FailingDisk
) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        failing_disk.full = True
        await pilot.press("space")
        await settle(pilot)
        assert any(m.startswith(NOT_SAVED) for m in said(app))
        assert on_disk(data_dir) == set()
        assert boxes(app)[0] != TICKED
        assert app.screen.query_one("#list-desktop", Checklist).is_ticked(DESKTOP[0])


async def test_unsaved_ticks_are_retried_and_quitting_asks_first(
    data_dir: Path, failing_disk: FailingDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_app(monkeypatch, "RETRY_SECONDS", 0.1)
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        failing_disk.full = True
        await pilot.press("space")
        await settle(pilot)
        assert any(m.startswith(NOT_SAVED) for m in said(app))
        assert on_disk(data_dir) == set()
        # Quitting now would lose the tick: the app says so and asks.
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.is_running
        # The disk recovers: the retry timer saves it without another key press.
        failing_disk.full = False
        await wait_until(pilot, lambda: on_disk(data_dir) == {DESKTOP[0]}, "the retry saved")
        await settle(pilot)
        assert boxes(app)[0] == TICKED
        assert ticked_boxes(app) == {DESKTOP[0]}
        # Nothing unsaved any more: q quits at once.
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_anyway_with_unsaved_ticks(
    data_dir: Path, failing_disk: FailingDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_app(monkeypatch, "RETRY_SECONDS", 3600.0)  # no retry during the test
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        failing_disk.full = True
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert on_disk(data_dir) == set()


# ------------------------------------------------------------------ #3: another window's tick


async def test_own_save_shows_the_other_windows_tick_too(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_app(monkeypatch, "SYNC_SECONDS", 3600.0)  # only our own save may show it
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        other = ProgressStore(data_dir)
        other.load()
        other.set_tick(GUIDE.id, "desktop", DESKTOP[3], True, GUIDE.revision)
        await pilot.press("space")  # our next save merges theirs into the file
        await settle(pilot)
        expected = {DESKTOP[0], DESKTOP[1], DESKTOP[3]}
        assert on_disk(data_dir) == expected
        assert ticked_boxes(app) == expected  # the screen shows what is on disk
        progress = on_screen(app, "#progress")
        assert S_EN("progress_count", done=len(expected), total=len(DESKTOP)) in progress


async def test_ticks_made_elsewhere_appear_on_their_own(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_app(monkeypatch, "SYNC_SECONDS", 0.1)
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        other = ProgressStore(data_dir)
        other.load()
        other.set_tick(GUIDE.id, "desktop", DESKTOP[2], True, GUIDE.revision)
        await wait_until(pilot, lambda: ticked_boxes(app) == {DESKTOP[2]}, "the sync showed it")
        progress = on_screen(app, "#progress")
        assert S_EN("progress_count", done=1, total=len(DESKTOP)) in progress


# ------------------------------------------------------------------ #4: damaged while open


async def test_a_file_damaged_while_open_is_said(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_app(monkeypatch, "SYNC_SECONDS", 0.1)
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        (data_dir / "progress.json").write_bytes(b'{"schema": 1, "guides": ')
        await wait_until(pilot, lambda: list(data_dir.glob("progress.json.damaged-*")), "moved")
        await settle(pilot)
        aside = list(data_dir.glob("progress.json.damaged-*"))
        assert len(aside) == 1
        assert any(str(aside[0]) in m for m in said(app)), said(app)
        assert app.is_running
