"""The Google Gemini guide (content/google-gemini/): valid, sourced, bilingual, printable.

Each test fails on a real mistake in the guide's files: a broken table, a URL that is not in
the facts, a step or claim missing in one language, a straight apostrophe in French, a
regional claim that does not name its region in words, the 2025 rename (Gemini Apps Activity
-> Keep Activity) no longer shown, or a key label that the plain-text guide no longer prints.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers.guides import guide_command, strings

from tui.catalog import validate

ROOT = Path(__file__).resolve().parents[2]
GUIDE_ID = "google-gemini"
GUIDE = ROOT / "content" / GUIDE_ID
FACTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "facts"
LANGS = ("en", "fr")
DIRECT = "https://myactivity.google.com/product/gemini"  # Google's own address for the page

# Guide ids that exist or are being written; `related` may only name these.
KNOWN_GUIDES = {"linkedin-genai", "meta-facebook", "meta-instagram", "openai-chatgpt"}

# A claim tagged with a region must name it in words, so that plain output stays true.
REGION_WORDS = {
    "en": {
        "eu": ("EU", "EEA", "European Economic Area", "Switzerland"),
        "uk": ("UK", "United Kingdom"),
        "ca": ("Canada",),
        "hk": ("Hong Kong",),
        "other": ("United States", "elsewhere"),
    },
    "fr": {
        "eu": ("Union européenne", "UE", "EEE", "Espace économique européen", "Suisse"),
        "uk": ("Royaume-Uni",),
        "ca": ("Canada",),
        "hk": ("Hong Kong",),
        "other": ("États-Unis", "ailleurs"),
    },
}

URL = re.compile(r"https://[^\s\"'<>)\]]+")
CLAIMS = ("covers", "not_covered", "dates", "next")


def _load(name: str) -> dict:
    with open(GUIDE / name, "rb") as f:
        return tomllib.load(f)


def test_guide_validates() -> None:
    errors = validate(GUIDE)
    assert errors == [], "\n".join(str(e) for e in errors)


def test_structure_for_2_0() -> None:
    guide = _load("guide.toml")
    assert guide["id"] == GUIDE_ID
    assert guide["platform"] == "google"
    assert guide["order"] == 30
    assert guide["stale_after"] == 120  # the facts record a rename: warn sooner
    assert str(guide["last_verified"]) == "2026-12-01"  # "Researched: 2026-12-01" in the facts
    assert guide["link"] == DIRECT
    assert [d["id"] for d in guide["devices"]] == ["desktop", "mobile"]
    for device in guide["devices"]:
        first, last = device["steps"][0], device["steps"][-1]
        assert guide["steps"][first].get("link") == DIRECT, f"{device['id']}: lead with {DIRECT}"
        assert guide["steps"][last]["check"] is True, f"{device['id']} must end on a check step"
    assert set(guide.get("related", [])) <= KNOWN_GUIDES
    # Keep Activity exists everywhere: no `regions`, so no `not_offered` is owed.
    assert "regions" not in guide
    for lang in LANGS:
        assert _load(f"{lang}.toml")["platform"] == "Google"


def test_every_url_is_in_the_facts() -> None:
    if not FACTS.is_dir():
        pytest.skip(f"facts folder not found at {FACTS.resolve()}")
    facts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FACTS.glob("*.md")))
    assert facts, "the facts folder has no .md file"
    missing = []
    for path in sorted(GUIDE.glob("*.toml")):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            # Verbatim and whole: a truncated address must not pass as a prefix of a real one.
            if not re.search(re.escape(url) + r"(?![A-Za-z0-9_./%~=&+-])", facts):
                missing.append(f"{path.name}: {url}")
    assert not missing, "URLs not found verbatim in the facts:\n" + "\n".join(missing)


def test_no_proxy_or_mirror_is_cited() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in GUIDE.glob("*.toml"))
    for host in ("netlify.app", "40.74.122.252", "gy-118", "artia13", "sipoch", "privacy.eus"):
        assert host not in text, f"{host} is a proxy, mirror or reprint: cite the original"


def test_every_step_device_and_source_has_en_and_fr_text() -> None:
    guide = _load("guide.toml")
    sources = {str(s["id"]) for s in guide["sources"]}
    for lang in LANGS:
        words = _load(f"{lang}.toml")
        for key in ("title", "setting", "summary"):
            assert words.get(key, "").strip(), f"{lang}: no {key}"
        for device in guide["devices"]:
            text = words["devices"][device["id"]]
            assert text["name"].strip() and text["intro"].strip(), f"{lang}: {device['id']}"
        assert set(words["steps"]) == set(guide["steps"]), f"{lang}: steps differ"
        for step_id, step in guide["steps"].items():
            text = words["steps"][step_id]
            for key in ("title", "do", "why"):
                assert text.get(key, "").strip(), f"{lang}: steps.{step_id} has no {key}"
            if step.get("check"):
                assert text.get("expect", "").strip(), f"{lang}: check {step_id} says nothing"
        assert set(words["sources"]) == sources, f"{lang}: [sources] text differs"


def test_same_claims_in_both_languages() -> None:
    en, fr = _load("en.toml"), _load("fr.toml")
    for kind in CLAIMS:
        assert len(en[kind]) == len(fr[kind]), f"{kind}: {len(en[kind])} en vs {len(fr[kind])} fr"
        for a, b in zip(en[kind], fr[kind], strict=True):
            assert a.get("regions", []) == b.get("regions", []), f"{kind}: regions differ"
            assert a.get("link") == b.get("link"), f"{kind}: links differ"


def test_regional_claims_name_their_regions_in_words() -> None:
    with open(ROOT / "content" / "regions.toml", "rb") as f:
        known = {r["id"] for r in tomllib.load(f)["regions"]}
    for lang in LANGS:
        words = _load(f"{lang}.toml")
        for kind in CLAIMS:
            for claim in words[kind]:
                for region in claim.get("regions", []):
                    assert region in known, f"{lang}: unknown region {region!r}"
                    names = REGION_WORDS[lang][region]
                    assert any(n in claim["text"] for n in names), (
                        f"{lang} {kind}: tagged {region!r} but names none of {names}: "
                        f"{claim['text'][:80]}"
                    )


def test_french_has_no_straight_apostrophe() -> None:
    bad = [s for s in strings(_load("fr.toml"), keys=True) if "'" in s]
    assert not bad, "use ’ in French:\n" + "\n".join(b[:80] for b in bad)


def test_rename_is_shown_as_an_old_label() -> None:
    guide = _load("guide.toml")
    en, fr = _load("en.toml"), _load("fr.toml")
    turn_offs = [s for d in guide["devices"] for s in d["steps"] if s.startswith("turn-off")]
    assert len(turn_offs) == 2
    for step_id in turn_offs:
        assert en["steps"][step_id]["label"] == "Keep Activity"
        assert "Gemini Apps Activity" in en["steps"][step_id]["also"]
        assert "Gemini Apps Activity" in en["steps"][step_id]["note"]
        assert fr["steps"][step_id]["label"] == "Conserver l’activité"
        assert "Activité dans les applications Gemini" in fr["steps"][step_id]["also"]
        assert "Activité dans les applications Gemini" in fr["steps"][step_id]["note"]


def test_text_is_plain() -> None:
    for path in GUIDE.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\[/?(bold|italic|b|i|u|link)[\] =]", text), path.name
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x1b]", text), path.name


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Keep Activity", "Gemini Apps Activity", "Turn off and delete activity", DIRECT]),
        (
            "fr",
            [
                "Conserver l’activité",
                "Activité dans les applications Gemini",
                "Désactiver et supprimer l’activité",
                DIRECT,
            ],
        ),
    ],
)
def test_plain_guide_prints_the_key_labels(lang: str, expected: list[str], tmp_path: Path) -> None:
    result = guide_command(GUIDE_ID, lang, tmp_path)
    assert result.returncode == 0, result.stderr
    # The app may turn the spaces of French punctuation into no-break spaces.
    out = result.stdout.replace("\u00a0", " ").replace("\u202f", " ")
    for text in expected:
        assert text in out, f"{lang}: {text!r} not printed"
