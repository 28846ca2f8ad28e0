"""The new guides as a person meets them in the app: who an objection is for, said at the
start for the region chosen, and the ready-to-paste objection text that ``c`` copies.
(Issues 12 and 13: Meta's form is offered in the EU/EEA/Switzerland and the UK only.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import settle
from seen import flat, on_screen, said

from tui.app.app import OptOutApp
from tui.catalog import load_catalog
from tui.text.i18n import Strings

CATALOG = load_catalog(cache=False)


def start_in(data_dir: Path, region: str | None) -> None:
    data_dir.mkdir(parents=True, mode=0o700)
    data: dict[str, object] = {"schema": 1, "guides": {}}
    if region is not None:
        data["region"] = region
    (data_dir / "progress.json").write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("guide_id", ["meta-facebook", "meta-instagram", "linkedin-objection-form"])
async def test_elsewhere_the_guide_says_it_is_not_offered(
    data_dir: Path, guide_id: str, lang: str
) -> None:
    start_in(data_dir, "other")
    guide = CATALOG.guide(guide_id)
    assert guide.regions and "other" not in guide.regions
    app = OptOutApp(lang=lang, guide_id=guide_id)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        notice = flat(on_screen(app, "#notice"))
        assert notice == flat(guide.text(lang).not_offered or "")
        assert app.screen.query_one("#notice").has_class("-changed")  # said as a warning


@pytest.mark.parametrize("region", ["eu", "uk"])
async def test_where_it_is_offered_the_guide_says_so(data_dir: Path, region: str) -> None:
    start_in(data_dir, region)
    app = OptOutApp(lang="en", guide_id="meta-facebook")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = Strings("en", CATALOG.ui["en"])
        assert flat(on_screen(app, "#notice")) == s("offered_here")


async def test_before_a_region_is_chosen_the_guide_asks(data_dir: Path) -> None:
    app = OptOutApp(lang="fr", guide_id="meta-instagram")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = Strings("fr", CATALOG.ui["fr"])
        assert flat(on_screen(app, "#notice")) == flat(s("region_banner_limited"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("guide_id", "step_id"),
    [("meta-facebook", "fill-form"), ("linkedin-objection-form", "describe-processing")],
)
async def test_c_copies_the_objection_text(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, guide_id: str, step_id: str, lang: str
) -> None:
    guide = CATALOG.guide(guide_id)
    text = guide.steps[step_id].words(lang).copy
    assert text and "21" in text  # Article 21(1) of the GDPR, in both languages
    steps = list(guide.device("desktop").steps)
    app = OptOutApp(lang=lang, guide_id=guide_id)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * steps.index(step_id), "c")
        await settle(pilot)
        assert copied == [text]
        assert any(text in message for message in said(app))  # shown too: OSC 52 may be lost
