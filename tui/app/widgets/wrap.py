"""Line breaking that respects no-break spaces, for prose in French.

Textual breaks lines at any Unicode space, the no-break ones included, so « Pourquoi : »
could still put ":" at the start of a line, which French typography forbids (the text layer
writes U+00A0 or U+202F there for exactly that reason). Where a widget knows its width, it
breaks its text here first, treating those spaces as part of the word; Textual then has
nothing left to break. Styles are kept: lines are cut from the ``Content`` itself.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content

NO_BREAK = "\u00a0\u202f\u2007"
# A word (no-break spaces included) with the breakable spaces after it.
_CHUNK = re.compile(rf"(?:[^\s]|[{NO_BREAK}])+[^\S{NO_BREAK}]*|[^\S{NO_BREAK}]+")


def break_lines(content: Content, width: int) -> Content:
    """``content`` with a newline wherever a line would pass ``width`` cells."""
    if width < 8:
        return content
    lines = content.split("\n")
    broken = [_line(line, width) for line in lines]
    if all(new is old for new, old in zip(broken, lines, strict=True)):
        return content  # nothing to break: no new object, so no needless repaint
    return Content("\n").join(broken)


def _line(line: Content, width: int) -> Content:
    text = line.plain
    if cell_len(text) <= width:
        return line
    offsets: list[int] = []
    column = 0
    for match in _CHUNK.finditer(text):
        word = match.group(0)
        if column and column + cell_len(word.rstrip()) > width:
            offsets.append(match.start())
            column = 0
        column += cell_len(word)
    if not offsets:
        return line
    pieces = line.divide(offsets)
    return Content("\n").join(piece.rstrip() for piece in pieces)
