"""The app's newer keys, driven with Pilot: guides (g), the phone QR, copy (c), the
high-contrast theme (t), the translated command palette, export, and NO_COLOR.

Persistence is checked in the progress file the app wrote in the test's own data folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TabbedContent

from tui.app.app import HIGH_CONTRAST, STANDARD_THEME, OptOutApp
from tui.app.screens.guides import GuidePicker
from tui.app.widgets.checklist import Checklist
from tui.catalog import Catalog, load_catalog
from tui.text.export import default_filename

CATALOG = load_catalog()
MAIN, SECOND = CATALOG.guides[0], CATALOG.guides[1]
DESKTOP = list(MAIN.device("desktop").steps)
ONE_GUIDE = Catalog(guides=(CATALOG.guides[0],), ui=CATALOG.ui, regions=CATALOG.regions)
QR_BLOCKS = ("█", "▀", "▄")


def stored(data_dir: Path) -> dict:
    return json.loads((data_dir / "progress.json").read_text("utf-8"))


def plain(app: OptOutApp, selector: str) -> str:
    return app.query_one(selector, Static).content.plain


def messages(app: OptOutApp) -> list[str]:
    return [n.message for n in app._notifications]


def checklist_titles(app: OptOutApp, device: str = "desktop") -> list[str]:
    checklist = app.query_one(f"#list-{device}", Checklist)
    return [str(option.prompt).split(". ", 1)[1] for option in checklist.options]


def step_titles(guide, device: str = "desktop", lang: str = "en") -> list[str]:
    return [s.text[lang].title for s in guide.device_steps(device)]


# ------------------------------------------------------------------ guides


def test_catalog_has_several_guides() -> None:
    assert len(CATALOG.guides) == 3
    assert MAIN.id == "linkedin-genai"


async def test_g_is_in_the_footer_with_several_guides(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "g" in app.active_bindings
        assert app.active_bindings["g"].binding.description == "Guides"


async def test_g_is_hidden_and_does_nothing_with_one_guide(data_dir: Path) -> None:
    app = OptOutApp(catalog=ONE_GUIDE)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "g" not in app.active_bindings
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, GuidePicker)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not any(t.startswith("Open guide:") for t in titles)


async def test_g_opens_the_picker_with_every_guide_and_progress(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")  # one step of the main guide
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuidePicker)
        options = app.screen.query_one("#guides-list", OptionList)
        assert [o.id for o in options.options] == [g.id for g in CATALOG.guides]
        assert options.highlighted == 0
        first = str(options.options[0].prompt)
        assert MAIN.text("en").title in first
        assert f"Computer 1/{len(DESKTOP)}" in first
        assert "Phone app 0/" in first
        assert SECOND.text("en").title in str(options.options[1].prompt)


async def test_escape_and_g_close_the_picker(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        for close in ("escape", "g"):
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, GuidePicker)
            await pilot.press("down", close)
            await pilot.pause()
            assert not isinstance(app.screen, GuidePicker)
            assert app.guide.id == MAIN.id
    assert not (data_dir / "progress.json").exists()


async def test_choosing_another_guide_switches_saves_and_survives_restart(
    data_dir: Path,
) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, GuidePicker)
        assert app.guide.id == SECOND.id
        assert app.title == SECOND.text("en").title
        assert app.sub_title == SECOND.text("en").setting
        assert checklist_titles(app) == step_titles(SECOND)
        assert app.focused is app.query_one("#list-desktop", Checklist)
        assert not app.query("#list-mobile")  # this guide has no phone tab
        assert stored(data_dir)["guide"] == SECOND.id
        # Ticks now go to the new guide.
        await pilot.press("space")
        await pilot.pause()
        first_step = SECOND.device("desktop").steps[0]
        assert first_step in stored(data_dir)["guides"][SECOND.id]["devices"]["desktop"]["ticks"]
        assert MAIN.id not in stored(data_dir)["guides"]
    again = OptOutApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.guide.id == SECOND.id
        assert again.title == SECOND.text("en").title
        assert checklist_titles(again)[0].startswith(step_titles(SECOND)[0])
        # The picker opens on the guide in use.
        await pilot.press("g")
        await pilot.pause()
        assert again.screen.query_one("#guides-list", OptionList).highlighted == 1


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
        await pilot.press("g", "down", "enter")
        await pilot.pause()
        assert app.guide.id == SECOND.id
        assert "0 of" in plain(app, "#progress")
        await pilot.press("g", "up", "enter")
        await pilot.pause()
        assert app.guide.id == MAIN.id
        assert plain(app, "#progress") == f"2 of {len(DESKTOP)} steps done"


# ------------------------------------------------------------------ the phone QR code


async def test_phone_tab_shows_the_qr_code_when_wide(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        qr = app.query_one("#qr", Static)
        assert not qr.display
        await pilot.press("right")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-mobile"
        assert qr.display
        assert app.query_one("#qr-caption").display
        code = qr.content.plain
        assert any(block in code for block in QR_BLOCKS)
        lines = code.splitlines()
        assert len(lines) > 10 and len({len(line) for line in lines}) == 1  # a square block
        assert plain(app, "#qr-caption") == CATALOG.ui["en"]["qr_caption"]
        assert not any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)
        await pilot.press("left")
        await pilot.pause()
        assert not qr.display
        assert not app.query_one("#qr-caption").display


async def test_phone_tab_qr_fits_on_screen_at_120x40(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        column = app.query_one("#steps-column")
        qr = app.query_one("#qr")
        assert qr.display
        assert qr.region.bottom <= column.content_region.bottom


async def test_phone_tab_puts_the_qr_under_the_explanation_when_narrow(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        text = plain(app, "#explanation-text")
        assert any(block in text for block in QR_BLOCKS)
        assert CATALOG.ui["en"]["qr_caption"] in text
        await pilot.press("left")
        await pilot.pause()
        assert not any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)


async def test_narrow_phone_tab_shows_the_qr_only_once(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert not app.query_one("#qr").display
        assert not app.query_one("#qr-caption").display
        assert app.query_one("#steps-column").max_scroll_y == 0


async def test_qr_moves_when_the_terminal_is_resized(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert not any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert not any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)


async def test_qr_follows_the_breakpoint_at_the_next_move(data_dir: Path) -> None:
    """What does work after a resize: the next redraw of the explanation uses the new width."""
    app = OptOutApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("down", "up")
        await pilot.pause()
        assert any(b in plain(app, "#explanation-text") for b in QR_BLOCKS)


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
        assert f"Link copied: {MAIN.link}" in messages(app)
        await pilot.press(*["down"] * linked, "c")
        await pilot.pause()
        step_link = MAIN.steps[DESKTOP[linked]].link
        assert copied == [MAIN.link, step_link]
        assert step_link.startswith("https://")
        assert f"Link copied: {step_link}" in messages(app)


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
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name == "optout-high-contrast"
        assert stored(data_dir)["theme"] == "optout-high-contrast"
        assert app.current_theme.background == "#000000"
    again = OptOutApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "optout-high-contrast"
        await pilot.press("t")
        await pilot.pause()
        assert again.theme == STANDARD_THEME
        assert stored(data_dir)["theme"] == STANDARD_THEME
    third = OptOutApp()
    async with third.run_test(size=(100, 30)):
        assert third.theme == STANDARD_THEME


# ------------------------------------------------------------------ the command palette


def titles(app: OptOutApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_command_palette_speaks_the_persons_language(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        english = titles(app)
        assert "Switch language to Français" in english
        assert "Check again" in english
        assert "Show device: Computer" in english
        assert f"Open guide: {SECOND.text('en').title}" in english
        await pilot.press("l")
        await pilot.pause()
        french = titles(app)
        assert "Passer en English" in french
        assert "Vérifier de nouveau" in french
        assert f"Ouvrir le guide : {SECOND.text('fr').title}" in french
        assert "Check again" not in french
        assert len(french) == len(english)
        for command in app.get_system_commands(app.screen):
            assert callable(command.callback), command.title
            assert command.help


async def test_command_palette_commands_act(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()  # let the first focus settle, as it has before anyone can type
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        commands["Show device: Phone app"]()
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "tab-mobile"
        commands["High-contrast theme on or off"]()
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        commands[f"Open guide: {SECOND.text('en').title}"]()
        await pilot.pause()
        await pilot.pause()
        assert app.guide.id == SECOND.id


# ------------------------------------------------------------------ export from the app


async def test_export_from_the_app_writes_markdown(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        app.action_export()
        await pilot.pause()
        path = data_dir / default_filename(MAIN, "md")
        assert path.exists()
        assert any(m.startswith("Record written to ") and str(path) in m for m in messages(app))
    text = path.read_text("utf-8")
    assert text.startswith(f"# {MAIN.text('en').title}\n")
    assert f"1. [x] {MAIN.steps[DESKTOP[0]].text['en'].title}" in text
    assert sorted(p.name for p in data_dir.glob("*.md")) == [path.name]


async def test_export_from_the_app_in_french_with_region(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_text('{"schema": 1, "guides": {}, "region": "uk"}')
    app = OptOutApp(lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_export()
        await pilot.pause()
    text = (data_dir / default_filename(MAIN, "md")).read_text("utf-8")
    assert text.startswith(f"# {MAIN.text('fr').title}\n")
    assert "- Région : Royaume-Uni" in text.splitlines()


async def test_export_from_the_app_cannot_write(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        data_dir.write_text("a file where the data folder should be")
        app.action_export()
        await pilot.pause()
        assert any("cannot be saved" in m for m in messages(app))


# ------------------------------------------------------------------ NO_COLOR


async def test_no_color_is_honoured(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = OptOutApp()
    assert app.no_color is True
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert DESKTOP[0] in stored(data_dir)["guides"][MAIN.id]["devices"]["desktop"]["ticks"]


async def test_colour_by_default(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert OptOutApp().no_color is False
