"""What may reach a terminal (issue 10, items 10 and 13), checked on the functions themselves.

The subprocess tests in tests/cli/test_cli_hardening.py check the same promises end to end.
"""

from __future__ import annotations

import io
import json

import pytest

from tui.text.terminal import DEGRADE, degrade_streams, safe_json, safe_text, visible

HOSTILE = {
    "esc-csi": "\x1b[31m",
    "osc52": "\x1b]52;c;aGVsbG8=\x07",
    "c1-csi": "\x9b2J",
    "bel": "\x07",
    "nul": "\x00",
    "del": "\x7f",
    "cr": "\r",
    "bidi-override": "\u202e",
    "bidi-isolate": "\u2066",
    "zero-width": "\u200b",
    "rlm": "\u200f",
    "alm": "\u061c",
    "line-separator": "\u2028",
    "bom": "\ufeff",
}
RAW = {c for value in HOSTILE.values() for c in value if not c.isprintable()}  # what acts


@pytest.mark.parametrize("name", HOSTILE)
def test_visible_spells_every_control_out(name: str) -> None:
    shown = visible(f"2026-01-01{HOSTILE[name]}x")
    assert not RAW & set(shown), repr(shown)
    assert shown.startswith("2026-01-01\\") and shown.endswith("x")


def test_visible_keeps_one_value_on_one_line() -> None:
    assert visible("a\nb\tc") == "a\\nb\\tc"
    assert visible(42) == "42"


def test_safe_text_keeps_lines_and_tabs_but_not_controls() -> None:
    text = "line one\n\tline two " + "".join(HOSTILE.values())
    shown = safe_text(text)
    assert shown.startswith("line one\n\tline two ")
    assert not RAW & set(shown)
    assert safe_text(shown) == shown  # escaping twice changes nothing


def test_safe_json_is_still_the_same_json() -> None:
    data = {"region": "".join(HOSTILE.values()), "ok": "Réglages « x »"}
    text = safe_json(json.dumps(data, ensure_ascii=False))
    assert not RAW & set(text)
    assert json.loads(text) == data  # the values are intact, only their spelling changed
    assert "Réglages « x »" in text  # ordinary text stays readable


@pytest.mark.parametrize(
    ("text", "ascii_form"),
    [
        ("☑ fait", "[x] fait"),
        ("☐ à faire", "[ ] a faire"),
        ("«\u00a0Réglages\u00a0»", '"Reglages"'),
        ("Pourquoi\u00a0: …", "Pourquoi : ..."),
        ("l’IA", "l'IA"),
        ("“Data”", '"Data"'),
        ("révision 1 → 2", "revision 1 -> 2"),
        ("cœur", "coeur"),
        ("中", "?"),
    ],
)
def test_ascii_gets_the_nearest_readable_form(text: str, ascii_form: str) -> None:
    assert text.encode("ascii", errors=DEGRADE).decode("ascii") == ascii_form


def test_latin1_keeps_what_it_has() -> None:
    text = "«\u00a0Réglages\u00a0» ☑ l’IA"
    out = text.encode("latin-1", errors=DEGRADE).decode("latin-1")
    assert out == "«\u00a0Réglages\u00a0» [x] l'IA"


def test_degrade_streams_turns_an_error_into_text() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    with pytest.raises(UnicodeEncodeError):
        stream.write("é")
        stream.flush()
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    degrade_streams(stream)
    stream.write("Réglages ☑\n")
    stream.flush()
    assert raw.getvalue() == b"Reglages [x]\n"


def test_degrade_streams_leaves_utf8_alone() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    degrade_streams(stream)
    assert stream.errors == "strict"
