"""Language choice and interface strings.

The order is --lang flag > saved choice > LC_ALL > LC_MESSAGES > LANG > English; a value
that names no available language falls through to the next source, and "C"/"POSIX" mean
no language. Environments are passed explicitly, so the real locale never matters. All fast:
OPTOUT_TUI_FULL makes no difference to this file.
"""

from __future__ import annotations

import pytest

from tui.catalog import ContentError, builtin_content_dir, load_ui
from tui.text.i18n import Strings, choose_language, locale_language, next_language, quote

AVAILABLE = ("en", "fr")


@pytest.mark.parametrize(
    ("flag", "saved", "environ", "expected"),
    [
        ("fr", "en", {"LC_ALL": "en_US.UTF-8"}, "fr"),  # the flag wins
        (None, "fr", {"LC_ALL": "en_US.UTF-8"}, "fr"),  # then the saved choice
        ("de", "fr", {"LC_ALL": "en_US.UTF-8"}, "fr"),  # an unknown flag falls through
        (None, None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US"}, "fr"),
        (None, None, {"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR"}, "en"),
        (None, None, {"LC_MESSAGES": "fr_CA", "LANG": "en_GB"}, "fr"),
        (None, None, {"LC_ALL": "", "LC_MESSAGES": "fr_BE@euro", "LANG": "en"}, "fr"),
        (None, None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, None, {"LANG": "fr"}, "fr"),
        (None, None, {"LANG": "FR_fr.utf8"}, "fr"),
        (None, None, {"LANG": "C"}, "en"),
        (None, None, {"LANG": "POSIX"}, "en"),
        (None, None, {"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL=C rules
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),  # no German: English
        (None, "xx", {"LANG": "fr_FR.UTF-8"}, "fr"),  # an unknown saved value falls through
        (None, None, {}, "en"),
        ("", "", {}, "en"),
    ],
)
def test_choose_language(flag, saved, environ, expected) -> None:
    chosen = choose_language(AVAILABLE, flag=flag, saved=saved, environ=environ)
    print(f"flag={flag!r} saved={saved!r} env={environ} -> {chosen}")
    assert chosen == expected


def test_choose_language_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose_language(AVAILABLE) == "en"  # conftest clears the locale variables
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert choose_language(AVAILABLE) == "fr"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert choose_language(AVAILABLE) == "en"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("fr_FR.UTF-8", "fr"),
        ("fr_CA", "fr"),
        ("de_DE@euro", "de"),
        ("pt_BR.ISO-8859-1", "pt"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
    ],
)
def test_locale_language(value: str, code: str | None) -> None:
    assert locale_language({"LANG": value}) == code


def test_locale_variable_order() -> None:
    env = {"LC_ALL": "de_DE", "LC_MESSAGES": "fr_FR", "LANG": "it_IT"}
    assert locale_language(env) == "de"
    del env["LC_ALL"]
    assert locale_language(env) == "fr"
    del env["LC_MESSAGES"]
    assert locale_language(env) == "it"
    del env["LANG"]
    assert locale_language(env) is None


def test_next_language_wraps() -> None:
    assert next_language("en", ["fr", "en"]) == "fr"
    assert next_language("fr", ["fr", "en"]) == "en"
    assert next_language("de", ["fr", "en"]) == "en"  # unknown: the first
    assert next_language("en", ["en"]) == "en"
    seen = ["en"]
    for _ in range(3):
        seen.append(next_language(seen[-1], ["en", "fr", "de"]))
    assert seen == ["en", "fr", "de", "en"]


def test_strings_formatting() -> None:
    s = Strings("en", {"plain": "Quit", "count": "{done} of {total} steps done", "raw": "a {b}"})
    assert s.lang == "en"
    assert s("plain") == "Quit"
    assert s("count", done=2, total=7) == "2 of 7 steps done"
    assert s("raw") == "a {b}"  # no values: shown exactly as written
    assert s.has("count") and not s.has("nope")
    with pytest.raises(KeyError):
        s("nope")


def test_shipped_strings_in_every_language() -> None:
    errors: list[ContentError] = []
    ui = load_ui(builtin_content_dir(), errors)
    assert errors == []
    en = Strings("en", ui["en"])
    fr = Strings("fr", ui["fr"])
    assert en("progress_count", done=3, total=7) == "3 of 7 steps done"
    assert "3" in fr("progress_count", done=3, total=7)
    assert "7" in fr("progress_count", done=3, total=7)
    assert fr("language_name") == "Français"
    assert en("language_name") == "English"
    for key in ui["en"]:
        assert fr.has(key), key


def test_quote() -> None:
    assert quote("Data privacy", "en") == "“Data privacy”"
    assert quote("Confidentialité", "fr") == "«\u00a0Confidentialité\u00a0»"
    assert quote("x", "de") == "“x”"
