"""The real app driven with Pilot, as a person would: keys, clicks, restarts.

Each test uses its own data folder (conftest), so every assertion about persistence reads
the progress file that the app itself wrote.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from conftest import settle
from seen import flat, key_bar, on_screen, patch_app, said, titles
from textual.widgets import Static, TabbedContent

from tui.app.app import OptOutApp
from tui.app.screens.completion import CompletionScreen
from tui.app.screens.help import HelpScreen
from tui.app.widgets.checklist import Checklist
from tui.catalog import load_catalog
from tui.progress import store as progress_module
from tui.progress.store import ProgressStore
from tui.text.i18n import Strings

CATALOG = load_catalog()
GUIDE = CATALOG.guide("linkedin-genai")  # the guide a first run opens on
DESKTOP = list(GUIDE.device("desktop").steps)
MOBILE = list(GUIDE.device("mobile").steps)
S_EN, S_FR = Strings("en", CATALOG.ui["en"]), Strings("fr", CATALOG.ui["fr"])


def stored(data_dir: Path) -> dict:
    return json.loads((data_dir / "progress.json").read_text("utf-8"))


def ticks(data_dir: Path, device: str = "desktop") -> dict[str, str]:
    return stored(data_dir)["guides"][GUIDE.id]["devices"][device]["ticks"]


def explanation(app: OptOutApp) -> str:
    """The pane's text with its line breaks undone (the pane breaks long lines itself)."""
    content = app.screen.query_one("#explanation-text", Static).content
    return flat(content.plain if hasattr(content, "plain") else str(content))


def checklist(app: OptOutApp, device: str = "desktop") -> Checklist:
    return app.screen.query_one(f"#list-{device}", Checklist)


def progress(app: OptOutApp) -> str:
    return on_screen(app, "#progress")


def done(count: int) -> str:
    return S_EN("progress_count", done=count, total=len(DESKTOP))


async def test_starts_on_first_step_with_focus(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.guide.id == GUIDE.id  # a first run opens on LinkedIn's guide
        assert app.focused is checklist(app)
        assert checklist(app).highlighted == 0
        assert GUIDE.steps[DESKTOP[0]].text["en"].title in explanation(app)


async def test_space_ticks_saves_and_moves_on(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("space")
        await settle(pilot)
        assert list(ticks(data_dir)) == [DESKTOP[0]]
        assert checklist(app).highlighted == 1
        assert done(1) in progress(app)


async def test_enter_unticks_and_j_k_move(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("space", "k", "enter")
        await settle(pilot)
        assert ticks(data_dir) == {}
        await pilot.press("j", "j")
        assert checklist(app).highlighted == 2


async def test_mouse_click_ticks(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # The third row of the list is step 3.
        assert await pilot.click("#list-desktop", offset=(4, 2))
        await settle(pilot)
        assert DESKTOP[2] in ticks(data_dir)


async def test_device_tabs_switch_with_keys(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        tabs = app.screen.query_one(TabbedContent)
        await pilot.press("right")
        await pilot.pause()
        assert tabs.active == "tab-mobile"
        assert app.focused is checklist(app, "mobile")
        assert GUIDE.steps[MOBILE[0]].text["en"].title in explanation(app)
        await pilot.press("space")
        await settle(pilot)
        assert list(ticks(data_dir, "mobile")) == [MOBILE[0]]
        await pilot.press("1")
        await pilot.pause()
        assert tabs.active == "tab-desktop"
        await pilot.press("2")
        await pilot.pause()
        assert tabs.active == "tab-mobile"
        await pilot.press("left")
        await pilot.pause()
        assert tabs.active == "tab-desktop"


async def test_language_switch_is_instant_and_saved(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert app.lang == "fr"
        assert titles(app) == (GUIDE.text("fr").title, GUIDE.text("fr").setting)
        assert GUIDE.steps[DESKTOP[0]].text["fr"].title in explanation(app)
        bar = key_bar(app)
        assert S_FR("key_tick") in bar and "English" in bar
        assert S_EN("key_tick") not in bar
        assert stored(data_dir)["language"] == "fr"
    # The saved choice wins at the next start.
    again = OptOutApp()
    async with again.run_test() as pilot:
        assert again.lang == "fr"
        await pilot.press("l")
        assert again.lang == "en"


async def test_ticks_survive_a_restart(data_dir: Path) -> None:
    first = OptOutApp()
    async with first.run_test() as pilot:
        await pilot.press("space", "space")
        await pilot.press("q")
    assert first.return_code == 0
    assert set(ticks(data_dir)) == set(DESKTOP[:2])  # "q" right after the ticks lost none
    second = OptOutApp()
    async with second.run_test() as pilot:
        await pilot.pause()
        assert done(2) in progress(second)
        assert checklist(second).is_ticked(DESKTOP[1])


async def test_restart_highlights_the_first_step_still_to_do(data_dir: Path) -> None:
    first = OptOutApp()
    async with first.run_test() as pilot:
        await pilot.press("space", "space")
        await settle(pilot)
    second = OptOutApp()
    async with second.run_test() as pilot:
        await pilot.pause()
        assert checklist(second).highlighted == 2
        assert GUIDE.steps[DESKTOP[2]].text["en"].title in explanation(second)


async def test_restart_opens_the_device_last_used(data_dir: Path) -> None:
    first = OptOutApp()
    async with first.run_test() as pilot:
        await pilot.press("right", "space")
        await settle(pilot)
    second = OptOutApp()
    async with second.run_test() as pilot:
        await pilot.pause()
        assert second.screen.query_one(TabbedContent).active == "tab-mobile"


async def test_completion_view_after_last_tick(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["space"] * len(DESKTOP))
        await settle(pilot)
        assert isinstance(app.screen, CompletionScreen)
        record = stored(data_dir)["guides"][GUIDE.id]["devices"]["desktop"]
        assert record["completed"] and record["completed_revision"] == GUIDE.revision
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompletionScreen)
        assert f"All {len(DESKTOP)} steps done" in progress(app)
        # Unticking a step withdraws the completion record.
        await pilot.press("up", "space")
        await settle(pilot)
        assert "completed" not in stored(data_dir)["guides"][GUIDE.id]["devices"]["desktop"]


async def test_help_opens_with_f1_and_question_mark(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")


async def test_about_view_toggles(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("i")
        text = explanation(app)
        assert "What it does not cover" in text
        assert GUIDE.text("en").not_covered[0].text in text
        await pilot.press("i")
        assert "What it does not cover" not in explanation(app)


async def test_open_link_hands_https_url_to_browser(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    patch_app(monkeypatch, "open_in_browser", lambda url: opened.append(url) or True)
    index = next(i for i, s in enumerate(DESKTOP) if GUIDE.steps[s].link)
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("o")  # step 1 has no link
        assert opened == []
        await pilot.press(*["down"] * index, "o")
        assert opened == [GUIDE.steps[DESKTOP[index]].link]
        assert opened[0].startswith("https://")


async def test_damaged_file_is_kept_and_app_goes_on(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_bytes(b'{"schema": 1, "guides": ')
    store = ProgressStore(data_dir)
    found = store.read().events  # read by the caller (the CLI does this), then shown
    app = OptOutApp(store=store, events=found)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any("damaged" in m or "moved" in m for m in said(app))
        await pilot.press("space")
        await settle(pilot)
    aside = list(data_dir.glob("progress.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"schema": 1, "guides": '
    assert list(ticks(data_dir)) == [DESKTOP[0]]


async def test_newer_schema_is_read_only(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    original = b'{"schema": 99, "guides": {}, "future": true}'
    (data_dir / "progress.json").write_bytes(original)
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("space", "l")
        await settle(pilot)
        assert any("newer" in m for m in said(app))
    assert (data_dir / "progress.json").read_bytes() == original


async def test_full_disk_is_said_and_ticks_are_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press("space")
        await settle(pilot)
        before = (data_dir / "progress.json").read_bytes()

        def full(fd: int) -> None:
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(progress_module.os, "fsync", full)
            await pilot.press("space")
            await settle(pilot)
            assert any("cannot be saved" in m for m in said(app))
            assert (data_dir / "progress.json").read_bytes() == before
            assert checklist(app).highlighted == 2  # the tick is kept in this window
            assert checklist(app).is_ticked(DESKTOP[1])
        await pilot.press("space")
        await settle(pilot)
    assert set(ticks(data_dir)) == set(DESKTOP[:3])


async def test_ticks_from_another_window_appear(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_app(monkeypatch, "SYNC_SECONDS", 0.05)  # how often the app looks at the file
    app = OptOutApp()
    async with app.run_test() as pilot:
        other = ProgressStore(data_dir)
        other.load()
        other.set_tick(GUIDE.id, "desktop", DESKTOP[3], True, GUIDE.revision)
        for _ in range(100):  # a bound, not a timing: until the timer has looked
            if done(1) in progress(app):
                break
            await pilot.pause(0.05)
        assert done(1) in progress(app)
        await pilot.press("space")  # ours merges with theirs
        await settle(pilot)
    assert set(ticks(data_dir)) == {DESKTOP[0], DESKTOP[3]}


async def test_no_network_during_a_full_session(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network use attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    app = OptOutApp()
    async with app.run_test() as pilot:
        await pilot.press(*["space"] * len(DESKTOP))
        await settle(pilot)
        await pilot.press("escape", "right", "space", "l", "i", "f1", "escape")
        await settle(pilot)
        await pilot.press("q")
    print(f"network attempts: {len(attempts)}")
    assert attempts == []
    assert len(ticks(data_dir)) == len(DESKTOP)


async def test_key_bar_is_translated_and_clickable(data_dir: Path) -> None:
    from tui.app.widgets.keybar import KeyBar

    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert S_EN("key_tick") in key_bar(app) and "Français" in key_bar(app)
        assert await pilot.click(KeyBar, offset=(2, 0))  # " space " ticks the step
        await settle(pilot)
        assert list(ticks(data_dir)) == [DESKTOP[0]]
        start = key_bar(app).index(" l ")
        assert await pilot.click(KeyBar, offset=(start + 1, 0))  # " l " switches language
        await settle(pilot)
        assert app.lang == "fr"
        assert S_FR("key_tick") in key_bar(app)


async def test_layout_shows_whole_boxes_at_80x24(data_dir: Path) -> None:
    """Regressions seen once: the explanation drawn one line high, the help box empty."""
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = app.screen.query_one("#explanation-text", Static)
        assert text.region.height >= 5, text.region
        screen = app.export_screenshot()  # what a person would see, as SVG text
        assert "Why:" in screen, "the explanation is cut after its first line"
        await pilot.press("f1")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.region.width >= 60 and box.region.height >= 12, box.region
