"""Where a table or key is written in a TOML file, since ``tomllib`` only locates syntax errors.

A message without the right line is better than one with a wrong line, so this reads the
text the way TOML does rather than line by line: a ``key = …`` or ``[table]`` look-alike
inside a string (``'''…'''``, ``\"\"\"…\"\"\"``, or a one-line string), inside a comment, or on
a later line of an array is not taken for a key. Only headers and keys at the start of a
statement count. A key it cannot find points at its table, and a table it cannot find at
its parent: always a line that holds what the message is about, or no line at all.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class Locator:
    """The first line of each table and of each key, read from TOML source text."""

    def __init__(self, text: str) -> None:
        self.tables: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        self._text = text
        self._pos = 0
        self._line = 1
        self._scan()

    def line(self, table: str, key: str | None = None) -> int | None:
        if key is not None:
            found = self.keys.get((table, key))
            if found:
                return found
            parent, _, leaf = table.rpartition(".")
            if (parent, leaf) in self.keys:
                return self.keys[(parent, leaf)]
        while table:
            if table in self.tables:
                return self.tables[table]
            table = table.rpartition(".")[0]
        return None

    # ----------------------------------------------------------------------- scanning

    def _scan(self) -> None:
        counts: dict[str, int] = {}
        current = ""
        text = self._text
        while self._pos < len(text):
            self._skip_blank()
            if self._pos >= len(text):
                break
            char = text[self._pos]
            start_line = self._line
            if char == "[":
                double = text.startswith("[[", self._pos)
                self._pos += 2 if double else 1
                parts = self._key_parts("]")
                self._skip_value()  # the closing brackets and any comment
                if parts is None:
                    continue
                name = ".".join(parts)
                if double:
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    name = f"{name}[{index}]"
                current = name
                self.tables.setdefault(current, start_line)
                continue
            parts = self._key_parts("=")
            if parts is not None and self._pos < len(text) and text[self._pos] == "=":
                self._pos += 1
                table, _, leaf = ".".join([current, *parts]).strip(".").rpartition(".")
                self.keys.setdefault((table, leaf), start_line)
            self._skip_value()

    def _skip_blank(self) -> None:
        """Spaces, newlines and comments between statements."""
        text = self._text
        while self._pos < len(text):
            char = text[self._pos]
            if char == "\n":
                self._line += 1
            elif char == "#":
                end = text.find("\n", self._pos)
                self._pos = len(text) if end < 0 else end
                continue
            elif char not in " \t\r":
                return
            self._pos += 1

    def _key_parts(self, stop: str) -> list[str] | None:
        """A dotted key up to ``stop`` (``=`` or ``]``); None if it is not one."""
        text = self._text
        parts: list[str] = []
        while self._pos < len(text):
            while self._pos < len(text) and text[self._pos] in " \t":
                self._pos += 1
            if self._pos >= len(text):
                return None
            char = text[self._pos]
            if char in "\"'":
                part = self._string_value()
                if part is None:
                    return None
                parts.append(part)
            else:
                match = _BARE.match(text, self._pos)
                if not match:
                    return None
                parts.append(match.group())
                self._pos = match.end()
            while self._pos < len(text) and text[self._pos] in " \t":
                self._pos += 1
            if self._pos < len(text) and text[self._pos] == ".":
                self._pos += 1
                continue
            return parts if self._pos < len(text) and text[self._pos] == stop else None
        return None

    def _string_value(self) -> str | None:
        """A one-line quoted key; None (and nothing consumed past the line) if malformed."""
        text = self._text
        quote = text[self._pos]
        end = self._pos + 1
        while end < len(text) and text[end] not in (quote, "\n"):
            end += 2 if quote == '"' and text[end] == "\\" else 1
        if end >= len(text) or text[end] != quote:
            return None
        raw = text[self._pos + 1 : end]
        self._pos = end + 1
        return _unescape(raw) if quote == '"' else raw

    def _skip_value(self) -> None:
        """The rest of a statement: strings (even multi-line), brackets spanning lines, a
        comment; it ends at a newline outside any string or bracket."""
        text = self._text
        depth = 0
        while self._pos < len(text):
            char = text[self._pos]
            if char == "\n":
                if depth <= 0:
                    return
                self._line += 1
                self._pos += 1
            elif char == "#":
                end = text.find("\n", self._pos)
                self._pos = len(text) if end < 0 else end
            elif char in "\"'":
                self._skip_string(char)
            else:
                if char in "[{":
                    depth += 1
                elif char in "]}":
                    depth -= 1
                self._pos += 1

    def _skip_string(self, quote: str) -> None:
        text = self._text
        triple = quote * 3
        if text.startswith(triple, self._pos):
            end = self._pos + 3
            while True:
                found = text.find(triple, end)
                if found < 0:
                    end = len(text)
                    break
                if quote == "'" or not _escaped(text, found):
                    end = found + 3
                    # Up to two more quotes may close the string (""""" is legal).
                    while end < len(text) and text[end] == quote and end - found < 5:
                        end += 1
                    break
                end = found + 1
        else:
            end = self._pos + 1
            while end < len(text) and text[end] not in (quote, "\n"):
                end += 2 if quote == '"' and text[end] == "\\" else 1
            end = min(end + 1, len(text)) if end < len(text) and text[end] == quote else end
        self._line += text.count("\n", self._pos, end)
        self._pos = end


def _escaped(text: str, index: int) -> bool:
    """Is the character at ``index`` preceded by an odd number of backslashes?"""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _unescape(raw: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            try:
                return chr(int(code[1:], 16))
            except ValueError:
                return match.group()
        return _SIMPLE_ESCAPES.get(code, match.group())

    return _ESCAPE.sub(one, raw)
