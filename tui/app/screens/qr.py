"""The QR code alone on the screen, big enough to scan: it fits an 80x24 terminal whole."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.qr import qr_content


class QRScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,p,q,enter", "dismiss(None)", show=False, id="close")]

    def __init__(self, url: str, caption: str) -> None:
        super().__init__()
        self.url, self.caption = url, caption

    def compose(self) -> ComposeResult:
        with Vertical(id="qr-box"):
            yield Static(Content(self.caption), id="qr-screen-caption", markup=False)
            with Center():
                yield Static(qr_content(self.url), id="qr-screen-code")
            yield Static(Content(self.url), id="qr-screen-url", markup=False)
