"""The one table of keys: the bindings, the key bar, F1 help and the Ctrl+P palette all read it.

Each row names a binding id; the words come from the interface strings by that id:
``key_<id>`` in the key bar, ``help_<id>`` in F1 help and as the palette's help line, and
``cmd_<id>`` as the palette's title. A key is written once here, so the bar, the help and
the palette can never disagree about what a key does, and translating them needs no access
to Textual's private binding tables: the bindings carry ids, the texts are looked up.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding, BindingType

from ..text.i18n import Strings


class Key(NamedTuple):
    id: str
    bindings: tuple[tuple[str, str], ...]  # (Textual key spec, action)
    shown: str  # how the key is written for people; words like "space" are translated
    bar: bool = False  # shown in the key bar while active
    palette: bool = True  # offered in the Ctrl+P palette
    priority: bool = False  # for keys a focused list would otherwise take (page up/down)


# Where each key lives: the checklist widget, a guide's screen, the catalog, or the app.
LIST = (
    Key("move", (("j", "cursor_down"), ("k", "cursor_up")), "↑ ↓ j k", palette=False),
    Key("tick", (("space", "select"),), "space enter", bar=True),
)
CHECKLIST = (
    Key(
        "device",
        (
            ("left", "device(-1)"),
            ("right", "device(1)"),
            ("1", "device_at(0)"),
            ("2", "device_at(1)"),
            ("3", "device_at(2)"),
            ("4", "device_at(3)"),
        ),
        "← → 1 2",
        palette=False,
    ),
    Key(
        "scroll",
        (("pagedown", "scroll_explanation(1)"), ("pageup", "scroll_explanation(-1)")),
        "pgup pgdn",
        palette=False,
        priority=True,
    ),
    Key("about", (("i", "about"),), "i", bar=True),
    Key("open", (("o", "open_link"),), "o"),
    Key("copy", (("c", "copy"),), "c"),
    Key("qr", (("p", "qr"),), "p"),
    Key("region", (("r", "region"),), "r"),
    Key("again", (("a", "check_again"),), "a"),
    Key("export", (("e", "export"),), "e"),
    Key("guides", (("g", "guides"),), "g", bar=True),
)
CATALOG = (
    Key("move_guides", (("j", "cursor_down"), ("k", "cursor_up")), "↑ ↓ j k", palette=False),
    Key("open_guide", (("enter", "select"),), "enter", bar=True, palette=False),
    Key("back", (("escape,g", "back"),), "esc", bar=True, palette=False),
)
APP = (
    Key("language", (("l", "language"),), "l", bar=True),
    Key("theme", (("t", "toggle_theme"),), "t"),
    Key("palette", (("ctrl+p", "command_palette"),), "ctrl+p", palette=False),
    Key("help", (("f1,question_mark", "help"),), "f1 ?", bar=True),
    Key("quit", (("q", "quit"),), "q", bar=True),
)
ALL = (*LIST, *CHECKLIST, *CATALOG, *APP)
BY_ID = {key.id: key for key in ALL}
# Words in ``shown`` that are translated (ui strings ``keyname_<word>``).
KEY_WORDS = ("space", "enter", "esc", "pgup", "pgdn")


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """Textual bindings for a row of the table; the id ties each back to its texts."""
    return [
        Binding(spec, action, key.id, show=key.bar, id=key.id, priority=key.priority)
        for key in keys
        for spec, action in key.bindings
    ]


class KeyTexts:
    """Every word about a key in one language: the key itself, the bar, help and palette."""

    def __init__(self, s: Strings, other_language: str) -> None:
        self.s = s
        self.other_language = other_language  # the language key names the one it switches to

    def key(self, key_id: str) -> str:
        """The key as a person reads it, with words such as "space" in their language."""
        parts = BY_ID[key_id].shown.split()
        return " ".join(self.s(f"keyname_{p}") if p in KEY_WORDS else p for p in parts)

    def bar(self, key_id: str) -> str:
        return self.other_language if key_id == "language" else self.s(f"key_{key_id}")

    def help(self, key_id: str) -> str:
        return self.s(f"help_{key_id}")

    def command(self, key_id: str) -> str:
        if key_id == "language":
            return self.s("cmd_language", language=self.other_language)
        return self.s(f"cmd_{key_id}")
