"""The catalog: every guide, grouped by platform, with where each one stands at a glance.

It lies under the guide on screen (``g`` and Escape go back and forth), so the app can open
straight on the guide the person used last while the whole catalog is one key away. The
lines say the same as ``optout-tui status``: both come from the text layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ...text.plain import catalog_line
from .. import keys
from ..widgets.keybar import KeyBar

if TYPE_CHECKING:
    from ..app import OptOutApp


class GuideList(OptionList):
    BINDINGS = keys.bindings(keys.CATALOG[:2])


class CatalogScreen(Screen[None]):
    BINDINGS = keys.bindings(keys.CATALOG[2:])
    AUTO_FOCUS = "GuideList"

    @property
    def optout(self) -> OptOutApp:
        return cast("OptOutApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        with Vertical(id="catalog-box"):
            yield Static(id="catalog-intro", markup=False)
            yield GuideList(id="guides-list")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.watch(self.app, "lang", lambda _: self.fill(), init=False)
        self.watch(self.app, "region", lambda _: self.fill(), init=False)

    def on_screen_resume(self) -> None:
        self.fill()
        self.query_one(GuideList).focus()

    def fill(self) -> None:
        """One heading per platform, then its guides with their state, in catalog order."""
        app = self.optout
        s, lang = app.s, app.lang
        self.title = s("catalog_title")
        self.sub_title = ""
        self.query_one("#catalog-intro", Static).update(Content(s("catalog_intro")))
        options: list[Option] = []
        platform = None
        for guide in app.catalog.guides:
            name = guide.platform_name(lang)
            if name != platform:
                platform = name
                options.append(Option(Content.styled(name, "bold $accent"), disabled=True))
            title = guide.listing(lang).title
            records = app.saver.guide(guide.id).devices
            line = catalog_line(guide, lang, s, records, app.region)
            prompt = Content.assemble(("  " + title, "bold"), "\n    ", (line, "$text-muted"))
            options.append(Option(prompt, id=guide.id))
        guides = self.query_one(GuideList)
        current = guides.highlighted_option.id if guides.highlighted_option else app.guide.id
        guides.set_options(options)
        ids = [o.id for o in guides.options]
        guides.highlighted = ids.index(current) if current in ids else 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.optout.open_guide(event.option.id)

    def action_back(self) -> None:
        self.optout.open_guide(self.optout.guide.id)
