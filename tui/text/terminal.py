"""What may reach a terminal: no escape sequence, and no character its encoding lacks.

Two promises of the plain commands, kept at the last step before the screen:

* Nothing from ``progress.json`` (or anywhere else) can drive the terminal. A tick time or a
  region id holding ESC, an OSC 52 clipboard write, a C1 control or a bidirectional override
  is printed spelled out (``\\x1b``), as the content validator's messages already are.
* A terminal that is not UTF-8 (``PYTHONIOENCODING=ascii``, a Latin-1 locale) gets readable
  text, never a ``UnicodeEncodeError``: ☑ becomes ``[x]``, « » become ", a no-break space a
  space, an accent is kept when the encoding has it and dropped (é → e) when it has not.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
import unicodedata
from typing import TextIO

# C0 controls (tab and newline are handled apart), DEL, C1 controls (ESC [ and CSI, OSC), the
# zero-width and direction marks, the line and paragraph separators and the bidi overrides.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_INVISIBLE = "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_UNSAFE_VALUE = re.compile(f"[\t\n{_CONTROLS}{_INVISIBLE}]")
_UNSAFE_OUTPUT = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")


def _spelled(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]  # "\x1b", "\u202e": seen, never obeyed


def visible(value: object) -> str:
    """One value from an untrusted file (a time, an id), with every control spelled out.

    Tabs and newlines are spelled out too: a value is one field on one line.
    """
    return _UNSAFE_VALUE.sub(_spelled, str(value))


def safe_text(text: str) -> str:
    """Whole output (lines of a report): controls spelled out, lines and tabs kept."""
    return _UNSAFE_OUTPUT.sub(_spelled, text)


def safe_json(text: str) -> str:
    """JSON text with the characters ``json`` leaves raw (C1, bidi, U+2028...) escaped.

    ``json.dumps(ensure_ascii=False)`` escapes C0 controls only. Outside strings JSON is
    plain ASCII, so each such character is inside a string, where ``\\uXXXX`` is valid.
    """
    return _UNSAFE_OUTPUT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --------------------------------------------------------------------------- encodings

DEGRADE = "optout-degrade"
_PLAIN = {
    "☑": "[x]",
    "☐": "[ ]",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "…": "...",
    "–": "-",
    "—": "-",
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "↑": "^",
    "↓": "v",
    "•": "*",
    "·": ".",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each character the encoding lacks, in its nearest form."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    encoding = error.encoding
    text = error.object[error.start : error.end]
    for space in ("\u00a0", "\u202f"):  # « Réglages » reads "Reglages", not " Reglages "
        text = text.replace("«" + space, "«").replace(space + "»", "»")
    return "".join(_nearest(ch, encoding) for ch in text), error.end


def _nearest(char: str, encoding: str) -> str:
    for candidate in (_PLAIN.get(char), _base_letters(char)):
        if candidate and _encodes(candidate, encoding):
            return candidate
    return "?"


def _base_letters(char: str) -> str:
    """é → e, Ç → C: the letters left when the accents are taken off (NFKD)."""
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


codecs.register_error(DEGRADE, _degrade)


def degrade_streams(*streams: TextIO) -> None:
    """Make ``streams`` (default: stdout and stderr) degrade what their encoding lacks.

    UTF-8 streams are left as they are: every character fits, and a test harness's own
    stream objects stay untouched.
    """
    for stream in streams or (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        except LookupError:
            utf8 = False
        if not utf8:
            stream.reconfigure(errors=DEGRADE)
