"""The words of ``status`` and of a guide's age (issues 11 and 12), in this process.

A verdict per platform ("LinkedIn AI training: opted out, checked today (Computer)"), the
guides never started on one line as optional, why ``--max-age`` failed, no nagging about a
guide the person's region does not offer, and a guide that says how old its facts are and,
past ``stale_after``, what to do if the screen differs. The guides come from a copy of the
shipped content given the 2.0 fields (``platform``, ``regions``, ``stale_after``) where it
lacks them, so these tests hold before and after the content gains them.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tui.catalog import Catalog, Guide, builtin_content_dir, collect
from tui.text.dates import written_date
from tui.text.i18n import Strings
from tui.text.plain import (
    StatusPlan,
    guide_age_lines,
    guide_lines,
    is_done,
    platform_verdict,
)

MAIN, FORM = "linkedin-genai", "linkedin-objection-form"


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def add_top_level(path: Path, key: str, line: str) -> None:
    """Give a TOML file a top-level key (before its first table) unless it has one."""
    text = path.read_text("utf-8")
    if re.search(rf"(?m)^{key}\s*=", text):
        return
    path.write_text(f"{line}\n{text}", "utf-8")


def with_platforms(folder: Path) -> Path:
    for guide in sorted(p for p in folder.iterdir() if (p / "guide.toml").exists()):
        if guide.name.startswith("linkedin-"):
            add_top_level(guide / "guide.toml", "platform", 'platform = "linkedin"')
            for lang in ("en", "fr"):
                add_top_level(guide / f"{lang}.toml", "platform", 'platform = "LinkedIn"')
    add_top_level(folder / FORM / "guide.toml", "regions", 'regions = ["eu", "uk"]')
    return folder


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(builtin_content_dir(), folder)
    found, errors = collect([with_platforms(folder)])
    assert errors == []
    return found


def words(catalog: Catalog, lang: str) -> Strings:
    return Strings(lang, catalog.ui[lang])


def stamp(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")


def finished(guide: Guide, device: str, days_ago: int) -> dict[str, dict[str, Any]]:
    when = stamp(days_ago)
    ticks = dict.fromkeys(guide.device(device).steps, when)
    return {device: {"ticks": ticks, "completed": when, "completed_revision": guide.revision}}


# --------------------------------------------------------------------------- verdicts


@pytest.mark.parametrize(
    ("days", "en", "fr"),
    [
        (0, "opted out, checked today (Computer)", "refusé, vérifié aujourd’hui (Ordinateur)"),
        (1, "opted out, checked yesterday (Computer)", "refusé, vérifié hier (Ordinateur)"),
        (
            3,
            "opted out, checked 3 days ago (Computer)",
            "refusé, vérifié il y a 3 jours (Ordinateur)",
        ),
    ],
)
def test_verdict_when_done(catalog: Catalog, days: int, en: str, fr: str) -> None:
    guide = catalog.guide(MAIN)
    records = finished(guide, "desktop", days)
    assert platform_verdict(guide, "en", words(catalog, "en"), records) == (
        f"LinkedIn AI training: {en}"
    )
    assert plain(platform_verdict(guide, "fr", words(catalog, "fr"), records)) == (
        f"Entraînement de l’IA chez LinkedIn : {fr}"
    )


def test_verdict_says_why_max_age_failed(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    records = finished(guide, "mobile", 91)
    line = platform_verdict(guide, "en", words(catalog, "en"), records, max_age=30)
    assert line == (
        "LinkedIn AI training: opted out, but last checked 91 days ago, more than 30 days "
        "(Phone app)"
    )
    assert not is_done(guide, records, 30) and is_done(guide, records, 91)
    french = plain(platform_verdict(guide, "fr", words(catalog, "fr"), records, max_age=30))
    assert "dernière vérification il y a 91 jours, plus de 30 jours" in french


def test_verdict_not_done_and_changed(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    s = words(catalog, "en")
    assert platform_verdict(guide, "en", s, {}) == "LinkedIn AI training: not done yet"
    assert plain(platform_verdict(guide, "fr", words(catalog, "fr"), {})) == (
        "Entraînement de l’IA chez LinkedIn : pas encore fait"
    )
    if guide.revision > 1:  # finished against an older revision: to check again
        records = finished(guide, "desktop", 2)
        records["desktop"]["completed_revision"] = guide.revision - 1
        assert "to check again" in platform_verdict(guide, "en", s, records)


def test_the_freshest_device_speaks(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    records = {**finished(guide, "desktop", 40), **finished(guide, "mobile", 2)}
    line = platform_verdict(guide, "en", words(catalog, "en"), records, max_age=30)
    assert line.endswith("checked 2 days ago (Phone app)")


# --------------------------------------------------------------------------- which guides count


def plan(catalog: Catalog, records: dict[str, Any], region: str | None) -> StatusPlan:
    return StatusPlan(catalog.guides, lambda g: records.get(g.id, {}), region)


def test_never_started_guides_are_optional_on_one_line(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    status = plan(catalog, {MAIN: finished(guide, "desktop", 1)}, None)
    assert [g.id for g in status.counted] == [MAIN]
    assert status.ok(None)
    lines = list(status.lines("en", words(catalog, "en"), None, None))
    assert lines[0] == "LinkedIn AI training: opted out, checked yesterday (Computer)"
    optional = [line for line in lines if line.startswith("Not started (optional): ")]
    assert len(optional) == 1
    for other in catalog.guides[1:]:
        assert f"{other.text('en').title} ({other.id})" in optional[0]
        assert not any(line.startswith(other.text("en").title) for line in lines)


def test_a_region_that_is_not_offered_never_nags(catalog: Catalog) -> None:
    main, form = catalog.guide(MAIN), catalog.guide(FORM)
    started = {form.device("desktop").steps[0]: stamp(1)}
    records = {MAIN: finished(main, "desktop", 1), FORM: {"desktop": {"ticks": started}}}
    assert not plan(catalog, records, "eu").ok(None)  # offered in the EU: started, so it counts
    assert not plan(catalog, records, None).ok(None)  # region unknown: it counts too
    elsewhere = plan(catalog, records, "other")
    assert elsewhere.ok(None)  # never fails about it
    assert form not in elsewhere.counted
    untouched = plan(catalog, {MAIN: finished(main, "desktop", 1)}, "other")
    lines = list(untouched.lines("en", words(catalog, "en"), None, "United States or elsewhere"))
    assert not any(FORM in line for line in lines if line.startswith("Not started"))
    assert any(
        line.startswith("Not offered where your account is (United States or elsewhere): ")
        and f"({FORM})" in line
        for line in lines
    )


def test_one_verdict_per_platform(catalog: Catalog) -> None:
    ads = next(g for g in catalog.guides if g.id == "linkedin-ads-microsoft")
    started = {ads.device("desktop").steps[0]: stamp(1)}
    status = plan(catalog, {ads.id: {"desktop": {"ticks": started}}}, None)
    assert ads in status.counted
    assert [g.id for g in status.platform_guides()] == [MAIN]  # LinkedIn: one line, not two
    assert ads.platform_name("fr") == "LinkedIn"


# --------------------------------------------------------------------------- a guide's age


def test_a_fresh_guide_says_how_old_its_facts_are(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    today = guide.last_verified + timedelta(days=9)
    assert guide_age_lines(guide, "en", words(catalog, "en"), today) == [
        f"Facts last checked 9 days ago ({written_date(guide.last_verified, 'en')})."
    ]
    french = plain(guide_age_lines(guide, "fr", words(catalog, "fr"), today)[0])
    assert french.startswith("Faits vérifiés pour la dernière fois il y a 9 jours (")


def test_a_stale_guide_says_what_to_do(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    limit = guide.stale_after
    s = words(catalog, "en")
    assert len(guide_age_lines(guide, "en", s, guide.last_verified + timedelta(limit))) == 1
    lines = guide_age_lines(guide, "en", s, guide.last_verified + timedelta(limit + 1))
    assert lines[1] == (
        f"These facts are more than {limit} days old: the screens may have changed since."
    )
    assert "“Also reported as”" in lines[2]  # the other labels the guide lists
    assert guide.link and guide.link in lines[3]  # the direct link
    assert "last step of each device" in lines[4]  # the check step
    text = "\n".join(guide_lines(guide, "en", s, ["desktop"], guide.last_verified + timedelta(999)))
    assert lines[1] in text


def test_a_guide_never_shows_a_negative_age(catalog: Catalog) -> None:
    guide = catalog.guide(MAIN)
    s = words(catalog, "en")
    line = guide_age_lines(guide, "en", s, guide.last_verified - timedelta(days=3))[0]
    assert line.startswith("Facts last checked today")


def test_stale_after_is_read_from_the_guide(catalog: Catalog, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(builtin_content_dir(), folder)
    toml = folder / MAIN / "guide.toml"
    text = re.sub(r"(?m)^stale_after\s*=.*\n", "", toml.read_text("utf-8"))
    toml.write_text("stale_after = 30\n" + text, "utf-8")
    found, errors = collect([folder])
    assert errors == []
    guide = found.guide(MAIN)
    assert guide.stale_after == 30
    s = words(found, "en")
    assert len(guide_age_lines(guide, "en", s, guide.last_verified + timedelta(days=31))) > 1
