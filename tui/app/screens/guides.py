"""The guide picker: shown on g once there is more than one guide, with each one's progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class GuidePicker(ModalScreen[str | None]):
    """``choices`` are (guide id, title, progress summary); dismisses with the chosen id."""

    BINDINGS = [Binding("escape,g", "dismiss(None)", "Close", id="close")]

    def __init__(self, title: str, choices: list[tuple[str, str, str]], current: str) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current

    def compose(self) -> ComposeResult:
        options = [
            Option(Content.assemble((title, "bold"), "\n", (summary, "$text-muted")), id=guide_id)
            for guide_id, title, summary in self.choices
        ]
        with Vertical(id="guides-box") as box:
            box.border_title = self.title_text
            yield OptionList(*options, id="guides-list")

    def on_mount(self) -> None:
        options = self.query_one("#guides-list", OptionList)
        ids = [guide_id for guide_id, _, _ in self.choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
