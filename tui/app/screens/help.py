"""F1 / ? help: built from the bindings active on the screen it was opened from.

The keys come from that screen's own bindings (as posting's help does), their words from the
key table's interface strings, so help never lists a key that does nothing there.
"""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from .. import keys


def help_lines(screen: Screen[object], texts: keys.KeyTexts) -> list[tuple[str, str]]:
    """(keys as written, what they do) for every key active on ``screen``, in table order."""
    active = {b.binding.id for b in screen.active_bindings.values() if b.enabled}
    return [(texts.key(k.id), texts.help(k.id)) for k in keys.ALL if k.id in active]


def help_text(lines: list[tuple[str, str]], note: str, room: int = 72) -> Content:
    """Keys in a column, what they do beside them; a long line goes on under its own text."""
    width = max(len(shown) for shown, _ in lines) + 2
    rows = []
    for shown, what in dict.fromkeys(lines):
        wrapped = textwrap.wrap(what, max(20, room - width)) or [""]
        rows.append(
            Content.assemble(
                (shown.ljust(width), "bold $accent"), ("\n" + " " * width).join(wrapped)
            )
        )
    return Content("\n").join([*rows, Content(""), Content.styled(note, "$text-muted")])


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss(None)", show=False, id="close")]

    def __init__(self, below: Screen[object], progress_path: str) -> None:
        super().__init__()
        self.below = below
        self.progress_path = progress_path

    def compose(self) -> ComposeResult:
        app = self.app
        s, texts = app.s, app.key_texts  # type: ignore[attr-defined]
        lines = help_lines(self.below, texts)
        with VerticalScroll(id="help-box") as box:
            box.border_title = Content(s("help_title"))
            box.border_subtitle = Content(f"{texts.key('back')} · {s('key_close')}")
            room = min(76, app.size.width) - 6  # the border, padding and scroll bar
            note = s("help_data", path=self.progress_path)
            yield Static(help_text(lines, note, room), markup=False)
