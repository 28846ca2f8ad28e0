"""What a person sees in the running app, read the way the app draws it.

Shared by the tests in this folder. Each reader takes what is on screen (a widget's text, the
notifications, the key bar, the tab labels, the palette's lines) and returns plain text, so a
test asserts on words a person reads, not on how a widget stores them.
"""

from __future__ import annotations

import re
from typing import Any

from textual.command import CommandInput, CommandList, CommandPalette
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Tabs

from tui.app.app import OptOutApp


def plain(value: Any) -> str:
    """A Content, Text or str as the characters drawn."""
    return value.plain if hasattr(value, "plain") else str(value)


def flat(text: str) -> str:
    """Text with wrapping undone: line breaks and the indent of wrapped lines become one
    space. No-break spaces (French typography) are kept: they are not where a line wraps."""
    return re.sub(r"[ \t\n]+", " ", text).strip()


def shown(widget: Widget) -> str:
    """The text a widget draws: what its ``render`` returns (for a Static, the visual made
    from its content, so a string that was parsed as markup shows here without its tags)."""
    return plain(widget.render())


def on_screen(app: OptOutApp, selector: str) -> str:
    """The text of the widget matching ``selector`` on the active screen."""
    return shown(app.screen.query_one(selector))


def said(app: OptOutApp) -> list[str]:
    """Every notification shown so far, as plain text."""
    return [plain(n.message) for n in app._notifications]


def key_bar(app: OptOutApp) -> str:
    from tui.app.widgets.keybar import KeyBar

    return shown(app.screen.query_one(KeyBar))


def tab_labels(app: OptOutApp) -> list[str]:
    """The device tabs' labels as drawn."""
    tabs = app.screen.query_one("#devices Tabs", Tabs)
    return [plain(tab.label) for tab in tabs.query("Tab")]


def titles(app: OptOutApp) -> tuple[str, str]:
    """The header's title and sub-title: the active screen's, else the app's."""
    screen = app.screen
    return plain(screen.title or app.title), plain(screen.sub_title or app.sub_title)


async def settle_palette(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_palette(pilot: Any, query: str = "") -> CommandPalette:
    """Ctrl+P, then type ``query`` key by key, as a person would."""
    await pilot.press("ctrl+p")
    await settle_palette(pilot)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette), palette
    if query:
        await pilot.press(*query)
        await settle_palette(pilot)
    return palette


def palette_lines(palette: CommandPalette) -> list[tuple[str, str]]:
    """(title, help line) of each option the palette lists now."""
    lines = []
    for option in palette.query_one(CommandList).options:
        prompt = plain(option.prompt)
        title, _, help_line = prompt.partition("\n")
        lines.append((title, help_line))
    return lines


def palette_prompts(palette: CommandPalette) -> list[Content | Any]:
    """The options' prompts as the palette holds them (to look at their styles)."""
    return [option.prompt for option in palette.query_one(CommandList).options]


def palette_placeholder(palette: CommandPalette) -> str:
    return plain(palette.query_one(CommandInput).placeholder)


async def run_palette_entry(pilot: Any, palette: CommandPalette, title: str) -> None:
    """Choose the palette line whose title is ``title`` with the keyboard (down, enter)."""
    titles_now = [t for t, _ in palette_lines(palette)]
    assert title in titles_now, titles_now
    command_list = palette.query_one(CommandList)
    command_list.highlighted = titles_now.index(title)
    await pilot.press("enter")
    await settle_palette(pilot)


def patch_app(monkeypatch: Any, name: str, value: Any) -> None:
    """Replace a module-level name of the app (a timer's seconds, the browser hand-off)
    wherever the app keeps it; the app's modules move, what they do stays."""
    import importlib

    found = False
    for module_name in ("tui.app.app", "tui.app.saving", "tui.app.outside"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, name):
            monkeypatch.setattr(module, name, value)
            found = True
    assert found, f"the app has no {name} any more"
