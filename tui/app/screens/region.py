"""The one question the app asks: where is your account? Some facts differ by region.

Asked from a banner rather than forced at start, so the checklist still has focus and
``space`` works at once; the answer (or "rather not say") is saved and changeable with r.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...catalog import Catalog
from ...progress.records import UNKNOWN_REGION
from ...text.i18n import Strings

SKIP = UNKNOWN_REGION


class RegionScreen(ModalScreen[str | None]):
    """Dismisses with a region id, ``SKIP`` for "rather not say", or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="close")]

    def __init__(self, catalog: Catalog, lang: str, s: Strings, current: str | None) -> None:
        super().__init__()
        self.catalog, self.lang, self.s, self.current = catalog, lang, s, current

    def compose(self) -> ComposeResult:
        options = [
            Option(Content(self.catalog.region_name(region.id, self.lang)), id=region.id)
            for region in self.catalog.regions
        ]
        options.append(Option(Content(self.s("region_skip")), id=SKIP))
        with Vertical(id="region-box") as box:
            box.border_title = Content(self.s("region_title"))
            yield Static(Content(self.s("region_question")), id="region-question")
            yield OptionList(*options, id="region-list")

    def on_mount(self) -> None:
        options = self.query_one("#region-list", OptionList)
        ids = [o.id for o in options.options]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
