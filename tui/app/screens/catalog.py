"""The catalog: every guide, grouped by platform, with where each one stands at a glance.

It lies under the guide on screen (``g`` and Escape go back and forth), so the app can open
straight on the guide the person used last while the whole catalog is one key away. The
lines say the same as ``optout-tui status``: both come from the text layer.
"""

from __future__ import annotations

import textwrap
from typing import cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ...catalog import Guide
from ...text.plain import catalog_line
from .. import keys
from ..host import Host
from ..widgets.keybar import KeyBar


class GuideList(OptionList):
    BINDINGS = keys.bindings(keys.CATALOG[:2])


class CatalogScreen(Screen[None]):
    BINDINGS = keys.bindings(keys.CATALOG[2:])
    AUTO_FOCUS = "GuideList"

    @property
    def optout(self) -> Host:
        return cast("Host", self.app)

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
        platforms: dict[str, list[Guide]] = {}  # in catalog order, each platform's guides together
        for guide in app.catalog.guides:
            platforms.setdefault(guide.platform, []).append(guide)
        for guides in platforms.values():
            name = guides[0].platform_name(lang)
            options.append(Option(Content.styled(name, "bold $accent"), disabled=True))
            options.extend(self._option(guide) for guide in guides)
        guides_list = self.query_one(GuideList)
        highlighted = guides_list.highlighted_option
        current = highlighted.id if highlighted else app.guide.id
        guides_list.set_options(options)
        ids = [o.id for o in guides_list.options]
        guides_list.highlighted = ids.index(current) if current in ids else 1

    def _option(self, guide: Guide) -> Option:
        """The guide's title, and under it where it stands (wrapped lines stay indented)."""
        app = self.optout
        title = guide.listing(app.lang).title
        line = catalog_line(guide, app.lang, app.s, app.saver.guide(guide.id).devices, app.region)
        room = max(20, self.app.size.width - 10)  # the list, its padding and scroll bar
        title = "\n  ".join(textwrap.wrap(title, room)) or title
        line = "\n    ".join(textwrap.wrap(line, room - 2)) or line
        prompt = Content.assemble(("  " + title, "bold"), "\n    ", (line, "$text-muted"))
        return Option(prompt, id=guide.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.optout.open_guide(event.option.id)

    def action_back(self) -> None:
        self.optout.close_catalog()
