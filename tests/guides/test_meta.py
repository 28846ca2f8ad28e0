"""The Meta guides (meta-facebook, meta-instagram): checks that fail when the content breaks.

Each test reads the real files under content/. The guides validate; every https address in them
is quoted verbatim in the facts files; both languages are complete and the French uses ’; the
CLI prints the key labels; the region, per-account and form-address rules of the brief hold.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from helpers.guides import guide_command, strings

from tui.catalog import validate

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
FACTS = ROOT / ".." / "shared" / "facts"
GUIDES = ("meta-facebook", "meta-instagram")
LANGS = ("en", "fr")
URL = re.compile(r"https://[^\s\"'<>()\[\]{}«»]+")
CLAIM_TABLES = ("covers", "not_covered", "dates", "next")
# The form addresses the Liechtenstein regulator gave (facts §3, pair B): "also reported" only,
# never the main link.
REGULATOR_FORMS = {
    "meta-facebook": "https://www.facebook.com/help/contact/712876720715583",
    "meta-instagram": "https://help.instagram.com/contact/767264225370182",
}
# What each region is called in a claim's own words (EN, FR).
REGION_WORDS = {
    "eu": (("EU", "EEA", "Switzerland"), ("Union européenne", "EEE", "Suisse")),
    "uk": (("UK",), ("Royaume-Uni",)),
    "ca": (("Canada", "Outside the EU"), ("Canada", "Hors de l’Union européenne")),
    "hk": (("Outside the EU",), ("Hors de l’Union européenne",)),
    "other": (
        ("United States", "Brazil", "Outside the EU"),
        ("États-Unis", "Brésil", "Hors de l’Union européenne"),
    ),
}
KEY_LABELS = {
    ("meta-facebook", "en"): [
        "Accounts Center",
        "Privacy Center",
        "AI at Meta",
        "Submit an objection request",
        "Settings & Privacy",
        "https://www.facebook.com/privacy/center/",
    ],
    ("meta-facebook", "fr"): [
        "Accounts Center",
        "Centre de confidentialité",
        "IA chez Meta",
        "Soumettre une demande d’opposition",
        "Paramètres et confidentialité",
        "Envoyer",
    ],
    ("meta-instagram", "en"): [
        "Accounts Center",
        "Settings and activity",
        "Privacy Center",
        "Submit an objection request",
    ],
    ("meta-instagram", "fr"): [
        "Accounts Center",
        "Paramètres et activité",
        "Centre de confidentialité",
        "Soumettre une demande d’opposition",
        "Envoyer",
    ],
}


def load(guide: str, name: str) -> dict[str, Any]:
    with (CONTENT / guide / name).open("rb") as f:
        return tomllib.load(f)


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_validates(guide: str) -> None:
    errors = validate(CONTENT / guide)
    assert errors == [], "\n".join(str(e) for e in errors)


@pytest.mark.parametrize("guide", GUIDES)
def test_every_url_is_quoted_in_the_facts(guide: str) -> None:
    if not FACTS.is_dir():
        pytest.skip(
            f"facts folder not found at {FACTS.resolve()} (only present in the research workspace)"
        )
    facts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FACTS.glob("*.md")))
    found = set()
    for path in sorted((CONTENT / guide).glob("*.toml")):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            found.add(url.rstrip(".,;:"))
    assert found, "no URL found at all: the pattern is broken"
    missing = sorted(u for u in found if u not in facts)
    assert not missing, f"URLs not quoted verbatim in {FACTS}: {missing}"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_step_has_english_and_french_text(guide: str) -> None:
    structure = load(guide, "guide.toml")
    words = {lang: load(guide, f"{lang}.toml") for lang in LANGS}
    step_ids = {s for device in structure["devices"] for s in device["steps"]}
    assert step_ids == set(structure["steps"])
    for lang, text in words.items():
        for step in step_ids:
            table = text["steps"].get(step, {})
            for key in ("title", "do", "why"):
                assert table.get(key, "").strip(), f"{guide} {lang}: steps.{step}.{key} is empty"
            assert set(table) <= set(words["en"]["steps"][step]) | {"copy"}, (
                f"{lang} has keys EN lacks: {step}"
            )
        for device in structure["devices"]:
            assert text["devices"][device["id"]]["name"].strip()
        for table in CLAIM_TABLES:
            assert len(text.get(table, [])) == len(words["en"].get(table, [])), (
                f"{lang} {table} count differs"
            )


@pytest.mark.parametrize("guide", GUIDES)
def test_french_uses_the_typographic_apostrophe(guide: str) -> None:
    bad = [s for s in strings(load(guide, "fr.toml")) if "'" in s]
    assert not bad, f"straight apostrophe in French text: {bad[:3]}"
    lines = [s for s in strings(load(guide, "fr.toml")) if '"' in s]
    assert not lines, f"straight double quotes in French text (use « »): {lines[:3]}"


@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("lang", LANGS)
def test_cli_prints_the_key_labels(guide: str, lang: str, tmp_path: Path) -> None:
    result = guide_command(guide, lang, tmp_path)
    assert result.returncode == 0, result.stderr
    for label in KEY_LABELS[(guide, lang)]:
        assert label in result.stdout, (
            f"{label!r} missing from `guide --guide {guide} --lang {lang}`"
        )


def test_two_guides_for_one_platform_that_point_at_each_other() -> None:
    fb, ig = load("meta-facebook", "guide.toml"), load("meta-instagram", "guide.toml")
    for g, other, order in ((fb, "meta-instagram", 10), (ig, "meta-facebook", 11)):
        assert g["platform"] == "meta"
        assert g["regions"] == ["eu", "uk"]
        assert g["related"] == [other]
        assert g["order"] == order
        assert {"desktop", "mobile"} <= {d["id"] for d in g["devices"]}
    assert fb["devices"][0]["id"] == "desktop" and ig["devices"][0]["id"] == "mobile"
    for lang in LANGS:
        assert load("meta-facebook", f"{lang}.toml")["platform"] == "Meta"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_route_starts_with_accounts_center_and_ends_with_a_check(guide: str) -> None:
    structure = load(guide, "guide.toml")
    for device in structure["devices"]:
        assert device["steps"][0] == "check-accounts", device["id"]
        assert structure["steps"][device["steps"][-1]]["check"] is True, device["id"]
    assert structure["steps"]["check-accounts"]["link"] == "https://accountscenter.facebook.com/"
    other = "Facebook" if guide == "meta-instagram" else "Instagram"
    note = load(guide, "en.toml")["steps"]["check-accounts"]["note"]
    assert f"{other} account you have already objected for" in note and "already covers it" in note


@pytest.mark.parametrize("guide", GUIDES)
def test_the_regulator_cited_form_is_only_also_reported(guide: str) -> None:
    structure = load(guide, "guide.toml")
    links = [structure.get("link", "")] + [s.get("link", "") for s in structure["steps"].values()]
    assert not [link for link in links if "/contact/" in link], (
        "a form address is used as a main link"
    )
    if "link" in structure:
        assert structure["link"] == "https://www.facebook.com/privacy/center/"
    for lang, marker, who in (
        ("en", "Also reported", "Liechtenstein"),
        ("fr", "Autre adresse signalée", "Liechtenstein"),
    ):
        hits = [
            c
            for c in load(guide, f"{lang}.toml")["next"]
            if c.get("link") == REGULATOR_FORMS[guide]
        ]
        assert len(hits) == 1, (
            f"{lang}: the regulator-cited address should appear once, in [[next]]"
        )
        assert hits[0]["text"].startswith(marker) and who in hits[0]["text"]


@pytest.mark.parametrize("guide", GUIDES)
def test_not_offered_names_where_the_form_is_offered(guide: str) -> None:
    en = load(guide, "en.toml")["not_offered"]
    fr = load(guide, "fr.toml")["not_offered"]
    for word in ("EU", "EEA", "UK", "Switzerland", "since 2025", "United States"):
        assert word in en
    for word in ("Union européenne", "EEE", "Royaume-Uni", "Suisse", "depuis 2025", "États-Unis"):
        assert word in fr


@pytest.mark.parametrize("guide", GUIDES)
@pytest.mark.parametrize("lang", LANGS)
def test_regional_claims_say_their_region_in_words(guide: str, lang: str) -> None:
    text = load(guide, f"{lang}.toml")
    checked = 0
    for table in CLAIM_TABLES:
        for claim in text.get(table, []):
            for region in claim.get("regions", []):
                words = REGION_WORDS[region][0 if lang == "en" else 1]
                assert any(w in claim["text"] for w in words), (
                    f"{table}: {region} not said in {claim['text']!r}"
                )
                checked += 1
    assert checked >= 8, (
        "fewer regional claims than the brief asks for (EU, Switzerland, UK, Brazil, US, ...)"
    )


@pytest.mark.parametrize("guide", GUIDES)
def test_objection_text_says_only_what_gdpr_allows(guide: str) -> None:
    en = load(guide, "en.toml")["steps"]["fill-form"]["copy"]
    fr = load(guide, "fr.toml")["steps"]["fill-form"]["copy"]
    for needle in ("Article 21(1)", "GDPR", "legitimate interests", "this form", "one month"):
        assert needle in en
    for needle in (
        "article 21, paragraphe 1",
        "RGPD",
        "intérêts légitimes",
        "ce formulaire",
        "un mois",
    ):
        assert needle in fr
    for forbidden in ("delete", "undo", "must accept", "remove"):
        assert forbidden not in en.lower()
    for forbidden in ("supprim", "annul", "retir"):
        assert forbidden not in fr.lower()
    assert len(en) < 600 and len(fr) < 700, "the ready-to-paste text should stay short"


@pytest.mark.parametrize("guide", GUIDES)
def test_whatsapp_is_never_presented_as_a_sure_route(guide: str) -> None:
    en = load(guide, "en.toml")
    for claim in en["not_covered"] + en["next"]:
        if "WhatsApp" in claim["text"]:
            assert "disagree" in claim["text"] or "no source confirms" in claim["text"], claim[
                "text"
            ]
