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
    """Interface strings of one language; ``s("key", n=1)`` fills ``{n}`` placeholders.

    A plural key (``key = { 0 = "…", one = "…", other = "…" }`` in ``ui.<lang>.toml``, kept as
    ``key.0``, ``key.one``, ``key.other``) picks its form from a count: an exact form for
    that number first, then the language's plural category (:func:`plural_category`), then
    ``other``. ``s.plural(key, count, ...)`` names the count; ``s(key, ...)`` takes it from
    ``n`` or else from the first whole number given, so ``s("steps", done=3, total=7)``
    agrees with 3. A language may write a plural key as one plain string when its sentence
    never changes with the number.
    """

    def __init__(self, lang: str, table: Mapping[str, str | Mapping[str, str]]) -> None:
        self.lang = lang
        self._table: Mapping[str, str] = _flat(table)

    def __call__(self, key: str, **values: object) -> str:
        text = self._table.get(key)
        if text is None:
            if f"{key}.other" not in self._table:
                raise KeyError(key)
            return self.plural(key, _count(key, values), **values)
        return text.format(**values) if values else text

    def plural(self, key: str, count: int, **values: object) -> str:
        """The form of ``key`` that agrees with ``count``, filled with ``values``."""
        table = self._table
        text = table.get(key)
        if text is None:
            text = (
                table.get(f"{key}.{count}")
                or table.get(f"{key}.{plural_category(self.lang, count)}")
                or table[f"{key}.other"]
            )
        return text.format(**values)

    def has(self, key: str) -> bool:
        """True for a plain key, a plural key, or one form of a plural (``key.one``)."""
        table = self._table
        base = key.partition(".")[0]
        return key in table or f"{key}.other" in table or base in table

    def is_plural(self, key: str) -> bool:
        return f"{key}.other" in self._table


def _flat(table: Mapping[str, str | Mapping[str, str]]) -> Mapping[str, str]:
    """A table as loaded (``key.one``), or as TOML gives it (``key = {one = ...}``): flat."""
    if all(isinstance(v, str) for v in table.values()):
        return table  # type: ignore[return-value]  # checked just above
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, str):
            flat[key] = value
        else:
            flat.update({f"{key}.{form}": text for form, text in value.items()})
    return flat


def _count(key: str, values: Mapping[str, object]) -> int:
    """The number a plural agrees with: ``n``, else the first whole number given."""
    candidates = [values["n"]] if "n" in values else list(values.values())
    for value in candidates:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    raise KeyError(f"{key}: a plural needs a count (n=...)")


def plural_category(lang: str, count: int) -> str:
    """The CLDR plural category of a whole number: ``one`` or ``other`` for en and fr.

    French treats 0 and 1 as singular (« 0 étape faite », « 1 jour »); English only 1. A
    language without a rule here uses the English one, and a form it lacks falls back to
    ``other``.
    """
    if lang == "fr":
        return "one" if count in (0, 1) else "other"
    return "one" if count == 1 else "other"


def next_language(current: str, available: Iterable[str]) -> str:
    """The language after ``current`` in a stable order, wrapping round (en → fr → en)."""
    ordered = sorted(available)
    if current not in ordered:
        return ordered[0]
    return ordered[(ordered.index(current) + 1) % len(ordered)]


def quote(text: str, lang: str) -> str:
    """An on-screen label in the quotation marks a reader of ``lang`` expects."""
    return f"«\u00a0{text}\u00a0»" if lang == "fr" else f"“{text}”"
