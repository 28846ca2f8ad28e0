"""The app's newer keys, driven with Pilot: guides (g), the phone QR, copy (c), the
high-contrast theme (t), the translated command palette, export, and NO_COLOR.

Persistence is checked in the progress file the app wrote in the test's own data folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import settle
from seen import (
    key_bar,
    on_screen,
    open_palette,
    palette_lines,
    run_palette_entry,
    said,
    titles,
)
from textual.widgets import OptionList, Static, TabbedContent

from tui.app.app import HIGH_CONTRAST, STANDARD_THEME, OptOutApp
from tui.app.screens.catalog import CatalogScreen
from tui.app.screens.confirm import MessageScreen
from tui.app.widgets.checklist import Checklist
from tui.catalog import Catalog, load_catalog
from tui.text.export import default_filename
from tui.text.i18n import Strings

CATALOG = load_catalog()
MAIN = CATALOG.guide("linkedin-genai")  # the guide a first run opens on
SECOND = CATALOG.guides[CATALOG.guides.index(MAIN) + 1]  # the next one in the catalog
DESKTOP = list(MAIN.device("desktop").steps)
ONE_GUIDE = Catalog(guides=(MAIN,), ui=CATALOG.ui, regions=CATALOG.regions)
QR_BLOCKS = ("█", "▀", "▄")
S_EN, S_FR = Strings("en", CATALOG.ui["en"]), Strings("fr", CATALOG.ui["fr"])


def stored(data_dir: Path) -> dict:
    return json.loads((data_dir / "progress.json").read_text("utf-8"))


def plain(app: OptOutApp, selector: str) -> str:
    return on_screen(app, selector)


def messages(app: OptOutApp) -> list[str]:
    return said(app)


def device_name(guide, device: str, lang: str = "en") -> str:
    return guide.text(lang).devices[device].name


def catalog_options(app: OptOutApp) -> OptionList:
    assert isinstance(app.screen, CatalogScreen)
    return app.screen.query_one("#guides-list", OptionList)


def highlighted_guide(app: OptOutApp) -> str | None:
    options = catalog_options(app)
    assert options.highlighted is not None
    return options.get_option_at_index(options.highlighted).id


def checklist_titles(app: OptOutApp, device: str = "desktop") -> list[str]:
    checklist = app.screen.query_one(f"#list-{device}", Checklist)
    return [str(option.prompt).split(". ", 1)[1] for option in checklist.options]


def step_titles(guide, device: str = "desktop", lang: str = "en") -> list[str]:
    return [s.text[lang].title for s in guide.device_steps(device)]


# ------------------------------------------------------------------ guides


def test_catalog_has_several_guides() -> None:
    assert len(CATALOG.guides) > 1
    assert MAIN in CATALOG.guides and SECOND is not MAIN


async def test_g_is_in_the_key_bar_with_several_guides(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "g" in app.screen.active_bindings
        assert f" g {S_EN('key_guides')} " in key_bar(app)


async def test_g_is_hidden_and_does_nothing_with_one_guide(data_dir: Path) -> None:
    app = OptOutApp(catalog=ONE_GUIDE)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "g" not in app.screen.active_bindings
        assert " g " not in key_bar(app)
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, CatalogScreen)
        assert app.guide.id == MAIN.id


async def test_palette_offers_no_guide_switch_with_one_guide(data_dir: Path) -> None:
    app = OptOutApp(catalog=ONE_GUIDE)
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await open_palette(pilot)
        shown = [title for title, _ in palette_lines(palette)]
        assert shown, "the palette lists the other commands"
        assert S_EN("cmd_guides") not in shown
        prefix = S_EN("cmd_guide", guide="")
        assert not any(t.startswith(prefix) for t in shown), shown


async def test_g_opens_the_catalog_with_every_guide_and_progress(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")  # one step of the main guide
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        options = catalog_options(app)
        # Every guide once, in catalog order, under its platform's heading (not choosable).
        assert [o.id for o in options.options if o.id] == [g.id for g in CATALOG.guides]
        assert all(o.disabled for o in options.options if not o.id)
        assert highlighted_guide(app) == MAIN.id  # it opens on the guide in use
        prompts = {o.id: o.prompt.plain for o in options.options if o.id}
        assert MAIN.text("en").title in prompts[MAIN.id]
        started = f"{device_name(MAIN, 'desktop')}{S_EN('colon')}1/{len(DESKTOP)}"
        assert started in prompts[MAIN.id]
        assert SECOND.text("en").title in prompts[SECOND.id]
        assert S_EN("catalog_not_started") in prompts[SECOND.id]
        assert S_EN("catalog_not_started") not in prompts[MAIN.id]


async def test_escape_and_g_close_the_catalog(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        for close in ("escape", "g"):
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, CatalogScreen)
            await pilot.press("down", close)
            await settle(pilot)
            assert not isinstance(app.screen, CatalogScreen)
            assert app.guide.id == MAIN.id
    assert not (data_dir / "progress.json").exists()


async def test_back_from_the_catalog_keeps_the_step_and_tab(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "down", "down")
        await pilot.pause()
        for close in ("escape", "g"):
            await pilot.press("g")
            await pilot.pause()
            await pilot.press(close)
            await settle(pilot)
            assert app.guide.id == MAIN.id
            assert app.screen.query_one(TabbedContent).active == "tab-mobile"
            assert app.screen.query_one("#list-mobile", Checklist).highlighted == 2


async def test_choosing_another_guide_switches_saves_and_survives_restart(
    data_dir: Path,
) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CatalogScreen)
        assert app.guide.id == SECOND.id
        assert titles(app) == (SECOND.text("en").title, SECOND.text("en").setting)
        first_device = SECOND.devices[0].id
        assert checklist_titles(app, first_device) == step_titles(SECOND, first_device)
        assert app.focused is app.screen.query_one(f"#list-{first_device}", Checklist)
        # Only the new guide's device tabs: none left from the guide before.
        lists = {c.id for c in app.screen.query(Checklist)}
        assert lists == {f"list-{d.id}" for d in SECOND.devices}
        assert stored(data_dir)["guide"] == SECOND.id
        # Ticks now go to the new guide.
        await pilot.press("space")
        await settle(pilot)
        first_step = SECOND.device(first_device).steps[0]
        devices = stored(data_dir)["guides"][SECOND.id]["devices"]
        assert first_step in devices[first_device]["ticks"]
        assert MAIN.id not in stored(data_dir)["guides"]
    again = OptOutApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.guide.id == SECOND.id
        assert titles(again)[0] == SECOND.text("en").title
        shown = checklist_titles(again, first_device)
        assert shown[0].startswith(step_titles(SECOND, first_device)[0])
        # The catalog opens on the guide in use.
        await pilot.press("g")
        await pilot.pause()
        assert highlighted_guide(again) == SECOND.id


async def test_saved_guide_that_no_longer_exists_falls_back(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_text('{"schema": 1, "guide": "gone", "guides": {}}')
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.guide.id == MAIN.id


async def test_switching_back_keeps_each_guides_ticks(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "space")
        await settle(pilot)
        await pilot.press("g", "down", "enter")
        await settle(pilot)
        assert app.guide.id == SECOND.id
        assert "0 of" in plain(app, "#progress")
        await pilot.press("g", "up", "enter")
        await settle(pilot)
        assert app.guide.id == MAIN.id
        assert plain(app, "#progress") == f"2 of {len(DESKTOP)} steps done"


# ------------------------------------------------------------------ the phone QR code


async def test_phone_tab_shows_the_qr_code_when_wide(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        qr = app.screen.query_one("#qr", Static)
        assert not qr.display
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-mobile"
        assert qr.display
        assert app.screen.query_one("#qr-caption").display
        code = qr.content.plain
        assert any(block in code for block in QR_BLOCKS)
        lines = code.splitlines()
        assert len(lines) > 10 and len({len(line) for line in lines}) == 1  # a square block
        assert plain(app, "#qr-caption") == CATALOG.ui["en"]["qr_caption"]
        assert not any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)
        await pilot.press("left")
        await pilot.pause()
        assert not qr.display
        assert not app.screen.query_one("#qr-caption").display


async def test_phone_tab_qr_fits_on_screen_at_120x40(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        column = app.screen.query_one("#steps-column")
        qr = app.screen.query_one("#qr")
        assert qr.display
        assert qr.region.bottom <= column.content_region.bottom


def qr_under_explanation(app: OptOutApp) -> bool:
    """The QR code is drawn in the explanation pane, after the text, with its caption."""
    pane = app.screen.query_one("#explanation")
    code = app.screen.query_one("#qr-inline", Static)
    caption = app.screen.query_one("#qr-inline-caption", Static)
    text = app.screen.query_one("#explanation-text")
    if not (code.display and caption.display):
        return False
    assert code.parent is pane and caption.parent is pane
    assert code.virtual_region.y >= text.virtual_region.bottom  # after the text
    assert any(block in plain(app, "#qr-inline") for block in QR_BLOCKS)
    return True


def qr_beside_list(app: OptOutApp) -> bool:
    return bool(app.screen.query_one("#qr").display)


async def test_phone_tab_puts_the_qr_under_the_explanation_when_narrow(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert qr_under_explanation(app)
        assert plain(app, "#qr-inline-caption") == CATALOG.ui["en"]["qr_caption"]
        assert not any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)
        await pilot.press("left")
        await pilot.pause()
        assert not qr_under_explanation(app) and not qr_beside_list(app)


async def test_narrow_phone_tab_shows_the_qr_only_once(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert not app.screen.query_one("#qr").display
        assert not app.screen.query_one("#qr-caption").display
        assert qr_under_explanation(app)  # once, there
        assert app.screen.query_one("#steps-column").max_scroll_y == 0


async def test_qr_moves_when_the_terminal_is_resized(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert qr_beside_list(app) and not qr_under_explanation(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert qr_under_explanation(app) and not qr_beside_list(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert qr_beside_list(app) and not qr_under_explanation(app)


async def test_qr_follows_the_breakpoint_at_the_next_move(data_dir: Path) -> None:
    """After a resize and a move, the QR is where the new size puts it."""
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("down", "up")
        await pilot.pause()
        assert qr_under_explanation(app) and not qr_beside_list(app)


# ------------------------------------------------------------------ copy the link


async def test_c_copies_the_guide_link_or_the_steps_link(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    app = OptOutApp()
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    linked = next(i for i, s in enumerate(DESKTOP) if MAIN.steps[s].link)
    assert MAIN.steps[DESKTOP[0]].link is None
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")  # step 1 has no link: the guide's own shortcut
        await pilot.pause()
        assert copied == [MAIN.link]
        # It says where the link went, and shows the link too (tmux drops OSC 52).
        assert S_EN("copied", url=MAIN.link) in messages(app)
        await pilot.press(*["down"] * linked, "c")
        await pilot.pause()
        step_link = MAIN.steps[DESKTOP[linked]].link
        assert copied == [MAIN.link, step_link]
        assert step_link.startswith("https://")
        assert S_EN("copied", url=step_link) in messages(app)


async def test_c_without_any_link_says_so(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = {k: v._replace(link=None) for k, v in MAIN.steps.items()}
    bare = MAIN._replace(link=None, steps=steps)
    app = OptOutApp(catalog=Catalog(guides=(bare,), ui=CATALOG.ui, regions=CATALOG.regions))
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert copied == []
        assert CATALOG.ui["en"]["no_link"] in messages(app)


# ------------------------------------------------------------------ high-contrast theme


async def test_t_toggles_high_contrast_and_saves_it(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == STANDARD_THEME
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name == "optout-high-contrast"
        assert stored(data_dir)["theme"] == "optout-high-contrast"
        assert app.current_theme.background == "#000000"
    again = OptOutApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "optout-high-contrast"
        await pilot.press("t")
        await settle(pilot)
        assert again.theme == STANDARD_THEME
        assert stored(data_dir)["theme"] == STANDARD_THEME
    third = OptOutApp()
    async with third.run_test(size=(100, 30)):
        assert third.theme == STANDARD_THEME


# ------------------------------------------------------------------ the command palette


async def palette_titles(pilot) -> list[tuple[str, str]]:
    """Open Ctrl+P, read every line it offers, close it again."""
    palette = await open_palette(pilot)
    lines = palette_lines(palette)
    await pilot.press("escape")
    await pilot.pause()
    return lines


async def test_command_palette_speaks_the_persons_language(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        english_lines = await palette_titles(pilot)
        english = [title for title, _ in english_lines]
        assert S_EN("cmd_language", language=CATALOG.ui["fr"]["language_name"]) in english
        assert S_EN("cmd_again") in english
        assert S_EN("cmd_device", device=device_name(MAIN, "desktop")) in english
        assert S_EN("cmd_guide", guide=SECOND.text("en").title) in english
        await pilot.press("l")
        await settle(pilot)
        french_lines = await palette_titles(pilot)
        french = [title for title, _ in french_lines]
        assert S_FR("cmd_language", language=CATALOG.ui["en"]["language_name"]) in french
        assert S_FR("cmd_again") in french
        assert S_FR("cmd_device", device=device_name(MAIN, "desktop", "fr")) in french
        assert S_FR("cmd_guide", guide=SECOND.text("fr").title) in french
        assert S_EN("cmd_again") not in french
        assert len(french) == len(english)
        for title, help_line in french_lines:
            assert help_line, f"no help line for {title!r}"


async def test_command_palette_commands_act(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()  # let the first focus settle, as it has before anyone can type
        palette = await open_palette(pilot)
        await run_palette_entry(
            pilot, palette, S_EN("cmd_device", device=device_name(MAIN, "mobile"))
        )
        assert app.screen.query_one(TabbedContent).active == "tab-mobile"
        palette = await open_palette(pilot)
        await run_palette_entry(pilot, palette, S_EN("cmd_theme"))
        assert app.theme == HIGH_CONTRAST.name
        palette = await open_palette(pilot)
        await run_palette_entry(pilot, palette, S_EN("cmd_guide", guide=SECOND.text("en").title))
        assert app.guide.id == SECOND.id


# ------------------------------------------------------------------ export from the app


def record_screen(app: OptOutApp) -> tuple[str, str]:
    """The export's message: its title and the one line holding the whole path."""
    assert isinstance(app.screen, MessageScreen), app.screen
    box = app.screen.query_one("#message-box")
    return str(box.border_title), plain(app, "#message-line")


async def test_export_from_the_app_writes_markdown(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "where I ran it"
    here.mkdir()
    monkeypatch.chdir(here)
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        path = here / default_filename(MAIN, "md")
        assert path.exists()
        # The whole path, on one line that never wraps.
        assert record_screen(app) == (S_EN("exported_title"), str(path))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MessageScreen)
    text = path.read_text("utf-8")
    assert text.startswith(f"# {MAIN.text('en').title}\n")
    assert f"1. [x] {MAIN.steps[DESKTOP[0]].text['en'].title}" in text
    assert sorted(p.name for p in here.iterdir()) == [path.name]
    assert not list(data_dir.glob("*.md"))


async def test_export_from_the_app_in_french_with_region(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_text('{"schema": 1, "guides": {}, "region": "uk"}')
    app = OptOutApp(lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        path = tmp_path / default_filename(MAIN, "md")
        assert record_screen(app) == (S_FR("exported_title"), str(path))
    text = path.read_text("utf-8")
    assert text.startswith(f"# {MAIN.text('fr').title}\n")
    region = f"- {S_FR('region')}{S_FR('colon')}{CATALOG.region_name('uk', 'fr')}"
    assert region in text.splitlines()


async def test_export_from_the_app_cannot_write(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # A folder stands where the record would go: it cannot be written, and nothing crashes.
    (tmp_path / default_filename(MAIN, "md")).mkdir()
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
        assert any("cannot be saved" in m for m in messages(app))
        assert not isinstance(app.screen, MessageScreen)


async def test_export_never_writes_through_a_planted_link(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10 #11: a symbolic link named like the record must not redirect the write."""
    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    planted = tmp_path / default_filename(MAIN, "md")
    planted.symlink_to(victim)
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
        # Either the record replaced the link, or it was refused and the person told.
        if isinstance(app.screen, MessageScreen):
            assert not planted.is_symlink()
            assert planted.read_text("utf-8").startswith(f"# {MAIN.text('en').title}")
        else:
            assert any("cannot be saved" in m for m in messages(app))
    assert victim.read_text("utf-8") == "keep me"


# ------------------------------------------------------------------ NO_COLOR


async def test_no_color_is_honoured(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = OptOutApp()
    assert app.no_color is True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        assert DESKTOP[0] in stored(data_dir)["guides"][MAIN.id]["devices"]["desktop"]["ticks"]
