"""The three LinkedIn guides keep the content contract's promises.

Checked here, straight from the TOML files (so a failure names the guide, the language and
the text): every https address is one the facts files give verbatim; a claim tagged with
`regions` names those regions in its own words; French text uses the typographic apostrophe;
the objection form offers a ready-to-paste text in both languages; guides limited to some
regions tell everyone else what they can do (`not_offered`); every step has its words in
both languages; the guides validate; and `optout-tui guide` prints them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.guides import guide_command

from tui.catalog import validate

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
FACTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "facts"
GUIDES = ("linkedin-genai", "linkedin-ads-microsoft", "linkedin-objection-form")
LANGS = ("en", "fr")
CLAIM_KINDS = ("covers", "not_covered", "dates", "next")

# Words that name each region id of content/regions.toml. Every group must match (one of
# its spellings), as a whole word and case-sensitively, so "US" is not found in "use".
REGION_WORDS: dict[str, dict[str, list[tuple[str, ...]]]] = {
    "eu": {
        "en": [("EU", "European Union"), ("EEA", "European Economic Area"), ("Switzerland",)],
        "fr": [("Union européenne", "UE"), ("EEE", "Espace économique européen"), ("Suisse",)],
    },
    "uk": {"en": [("UK", "United Kingdom")], "fr": [("Royaume-Uni",)]},
    "ca": {"en": [("Canada",)], "fr": [("Canada",)]},
    "hk": {"en": [("Hong Kong",)], "fr": [("Hong Kong",)]},
    "other": {"en": [("United States", "US")], "fr": [("États-Unis",)]},
}

URL = re.compile(r"https://[^\s\"'<>»]+")


def read(guide: str, name: str) -> dict[str, Any]:
    with open(CONTENT / guide / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a parsed TOML document, with a dotted path to it."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{where}[{index}]")


def names_region(text: str, region: str, lang: str) -> bool:
    return all(
        any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) for word in group)
        for group in REGION_WORDS[region][lang]
    )


@pytest.fixture(scope="module")
def facts_text() -> str:
    if not FACTS.is_dir():
        pytest.skip(f"facts folder {FACTS.resolve()} is absent: cannot audit the addresses")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(FACTS.glob("*.md")))


def test_region_word_table_covers_every_region() -> None:
    with open(CONTENT / "regions.toml", "rb") as handle:
        ids = {r["id"] for r in tomllib.load(handle)["regions"]}
    assert ids == set(REGION_WORDS)


@pytest.mark.parametrize("guide", GUIDES)
def test_every_https_address_is_in_the_facts(guide: str, facts_text: str) -> None:
    found: set[tuple[str, str]] = set()
    for path in sorted((CONTENT / guide).glob("*.toml")):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            found.add((path.name, url.rstrip(".,;:")))
    assert found, f"{guide}: no https address found at all (is the pattern broken?)"
    missing = sorted(f"{name}: {url}" for name, url in found if not in_facts(url, facts_text))
    assert not missing, "not given verbatim by any facts file:\n" + "\n".join(missing)


# The facts cite some pages only through a proxy that keeps the original address whole
# after its own host ("https://guatda.com/cmx.pwww.linkedin.com/..."): the guide cites the
# original, as the facts file asks ("cite the original address, never a proxy or copy").
PROXIES = ("https://guatda.com/cmx.p",)


def in_facts(url: str, facts_text: str) -> bool:
    if url in facts_text:
        return True
    rest = url.removeprefix("https://")
    return any(f"{proxy}{rest}" in facts_text for proxy in PROXIES)


def test_a_proxy_address_counts_only_for_the_page_it_wraps() -> None:
    facts = "see https://guatda.com/cmx.pwww.linkedin.com/posts/x-1 (copy)"
    assert in_facts("https://www.linkedin.com/posts/x-1", facts)
    assert not in_facts("https://www.linkedin.com/posts/x-2", facts)
    assert not in_facts("https://evil.example/posts/x-1", facts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide", GUIDES)
def test_claims_with_regions_name_them(guide: str, lang: str) -> None:
    words = read(guide, lang)
    silent = [
        f"[[{kind}]] #{n + 1} {claim['regions']}: {claim['text'][:70]}…"
        for kind in CLAIM_KINDS
        for n, claim in enumerate(words.get(kind, []))
        for region in claim.get("regions", [])
        if not names_region(claim["text"], region, lang)
    ]
    assert not silent, f"{guide}/{lang}.toml: claims that do not name their regions:\n" + "\n".join(
        silent
    )


def test_the_region_check_can_fail() -> None:
    assert not names_region("It is on by default.", "uk", "en")
    assert not names_region("Dans l’Union européenne et en Suisse", "eu", "fr")  # no EEE
    assert not names_region("LinkedIn uses your data", "other", "en")  # "us" is not "US"
    assert names_region("In the EU, the EEA and Switzerland", "eu", "en")


@pytest.mark.parametrize("guide", GUIDES)
def test_french_text_has_no_straight_apostrophe(guide: str) -> None:
    straight = [where for where, text in strings(read(guide, "fr")) if "'" in text]
    assert not straight, f"{guide}/fr.toml: straight apostrophe in " + ", ".join(straight)


@pytest.mark.parametrize("guide", GUIDES)
def test_platform_is_named(guide: str) -> None:
    assert read(guide, "guide")["platform"] == "linkedin"
    for lang in LANGS:
        assert read(guide, lang)["platform"] == "LinkedIn"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_step_has_words_in_both_languages(guide: str) -> None:
    structure = read(guide, "guide")
    assert set(structure["languages"]) == set(LANGS)
    for lang in LANGS:
        steps = read(guide, lang)["steps"]
        for step in structure["steps"]:
            for key in ("title", "do", "why"):
                assert steps.get(step, {}).get(key, "").strip(), f"{guide}/{lang}: {step}.{key}"


@pytest.mark.parametrize("guide", GUIDES)
def test_current_revision_has_a_change_note(guide: str) -> None:
    revision = read(guide, "guide")["revision"]
    if revision > 1:
        for lang in LANGS:
            assert read(guide, lang)["changes"][str(revision)].strip(), f"{guide}/{lang}"


@pytest.mark.parametrize("guide", GUIDES)
def test_expect_does_not_repeat_you_should_then_see(guide: str) -> None:
    # The app prints "You should then see:" / « Vous devriez ensuite voir : » before it.
    doubled = {
        "en": re.compile(r"^(You see|You should)"),
        "fr": re.compile(r"^(Vous voyez|Vous devriez)"),
    }
    for lang in LANGS:
        for step, words in read(guide, lang)["steps"].items():
            assert not doubled[lang].match(words.get("expect", "")), f"{guide}/{lang}: {step}"


@pytest.mark.parametrize("guide", [g for g in GUIDES if "regions" in read(g, "guide")])
def test_not_offered_names_where_the_guide_is_offered(guide: str) -> None:
    regions = read(guide, "guide")["regions"]
    for lang in LANGS:
        text = read(guide, lang).get("not_offered", "")
        assert text.strip(), f"{guide}/{lang}: regions are set but not_offered is missing"
        for region in regions:
            assert names_region(text, region, lang), f"{guide}/{lang}: not_offered lacks {region}"


def test_objection_form_is_for_the_eu_and_uk() -> None:
    assert read("linkedin-objection-form", "guide")["regions"] == ["eu", "uk"]


OBJECTION_MUST_SAY = {
    "en": (
        "Article 21(1)",
        "GDPR",
        "legitimate interests",
        "account",
        "one month",
        "[your e-mail address]",
    ),
    "fr": (
        "article 21, paragraphe 1",
        "RGPD",
        "intérêt légitime",
        "compte",
        "un mois",
        "[votre adresse e-mail]",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_objection_text_is_offered(lang: str) -> None:
    copy = read("linkedin-objection-form", lang)["steps"]["describe-processing"].get("copy", "")
    missing = [part for part in OBJECTION_MUST_SAY[lang] if part not in copy]
    assert not missing, f"{lang}: the ready-to-paste objection lacks {missing}"
    # gdpr-objection.md §3: it must not claim that past training is undone.
    assert not re.search(r"undo|delete|already|annul|supprim|déjà", copy, re.IGNORECASE)


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_validates(guide: str) -> None:
    errors = validate(CONTENT / guide)
    assert not errors, "\n".join(str(e) for e in errors)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide", GUIDES)
def test_guide_command_prints_the_labels(guide: str, lang: str, tmp_path: Path) -> None:
    result = guide_command(guide, lang, tmp_path)
    assert result.returncode == 0, result.stderr
    words = read(guide, lang)
    shown = result.stdout.replace("\u00a0", " ").replace("\u202f", " ")  # French spacing
    assert words["title"] in shown
    for step, text in words["steps"].items():
        if "label" in text:
            assert text["label"] in shown, f"{guide}/{lang}: label of {step}"
