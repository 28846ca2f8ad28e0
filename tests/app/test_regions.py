"""Regions: the one question the app asks, what it filters, and how the answer is kept.

Driven with Pilot against the real content; every assertion about persistence reads the
progress file the app wrote in the test's own data folder (conftest). The claims used are
picked from the guide by their ``regions`` tag, so the tests follow the content.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import settle
from seen import flat, on_screen, said
from textual.widget import Widget
from textual.widgets import OptionList, Static

from tui.app.app import OptOutApp
from tui.app.screens.region import SKIP, RegionScreen
from tui.catalog import Catalog, Claim, collect, load_catalog
from tui.text.i18n import Strings
from tui.text.plain import coverage_sections

CATALOG = load_catalog()
GUIDE = CATALOG.guide("linkedin-genai")  # the guide a first run opens on
REGION_IDS = [r.id for r in CATALOG.regions]
UK = REGION_IDS.index("uk")
S_EN = Strings("en", CATALOG.ui["en"])


def all_claims(lang: str = "en") -> list[Claim]:
    text = GUIDE.text(lang)
    return [*text.covers, *text.not_covered, *text.dates, *text.next]


def only_in(region: str, lang: str = "en") -> Claim:
    """A claim of the main guide tagged with this one region and no other."""
    return next(c for c in all_claims(lang) if c.regions == (region,))


UK_CLAIM = only_in("uk")
HK_CLAIM = only_in("hk")
EVERYWHERE_CLAIM = next(c for c in all_claims() if not c.regions)


def stored(data_dir: Path) -> dict:
    return json.loads((data_dir / "progress.json").read_text("utf-8"))


def plain(app: OptOutApp, selector: str) -> str:
    return flat(on_screen(app, selector))  # the app breaks long lines itself


def notice(app: OptOutApp) -> Widget:
    return app.screen.query_one("#notice")


def messages(app: OptOutApp) -> list[str]:
    return said(app)


async def choose_region(pilot, index: int) -> None:
    """Open the region question with r and pick the option at ``index`` with the keyboard."""
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RegionScreen)
    await pilot.press(*["down"] * index, "enter")
    await settle(pilot)


def test_content_has_the_claims_these_tests_rely_on() -> None:
    assert REGION_IDS[:2] == ["eu", "uk"]
    assert UK_CLAIM.regions == ("uk",)
    assert HK_CLAIM.regions == ("hk",)
    assert UK_CLAIM.text != HK_CLAIM.text


# ------------------------------------------------------------------ the banner and the screen


async def test_first_run_shows_the_region_banner(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert notice(app).display
        assert "press r" in plain(app, "#notice")
        assert plain(app, "#notice") == S_EN("region_banner")
        assert not notice(app).has_class("-changed")
        # The banner asks; it does not take the focus from the checklist.
        assert app.focused is app.screen.query_one("#list-desktop")


async def test_r_opens_the_region_screen_with_every_region_and_skip(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        options = app.screen.query_one("#region-list", OptionList)
        assert [o.id for o in options.options] == [*REGION_IDS, SKIP]
        prompts = [str(o.prompt) for o in options.options]
        assert prompts[UK] == "United Kingdom"
        assert prompts[-1] == S_EN("region_skip")
        assert options.highlighted == 0
        assert app.focused is options
        assert str(app.screen.query_one("#region-box").border_title) == S_EN("region_title")


async def test_choosing_uk_saves_hides_banner_and_filters_about(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_region(pilot, UK)
        assert not isinstance(app.screen, RegionScreen)
        assert stored(data_dir)["region"] == "uk"
        assert app.region == "uk"
        assert not notice(app).display
        assert "Region: United Kingdom" in messages(app)
        await pilot.press("i")
        await pilot.pause()
        about = plain(app, "#explanation-text")
        assert UK_CLAIM.text in about
        assert HK_CLAIM.text not in about
        assert EVERYWHERE_CLAIM.text in about


async def test_before_any_answer_the_about_view_shows_every_region(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        about = plain(app, "#explanation-text")
        assert UK_CLAIM.text in about
        assert HK_CLAIM.text in about


async def test_rather_not_say_saves_unknown_and_shows_everything(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_region(pilot, len(REGION_IDS))
        assert stored(data_dir)["region"] == SKIP == "unknown"
        assert app.region is None
        assert not notice(app).display
        assert "Region: everywhere" in messages(app)
        await pilot.press("i")
        about = plain(app, "#explanation-text")
        assert UK_CLAIM.text in about
        assert HK_CLAIM.text in about


async def test_escape_cancels_without_saving(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, RegionScreen)
        assert notice(app).display
        assert app.store.setting("region") is None
    assert not (data_dir / "progress.json").exists() or "region" not in stored(data_dir)


async def test_region_survives_a_restart_and_is_preselected(data_dir: Path) -> None:
    first = OptOutApp()
    async with first.run_test(size=(100, 30)) as pilot:
        await choose_region(pilot, UK)
    second = OptOutApp()
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert second.region == "uk"
        assert not notice(second).display
        await pilot.press("i")
        about = plain(second, "#explanation-text")
        assert UK_CLAIM.text in about and HK_CLAIM.text not in about
        await pilot.press("r")
        await pilot.pause()
        options = second.screen.query_one("#region-list", OptionList)
        assert options.highlighted == UK
        # Changing it again replaces the saved answer.
        await pilot.press("down", "enter")
        await settle(pilot)
    assert stored(data_dir)["region"] == REGION_IDS[UK + 1]


async def test_changing_region_while_about_is_shown_refilters_it(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await choose_region(pilot, REGION_IDS.index("hk"))
        about = plain(app, "#explanation-text")
        assert HK_CLAIM.text in about
        assert UK_CLAIM.text not in about


async def test_region_names_and_question_in_french(data_dir: Path) -> None:
    app = OptOutApp(lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "appuyez sur r" in plain(app, "#notice")
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RegionScreen)
        prompts = [str(o.prompt) for o in screen.query_one("#region-list", OptionList).options]
        assert prompts[UK] == "Royaume-Uni"
        assert prompts[0] == "Union européenne, EEE ou Suisse"
        assert prompts[-1] == CATALOG.ui["fr"]["region_skip"]
        assert "United Kingdom" not in prompts
        assert str(screen.query_one("#region-box").border_title) == CATALOG.ui["fr"]["region_title"]
        question = screen.query_one("#region-question", Static).content.plain
        assert question == CATALOG.ui["fr"]["region_question"]
        await pilot.press(*["down"] * UK, "enter")
        await settle(pilot)
        s_fr = Strings("fr", CATALOG.ui["fr"])
        assert s_fr("region_saved", region="Royaume-Uni") in messages(app)
        await pilot.press("i")
        about = plain(app, "#explanation-text")
        assert only_in("uk", "fr").text in about
        assert only_in("hk", "fr").text not in about
    assert stored(data_dir)["region"] == "uk"


async def test_no_banner_when_the_content_has_no_regions(data_dir: Path) -> None:
    catalog = Catalog(guides=CATALOG.guides, ui=CATALOG.ui, regions=())
    app = OptOutApp(catalog=catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not notice(app).display


# ------------------------------------------------------------------ the model and the views


@pytest.mark.parametrize(
    ("regions", "region", "applies"),
    [
        ((), None, True),
        ((), "uk", True),
        ((), "unknown", True),
        (("uk",), None, True),
        (("uk",), "uk", True),
        (("uk",), "hk", False),
        (("uk",), "other", False),
        (("eu", "uk"), "eu", True),
        (("eu", "uk"), "uk", True),
        (("eu", "uk"), "ca", False),
    ],
)
def test_claim_applies(regions: tuple[str, ...], region: str | None, applies: bool) -> None:
    assert Claim("text", (1,), None, regions).applies(region) is applies


def section_texts(region: str | None, lang: str = "en") -> dict[str, list[str]]:
    s = Strings(lang, CATALOG.ui[lang])
    return {
        heading: [c.text for c in claims]
        for heading, claims in coverage_sections(GUIDE, lang, s, region)
    }


def test_coverage_sections_without_region_keep_everything() -> None:
    sections = section_texts(None)
    assert list(sections) == [
        S_EN("covers_heading"),
        S_EN("not_covered_heading"),
        S_EN("dates_heading"),
        S_EN("next_heading"),
    ]
    everything = [t for texts in sections.values() for t in texts]
    assert everything == [c.text for c in all_claims()]


def test_coverage_sections_filter_by_region() -> None:
    uk = section_texts("uk")
    assert UK_CLAIM.text in uk[S_EN("covers_heading")]
    assert HK_CLAIM.text not in uk[S_EN("dates_heading")]
    hk = section_texts("hk")
    assert UK_CLAIM.text not in hk[S_EN("covers_heading")]
    assert HK_CLAIM.text in hk[S_EN("dates_heading")]
    for region in REGION_IDS:
        kept = [t for texts in section_texts(region).values() for t in texts]
        expected = [c.text for c in all_claims() if not c.regions or region in c.regions]
        assert kept == expected


def test_coverage_sections_in_french_filter_the_same_way() -> None:
    fr = section_texts("uk", "fr")
    assert next(iter(fr)) == CATALOG.ui["fr"]["covers_heading"]
    kept = [t for texts in fr.values() for t in texts]
    assert only_in("uk", "fr").text in kept
    assert only_in("hk", "fr").text not in kept


# ------------------------------------------------------------------ content validation


def tag_first_claim(path: Path, regions: str) -> None:
    text = path.read_text("utf-8")
    marker = "[[covers]]\n"
    assert marker in text
    path.write_text(text.replace(marker, f"[[covers]]\nregions = {regions}\n", 1), "utf-8")


def test_unknown_region_id_in_a_claim_is_an_error(content_copy: Path) -> None:
    _, errors = collect([content_copy])
    assert errors == []
    en = content_copy / "linkedin-genai" / "en.toml"
    tag_first_claim(en, '["mars"]')
    _, errors = collect([content_copy])
    found = [e for e in errors if "'mars'" in e.message]
    assert len(found) == 1, [str(e) for e in errors]
    assert found[0].path == en
    assert "regions.toml" in found[0].message
    assert "uk" in found[0].message  # names the known ones


def test_known_region_id_in_a_claim_is_accepted(content_copy: Path) -> None:
    tag_first_claim(content_copy / "linkedin-genai" / "fr.toml", '["ca", "hk"]')
    catalog, errors = collect([content_copy])
    assert errors == []
    first = catalog.guide("linkedin-genai").text("fr").covers[0]
    assert first.regions == ("ca", "hk")


def test_region_list_of_wrong_type_is_an_error(content_copy: Path) -> None:
    tag_first_claim(content_copy / "linkedin-genai" / "en.toml", '"uk"')
    _, errors = collect([content_copy])
    assert any("'regions' must be a list of region ids" in e.message for e in errors)


def test_regions_toml_needs_every_interface_language(content_copy: Path) -> None:
    path = content_copy / "regions.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('fr = "Royaume-Uni"\n', ""), "utf-8")
    _, errors = collect([content_copy])
    assert any(e.path == path and "fr" in e.message for e in errors), [str(e) for e in errors]
