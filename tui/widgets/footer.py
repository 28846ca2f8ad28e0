"""Textual's Footer, rebuilt only when the keys it shows really change.

The stock Footer recomposes on every "bindings updated" signal, several times before the
first paint and again on each tab switch, even when the same keys would be drawn. Here the
rebuilds are coalesced into one per refresh and skipped when nothing visible changed; that
was the largest single cost of start-up and tab switching (see benchmarks/README.md).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[tuple[str, str, bool], ...] | None = None
        self._queued = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._queued:
            return
        if self.is_attached and screen is self.screen:
            self._queued = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._queued = False
        shown = tuple(
            (binding.key, binding.description, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show
        )
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
