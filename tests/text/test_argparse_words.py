"""argparse's own words in French, through gettext (issue 11), checked in this process.

argparse asks ``gettext.gettext`` for each message; :func:`argparse_language` points gettext
at our catalog for the duration of a parse and puts everything back afterwards. The shipped
binary catalog must match the table in ``argparse_words.py`` (so nobody edits one and forgets
the other), and msgfmt, when installed, must read the same entries as Python does.
"""

from __future__ import annotations

import argparse
import gettext
import inspect
import io
import os
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tui.text.argparse_words import (
    DOMAIN,
    FRENCH,
    HEADERS,
    argparse_language,
    build_mo,
    mo_path,
)

ENGLISH_WORDS = (
    "usage:",
    "options:",
    "positional arguments",
    "error:",
    "the following arguments are required",
    "invalid choice",
    "unrecognized arguments",
    "expected one argument",
    "show this help message",
)


def toy() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toy")
    parser.add_argument("name")
    parser.add_argument("--colour", choices=["red", "blue"])
    return parser


def failure(lang: str, argv: list[str]) -> str:
    err = io.StringIO()
    with argparse_language(lang), redirect_stderr(err), pytest.raises(SystemExit) as exit_info:
        toy().parse_args(argv)
    assert exit_info.value.code == 2
    return err.getvalue()


def test_the_shipped_catalog_matches_the_table() -> None:
    assert mo_path("fr").read_bytes() == build_mo(FRENCH, HEADERS["fr"]), (
        "run: python -m tui.text.argparse_words"
    )


def test_python_reads_every_entry() -> None:
    with mo_path("fr").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for msgid, text in FRENCH.items():
        if isinstance(msgid, tuple):
            assert isinstance(text, tuple)
            assert catalog.ngettext(*msgid, 1) == text[0]
            assert catalog.ngettext(*msgid, 2) == text[1]
        else:
            assert catalog.gettext(msgid) == text


@pytest.mark.skipif(shutil.which("msgunfmt") is None, reason="GNU gettext's msgunfmt not installed")
def test_gnu_gettext_reads_the_catalog() -> None:
    result = subprocess.run(
        ["msgunfmt", str(mo_path("fr"))], capture_output=True, text=True, check=True
    )
    assert 'msgid "usage: "' in result.stdout
    assert 'msgstr "utilisation\u00a0: "' in result.stdout


def test_the_messages_people_see_are_argparse_own() -> None:
    """Each of these is a message this Python's argparse really asks gettext for."""
    source = inspect.getsource(argparse)
    for msgid in (
        "usage: ",
        "positional arguments",
        "options",
        "show this help message and exit",
        "%(prog)s: error: %(message)s\\n",
        "the following arguments are required: %s",
        "invalid choice: %(value)r (choose from %(choices)s)",
        "unrecognized arguments: %s",
        "expected one argument",
        "ambiguous option: %(option)s could match %(matches)s",
        "argument %(argument_name)s: %(message)s",
    ):
        assert f"_('{msgid}')" in source or f'_("{msgid}")' in source, msgid
        assert msgid.replace("\\n", "\n") in FRENCH


def test_french_help_and_errors() -> None:
    out = io.StringIO()
    with argparse_language("fr"), redirect_stdout(out), pytest.raises(SystemExit):
        toy().parse_args(["--help"])
    text = out.getvalue()
    assert text.startswith("utilisation\u00a0: toy")
    assert "arguments positionnels\u00a0:" in text
    assert "options\u00a0:" in text
    assert "afficher cette aide et quitter" in text
    missing = failure("fr", [])
    assert "toy\u00a0: erreur\u00a0: arguments obligatoires manquants\u00a0: name" in missing
    assert "choix non valide" in failure("fr", ["x", "--colour", "green"])
    assert "arguments non reconnus\u00a0: extra" in failure("fr", ["x", "extra"])
    assert "une valeur est attendue" in failure("fr", ["x", "--colour"])
    for words in (text, missing):
        for english in ENGLISH_WORDS:
            assert english not in words, english


def test_english_stays_english_even_in_a_french_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    text = failure("en", [])
    assert "usage: toy" in text
    assert "error: the following arguments are required: name" in text


def test_everything_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    domain = gettext.textdomain()
    with argparse_language("fr"):
        assert gettext.textdomain() == DOMAIN
        assert os.environ["LANGUAGE"] == "fr"
    assert gettext.textdomain() == domain
    assert "LANGUAGE" not in os.environ
    assert "usage: toy" in failure("en", [])  # and argparse speaks English again
    monkeypatch.setenv("LANGUAGE", "de:en")
    with argparse_language("fr"):
        pass
    assert os.environ["LANGUAGE"] == "de:en"


def test_a_language_without_a_catalog_is_english(tmp_path: Path) -> None:
    assert "usage: toy" in failure("xx", [])
