"""French typography (issue 11): no French line starts with ":" or "»" any more.

Writers type ordinary spaces (or none); the loader gives every French string from content,
the program's own (``ui.fr.toml``) and the guides' (``fr.toml``), no-break spaces before
``: ; ? !`` and inside « ». Addresses, times and ``{placeholders}`` are left alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.minimal import edit, write_minimal_guide
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.catalog import builtin_content_dir, collect, load_catalog
from tui.typography import NBSP, french_spacing, typeset

# An ordinary space (or none) where French wants a no-break space.
WRONG = re.compile(r" [:;?!]|« | »")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Pourquoi : parce que", "Pourquoi\u00a0: parce que"),
        ("Pourquoi: parce que", "Pourquoi\u00a0: parce que"),  # added where none is written
        ("Vraiment ?", "Vraiment\u00a0?"),
        ("Vraiment?!", "Vraiment\u00a0?!"),
        ("Attention ; ensuite", "Attention\u00a0; ensuite"),
        ("Touchez « Réglages »", "Touchez «\u00a0Réglages\u00a0»"),
        ("Touchez «Réglages».", "Touchez «\u00a0Réglages\u00a0»."),
        ("« Pourquoi: »", "«\u00a0Pourquoi\u00a0:\u00a0»"),
        ("à 10:30 précises", "à 10:30 précises"),  # a time
        ("https://example.com/a?b=1;c=2!", "https://example.com/a?b=1;c=2!"),  # an address
        ("Lien : https://x.example/?q=1 !", "Lien\u00a0: https://x.example/?q=1\u00a0!"),
        ("{done} sur {total} ?", "{done} sur {total}\u00a0?"),
        ("Voir {url:}", "Voir {url:}"),  # inside a placeholder: untouched
        ("https:// seul", "https:// seul"),
        (" : ", "\u00a0: "),  # the colon string glued after a word
        (": en début de ligne", ": en début de ligne"),
        ("ligne\n: suite", "ligne\n: suite"),
        ("Déjà\u00a0: bien", "Déjà\u00a0: bien"),
        ("Déjà\u202f! bien", "Déjà\u00a0! bien"),
    ],
)
def test_french_spacing(written: str, shown: str) -> None:
    assert french_spacing(written) == shown
    assert french_spacing(shown) == shown  # idempotent


def test_only_french_is_changed() -> None:
    assert typeset("Why: because", "en") == "Why: because"
    assert typeset("Pourquoi: parce que", "fr") == f"Pourquoi{NBSP}: parce que"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 :;?!«»{}/\nh\u00a0")), max_size=30))
def test_idempotent_and_only_spaces_change(text: str) -> None:
    once = french_spacing(text)
    assert french_spacing(once) == once
    # Only spaces are added, or ordinary spaces turned into no-break ones: nothing else.
    assert once.replace(NBSP, "").replace(" ", "") == text.replace(NBSP, "").replace(
        " ", ""
    ).replace("\u202f", "")


def french_strings(value: Any) -> Iterator[str]:
    """Every string inside a loaded value (NamedTuples, mappings, tuples)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict) or hasattr(value, "items"):
        for item in value.values():
            yield from french_strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from french_strings(item)


def test_no_french_string_in_the_catalog_has_an_ordinary_space() -> None:
    catalog = load_catalog(cache=False)
    strings = list(french_strings(catalog.ui["fr"]))
    for region in catalog.regions:
        strings.append(region.name("fr"))
    for listed in catalog.guides:
        guide = catalog.guide(listed.id)
        strings += list(french_strings(guide.text("fr")))
        for step in guide.steps.values():
            strings += list(french_strings(step.words("fr")))
        strings += [source.supports_in("fr") for source in guide.sources.values()]
    bad = [s for s in strings if WRONG.search(s)]
    fixed = sum(s.count(NBSP) for s in strings)
    print(f"French strings: {len(strings)}, no-break spaces: {fixed}, wrong: {len(bad)}")
    assert bad == []
    assert fixed > 100  # the shipped French has hundreds of places that need one


def test_english_strings_are_untouched() -> None:
    catalog = load_catalog(cache=False)
    assert all(NBSP not in s for s in french_strings(catalog.ui["en"]))
    guide = catalog.guide("linkedin-genai")
    assert all(NBSP not in s for s in french_strings(guide.text("en")))


@pytest.mark.parametrize("command", [["guide"], ["status"], ["export"]])
def test_no_french_output_has_an_ordinary_space(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", *command, "--lang", "fr"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    lines = [line for line in result.stdout.splitlines() if WRONG.search(line)]
    print(f"{command}: {len(result.stdout.splitlines())} lines, wrong: {lines}")
    assert lines == []
    assert NBSP in result.stdout


def test_extra_content_gets_french_spacing_too(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write_minimal_guide(extra, ui=False)
    fr = extra / "demo" / "fr.toml"
    edit(fr, 'do = "fr: do step-2."', 'do = "Ouvrez « Réglages » : voyez-vous ? Oui !"')
    catalog, errors = collect([builtin_content_dir(), extra])
    assert errors == []
    words = catalog.guide("demo").steps["step-2"].words("fr")
    assert words.do == "Ouvrez «\u00a0Réglages\u00a0»\u00a0: voyez-vous\u00a0? Oui\u00a0!"
    assert words.title == "fr\u00a0: title of step-2"
