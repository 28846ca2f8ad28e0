"""Issue 9's one key table, and the keys issues 10 and 11 added or changed.

The key bar, F1 help and the Ctrl+P palette are all built from the bindings active on the
screen in front, with words from the interface strings; so each test reads what the person
sees there (bar, help text, palette lines) in English and French. Also: c copies a step's
ready-to-paste text, a asks before a fresh check, p shows the QR code full screen, PgDn
scrolls the explanation, Ctrl+C says which key quits, and the palette's own words are
translated.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from conftest import settle
from seen import (
    flat,
    key_bar,
    on_screen,
    open_palette,
    palette_lines,
    palette_placeholder,
    said,
    shown,
)
from textual.widgets import Static

from tui.app.app import OptOutApp
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.qr import QRScreen
from tui.catalog import Catalog, Guide, load_catalog
from tui.text.i18n import Strings

CATALOG = load_catalog()
MAIN = CATALOG.guide("linkedin-genai")
DESKTOP = list(MAIN.device("desktop").steps)
QR_BLOCKS = ("█", "▀", "▄")


def strings(lang: str) -> Strings:
    return Strings(lang, CATALOG.ui[lang])


def without_links() -> Catalog:
    steps = {k: v._replace(link=None) for k, v in MAIN.steps.items()}
    bare = MAIN._replace(link=None, steps=steps)
    return Catalog(guides=(bare,), ui=CATALOG.ui, regions=CATALOG.regions)


async def help_text(pilot) -> str:
    """Open F1 on the screen in front, read it whole, close it."""
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    text = flat(shown(pilot.app.screen.query_one("#help-box Static")))
    await pilot.press("escape")
    await pilot.pause()
    return text


def open_on(data_dir: Path, guide_id: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {"schema": 1, "guide": guide_id, "guides": {}, "region": "unknown"}
    (data_dir / "progress.json").write_text(json.dumps(data), "utf-8")


# ------------------------------------------------------------------ the key bar


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_key_bar_follows_the_screen_in_front(data_dir: Path, lang: str) -> None:
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = key_bar(app)
        for word in ("key_tick", "key_about", "key_guides", "key_help", "key_quit"):
            assert s(word) in bar, (word, bar)
        assert f" {s('keyname_space')} {s('key_tick')} " in bar
        assert s("key_back") not in bar
        await pilot.press("g")
        await pilot.pause()
        catalog_bar = key_bar(app)
        assert f" {s('keyname_enter')} {s('key_open_guide')} " in catalog_bar
        assert f" {s('keyname_esc')} {s('key_back')} " in catalog_bar
        assert f" q {s('key_quit')} " in catalog_bar
        assert s("key_tick") not in catalog_bar  # nothing to tick here
        await pilot.press("escape")
        await pilot.pause()
        assert s("key_tick") in key_bar(app)


async def test_key_bar_hides_what_does_nothing_here(data_dir: Path) -> None:
    app = OptOutApp(catalog=without_links())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert " g " not in key_bar(app)  # one guide: nowhere to go


# ------------------------------------------------------------------ F1 help


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_help_lists_the_keys_of_the_screen_in_front(data_dir: Path, lang: str) -> None:
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await help_text(pilot)
        for key_id in ("tick", "move", "device", "about", "open", "copy", "qr", "scroll"):
            assert flat(s(f"help_{key_id}")) in text, key_id
        for key_id in ("region", "again", "export", "guides", "language", "theme", "quit"):
            assert flat(s(f"help_{key_id}")) in text, key_id
        assert s("keyname_space") in text and s("keyname_pgdn") in text
        assert flat(s("help_back")) not in text  # a catalog key
        await pilot.press("g")
        await pilot.pause()
        text = await help_text(pilot)
        assert flat(s("help_open_guide")) in text and flat(s("help_back")) in text
        assert flat(s("help_quit")) in text
        assert flat(s("help_tick")) not in text and flat(s("help_qr")) not in text


async def test_help_leaves_out_keys_that_do_nothing_here(data_dir: Path) -> None:
    s = strings("en")
    app = OptOutApp(catalog=without_links())
    async with app.run_test(size=(120, 40)) as pilot:
        text = await help_text(pilot)
        assert flat(s("help_qr")) not in text  # no link: no QR code
        assert flat(s("help_guides")) not in text  # one guide
        assert flat(s("help_tick")) in text


# ------------------------------------------------------------------ the palette


async def test_palette_has_the_screens_commands_with_help_that_adds_something(
    data_dir: Path,
) -> None:
    s = strings("en")
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        lines = palette_lines(await open_palette(pilot))
        titles = [title for title, _ in lines]
        for key_id in ("tick", "about", "open", "qr", "copy", "region", "again", "export"):
            assert s(f"cmd_{key_id}") in titles, key_id
        assert all(help_line for _, help_line in lines), lines


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_no_palette_help_line_repeats_its_title(data_dir: Path, lang: str) -> None:
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        lines = palette_lines(await open_palette(pilot))
        same = [title for title, help_line in lines if flat(title) == flat(help_line)]
        assert same == []


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_palette_placeholder_and_no_match_are_translated(data_dir: Path, lang: str) -> None:
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette(pilot)
        assert palette_placeholder(palette) == s("palette_placeholder")
        await pilot.press(*"zqxzqx")
        await pilot.pause(0.6)  # longer than Textual's own "No matches found" delay
        await settle(pilot)
        titles = [title for title, _ in palette_lines(palette)]
        assert titles == [s("palette_no_match")]
        assert "No matches found" not in titles


async def test_palette_follows_the_screen_in_front(data_dir: Path) -> None:
    s = strings("en")
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        titles = [title for title, _ in palette_lines(await open_palette(pilot))]
        assert s("cmd_tick") not in titles and s("cmd_qr") not in titles
        assert s("cmd_guide", guide=MAIN.text("en").title) in titles


# ------------------------------------------------------------------ ctrl+c


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_ctrl_c_says_which_key_quits(data_dir: Path, lang: str) -> None:
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert said(app) == [strings(lang)("ctrl_c_quit")]


# ------------------------------------------------------------------ c: a ready-to-paste text


def step_with_copy() -> tuple[Guide, str, int, str]:
    """The first step of any shipped guide with a ``copy`` text: guide, device, index, text."""
    for guide in CATALOG.guides:
        words = tomllib.loads((guide.path / "en.toml").read_text("utf-8")).get("steps", {})
        for device in guide.devices:
            for index, step_id in enumerate(device.steps):
                text = words.get(step_id, {}).get("copy")
                if text:
                    return guide, device.id, index, text
    raise AssertionError("no shipped step has a copy text")


async def test_c_copies_a_steps_text_and_shows_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide, device, index, text = step_with_copy()
    open_on(data_dir, guide.id)
    copied: list[str] = []
    app = OptOutApp()
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        position = [d.id for d in guide.devices].index(device)
        await pilot.press(str(position + 1), *["down"] * index, "c")
        await pilot.pause()
        assert copied == [text]
        assert strings("en")("copied_text", text=text) in said(app)


# ------------------------------------------------------------------ a: asks first


async def test_check_again_asks_and_no_changes_nothing(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    stamp = "2026-11-30T10:00:00+00:00"
    record = {
        "ticks": dict.fromkeys(DESKTOP, stamp),
        "completed": stamp,
        "completed_revision": MAIN.revision,
        "revision": MAIN.revision,
    }
    data = {"schema": 1, "region": "unknown", "guides": {MAIN.id: {"devices": {"desktop": record}}}}
    path = data_dir / "progress.json"
    path.write_text(json.dumps(data), "utf-8")
    before = path.read_bytes()
    s = strings("en")
    app = OptOutApp()
    async with app.run_test(size=(120, 30)) as pilot:
        for answer in ("escape", "n"):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            box = app.screen.query_one("#confirm-box")
            assert str(box.border_title) == s("check_again_title")
            await pilot.press(answer)
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen)
            assert path.read_bytes() == before
        await pilot.press("a", "y")
        await settle(pilot)
    after = json.loads(path.read_text("utf-8"))["guides"][MAIN.id]["devices"]["desktop"]
    assert after["ticks"] == {} and len(after["history"]) == 1


# ------------------------------------------------------------------ p: the QR code, full screen


async def test_p_shows_the_whole_qr_code_at_80x24(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, QRScreen)
        code = app.screen.query_one("#qr-screen-code", Static)
        assert any(block in shown(code) for block in QR_BLOCKS)
        lines = shown(code).splitlines()
        # All of it on screen: every row of the code, none cut.
        assert code.region.height == len(lines)
        assert code.region.width >= len(lines[0])
        assert app.screen.region.contains_region(code.region)
        assert MAIN.link in flat(on_screen(app, "#qr-screen-url"))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QRScreen)


async def test_the_phone_tab_names_the_qr_key(data_dir: Path) -> None:
    for lang in ("en", "fr"):
        app = OptOutApp(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("right")
            await pilot.pause()
            caption = on_screen(app, "#qr-inline-caption")
            assert caption == strings(lang)("qr_caption")
            assert re.search(r"(^|\W)p(\W|$)", caption), caption  # it says which key


async def test_p_without_a_link_does_nothing(data_dir: Path) -> None:
    app = OptOutApp(catalog=without_links())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, QRScreen)
        assert app.is_running


# ------------------------------------------------------------------ PgDn: the explanation


async def test_page_keys_scroll_the_explanation(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")  # the long view
        await pilot.pause()
        pane = app.screen.query_one("#explanation")
        assert pane.max_scroll_y > 0
        list_before = app.focused
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        assert app.focused is list_before  # the list keeps the focus: space still ticks
        await pilot.press("pageup")
        await pilot.pause()
        assert pane.scroll_y == 0
