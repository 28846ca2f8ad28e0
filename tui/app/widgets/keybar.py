"""The key bar at the bottom: the main keys in the person's language, clickable.

One line of text instead of Textual's Footer. The Footer builds a widget per key and was
the largest single cost of start-up (about 55 ms of the first paint with six keys, measured
in benchmarks/), while this app only ever shows the same few keys. A click still runs the
key's action: the bar remembers which columns each key covers.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._spans: list[tuple[int, int, str]] = []  # (first column, end column, action)

    def show(self, keys: list[tuple[str, str, str]]) -> None:
        """``keys``: (key as shown, what it does, action to run when clicked)."""
        parts: list[Content] = []
        spans: list[tuple[int, int, str]] = []
        column = 0
        for key, description, action in keys:
            item = Content.assemble((f" {key} ", "bold $footer-key-foreground"), f"{description} ")
            spans.append((column, column + item.cell_length, action))
            column += item.cell_length
            parts.append(item)
        self._spans = spans
        content = Content("").join(parts)
        if self.content != content:
            self.update(content)

    async def _on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(action)
                return
