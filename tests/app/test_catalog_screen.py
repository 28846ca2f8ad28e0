"""Issue 9: the catalog screen, which replaced the guide picker.

Guides grouped by platform, each with where it stands at a glance (done on which device and
when, changed since, started, not started), reachable with g from a guide and left with
Escape or g; keyboard and mouse; English and French. Guides are looked up by id and counts
come from the content, so new guides do not break these tests.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import settle
from helpers.minimal import edit, write_minimal_guide
from seen import flat, key_bar, on_screen, plain, titles
from textual.widgets import OptionList

from tui.app.app import OptOutApp
from tui.app.screens.catalog import CatalogScreen
from tui.app.screens.checklist import ChecklistScreen
from tui.catalog import Guide, load_catalog
from tui.text.i18n import Strings
from tui.text.plain import ago

CATALOG = load_catalog()
MAIN = CATALOG.guide("linkedin-genai")
ADS = CATALOG.guide("linkedin-ads-microsoft")
FORM = CATALOG.guide("linkedin-objection-form")
DONE_AT = "2026-11-30T10:00:00+00:00"


def strings(lang: str) -> Strings:
    return Strings(lang, CATALOG.ui[lang])


def started(guide: Guide, lang: str, device: str, done: int) -> str:
    """How a started device reads in the catalog: its name, then done/total."""
    s, total = strings(lang), len(guide.device(device).steps)
    return f"{guide.text(lang).devices[device].name}{s('colon')}{done}/{total}"


def days_since(stamp: str) -> int:
    return (date.today() - datetime.fromisoformat(stamp).date()).days


def record(guide: Guide, device: str, ticks: int, revision: int | None = None) -> dict:
    steps = guide.device(device).steps
    data: dict = {"ticks": dict.fromkeys(steps[:ticks], DONE_AT), "revision": guide.revision}
    if ticks == len(steps):
        data["completed"] = DONE_AT
        data["completed_revision"] = revision or guide.revision
        data["revision"] = data["completed_revision"]
    return data


def write_progress(data_dir: Path, guides: dict, **settings: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {"schema": 1, "guides": guides, **settings}
    (data_dir / "progress.json").write_text(json.dumps(data), "utf-8")


async def open_catalog(pilot) -> OptionList:
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CatalogScreen)
    return pilot.app.screen.query_one("#guides-list", OptionList)


def lines_by_id(options: OptionList) -> dict[str, str]:
    """Each guide's line in the catalog, wrapping undone."""
    return {o.id: flat(plain(o.prompt)) for o in options.options if o.id}


def headings_before(options: OptionList) -> dict[str, str]:
    """Each guide's id -> the heading it sits under."""
    under: dict[str, str] = {}
    heading = ""
    for option in options.options:
        if option.id:
            under[option.id] = heading
        else:
            heading = plain(option.prompt)
    return under


def highlighted_id(options: OptionList) -> str | None:
    assert options.highlighted is not None
    return options.get_option_at_index(options.highlighted).id


def row_of(options: OptionList, guide_id: str) -> int:
    """The screen row (within the list) where a guide's option starts (nothing wraps at 160)."""
    row = 0
    for option in options.options:
        if option.id == guide_id:
            return row
        row += plain(option.prompt).count("\n") + 1
    raise AssertionError(guide_id)


# ------------------------------------------------------------------ grouping


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_guides_sit_under_their_platform(data_dir: Path, lang: str) -> None:
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        under = headings_before(options)
        assert list(under) == [g.id for g in CATALOG.guides]  # every guide, once
        for guide in CATALOG.guides:
            assert under[guide.id] == guide.platform_name(lang), guide.id
        headings = [plain(o.prompt) for o in options.options if not o.id]
        assert len(headings) == len(set(headings)), headings  # one heading per platform
        assert all(o.disabled for o in options.options if not o.id)  # headings are not choices
        assert titles(app)[0] == strings(lang)("catalog_title")
        assert on_screen(app, "#catalog-intro") == strings(lang)("catalog_intro")
        lines = lines_by_id(options)
        for guide in CATALOG.guides:
            assert guide.text(lang).title in lines[guide.id]


async def test_an_extra_guide_joins_its_platform(tmp_path: Path, data_dir: Path) -> None:
    extra = tmp_path / "extra"
    folder = write_minimal_guide(extra, "linkedin-extra")
    edit(folder / "guide.toml", 'platform = "demo"', f'platform = "{MAIN.platform}"')
    for lang in ("en", "fr"):
        edit(
            folder / f"{lang}.toml", 'platform = "Demo"', f'platform = "{MAIN.text(lang).platform}"'
        )
    catalog = load_catalog([extra])
    app = OptOutApp(catalog=catalog)
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        headings = [plain(o.prompt) for o in options.options if not o.id]
        assert len(headings) == len(set(headings)), headings
        under = headings_before(options)
        assert under["linkedin-extra"] == under[MAIN.id]


# ------------------------------------------------------------------ state at a glance


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_each_guide_says_where_it_stands(data_dir: Path, lang: str) -> None:
    outdated = ADS.revision > 1  # finished against an earlier revision: changed since
    finished = len(MAIN.device("desktop").steps)
    guides = {
        MAIN.id: {"devices": {"desktop": record(MAIN, "desktop", finished)}},
        FORM.id: {"devices": {"desktop": record(FORM, "desktop", 2)}},
    }
    if outdated:
        steps = len(ADS.device("desktop").steps)
        old = record(ADS, "desktop", steps, revision=ADS.revision - 1)
        guides[ADS.id] = {"devices": {"desktop": old}}
    write_progress(data_dir, guides, region="unknown")
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        lines = lines_by_id(options)
        computer = MAIN.text(lang).devices["desktop"].name
        # Done: on which device and when (in the words status uses).
        when = ago(s, days_since(DONE_AT))
        assert s("catalog_done", device=computer, when=when) in lines[MAIN.id], lines[MAIN.id]
        assert s("catalog_not_started") not in lines[MAIN.id]
        # Started: how far.
        assert started(FORM, lang, "desktop", 2) in lines[FORM.id], lines[FORM.id]
        # Changed since it was finished.
        if outdated:
            name = ADS.text(lang).devices["desktop"].name
            assert s("catalog_outdated", device=name) in lines[ADS.id], lines[ADS.id]
        # Never opened.
        for guide in CATALOG.guides:
            if guide.id not in guides:
                assert s("catalog_not_started") in lines[guide.id], lines[guide.id]


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_each_guide_says_when_its_facts_were_checked(data_dir: Path, lang: str) -> None:
    s = strings(lang)
    app = OptOutApp(lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        lines = lines_by_id(await open_catalog(pilot))
        for guide in CATALOG.guides:
            days = (date.today() - guide.last_verified).days
            assert s("catalog_facts", when=ago(s, days)) in lines[guide.id], lines[guide.id]


async def test_a_tick_shows_in_the_catalog_when_back(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        assert strings("en")("catalog_not_started") in lines_by_id(options)[MAIN.id]
        await pilot.press("escape")
        await pilot.press("space")
        await settle(pilot)
        options = await open_catalog(pilot)
        assert started(MAIN, "en", "desktop", 1) in lines_by_id(options)[MAIN.id]


# ------------------------------------------------------------------ keyboard, mouse, language


async def test_keyboard_moves_skip_headings_and_enter_opens(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        assert highlighted_id(options) == MAIN.id
        assert app.focused is options
        order = [g.id for g in CATALOG.guides]
        for key in ("down", "j"):  # each move lands on the next guide, never on a heading
            before = order.index(highlighted_id(options))
            await pilot.press(key)
            assert highlighted_id(options) == order[before + 1]
        await pilot.press("k")
        assert highlighted_id(options) == order[order.index(MAIN.id) + 1]
        # To the first guide of the next platform: its heading is skipped.
        other = next(g for g in CATALOG.guides if g.platform_name("en") != MAIN.platform_name("en"))
        while highlighted_id(options) != other.id:
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        assert app.guide.id == other.id
        assert titles(app)[0] == other.text("en").title


async def test_a_click_opens_a_guide(data_dir: Path) -> None:
    target = CATALOG.guides[-1]
    app = OptOutApp()
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        assert await pilot.click(options, offset=(4, row_of(options, target.id)))
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        assert app.guide.id == target.id
        assert app.store.setting("guide") == target.id


async def test_the_catalog_follows_the_language(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(160, 50)) as pilot:
        options = await open_catalog(pilot)
        assert f" {strings('en')('key_back')} " in key_bar(app)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, CatalogScreen)
        lines = lines_by_id(options)
        for guide in CATALOG.guides:
            assert guide.text("fr").title in lines[guide.id]
        assert titles(app)[0] == strings("fr")("catalog_title")
        assert f" {strings('fr')('key_back')} " in key_bar(app)
        assert highlighted_id(options) == MAIN.id
