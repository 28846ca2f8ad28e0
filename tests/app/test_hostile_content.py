"""Issue 10 #1: every text from a guide reaches the screen as text, never as markup.

A ``--content`` guide can come from anyone. Here its title, setting, device names, step
titles, claims and change notes, and the region names of a content folder, all hold markup
that Textual would act on if it parsed them: bold, a broken ``[/]`` (which crashes a
parser), an ``[@click=app.quit]`` action and a link. Every place such a text is drawn is
read back (the palette's hits and help lines, notifications, the header, tab labels, border
titles, the catalog, the completion view, the notice bar, the region line) and must show the
brackets exactly as written. Clicking a palette entry must only run the entry's own command.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, settle
from helpers.minimal import edit, step_ids, write_minimal_guide
from seen import (
    flat,
    on_screen,
    open_palette,
    palette_lines,
    plain,
    said,
    shown,
    tab_labels,
    titles,
)
from textual.command import CommandList
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, TabbedContent

from tui.app.app import OptOutApp
from tui.app.screens.catalog import CatalogScreen
from tui.app.screens.completion import CompletionScreen
from tui.app.screens.confirm import MessageScreen
from tui.app.screens.region import RegionScreen
from tui.catalog import Catalog, Guide, collect, load_catalog
from tui.text.i18n import Strings

CLICK = "[@click=app.quit]q[/]"
HOSTILE = f"[bold]x[/bold] [/] {CLICK} [link=https://x]y[/]"
GUIDE_ID = "hostile"


def write_hostile(folder: Path) -> Path:
    """A valid guide whose every text (both languages, platform name included) starts
    with HOSTILE."""
    guide = write_minimal_guide(folder, GUIDE_ID, steps=3, revision=2)
    for lang in ("en", "fr"):
        path = guide / f"{lang}.toml"
        text = path.read_text("utf-8").replace(f'"{lang}: ', f'"{HOSTILE} {lang}: ')
        path.write_text(text.replace('platform = "', f'platform = "{HOSTILE} ', 1), "utf-8")
    return guide


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """A --content folder holding the hostile guide."""
    folder = tmp_path / "extra"
    write_hostile(folder)
    return folder


@pytest.fixture
def catalog(extra: Path) -> Catalog:
    return load_catalog([extra])  # exactly what --content does


@pytest.fixture
def own_regions(tmp_path: Path) -> Catalog:
    """A content folder of its own (interface strings, regions) whose region names are hostile."""
    folder = tmp_path / "own"
    write_hostile(folder)
    regions = (CONTENT / "regions.toml").read_text("utf-8")
    regions = regions.replace('en = "United Kingdom"', f'en = "{HOSTILE} United Kingdom"')
    (folder / "regions.toml").write_text(regions, "utf-8")
    found, errors = collect([folder])
    assert errors == [], [str(e) for e in errors]
    return found


def start_on_hostile(data_dir: Path, **extra: object) -> None:
    """A progress file that opens the app on the hostile guide."""
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {"schema": 1, "guide": GUIDE_ID, "guides": {}, **extra}
    (data_dir / "progress.json").write_text(json.dumps(data), "utf-8")


def hostile(catalog: Catalog) -> Guide:
    return catalog.guide(GUIDE_ID)


def strings(catalog: Catalog, lang: str) -> Strings:
    return Strings(lang, catalog.ui[lang])


def toasts(app: OptOutApp) -> list[str]:
    """The notifications as drawn on the screen (run_test(notifications=True) draws them)."""
    return [shown(toast) for toast in app.screen.query("Toast")]


def no_actions(content: object) -> None:
    """No span of drawn content carries a link or a click action."""
    for span in getattr(content, "spans", []):
        style = str(span.style)
        assert "@click" not in style and "https://x" not in style, style


def drawn_without_actions(widget: Widget) -> None:
    """Nothing drawn in the widget's visible lines would run an action or open a link."""
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            meta = segment.style.meta if segment.style else {}
            assert "@click" not in meta, (y, segment.text, meta)
            assert not (segment.style and segment.style.link), (y, segment.text)


def test_the_hostile_guide_is_accepted(catalog: Catalog) -> None:
    guide = hostile(catalog)
    assert guide.text("en").title.startswith(HOSTILE)
    assert guide.text("fr").devices["mobile"].name.startswith(HOSTILE)
    assert guide.platform_name("en").startswith(HOSTILE)


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_header_tabs_and_list_show_markup_literally(
    catalog: Catalog, data_dir: Path, lang: str
) -> None:
    start_on_hostile(data_dir)
    guide = hostile(catalog)
    text = guide.text(lang)
    app = OptOutApp(catalog=catalog, lang=lang)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert app.guide.id == GUIDE_ID
        assert titles(app) == (text.title, text.setting)
        header = flat(on_screen(app, "HeaderTitle"))
        assert text.title in header and text.setting in header
        assert tab_labels(app) == [text.devices[d.id].name for d in guide.devices]
        prompts = app.screen.query_one("#list-desktop", OptionList).options
        for step_id, option in zip(step_ids(3), prompts, strict=True):
            assert guide.steps[step_id].words(lang).title in flat(plain(option.prompt))
            no_actions(option.prompt)


async def test_palette_hits_and_help_lines_are_literal(catalog: Catalog, data_dir: Path) -> None:
    start_on_hostile(data_dir)
    guide = hostile(catalog)
    for lang in ("en", "fr"):
        s, text = strings(catalog, lang), guide.text(lang)
        app = OptOutApp(catalog=catalog, lang=lang)
        async with app.run_test(size=(200, 50)) as pilot:
            # Pressing Ctrl+P with a broken "[/]" in a title once crashed the app.
            palette = await open_palette(pilot)
            lines = palette_lines(palette)
            for device in guide.devices:
                name = text.devices[device.id].name
                line = (s("cmd_device", device=name), s("help_device_named", device=name))
                assert line in lines, lines
            # The guide on screen is not offered as a guide to open.
            assert (s("cmd_guide", guide=text.title), s("help_open_guide")) not in lines
            command_list = palette.query_one(CommandList)
            for option in command_list.options:
                no_actions(option.prompt)
            drawn_without_actions(command_list)
            assert app.is_running
        # From another guide, the hostile one is offered to open: its title, literally.
        app = OptOutApp(catalog=catalog, lang=lang, guide_id="linkedin-genai")
        async with app.run_test(size=(200, 50)) as pilot:
            palette = await open_palette(pilot)
            lines = palette_lines(palette)
            assert (s("cmd_guide", guide=text.title), s("help_open_guide")) in lines
            drawn_without_actions(palette.query_one(CommandList))
            await pilot.press("escape")
            # A search: the hit is drawn from the same literal text.
            palette = await open_palette(pilot, "demo")
            titles_found = [title for title, _ in palette_lines(palette)]
            assert s("cmd_guide", guide=text.title) in titles_found, titles_found
            assert app.is_running


async def test_clicking_a_palette_entry_runs_only_its_command(
    catalog: Catalog, data_dir: Path
) -> None:
    start_on_hostile(data_dir)
    s, text = strings(catalog, "en"), hostile(catalog).text("en")
    entry = s("cmd_device", device=text.devices["mobile"].name)
    app = OptOutApp(catalog=catalog, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        assert app.screen.query_one(TabbedContent).active == "tab-desktop"
        palette = await open_palette(pilot, entry)  # typed in full: the best hit, first
        lines = palette_lines(palette)
        assert lines[0][0] == entry, lines
        command_list = palette.query_one(CommandList)
        # Click right on the "q" that "[@click=app.quit]" would have made clickable.
        # The list has a blank top border (1 row) and options are padded by 2 columns.
        column = 2 + entry.index(CLICK) + CLICK.index("]q") + 1
        assert await pilot.click(command_list, offset=(column, 1))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.screen.query_one(TabbedContent).active == "tab-mobile"  # its own command


async def test_catalog_lines_are_literal(catalog: Catalog, data_dir: Path) -> None:
    start_on_hostile(data_dir)
    guide = hostile(catalog)
    app = OptOutApp(catalog=catalog, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("space")  # started: the catalog line names the device
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        options = app.screen.query_one("#guides-list", OptionList).options
        at = next(i for i, o in enumerate(options) if o.id == GUIDE_ID)
        line = flat(plain(options[at].prompt))
        assert guide.text("en").title in line
        assert guide.text("en").devices["desktop"].name in line
        no_actions(options[at].prompt)
        heading = next(o for o in reversed(options[:at]) if not o.id)
        assert plain(heading.prompt) == guide.platform_name("en")
        assert titles(app)[0] == strings(catalog, "en")("catalog_title")


async def test_completion_view_and_its_border_title_are_literal(
    catalog: Catalog, data_dir: Path
) -> None:
    start_on_hostile(data_dir)
    guide = hostile(catalog)
    text = guide.text("en")
    app = OptOutApp(catalog=catalog, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press(*["space"] * len(guide.device("desktop").steps))
        await settle(pilot)
        assert isinstance(app.screen, CompletionScreen)
        box = app.screen.query_one("#completion-box")
        expected = strings(catalog, "en")("completion_title", device=text.devices["desktop"].name)
        # border_title reads back as markup: parsing it gives the drawn text.
        assert Content.from_markup(box.border_title or "").plain == expected
        body = flat(shown(app.screen.query_one("#completion-box Static")))
        assert text.covers[0].text in body and text.not_covered[0].text in body


async def test_changed_banner_shows_the_change_note_literally(
    catalog: Catalog, data_dir: Path
) -> None:
    guide = hostile(catalog)
    steps = guide.device("desktop").steps
    stamp = "2026-01-01T10:00:00+00:00"
    record = {
        "ticks": dict.fromkeys(steps, stamp),
        "completed": stamp,
        "completed_revision": 1,
        "revision": 1,
    }
    start_on_hostile(data_dir, guides={GUIDE_ID: {"devices": {"desktop": record}}}, region="uk")
    app = OptOutApp(catalog=catalog, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        banner = flat(on_screen(app, "#notice"))
        assert guide.text("en").changes[2] in banner
        assert app.screen.query_one("#notice").has_class("-changed")


async def test_region_names_in_screen_line_and_notification_are_literal(
    own_regions: Catalog, data_dir: Path
) -> None:
    start_on_hostile(data_dir)
    name = own_regions.region_name("uk", "en")
    assert name.startswith(HOSTILE)
    app = OptOutApp(catalog=own_regions, lang="en")
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        options = app.screen.query_one("#region-list", OptionList).options
        uk = next(i for i, o in enumerate(options) if o.id == "uk")
        assert plain(options[uk].prompt) == name
        await pilot.press(*["down"] * uk, "enter")
        await settle(pilot)
        message = strings(own_regions, "en")("region_saved", region=name)
        assert message in said(app)
        await pilot.pause()
        assert any(message in toast for toast in toasts(app)), toasts(app)
        assert name in flat(on_screen(app, "#region-line"))
        assert app.is_running


async def test_a_folder_name_with_markup_is_shown_whole_after_export(
    catalog: Catalog, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / HOSTILE.replace("/", "|")
    here.mkdir()
    monkeypatch.chdir(here)
    start_on_hostile(data_dir)
    app = OptOutApp(catalog=catalog, lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        written = list(here.iterdir())
        assert len(written) == 1
        assert on_screen(app, "#message-line") == str(written[0])
    shutil.rmtree(here)


async def test_not_offered_banner_is_literal(tmp_path: Path, data_dir: Path) -> None:
    """The region-dependent banner: a guide offered only in the EU, seen from the UK."""
    extra = tmp_path / "regional"
    guide_folder = write_hostile(extra)
    edit(guide_folder / "guide.toml", "revision = 2", 'regions = ["eu"]\nrevision = 2')
    for lang in ("en", "fr"):
        path = guide_folder / f"{lang}.toml"
        line = f'not_offered = "{HOSTILE} {lang}: only in the European Union, EEA and Switzerland."'
        path.write_text(line + "\n" + path.read_text("utf-8"), "utf-8")
    catalog = load_catalog([extra])
    start_on_hostile(data_dir, region="uk")
    for lang in ("en", "fr"):
        app = OptOutApp(catalog=catalog, lang=lang)
        async with app.run_test(size=(200, 50)) as pilot:
            await pilot.pause()
            banner = flat(on_screen(app, "#notice"))
            assert hostile(catalog).text(lang).not_offered in banner, banner
            no_actions(app.screen.query_one("#notice").render())
