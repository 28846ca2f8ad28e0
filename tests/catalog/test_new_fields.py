"""The 2.0 content fields (content contract): platform, regions, stale_after, related,
not_offered and a step's copy text; and the model's helpers that read them.

Each case starts from a valid minimal guide beside the built-in content (as ``--content``
loads it), changes one thing on disk, and checks the message and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers.minimal import edit, line_of, write_minimal_guide

from tui.catalog import (
    DEFAULT_LANGUAGE,
    ContentError,
    builtin_content_dir,
    collect,
    in_language,
    load_catalog,
)

G, EN, FR = "demo/guide.toml", "demo/en.toml", "demo/fr.toml"
REGIONS = 'regions = ["eu", "uk"]'
NOT_OFFERED_EN = 'not_offered = "Offered only in the EU, the EEA, Switzerland and the UK."'
NOT_OFFERED_FR = 'not_offered = "Proposé seulement dans l’UE, l’EEE, en Suisse et au Royaume-Uni."'


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    write_minimal_guide(folder, ui=False)
    assert load(folder) == []
    return folder


def load(folder: Path) -> list[ContentError]:
    return collect([builtin_content_dir(), folder])[1]


def with_regions(folder: Path) -> None:
    edit(folder / G, 'platform = "demo"', f'platform = "demo"\n{REGIONS}')
    edit(folder / EN, 'platform = "Demo"', f'platform = "Demo"\n{NOT_OFFERED_EN}')
    edit(folder / FR, 'platform = "Demo"', f'platform = "Demo"\n{NOT_OFFERED_FR}')


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    old: str
    new: str
    message: str
    line: str | None  # text on the line the error names; None: no line
    regions: bool = False  # start from the guide with regions (and not_offered texts)


CASES = [
    Case("platform-missing", G, 'platform = "demo"\n', "", "missing text 'platform'", None),
    Case("platform-not-an-id", G, 'platform = "demo"', 'platform = "De Mo"',
         "'platform' must be lower-case letters, digits and -", "De Mo"),
    Case("platform-name-missing", FR, 'platform = "Demo"\n', "", "missing text 'platform'", None),
    Case("platform-name-empty", EN, 'platform = "Demo"', 'platform = " "',
         "'platform' is empty", 'platform = " "'),
    Case("regions-not-a-list", G, 'platform = "demo"', 'platform = "demo"\nregions = "eu"',
         "'regions' must be a list of region ids, like [\"uk\"]", 'regions = "eu"'),
    Case("regions-empty", G, 'platform = "demo"', 'platform = "demo"\nregions = []',
         "'regions' is empty: leave it out instead", "regions = []"),
    Case("regions-unknown", G, REGIONS, 'regions = ["eu", "mars"]',
         "region 'mars' is not in regions.toml (known: ca, eu, hk, other, uk)", "mars",
         regions=True),
    Case("regions-twice", G, REGIONS, 'regions = ["eu", "eu"]',
         "'regions' lists an id twice", "regions =", regions=True),
    Case("not-offered-missing", EN, NOT_OFFERED_EN + "\n", "",
         "missing text 'not_offered': guide.toml has 'regions'", None, regions=True),
    Case("not-offered-without-regions", EN, 'platform = "Demo"',
         f'platform = "Demo"\n{NOT_OFFERED_EN}', "'not_offered' needs 'regions' in guide.toml",
         "not_offered"),
    Case("stale-after-zero", G, 'platform = "demo"', 'platform = "demo"\nstale_after = 0',
         "'stale_after' must be a number of days from 1 to 3650", "stale_after"),
    Case("stale-after-text", G, 'platform = "demo"', 'platform = "demo"\nstale_after = "90"',
         "'stale_after' must be a number of days from 1 to 3650", "stale_after"),
    Case("related-unknown", G, 'platform = "demo"', 'platform = "demo"\nrelated = ["nope"]',
         "related guide 'nope' is not in the catalog", "related"),
    Case("related-itself", G, 'platform = "demo"', 'platform = "demo"\nrelated = ["demo"]',
         "'related' lists the guide itself ('demo')", "related"),
    Case("related-twice", G, 'platform = "demo"',
         'platform = "demo"\nrelated = ["linkedin-genai", "linkedin-genai"]',
         "'related' lists an id twice", "related"),
    Case("copy-not-text", FR, 'label = "fr: label step-2"', 'label = "fr: label step-2"\ncopy = 1',
         "'steps.step-2.copy' must be text in quotes, not a number", "copy = 1"),
    Case("copy-escape", EN, 'label = "en: label step-1"',
         'label = "en: label step-1"\ncopy = "a\\u001b[2Jb"',
         "'steps.step-1.copy' contains a control or escape character", "copy ="),
    Case("platform-named-two-ways", "second/fr.toml", 'platform = "Demo"', 'platform = "Démo"',
         "platform 'demo' is called 'Demo' in guide 'demo': use the same name here, not 'Démo'",
         'platform = "Démo"'),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_error(extra: Path, case: Case) -> None:
    if case.id == "platform-named-two-ways":
        write_minimal_guide(extra, "second", ui=False)
    if case.regions:
        with_regions(extra)
        assert load(extra) == []
    path = extra / case.file
    edit(path, case.old, case.new)
    errors = load(extra)
    print([str(e) for e in errors])
    hits = [e for e in errors if e.path == path and e.message == case.message]
    assert len(hits) == 1, [str(e) for e in errors]
    assert hits[0].line == (None if case.line is None else line_of(path, case.line))
    assert len(errors) == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'outside.en = ["outside", "except", "other than"]',
            "outside.en = 3",
            "'en' must be a list of labels",
        ),
        (
            "outside.fr = [",
            'outside.de = ["außer"]\noutside.fr = [',
            "'outside.de': no ui.de.toml for this language",
        ),
        (
            'words.en = ["UK",',
            'words.en = ["U\\u200bK",',
            "'en' contains an invisible character (U+200B)",
        ),
    ],
)
def test_region_words_are_checked(content_copy: Path, old: str, new: str, message: str) -> None:
    regions = content_copy / "regions.toml"
    edit(regions, old, new)
    errors = collect([content_copy])[1]
    assert [(e.path, e.message) for e in errors if e.message == message] == [(regions, message)]


def test_all_new_fields_load(extra: Path) -> None:
    with_regions(extra)
    guide = extra / G
    edit(
        guide,
        'platform = "demo"',
        'platform = "demo"\nstale_after = 30\nrelated = ["linkedin-genai"]',
    )
    copy = 'copy = """I object.\nSigned : me"""'
    edit(extra / FR, 'label = "fr: label step-2"', f'label = "fr: label step-2"\n{copy}')
    catalog, errors = collect([builtin_content_dir(), extra])
    assert errors == []
    demo = catalog.guide("demo")
    assert demo.platform == "demo" and demo.platform_name("fr") == "Demo"
    assert demo.regions == ("eu", "uk") and demo.stale_after == 30
    assert demo.related == ("linkedin-genai",)
    assert demo.text("en").not_offered == NOT_OFFERED_EN.split('"')[1]
    assert demo.steps["step-2"].words("fr").copy == "I object.\nSigned\u00a0: me"  # French spacing
    assert demo.steps["step-2"].words("en").copy is None
    assert catalog.platforms[0].id == "linkedin"
    assert catalog.platforms[-1].id == "demo"  # catalog order: "demo" comes last
    assert len({p.id for p in catalog.platforms}) == len(catalog.platforms)
    assert catalog.platform("demo").name("de") == "Demo"  # the fallback rule


def test_defaults(extra: Path) -> None:
    catalog, _ = collect([builtin_content_dir(), extra])
    demo = catalog.guide("demo")
    assert demo.regions == () and demo.related == () and demo.stale_after == 180
    assert demo.text("en").not_offered is None


def test_applies_in(extra: Path) -> None:
    with_regions(extra)
    catalog, _ = collect([builtin_content_dir(), extra])
    demo = catalog.guide("demo")
    assert demo.applies_in("eu") and demo.applies_in("uk")
    assert not demo.applies_in("ca") and not demo.applies_in("other")
    assert demo.applies_in(None)  # until the person says where they are
    everywhere = catalog.guide("linkedin-genai")
    assert everywhere.applies_in("hk") and everywhere.applies_in(None)


def test_age_and_staleness() -> None:
    guide = load_catalog(cache=False).guides[0]
    day = guide.last_verified
    assert guide.age_days(day) == 0
    assert guide.age_days(day - timedelta(days=3)) == 0  # never negative
    assert guide.age_days(day + timedelta(days=180)) == 180
    assert not guide.is_stale(day + timedelta(days=guide.stale_after))
    assert guide.is_stale(day + timedelta(days=guide.stale_after + 1))
    short = guide._replace(stale_after=10)
    assert short.is_stale(day + timedelta(days=11)) and not guide.is_stale(day + timedelta(11))
    assert isinstance(day, date)


def test_the_fallback_rule_is_written_once() -> None:
    """English when a language is missing, everywhere: texts, steps, sources, regions."""
    catalog = load_catalog(cache=False)
    guide = catalog.guide("linkedin-genai")
    assert guide.text("de") is guide.texts[DEFAULT_LANGUAGE]
    assert guide.listing("de") == guide.listing("en")
    step = next(iter(guide.steps.values()))
    assert step.words("de") is step.text["en"] and step.words("fr") is step.text["fr"]
    source = next(iter(guide.sources.values()))
    assert source.supports_in("de") == source.supports["en"]
    assert catalog.region_name("uk", "de") == "United Kingdom"
    assert catalog.region_name("mars", "fr") == "mars"
    assert in_language({"en": "x", "fr": "y"}, "fr") == "y"
    assert in_language({"en": "x"}, "fr") == "x"


def test_no_hard_coded_english_fallback_outside_the_model() -> None:
    """``.get(lang) or ...["en"]`` is the model's rule; no other module of tui/ (the app is
    the lead's, so it is reported, not checked here) writes it again."""
    root = Path(__file__).resolve().parents[2] / "tui"
    fallback = re.compile(
        r"""\.get\(\s*(self\.)?lang\w*\s*\)\s+or\s|\[\s*["']en["']\s*\]|\w\[DEFAULT_LANGUAGE\]"""
    )
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if "app" in path.relative_to(root).parts or path.name == "model.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if fallback.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []
