"""The key bar at the bottom: the active keys in the person's language, clickable.

It follows the screen's active bindings the way Textual's Footer does (through the screen's
``bindings_updated_signal``), so a key that is disabled or hidden on a screen disappears
from the bar without anyone telling it. It is one line of text rather than the Footer's
widget per key, which was the largest single cost of start-up (benchmarks/). When the line
is too narrow, the least important keys go first; "quit" always stays.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from .. import keys


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (first column, end column, key id)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.app, "lang", self._bindings_changed, init=False)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, *_: object) -> None:
        self.refresh()

    def shown_keys(self) -> list[str]:
        """Ids of the keys the bar shows now, in the table's order."""
        active = {
            b.binding.id
            for b in self.screen.active_bindings.values()
            if b.binding.show and b.enabled and b.binding.id in keys.BY_ID
        }
        return [key.id for key in keys.ALL if key.id in active and key.bar]

    def render(self) -> Content:
        texts = self.app.key_texts  # type: ignore[attr-defined]
        items = [
            (
                key_id,
                Content.assemble(
                    (f" {texts.key(key_id).split()[0]} ", "bold $footer-key-foreground"),
                    f"{texts.bar(key_id)} ",
                ),
            )
            for key_id in dict.fromkeys(self.shown_keys())
        ]
        width = self.size.width or 80
        # Drop the least important keys first; quitting must stay visible at any size.
        droppable = [k for k, _ in items if k != "quit"]
        while items and sum(c.cell_length for _, c in items) > width and droppable:
            gone = droppable.pop()
            items = [(k, c) for k, c in items if k != gone]
        spans: list[tuple[int, int, str]] = []
        column = 0
        for key_id, content in items:
            spans.append((column, column + content.cell_length, key_id))
            column += content.cell_length
        self._spans = spans
        return Content("").join(content for _, content in items)

    async def _on_click(self, event: events.Click) -> None:
        for start, end, key_id in self._spans:
            if start <= event.x < end:
                event.stop()
                for active in self.screen.active_bindings.values():
                    if active.binding.id == key_id:
                        await self.app.run_action(active.binding.action, active.node)
                        return
