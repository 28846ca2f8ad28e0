"""Which language to speak, and the interface strings in it.

The order is the person's most deliberate choice first: the ``--lang`` flag, then what they
picked in the app last time, then the system locale, then English. A key missing from a
translation cannot reach the screen: the content validator refuses it first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from ..catalog import DEFAULT_LANGUAGE

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language code of the first locale variable that is set, as POSIX defines it."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return None if code in ("c", "posix") else code
    return None


def choose_language(
    available: Iterable[str],
    flag: str | None = None,
    saved: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    available = set(available)
    for candidate in (flag, saved, locale_language(environ)):
        if candidate and candidate in available:
            return candidate
    return DEFAULT_LANGUAGE


class Strings:
    """Interface strings of one language; ``s("key", n=1)`` fills ``{n}`` placeholders."""

    def __init__(self, lang: str, table: Mapping[str, str]) -> None:
        self.lang = lang
        self._table = table

    def __call__(self, key: str, **values: object) -> str:
        text = self._table[key]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._table


def next_language(current: str, available: Iterable[str]) -> str:
    """The language after ``current`` in a stable order, wrapping round (en → fr → en)."""
    ordered = sorted(available)
    if current not in ordered:
        return ordered[0]
    return ordered[(ordered.index(current) + 1) % len(ordered)]


def quote(text: str, lang: str) -> str:
    """An on-screen label in the quotation marks a reader of ``lang`` expects."""
    return f"«\u00a0{text}\u00a0»" if lang == "fr" else f"“{text}”"
