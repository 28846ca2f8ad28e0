"""Issue 10, the CLI items, as a person (or an attacker) would meet them, as a subprocess.

#10 nothing from progress.json reaches the terminal raw (ESC, OSC 52, C1, bidi) in
``status`` and ``export``; #12 no terminal: one line saying what to run, exit 2; #13 an
output encoding that is not UTF-8 degrades characters, never a UnicodeEncodeError; #14
``status`` exits 3 after moving a damaged file aside, and ``--data-dir ""`` is refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from tui import cli
from tui.catalog import load_catalog

CATALOG = load_catalog()
MAIN = CATALOG.guides[0]
DESKTOP = list(MAIN.device("desktop").steps)
# What a terminal would obey: ESC, BEL, C1 (CSI, OSC), bidi overrides and isolates, marks.
ACTING = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"
)
EVIL = {
    "osc52": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "csi": "\x1b[2J\x1b[31m",
    "c1": "\x9b31m\x9d0;title\x9c",
    "bidi": "\u202eevil\u202c",
}


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args, **kwargs)
    assert "Traceback" not in result.stderr, result.stderr
    assert "UnicodeEncodeError" not in result.stderr
    return result


def write(data_dir: Path, data: dict) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "progress.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def hostile_progress(evil: str) -> dict:
    """Every string of the progress file that is printed, carrying ``evil``."""
    good = "2026-01-02T03:04:05+00:00"
    ticks = {step: good for step in DESKTOP}
    ticks[DESKTOP[0]] = good + evil  # not a time: shown as given, escaped
    record = {
        "ticks": ticks,
        "revision": 1,
        "history": [{"completed": "x" + evil, "completed_revision": 1}],
    }
    return {
        "schema": 1,
        "region": "eu" + evil,
        "language": "en",
        "guides": {MAIN.id: {"devices": {"desktop": record}}},
    }


# --------------------------------------------------------------------------- #10 escapes


@pytest.mark.parametrize("evil", EVIL.values(), ids=EVIL.keys())
@pytest.mark.parametrize(
    "args",
    [("status",), ("export",), ("export", "--format", "json"), ("--lang", "fr", "export")],
    ids=lambda a: " ".join(a),
)
def test_nothing_from_progress_reaches_the_terminal(data_dir: Path, evil: str, args) -> None:
    write(data_dir, hostile_progress(evil))
    result = run(*args)
    assert result.returncode in (0, 1), result.stderr
    shown = result.stdout + result.stderr
    assert not ACTING & set(shown), [c for c in shown if c in ACTING]
    if "json" in args:
        data = json.loads(result.stdout)  # still valid JSON, values intact
        assert data["region"] == "eu" + evil
    elif args[-1] == "export":
        assert "\\x1b" in shown or "\\x9b" in shown or "\\u202e" in shown  # spelled, not lost


def test_an_escape_typed_on_the_command_line_is_spelled_out() -> None:
    result = run("reset", "--yes", "\x1b]52;c;aGk=\x07")
    assert result.returncode == 2
    assert not ACTING & set(result.stderr)
    assert "\\x1b]52" in result.stderr


# --------------------------------------------------------------------------- #12 no terminal


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_terminal_says_what_to_run_and_exits_2(lang: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", lang],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,  # a guard against the old behaviour (spinning forever), not a timing test
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "optout-tui status" in lines[0] and "optout-tui guide" in lines[0]
    assert ("terminal" in lines[0]) and (lang == "en" or "Lancez" in lines[0])


# --------------------------------------------------------------------------- #13 encodings

COMMANDS = [
    ("guide",),
    ("status",),
    ("export",),
    ("--help",),
    ("status", "--help"),
    ("bogus",),
    ("guide", "--device", "nope"),
]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_narrow_encoding_degrades_instead_of_crashing(
    data_dir: Path, encoding: str, lang: str, args: tuple[str, ...]
) -> None:
    write(data_dir, hostile_progress(""))
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", lang, *args],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode in (0, 1, 2)
    out, err = result.stdout.decode(encoding), result.stderr.decode(encoding)
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert out or err
    if encoding == "ascii":
        assert all(ord(c) < 128 for c in out + err)
    if lang == "fr" and args == ("guide",):
        if encoding == "latin-1":
            assert "Réglages" in out or "é" in out  # accents kept where the encoding has them
        else:
            assert "«" not in out and "’" not in out and "\u00a0" not in out


def test_ascii_forms_are_the_readable_ones(data_dir: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", "fr", "status"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    out = result.stdout.decode("ascii")
    assert "Entrainement de l'IA" in out  # î -> i, ’ -> '
    assert "etapes faites" in out


# --------------------------------------------------------------------------- #14


@pytest.mark.parametrize("command", ["status", "export"])
def test_a_damaged_file_moved_aside_exits_3(data_dir: Path, command: str) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_bytes(b"{broken")
    result = run(command)
    assert result.returncode == 3
    assert len(list(data_dir.glob("progress.json.damaged-*"))) == 1
    assert "moved" in result.stderr
    assert run(command).returncode in (0, 1)  # the next run reads the fresh state


@pytest.mark.parametrize("option", ["--data-dir", "--content"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_empty_folder_name_is_refused(tmp_path: Path, option: str, lang: str) -> None:
    here = tmp_path / "here"
    here.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", lang, option, "", "status"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=here,  # where "" would point; this checkout's tui, not an installed one
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2
    assert option in result.stderr
    assert ("empty folder name" in result.stderr) or ("dossier vide" in result.stderr)
    assert list(here.iterdir()) == []  # nothing was written in the current folder


def test_reset_checks_the_folder_can_be_written_before_asking(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only folder (simulated: these tests may run as root, who may write anywhere)."""
    path = write(data_dir, hostile_progress(""))
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == data_dir else real_access(p, mode)
    )
    monkeypatch.setattr("builtins.input", lambda _: pytest.fail("asked before checking"))
    assert cli.main(["reset"]) == 3
    err = capsys.readouterr().err
    assert "cannot reset" in err and str(data_dir) in err
    assert path.read_bytes() == before
