"""F1 / ? help: the keys, in the person's language, and where their progress lives."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...text.i18n import Strings

KEYS = [
    ("↑ ↓  j k", "help_move"),
    ("space  enter", "help_tick"),
    ("← →  1 2", "help_device"),
    ("l", "help_language"),
    ("o", "help_open"),
    ("i", "help_about"),
    ("c", "help_copy"),
    ("r", "help_region"),
    ("g", "help_guides"),
    ("a", "help_again"),
    ("t", "help_theme"),
    ("ctrl+p", "help_palette"),
    ("F1  ?", "help_help"),
    ("q", "help_quit"),
]


def help_text(s: Strings, progress_path: str) -> Content:
    width = max(len(keys) for keys, _ in KEYS) + 2
    lines = [Content.assemble((keys.ljust(width), "bold $accent"), s(key)) for keys, key in KEYS]
    lines += [Content(""), Content.styled(s("help_data", path=progress_path), "$text-muted")]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss(None)", "Close", id="close"),
    ]

    def __init__(self, s: Strings, progress_path: str) -> None:
        super().__init__()
        self.s = s
        self.progress_path = progress_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = self.s("help_title")
            box.border_subtitle = f"Esc · {self.s('key_close')}"
            yield Static(help_text(self.s, self.progress_path), markup=False)
