"""The baseline: a bare Textual app of the same shape as OptOutApp, with nothing of ours.

Header, a TabbedContent of two tabs each holding an OptionList of 7 items, and a Footer; no
CSS file, no content loading, no progress file. The list gets focus on mount, as the
checklist does in OptOutApp, so the same keys reach the same kind of widget.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList, TabbedContent, TabPane

ITEMS = 7


class BareApp(App[int]):
    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs"):
            for tab in ("one", "two"):
                with TabPane(tab.title(), id=f"tab-{tab}"):
                    yield OptionList(
                        *[f"Item {n} of tab {tab}" for n in range(1, ITEMS + 1)],
                        id=f"list-{tab}",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#list-one", OptionList).focus()
