"""French typography for text written with ordinary spaces: no-break spaces where French wants them.

French puts a space before ``: ; ? !`` and inside « guillemets », and that space must never
break, or a line starts with ":" or "»". Writers type ordinary spaces (or none, as in
English); this module turns them into no-break spaces (U+00A0) when the text is loaded, so
every French string the program shows, its own and the guides', follows the rule, and no
writer has to type an invisible character.

It leaves alone what is not prose: web addresses (``https://…?a=b``), times and ratios
(``10:30``), ``{placeholders}`` that are filled in later, and a mark at the start of a line.
A space at the very start or end of a string binds too: ``" : "`` is glued after a word.
A no-break space is added before a mark only when the mark ends a word (a space, the end of
the text or closing punctuation follows it), which is what keeps ``10:30`` and ``https:``
as they are. The functions are pure and idempotent: applying them twice changes nothing.
This module imports nothing from the program, so any layer may use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"
_SPACES = " \u00a0\u202f"  # an ordinary, a no-break and a narrow no-break space
# A web address (its trailing punctuation belongs to the sentence) or a {placeholder}.
_PROTECTED = re.compile(r"https?://[^\s«»<>\"]*[^\s«»<>\".,:;!?)\]’']|\{[^{}\s]*\}")
_MARKS = re.compile(rf"(?P<run>[{_SPACES}]*)(?P<mark>[:;!?]+)")
_OPENING = re.compile(rf"«(?P<run>[{_SPACES}]*)")
_CLOSING = re.compile(rf"(?P<run>[{_SPACES}]*)»")
# After a mark, what shows that it ends a word (so "10:30" and "https:" are not touched).
_ENDS_WORD = set("»)]\"”’'.,…")
# Before a mark, what it may not be separated from (an opening bracket or quote, a slash).
_NO_SPACE_AFTER = set("([{«/\n")


def typeset(text: str, lang: str) -> str:
    """``text`` with the typography of ``lang`` applied (only French has rules here)."""
    return french_spacing(text) if lang == "fr" else text


def french_spacing(text: str) -> str:
    """No-break spaces before ``: ; ? !`` and inside « », outside addresses and placeholders."""
    if not any(ch in text for ch in ":;!?«»"):
        return text
    protected: list[tuple[int, int]] = []

    def inside(position: int) -> bool:
        return any(start <= position < end for start, end in protected)

    def before_mark(text: str, match: re.Match[str]) -> str:
        # Right after an address or a placeholder, a mark written without a space may be part
        # of it ("…?a=1!"): only a space that is there is made no-break.
        glued = not match.group("run") and any(end == match.start() for _, end in protected)
        return match.group() if glued else _before_mark(text, match)

    for pattern, rule, marks in (
        (_MARKS, before_mark, ":;!?"),
        (_OPENING, _after_opening, "«"),
        (_CLOSING, _before_closing, "»"),
    ):
        if any(mark in text for mark in marks):
            protected = _spans(text)
            text = _apply(text, pattern, inside, rule)
    return text


def _spans(text: str) -> list[tuple[int, int]]:
    """Where the addresses and placeholders are (none to look for in most texts)."""
    if "://" not in text and "{" not in text:
        return []
    return [m.span() for m in _PROTECTED.finditer(text)]


def _apply(
    text: str,
    pattern: re.Pattern[str],
    inside: Callable[[int], bool],
    rule: Callable[[str, re.Match[str]], str],
) -> str:
    """Rewrite each match of ``pattern`` with ``rule`` unless it lies in a protected span."""
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        anchor = match.start("mark") if "mark" in pattern.groupindex else match.start()
        if inside(anchor):
            continue
        out.append(text[last : match.start()])
        out.append(rule(text, match))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _before_mark(text: str, match: re.Match[str]) -> str:
    run, mark = match.group("run"), match.group("mark")
    start = match.start()
    previous = text[start - 1] if start else None
    if run:
        # A mark that starts a line keeps its indentation: there is no word to bind it to.
        # At the start of the text it is a suffix (" : " is glued after a word), so it binds.
        return run + mark if previous == "\n" else NBSP + mark
    following = text[match.end()] if match.end() < len(text) else None
    ends_word = following is None or following.isspace() or following in _ENDS_WORD
    if previous is None or previous in _NO_SPACE_AFTER or not ends_word:
        return mark
    return NBSP + mark


def _after_opening(text: str, match: re.Match[str]) -> str:
    following = text[match.end()] if match.end() < len(text) else None
    if following == "\n" or (following is None and not match.group("run")):
        return match.group()
    return "«" + NBSP


def _before_closing(text: str, match: re.Match[str]) -> str:
    previous = text[match.start() - 1] if match.start() else None
    if previous == "\n" or (previous is None and not match.group("run")):
        return match.group()
    return NBSP + "»"
