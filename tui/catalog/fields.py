"""The kinds of field a content file holds, each with its rule and its message.

A rule is declared once (:class:`Field`: a key, a kind, optional or not) and
:meth:`FileCheck.fields` applies a table of them, so ``checks`` reads as a list of what each
table must hold. Every problem names the file and, where one can be found, the line; all of
them are collected, so a translator sees every mistake in one run.

Text from content is shown literally, so a text field refuses control, escape and invisible
characters, and a link is an ``https://`` address short enough to show and to fit a QR code.
French text gets French spacing (no-break spaces) as it is read: see ``tui.text.typography``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..typography import typeset
from .locate import Locator
from .model import _ID, _UNSAFE, ContentError
from .reading import ParseCache, ReadProblem, read_regular, read_toml

MAX_LINK = 500  # characters: a link must display on one line and fit a phone's QR code

# The kinds of field. Each has one rule in FileCheck.value().
TEXT, LINK, IDENT, WHOLE, IDS, LABELS, DAYS = (
    "text",
    "link",
    "ident",
    "whole",
    "ids",
    "labels",
    "days",
)
MAX_DAYS = 3650


class Field(NamedTuple):
    key: str
    kind: str = TEXT
    optional: bool = False


class FileCheck:
    """One TOML file being checked: its data, where its keys are, and the problems found."""

    def __init__(
        self,
        path: Path,
        errors: list[ContentError],
        cache: ParseCache | None = None,
        lang: str | None = None,
    ) -> None:
        self.path = path
        self.errors = errors
        self.lang = lang  # the language of its texts, for typography; None: not prose
        self.data: dict[str, Any] | None = None
        self.source: str | None = None
        self.device_rows: dict[str, int] = {}  # device id -> its index in [[devices]]
        self._locator: Locator | None = None
        try:
            parsed = read_toml(path, cache)
        except ReadProblem as problem:
            self.error(problem.line, problem.message)
            return
        self.data, self.source = parsed.data, parsed.text

    @property
    def locator(self) -> Locator:
        """Built on the first error only: a valid file never pays for finding lines."""
        if self._locator is None:
            if self.source is None:
                self.source = ""
                with contextlib.suppress(ReadProblem, UnicodeDecodeError):
                    self.source = read_regular(self.path).decode("utf-8")
            self._locator = Locator(self.source)
        return self._locator

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    def at(self, table: str, key: str | None, message: str) -> None:
        self.error(self.locator.line(table, key), message)

    # ----------------------------------------------------------------------- tables

    def fields(
        self, parent: Mapping[str, Any], where: str, rules: Iterable[Field]
    ) -> dict[str, Any]:
        """Each declared field's checked value (None when missing or wrong)."""
        return {rule.key: self.value(parent, where, rule) for rule in rules}

    def array(
        self, data: Mapping[str, Any], key: str, missing: str, each: str
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Each table of a ``[[key]]`` list and where it is; a missing list or a value that
        is not a table is reported with the caller's own words."""
        value = data.get(key)
        if not isinstance(value, list) or not value:
            self.at("", key, missing)
            return
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            if isinstance(item, dict):
                yield index, where, item
            else:
                self.at(where, None, each)

    def table(self, parent: Mapping[str, Any], where: str, key: str) -> dict[str, Any] | None:
        value = parent.get(key)
        if value is None:
            self.at(where, key, f"missing table [{join(where, key)}]")
            return None
        if not isinstance(value, dict):
            self.at(where, key, f"{join(where, key)} must be a table")
            return None
        return value

    # ----------------------------------------------------------------------- one field

    def value(self, parent: Mapping[str, Any], where: str, rule: Field) -> Any:
        kind = rule.kind
        if kind == TEXT:
            return self.text(parent, where, rule.key, optional=rule.optional)
        if kind == LINK:
            return self.link(parent, where, rule.key)
        if kind == IDENT:
            return self.ident(parent, where, rule.key)
        if kind == WHOLE:
            return self.integer(parent, where, rule.key)
        if kind == DAYS:
            return self.days(parent, where, rule.key)
        if kind == LABELS:
            return self.labels(parent, where, rule.key)
        return self.ids(parent, where, rule.key)

    def text(
        self, parent: Mapping[str, Any], where: str, key: str, *, optional: bool = False
    ) -> str | None:
        """A non-empty plain text, in the file's typography (French spacing for French)."""
        value = self.raw_text(parent, where, key, optional=optional)
        return typeset(value, self.lang) if value is not None and self.lang else value

    def raw_text(
        self, parent: Mapping[str, Any], where: str, key: str, *, optional: bool = False
    ) -> str | None:
        value = parent.get(key)
        name = join(where, key)
        if value is None:
            if not optional:
                self.at(where, key, f"missing text '{name}'")
            return None
        if not isinstance(value, str):
            self.at(where, key, f"'{name}' must be text in quotes, not {kind_of(value)}")
            return None
        if not value.strip():
            self.at(where, key, f"'{name}' is empty")
            return None
        problem = unsafe(value)
        if problem:
            self.at(where, key, f"'{name}' contains {problem}")
            return None
        return value

    def link(self, parent: Mapping[str, Any], where: str, key: str) -> str | None:
        value = self.raw_text(parent, where, key, optional=True)
        if value is None:
            return None
        name = join(where, key)
        if not is_https(value):
            self.at(where, key, f"'{name}' must be an https:// link, not {value!r}")
            return None
        if len(value) > MAX_LINK:
            self.at(where, key, f"'{name}' is {len(value)} characters long: at most {MAX_LINK}")
            return None
        return value

    def integer(self, parent: Mapping[str, Any], where: str, key: str) -> int | None:
        value = parent.get(key)
        if value is None:
            self.at(where, key, f"missing '{join(where, key)}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.at(where, key, f"'{join(where, key)}' must be a whole number from 1 up")
            return None
        return value

    def days(self, parent: Mapping[str, Any], where: str, key: str) -> int | None:
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
            self.at(
                where, key, f"'{join(where, key)}' must be a number of days from 1 to {MAX_DAYS}"
            )
            return None
        return value

    def ident(self, parent: Mapping[str, Any], where: str, key: str) -> str | None:
        value = self.text(parent, where, key)
        if value is not None and not _ID.match(value):
            self.at(where, key, f"'{join(where, key)}' must be lower-case letters, digits and -")
            return None
        return value

    def ids(self, parent: Mapping[str, Any], where: str, key: str) -> tuple[str, ...] | None:
        """An optional, non-empty list of ids without repeats (regions, related guides)."""
        value = parent.get(key)
        if value is None:
            return None
        name = join(where, key)
        if not isinstance(value, list) or not all(
            isinstance(v, str) and _ID.match(v) for v in value
        ):
            noun, example = _ID_LISTS.get(key, ("", "x"))
            self.at(where, key, f"'{key}' must be a list of {noun}ids, like [\"{example}\"]")
            return None
        if not value:
            self.at(where, key, f"'{name}' is empty: leave it out instead")
            return None
        if len(set(value)) != len(value):
            self.at(where, key, f"'{name}' lists an id twice")
        return tuple(dict.fromkeys(value))

    def labels(self, parent: Mapping[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = parent.get(key, [])
        if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
            self.at(where, key, f"'{key}' must be a list of labels")
            return ()
        problem = next((p for p in map(unsafe, value) if p), None)
        if problem:
            self.at(where, key, f"'{key}' contains {problem}")
            return ()
        return tuple(typeset(a, self.lang) if self.lang else a for a in value)


_ID_LISTS = {"regions": ("region ", "uk"), "related": ("guide ", "other-guide")}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unsafe(text: str) -> str | None:
    """What is wrong with a text that must be shown literally, or None if nothing is."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    if _CONTROL.match(char):
        return "a control or escape character"
    return f"an invisible character (U+{ord(char):04X})"


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def kind_of(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


_SPACE = re.compile(r"\s")


def is_https(url: str) -> bool:
    return url.startswith("https://") and len(url) > len("https://") and not _SPACE.search(url)
