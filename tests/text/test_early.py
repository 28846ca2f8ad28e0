"""The language chosen before parsing: ``--lang`` read quietly, the saved choice peeked at."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tui.text.early import early_choices, saved_language


@pytest.mark.parametrize(
    ("words", "lang", "folder"),
    [
        (["--lang", "fr", "status"], "fr", None),
        (["status", "--lang=fr"], "fr", None),
        (["--la", "fr"], "fr", None),  # an abbreviation, as argparse allows it
        (["--data-dir", "/x", "guide"], None, Path("/x")),
        (["--data-dir", "", "status"], None, None),  # refused later by the real parser
        (["--lang"], None, None),  # no value: the real parser says so, in the locale's words
        (["--bogus", "-z"], None, None),
        ([], None, None),
    ],
)
def test_early_choices(words: list[str], lang: str | None, folder: Path | None) -> None:
    assert early_choices(words) == (lang, folder)


def test_saved_language(tmp_path: Path) -> None:
    assert saved_language(tmp_path) is None  # no file
    (tmp_path / "progress.json").write_text(json.dumps({"schema": 1, "language": "fr"}))
    assert saved_language(tmp_path) == "fr"
    for odd in (b"{broken", b"[1]", b'{"language": 5}', b"\xff\xfe", b"9" * 5000):
        (tmp_path / "progress.json").write_bytes(odd)
        assert saved_language(tmp_path) is None
    assert (tmp_path / "progress.json").read_bytes() == b"9" * 5000  # peeked at, not moved


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")
def test_a_fifo_is_never_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "progress.json")
    assert saved_language(tmp_path) is None  # returns at once: nobody writes to the FIFO
    (tmp_path / "progress.json").unlink()
    (tmp_path / "progress.json").mkdir()
    assert saved_language(tmp_path) is None
