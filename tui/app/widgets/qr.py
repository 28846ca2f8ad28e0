"""A QR code drawn with half-block characters, so a phone can open a link from the terminal.

Two rows of modules share one line of text (upper and lower half blocks). The colours are
fixed to black on white whatever the theme, because scanners need dark modules on a light
ground with a quiet zone round them. Error level L keeps the settings link at version 4
(37 modules with the quiet zone, 19 lines), small enough to sit under the checklist.
"""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content
from textual.widgets import Static

_GLYPHS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


@lru_cache(maxsize=8)
def qr_content(url: str) -> Content:
    import segno  # only when a QR is first shown: keeps start-up lean

    try:
        code = segno.make(url, error="l")
    except (segno.DataOverflowError, ValueError):
        # The validator caps link length; this only guards a link no QR code can hold.
        return Content("")
    rows = [[bool(m) for m in row] for row in code.matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines = [
        "".join(_GLYPHS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
    return Content("\n").join(Content.styled(line, "#000000 on #ffffff") for line in lines)


class QRCode(Static):
    """The QR code of one link, drawn the first time it is shown (segno is imported then):
    a person who never opens the phone tab never pays for it."""

    def __init__(self, url: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.url = url
        self._drawn = False

    def show(self, on: bool) -> None:
        """Shown (its CSS still decides where) or hidden; drawn on the first showing."""
        if on and not self._drawn:
            self._drawn = True
            self.update(qr_content(self.url))
        self.set_class(on, "-on")
