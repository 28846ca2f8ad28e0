"""The ChatGPT guide (content/openai-chatgpt/): valid, sourced, bilingual, and printable.

Every test here can fail on a real mistake in the guide's files: a broken table, a URL that
is not in the facts, a missing translation, a straight apostrophe in French, a device that
does not end on a check step, or a key label that the plain-text guide no longer prints.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from helpers.guides import guide_command, strings

from tui.catalog import validate

ROOT = Path(__file__).resolve().parents[2]
GUIDE_ID = "openai-chatgpt"
GUIDE = ROOT / "content" / GUIDE_ID
FACTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "facts"
LANGS = ("en", "fr")

# Guide ids that exist or are being written; `related` may only name these.
KNOWN_GUIDES = {"linkedin-genai", "meta-facebook", "meta-instagram", "google-gemini"}

URL = re.compile(r"https://[^\s\"'<>)\]]+")


def _load(name: str) -> dict:
    with open(GUIDE / name, "rb") as f:
        return tomllib.load(f)


def test_guide_validates() -> None:
    errors = validate(GUIDE)
    assert errors == [], "\n".join(str(e) for e in errors)


def test_structure_for_2_0() -> None:
    guide = _load("guide.toml")
    assert guide["id"] == GUIDE_ID
    assert guide["platform"] == "openai"
    assert guide["order"] == 20
    assert str(guide["last_verified"]) == "2026-12-01"  # "Researched: 2026-12-01" in the facts
    assert guide["link"] == "https://chatgpt.com/#settings/DataControls"
    assert [d["id"] for d in guide["devices"]] == [
        "desktop",
        "mobile",
        "signed-out",
        "privacy-portal",
    ]
    for device in guide["devices"]:
        last = device["steps"][-1]
        assert guide["steps"][last]["check"] is True, f"{device['id']} must end on a check step"
    assert set(guide.get("related", [])) <= KNOWN_GUIDES
    for lang in LANGS:
        assert _load(f"{lang}.toml")["platform"].strip()


def test_every_https_url_is_in_the_facts() -> None:
    if not FACTS.is_dir():
        pytest.skip(f"facts folder not found at {FACTS.resolve()}")
    facts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FACTS.glob("*.md")))
    assert facts, "no facts files"
    urls = {
        url
        for name in ("guide.toml", *(f"{lang}.toml" for lang in LANGS))
        for url in URL.findall((GUIDE / name).read_text(encoding="utf-8"))
    }
    assert urls, "the guide should carry links"
    missing = sorted(u for u in urls if u not in facts)
    assert missing == [], f"URLs not found verbatim in the facts: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_and_device_has_text(lang: str) -> None:
    guide = _load("guide.toml")
    words = _load(f"{lang}.toml")
    for key in ("title", "platform", "setting", "summary"):
        assert words[key].strip(), f"{lang}: {key}"
    for device in guide["devices"]:
        text = words["devices"][device["id"]]
        assert text["name"].strip() and text["intro"].strip(), f"{lang}: {device['id']}"
    assert set(words["steps"]) == set(guide["steps"]), f"{lang}: steps differ from guide.toml"
    for step_id in guide["steps"]:
        step = words["steps"][step_id]
        for key in ("title", "do", "why"):
            assert step.get(key, "").strip(), f"{lang}: steps.{step_id}.{key}"
    sources = {str(s["id"]) for s in guide["sources"]}
    assert set(words["sources"]) == sources, f"{lang}: [sources] texts differ from [[sources]]"


def test_both_languages_make_the_same_claims() -> None:
    en, fr = _load("en.toml"), _load("fr.toml")
    for table in ("covers", "not_covered", "dates", "next"):
        assert len(en[table]) == len(fr[table]), table
        for a, b in zip(en[table], fr[table], strict=True):
            assert a["sources"] == b["sources"], (table, a["text"][:40])
            assert a.get("regions") == b.get("regions"), (table, a["text"][:40])
    # A disagreement noted in English is noted in French too (French may add notes of its
    # own about French labels that were not found).
    for step_id, step in en["steps"].items():
        if step.get("note"):
            assert fr["steps"][step_id].get("note"), step_id


def test_french_has_no_straight_apostrophe() -> None:
    text = (GUIDE / "fr.toml").read_text(encoding="utf-8")
    assert "'" not in text
    bad = [s for s in strings(_load("fr.toml")) if "'" in s]
    assert bad == []


# Words that name each region in a claim's own text (the contract: tag AND words).
REGION_WORDS = {
    "en": {
        "eu": ("European Economic Area", "EEA", "Italy", "France"),
        "uk": ("UK",),
        "ca": ("Canada",),
        "hk": ("Hong Kong",),
        "other": ("United States",),
    },
    "fr": {
        "eu": ("Espace économique européen", "EEE", "Italie", "France"),
        "uk": ("Royaume-Uni",),
        "ca": ("Canada",),
        "hk": ("Hong Kong",),
        "other": ("États-Unis",),
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_regional_claims_name_their_regions(lang: str) -> None:
    words = _load(f"{lang}.toml")
    tagged = 0
    for table in ("covers", "not_covered", "dates", "next"):
        for claim in words[table]:
            for region in claim.get("regions", []):
                tagged += 1
                assert any(w in claim["text"] for w in REGION_WORDS[lang][region]), (
                    f"{lang}: a {table} claim tagged {region!r} does not name it: "
                    f"{claim['text'][:60]}"
                )
    assert tagged, "the guide should carry the facts' regional dates"


def test_profile_icon_has_no_position() -> None:
    # Sources disagree (bottom left, top left, top right): the instruction gives none.
    for lang, words in (
        ("en", ("left", "right", "top", "bottom")),
        ("fr", ("gauche", "droite", "haut", "bas")),
    ):
        do = _load(f"{lang}.toml")["steps"]["open-profile-menu"]["do"]
        assert not any(w in do for w in words), (lang, do)


def test_french_label_disagreements_are_shown() -> None:
    steps = _load("fr.toml")["steps"]
    for step_id in ("switch-off", "switch-off-app"):
        step = steps[step_id]
        assert step["label"] == "Améliorer le modèle pour tout le monde"
        assert "Améliorer le modèle pour tous" in step["also"]
        assert "pour tous" in step["note"]
    for step_id in ("open-data-controls", "open-data-controls-app"):
        step = steps[step_id]
        assert step["label"] == "Contrôles des données"
        assert "Contrôle des données" in step["also"]
        assert "Contrôle des données" in step["note"]


def _isolated_tree(tmp_path: Path) -> Path:
    """The program plus only this guide, so another guide being written cannot break the run."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tui", tree / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    content = tree / "content"
    content.mkdir()
    for f in (ROOT / "content").glob("*.toml"):
        shutil.copy(f, content / f.name)
    shutil.copytree(GUIDE, content / GUIDE_ID)
    return tree


KEY_LABELS = {
    "en": [
        "Improve the model for everyone",
        "Data controls",
        "Do not train on my content",
        "Temporary",
        "https://chatgpt.com/#settings/DataControls",
        "https://privacy.openai.com/policies?modal=take-control",
        "Signed out",
        "Privacy portal",
    ],
    "fr": [
        "Améliorer le modèle pour tout le monde",
        "Améliorer le modèle pour tous",
        "Contrôles des données",
        "Contrôle des données",
        "Paramètres",
        "Do not train on my content",
        "Temporaire",
        "https://chatgpt.com/#settings/DataControls",
        "Sans compte",
        "Portail de confidentialité",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_cli_prints_the_guide(tmp_path: Path, lang: str) -> None:
    result = guide_command(GUIDE_ID, lang, tmp_path, _isolated_tree(tmp_path))
    assert result.returncode == 0, result.stderr
    for label in KEY_LABELS[lang]:
        assert label in result.stdout, f"{lang}: {label!r} not printed"


def test_cli_prints_the_guide_with_the_whole_catalog(tmp_path: Path) -> None:
    """The same, beside every other built-in guide (skipped if another guide is mid-edit)."""
    result = guide_command(GUIDE_ID, "en", tmp_path, ROOT)
    if (
        result.returncode != 0
        and GUIDE_ID not in result.stderr
        and "content is not valid" in (result.stderr)
    ):
        pytest.skip(f"another guide is invalid right now: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    assert "Improve the model for everyone" in result.stdout
