"""Issue 11: every terminal size down to 60x20, in English and French.

"Visible" here means what a person sees: the widget has a place on the screen, inside it,
and the screen's topmost widget at that place is that widget (nothing covers it, it is not
scrolled out of its column). The checklist's rows are read as drawn (``render_line``), so a
highlighted step scrolled out of view is caught.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import settle
from seen import flat, key_bar, on_screen, plain
from textual.widget import Widget
from textual.widgets import Tabs

from tui.app.app import OptOutApp
from tui.app.widgets.checklist import TICKED, Checklist
from tui.catalog import load_catalog
from tui.text.i18n import Strings

CATALOG = load_catalog()
GUIDE = CATALOG.guide("linkedin-genai")
DESKTOP = list(GUIDE.device("desktop").steps)
SMALL = (60, 20)
SIZES = [(60, 20), (80, 24), (100, 32), (160, 48)]
LANGS = ["en", "fr"]


def strings(lang: str) -> Strings:
    return Strings(lang, CATALOG.ui[lang])


def visible(app: OptOutApp, widget: Widget) -> bool:
    """On screen, whole, and not covered: the topmost widget at its place is it (or inside it)."""
    region = widget.region
    if not region.height or not region.width:
        return False
    if not app.screen.region.contains_region(region):
        return False
    top, _ = app.screen.get_widget_at(region.x, region.y)
    return top is widget or widget in top.ancestors


def drawn_rows(widget: Widget) -> list[str]:
    """The rows a widget draws now, scrolling included."""
    return ["".join(s.text for s in widget.render_line(y)) for y in range(widget.size.height)]


def checklist(app: OptOutApp, device: str = "desktop") -> Checklist:
    return app.screen.query_one(f"#list-{device}", Checklist)


def row_shown(app: OptOutApp, number: int, title: str) -> str | None:
    """The drawn row of step ``number`` (its box, number and title start), if in view."""
    head = f"{number}. {title[:12]}"
    return next((row for row in drawn_rows(checklist(app)) if head in row), None)


# ------------------------------------------------------------------ the highlighted step


@pytest.mark.parametrize("lang", LANGS)
async def test_the_highlighted_last_step_is_in_view(data_dir: Path, lang: str) -> None:
    last = len(DESKTOP)
    title = GUIDE.steps[DESKTOP[-1]].words(lang).title
    app = OptOutApp(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*["down"] * (last - 1))
        await pilot.pause()
        assert checklist(app).highlighted == last - 1
        assert visible(app, checklist(app))
        assert row_shown(app, last, title), drawn_rows(checklist(app))


@pytest.mark.parametrize("lang", LANGS)
async def test_ticking_the_last_step_shows_its_tick(data_dir: Path, lang: str) -> None:
    last = len(DESKTOP)
    title = GUIDE.steps[DESKTOP[-1]].words(lang).title
    app = OptOutApp(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*["down"] * (last - 1), "space")
        await settle(pilot)
        row = row_shown(app, last, title)
        assert row is not None, drawn_rows(checklist(app))
        assert row.lstrip().startswith(TICKED)


# ------------------------------------------------------------------ tabs and the key bar


@pytest.mark.parametrize("lang", LANGS)
async def test_tab_labels_are_readable(data_dir: Path, lang: str) -> None:
    app = OptOutApp(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tabs = list(app.screen.query_one("#devices").query_one(Tabs).query("Tab"))
        names = [GUIDE.text(lang).devices[d.id].name for d in GUIDE.devices]
        assert [plain(tab.label) for tab in tabs] == names
        for tab, name in zip(tabs, names, strict=True):
            assert visible(app, tab), (name, tab.region)
            assert tab.region.width >= len(name)
            assert name in plain(tab.render())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
async def test_the_key_bar_always_shows_quit(
    data_dir: Path, lang: str, size: tuple[int, int]
) -> None:
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        from tui.app.widgets.keybar import KeyBar

        bar = app.screen.query_one(KeyBar)
        assert visible(app, bar)
        text = key_bar(app)
        assert f" q {s('key_quit')} " in text, text
        assert len(text) <= size[0]  # nothing cut off at the right edge
        await pilot.press("g")  # and on the catalog
        await pilot.pause()
        assert f" q {s('key_quit')} " in key_bar(app)


# ------------------------------------------------------------------ the region, always in view


def choose_region_file(data_dir: Path, region: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {"schema": 1, "region": region, "guides": {}}
    (data_dir / "progress.json").write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
async def test_the_chosen_region_is_always_in_view(
    data_dir: Path, lang: str, size: tuple[int, int]
) -> None:
    choose_region_file(data_dir, "uk")
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        name = CATALOG.region_name("uk", lang)
        assert on_screen(app, "#region-line") == s("region_line", region=name)
        assert visible(app, app.screen.query_one("#region-line")), size
        await pilot.press("right")  # on the phone tab too
        await pilot.pause()
        assert visible(app, app.screen.query_one("#region-line")), size


@pytest.mark.parametrize("lang", LANGS)
async def test_choosing_a_region_puts_it_on_the_line(data_dir: Path, lang: str) -> None:
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        # Before an answer the notice bar asks (with the key); the line has nothing to say.
        assert visible(app, app.screen.query_one("#notice"))
        assert on_screen(app, "#notice") == s("region_banner")
        await pilot.press("r")
        await pilot.pause()
        uk = [r.id for r in CATALOG.regions].index("uk")
        await pilot.press(*["down"] * uk, "enter")
        await settle(pilot)
        name = CATALOG.region_name("uk", lang)
        assert on_screen(app, "#region-line") == s("region_line", region=name)
        assert visible(app, app.screen.query_one("#region-line"))
        # Rather not say: the line says so, and still names the key.
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last choice
        await settle(pilot)
        everywhere = s("region_line", region=s("region_everything"))
        assert on_screen(app, "#region-line") == everywhere
        assert visible(app, app.screen.query_one("#region-line"))


@pytest.mark.parametrize("lang", LANGS)
async def test_the_region_banner_leaves_room_for_the_list(data_dir: Path, lang: str) -> None:
    app = OptOutApp(lang=lang)  # first run: the banner asks for the region
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("#notice")
        assert visible(app, notice)
        assert notice.region.height <= SMALL[1] // 5
        assert checklist(app).region.height >= 3 and visible(app, checklist(app))


# ------------------------------------------------------------------ the phone tab


@pytest.mark.parametrize("lang", LANGS)
async def test_phone_tab_says_the_computer_is_done(data_dir: Path, lang: str) -> None:
    stamp = "2026-11-30T10:00:00+00:00"
    record = {
        "ticks": dict.fromkeys(DESKTOP, stamp),
        "completed": stamp,
        "completed_revision": GUIDE.revision,
        "revision": GUIDE.revision,
    }
    data_dir.mkdir(parents=True)
    guides = {GUIDE.id: {"devices": {"desktop": record}}}
    data = {"schema": 1, "region": "unknown", "guides": guides}
    (data_dir / "progress.json").write_text(json.dumps(data), "utf-8")
    s = strings(lang)
    computer = GUIDE.text(lang).devices["desktop"].name
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        progress = flat(on_screen(app, "#progress"))
        said_before_date = s("done_elsewhere", device=computer, date="\0").split("\0")[0]
        assert flat(said_before_date) in progress, progress
        assert visible(app, app.screen.query_one("#progress"))
        await pilot.press("left")  # the computer's own tab says it is done, not "elsewhere"
        await pilot.pause()
        assert computer not in on_screen(app, "#progress")
