"""The Ctrl+P palette: every key's command, the devices and the guides, in the person's words.

Textual's own system-commands provider hands its titles to the palette as markup strings,
so a guide title holding ``[@click=…]`` would run an action on a click. This provider gives
the palette ``Content`` for every title and help line instead, built from the key table and
the interface strings, so the palette can never disagree with the key bar or F1 help.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from . import keys
from .host import Host

Command = tuple[Content, Content, Callable[[], Any]]


class GuideCommands(Provider):
    """Commands for the screen the palette was opened from."""

    @property
    def optout(self) -> Host:
        return cast("Host", self.app)

    def commands(self) -> list[Command]:
        app, screen = self.optout, self.screen
        texts, s = app.key_texts, app.s
        found: list[Command] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            key = keys.BY_ID.get(binding.id or "")
            if key is None or not key.palette or not active.enabled or key.id in seen:
                continue
            seen.add(key.id)
            run = partial(app.run_action, binding.action, active.node)
            found.append((Content(texts.command(key.id)), Content(texts.help(key.id)), run))
        on_screen = getattr(screen, "guide", None)
        if on_screen is not None:
            text = on_screen.text(app.lang)
            for index, device in enumerate(on_screen.devices):
                name = text.devices[device.id].name
                found.append(
                    (
                        Content(s("cmd_device", device=name)),
                        Content(s("help_device_named", device=name)),
                        partial(app.run_action, f"device_at({index})", screen),
                    )
                )
        for guide in app.catalog.guides:
            if on_screen is not None and guide.id == on_screen.id:
                continue  # the guide already on screen
            title = guide.listing(app.lang).title
            found.append(
                (
                    Content(s("cmd_guide", guide=title)),
                    Content(s("help_open_guide")),
                    partial(app.open_guide, guide.id),
                )
            )
        return found

    async def discover(self) -> Hits:
        for title, help_text, run in self.commands():
            yield DiscoveryHit(title, run, text=title.plain, help=cast(str, help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for title, help_text, run in self.commands():
            score = matcher.match(title.plain)
            if score > 0:
                found = True
                yield Hit(score, title, run, text=title.plain, help=cast(str, help_text))
        if not found:
            # Textual's own "No matches found" is English-only: say it in the person's words.
            yield Hit(0.001, Content.styled(self.optout.s("palette_no_match"), "dim"), _nothing)


def _nothing() -> None:
    """The "no match" line does nothing when chosen."""
