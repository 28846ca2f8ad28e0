"""Real plurals and dates (issue 11): "today", "yesterday", "3 days ago"; « 0 étape faite »;
"1 December 2026" and « 1er décembre 2026 »; and the French wording the review found awkward.

Plural strings are tables in ``ui.<lang>.toml`` (``key = { 0 = "…", one = "…", other = "…" }``):
an exact count first, then the language's category (French: 0 and 1 are singular), then
``other``. The validator checks their forms and placeholders like any other string.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tui.catalog import ContentError, builtin_content_dir, load_ui
from tui.text.dates import local_day, written_date
from tui.text.i18n import Strings, plural_category
from tui.text.plain import ago

UI_ERRORS: list[ContentError] = []
UI = load_ui(builtin_content_dir(), UI_ERRORS)
EN = Strings("en", UI["en"])
FR = Strings("fr", UI["fr"])


def plain(text: str) -> str:
    """French no-break spaces as ordinary ones, so the words can be compared."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_shipped_strings_load_cleanly() -> None:
    assert UI_ERRORS == []


@pytest.mark.parametrize(
    ("lang", "count", "category"),
    [
        *[("en", 0, "other"), ("en", 1, "one"), ("en", 2, "other"), ("en", 21, "other")],
        *[("fr", 0, "one"), ("fr", 1, "one"), ("fr", 2, "other"), ("fr", 100, "other")],
        *[("de", 1, "one"), ("de", 0, "other")],  # no rule of its own: the English one
    ],
)
def test_plural_category(lang: str, count: int, category: str) -> None:
    assert plural_category(lang, count) == category


@pytest.mark.parametrize(
    ("days", "en", "fr"),
    [
        (0, "today", "aujourd’hui"),
        (1, "yesterday", "hier"),
        (2, "2 days ago", "il y a 2 jours"),
        (3, "3 days ago", "il y a 3 jours"),
        (91, "91 days ago", "il y a 91 jours"),
    ],
)
def test_days_ago(days: int, en: str, fr: str) -> None:
    assert ago(EN, days) == en
    assert plain(ago(FR, days)) == fr
    assert plain(EN("checked_ago", days=days)) == f"checked {en}"
    assert plain(FR("checked_ago", days=days)) == f"vérifié {fr}"


@pytest.mark.parametrize(
    ("done", "fr"),
    [(0, "0 étape faite sur 7"), (1, "1 étape faite sur 7"), (2, "2 étapes faites sur 7")],
)
def test_steps_done_in_proper_french(done: int, fr: str) -> None:
    assert plain(FR("progress_count", done=done, total=7)) == fr
    assert "(s)" not in FR("progress_count", done=done, total=7)


def test_every_sentence_is_finished_in_both_languages() -> None:
    """No "(s)" left anywhere: "day(s)", « faite(s) », « jour(s) »."""
    for lang, table in UI.items():
        for key, text in table.items():
            assert not re.search(r"\w\((?:s|e|es)\)", text), (lang, key, text)


def test_the_whole_step_count_reads_well() -> None:
    assert EN("progress_complete", total=7, date="X") == "All 7 steps done on X"
    assert plain(FR("progress_complete", total=7, date="X")) == (
        "Terminé le X : les 7 étapes sont faites"
    )
    assert plain(FR("progress_complete", total=1, date="X")) == "Terminé le X : l’étape est faite"


def test_awkward_french_from_the_review_is_gone() -> None:
    fr = UI["fr"]
    assert "Vous pourrez changer avec r." not in fr["region_question"]
    assert "touche r" in fr["region_question"]
    assert fr["also_seen"] == "Autre libellé signalé"
    assert fr["key_about"] != "Ce que ça couvre"
    assert "relevé" in fr["exported"].lower() and "relevé" in fr["cmd_export"]
    assert not any("ttestation" in text for text in fr.values())
    assert not any(text.startswith("Les {total} étapes faites le") for text in fr.values())


def test_strings_pick_the_form_and_fall_back_to_other() -> None:
    s = Strings("fr", {"n.0": "zéro", "n.one": "{n} chose", "n.other": "{n} choses"})
    assert [s("n", n=k) for k in (0, 1, 2)] == ["zéro", "1 chose", "2 choses"]
    assert s.plural("n", 5, n=5) == "5 choses"
    only_other = Strings("fr", {"n.other": "{n} fois"})
    assert only_other("n", n=1) == "1 fois"
    assert s.has("n") and s.has("n.one") and not s.has("m")
    with pytest.raises(KeyError):
        s("m")


def test_the_count_is_n_or_the_first_whole_number() -> None:
    s = Strings("en", {"c.one": "{done} of {total}: one", "c.other": "{done} of {total}: many"})
    assert s("c", done=1, total=7) == "1 of 7: one"  # agrees with done, not total
    assert s("c", done=3, total=1) == "3 of 1: many"
    with pytest.raises(KeyError):
        s("c", done="x", total="y")  # no number to agree with


def test_a_plain_string_serves_every_count() -> None:
    s = Strings("en", {"c": "{n} items"})
    assert s.plural("c", 1, n=1) == "1 items"  # a language may choose not to inflect


def test_strings_accept_tables_as_toml_gives_them() -> None:
    s = Strings("en", {"c": {"one": "one {n}", "other": "{n} many"}, "x": "plain"})
    assert s("c", n=1) == "one 1" and s("c", n=2) == "2 many" and s("x") == "plain"


# --------------------------------------------------------------------------- validator


@pytest.fixture
def ui_dir(tmp_path: Path) -> Path:
    for lang in ("en", "fr"):
        shutil.copyfile(builtin_content_dir() / f"ui.{lang}.toml", tmp_path / f"ui.{lang}.toml")
    return tmp_path


def append(folder: Path, lang: str, line: str) -> None:
    with (folder / f"ui.{lang}.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + line + "\n")


def errors_of(folder: Path) -> list[str]:
    errors: list[ContentError] = []
    load_ui(folder, errors)
    return [str(e) for e in errors]


def test_a_valid_plural_pair_loads(ui_dir: Path) -> None:
    append(ui_dir, "en", 'zz = { 0 = "none", one = "{n} thing", other = "{n} things" }')
    append(ui_dir, "fr", 'zz = { one = "{n} chose", other = "{n} choses" }')
    assert errors_of(ui_dir) == []


def test_a_plural_needs_other(ui_dir: Path) -> None:
    append(ui_dir, "en", 'zz = { one = "{n} thing" }')
    append(ui_dir, "fr", 'zz = { one = "{n} chose", other = "{n} choses" }')
    problems = errors_of(ui_dir)
    assert any("ui.en.toml" in p and "the plural 'zz' needs an 'other' form" in p for p in problems)


def test_a_plural_form_must_be_a_category_or_a_count(ui_dir: Path) -> None:
    append(ui_dir, "en", 'zz = { one = "{n} thing", other = "{n} things" }')
    append(ui_dir, "fr", 'zz = { plusieurs = "{n} choses", other = "{n} choses" }')
    problems = errors_of(ui_dir)
    assert any("ui.fr.toml:" in p and "'zz.plusieurs' is not a plural form" in p for p in problems)


def test_a_plural_form_with_a_wrong_placeholder_is_refused(ui_dir: Path) -> None:
    append(ui_dir, "en", 'zz = { one = "{n} thing", other = "{n} things" }')
    append(ui_dir, "fr", 'zz = { one = "{n} chose", other = "{nombre} choses" }')
    problems = errors_of(ui_dir)
    assert [p for p in problems if "'zz' must use the placeholders ['n']" in p]


def test_an_exact_form_may_leave_the_count_out(ui_dir: Path) -> None:
    append(ui_dir, "en", 'zz = { 1 = "yesterday", other = "{n} days ago" }')
    append(ui_dir, "fr", 'zz = { 1 = "hier", one = "il y a {n} jour", other = "il y a {n} jours" }')
    assert errors_of(ui_dir) == []
    append(ui_dir, "en", 'yy = { 1 = "{oops}", other = "{n} days ago" }')
    append(ui_dir, "fr", 'yy = { other = "il y a {n} jours" }')
    assert [p for p in errors_of(ui_dir) if "'yy' must use the placeholders" in p]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("day", "en", "fr"),
    [
        (date(2026, 12, 1), "1 December 2026", "1er décembre 2026"),
        (date(2026, 2, 3), "3 February 2026", "3 février 2026"),
        (date(2025, 8, 21), "21 August 2025", "21 août 2025"),
        (date(2026, 1, 31), "31 January 2026", "31 janvier 2026"),
    ],
)
def test_written_dates(day: date, en: str, fr: str) -> None:
    assert written_date(day, "en") == en
    assert written_date(day, "fr") == fr


def test_a_language_without_month_names_gets_iso() -> None:
    assert written_date(date(2026, 12, 1), "de") == "2026-12-01"


def test_local_day_of_a_stamp() -> None:
    # conftest sets TZ=UTC: a UTC stamp keeps its day; one without a zone is UTC too.
    assert local_day("2026-01-02T03:04:05+00:00") == date(2026, 1, 2)
    assert local_day("2026-01-02T23:30:00-05:00") == date(2026, 1, 3)
    assert local_day("2026-01-02T03:04:05") == date(2026, 1, 2)
    assert local_day("yesterday") is None
    assert local_day("0001-01-01T00:00:00+14:00") is None  # out of range once moved to UTC
