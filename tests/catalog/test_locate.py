"""Error lines are right or absent: a look-alike key inside a string is not a key.

``tomllib`` gives a line only for syntax errors, so the checks find the line of a key by
reading the text. Issue 9: the old line-by-line reader took ``do = …`` written inside a
multi-line string (or a ``[table]`` line inside one, or a string on its own line in an
array) for the real thing, and named the wrong line. Each case below puts such a look-alike
*before* the real key, breaks the real key, and checks that the error names the real line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.minimal import edit, line_of, write_minimal_guide

from tui.catalog import collect
from tui.catalog.locate import Locator

REAL = "do = 3  # the real key, broken"
MESSAGE = "'steps.step-2.do' must be text in quotes, not a number"

LOOK_ALIKES = {
    "basic-multiline": 'note = """\ndo = "inside a string"\n"""\n',
    "literal-multiline": "note = '''\ndo = \"inside a string\"\n'''\n",
    "multiline-closing-on-key-line": 'note = """first line\ndo = 1 \\"""\n"""\n',
    "escaped-quotes-inside": 'note = """ \\""" still inside\ndo = 2\n"""\n',
    "array-of-strings": 'also = [\n  "do = 1",\n  "why = 2",\n]\n',
    "one-line-string": 'note = "do = 1"\n',
    "inline-table-value": "x = { do = 1 }\n",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    write_minimal_guide(folder)
    return folder


@pytest.mark.parametrize("look_alike", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_look_alike_key_before_the_real_one(root: Path, look_alike: str) -> None:
    fr = root / "demo" / "fr.toml"
    edit(fr, 'do = "fr: do step-2."', look_alike + REAL)
    _, errors = collect([root])
    found = [e for e in errors if e.message == MESSAGE]
    print([str(e) for e in errors])
    assert len(found) == 1
    assert found[0].line == line_of(fr, REAL)


@pytest.mark.parametrize("quote", ['"""', "'''"])
def test_look_alike_table_header_inside_a_string(root: Path, quote: str) -> None:
    """A ``[steps.step-3]`` line inside step-1's note is not where step-3 starts."""
    fr = root / "demo" / "fr.toml"
    edit(
        fr,
        'do = "fr: do step-1."',
        f'do = "fr: do step-1."\nnote = {quote}\n[steps.step-3]\n{quote}',
    )
    edit(fr, 'why = "fr: why step-3."\n', "")
    _, errors = collect([root])
    error = next(e for e in errors if e.message == "missing text 'steps.step-3.why'")
    assert error.line == line_of(fr, "[steps.step-3]", nth=2)


def test_keys_after_a_multiline_value_are_still_found(root: Path) -> None:
    fr = root / "demo" / "fr.toml"
    edit(fr, 'title = "fr: title of step-2"', 'title = """fr:\ntitle\nof step-2"""\nwhy = 5')
    edit(fr, 'why = "fr: why step-2."\n', "")
    _, errors = collect([root])
    error = next(e for e in errors if e.message.startswith("'steps.step-2.why'"))
    assert error.line == line_of(fr, "why = 5")


def test_locator_reads_toml_not_lines() -> None:
    text = (
        "# a = 1 in a comment\n"  # 1
        'title = """\n'  # 2
        "[fake]\n"  # 3
        'b = "x"\n'  # 4
        '"""\n'  # 5
        "[real] # comment\n"  # 6
        "b = [\n"  # 7
        '  "c = 1",\n'  # 8
        "]\n"  # 9
        "c = 2\n"  # 10
        '"quoted.key" . d = 3\n'  # 11
        "[[rows]]\n"  # 12
        "e = 1\n"  # 13
        "[[rows]]\n"  # 14
        "e = 2\n"  # 15
    )
    where = Locator(text)
    assert where.line("", "title") == 2
    assert where.line("fake") is None and where.line("", "b") is None
    assert where.line("real", "b") == 7
    assert where.line("real", "c") == 10
    assert where.line("real.quoted.key", "d") == 11
    assert where.line("rows[1]", "e") == 15
    assert where.line("rows[0]", "missing") == 12  # a missing key points at its table
    assert where.line("", "a") is None


def test_unterminated_strings_do_not_break_the_locator() -> None:
    where = Locator('a = "open\nb = 1\nc = """never closed\nd = 2\n')
    assert where.line("", "a") == 1
    assert where.line("", "b") == 2
    assert where.line("", "d") is None  # inside the unclosed string: not a key
