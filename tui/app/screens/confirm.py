"""Small modal questions and messages: quit with unsaved changes, check again, export done."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...catalog import Guide
from ...progress import changes
from ..host import Host


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; dismisses with True for yes. Escape means no."""

    BINDINGS = [
        Binding("escape,n", "dismiss(False)", show=False, id="no"),
        Binding("y,o", "dismiss(True)", show=False, id="yes"),
    ]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        s = self.app.s  # type: ignore[attr-defined]
        with Vertical(id="confirm-box") as box:
            box.border_title = Content(self.title_text)
            yield Static(Content(self.body), markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(s("answer_yes")), id="yes", variant="warning")
                yield Button(Content(s("answer_no")), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class MessageScreen(ModalScreen[None]):
    """A message with a line that must be read whole (a path): it never wraps, it scrolls."""

    BINDINGS = [Binding("escape,enter,q", "dismiss(None)", show=False, id="close")]

    def __init__(self, title: str, line: str) -> None:
        super().__init__()
        self.title_text, self.line = title, line

    def compose(self) -> ComposeResult:
        s = self.app.s  # type: ignore[attr-defined]
        with Vertical(id="message-box") as box:
            box.border_title = Content(self.title_text)
            yield Static(Content(self.line), id="message-line", markup=False)
            yield Button(Content(s("completion_close")), id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


def ask_check_again(app: Host, guide: Guide, device_id: str, started: Callable[[], None]) -> None:
    """ "Check again" asks first; then the finished pass is archived and a fresh one starts."""
    s = app.s

    def done(_: object) -> None:
        app.say(s("check_again_done"))
        started()

    def answered(yes: bool | None) -> None:
        if yes:
            app.saver.write(changes.check_again(guide.id, device_id), done)

    app.push_screen(ConfirmScreen(s("check_again_title"), s("check_again_body")), answered)
