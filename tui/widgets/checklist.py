"""The tick list of one device's steps.

Built on OptionList so arrows, j/k, mouse clicks and scrolling behave as Textual users
expect; every prompt is a ``Content`` object, so a step title is never read as markup.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..content import Step

TICKED, UNTICKED = "☑", "☐"


def step_prompt(number: int, title: str, ticked: bool, check: bool) -> Content:
    box = (TICKED, "$text-success") if ticked else (UNTICKED, "")
    title_style = "$text-muted" if ticked else ("bold" if check else "")
    return Content.assemble(box, f" {number}. ", (title, title_style))


class Checklist(OptionList):
    """Posts :class:`Checklist.Toggled` when the person ticks or unticks a step."""

    BINDINGS = [
        Binding("space", "select", "Tick", id="tick"),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    class Toggled(Message):
        def __init__(self, checklist: Checklist, step_id: str) -> None:
            super().__init__()
            self.checklist = checklist
            self.step_id = step_id

    def __init__(self, device_id: str, steps: list[Step], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.device_id = device_id
        self.steps = steps

    def show(self, lang: str, ticks: dict[str, str]) -> None:
        """Redraw every prompt, keeping the highlight where it was."""
        highlighted = self.highlighted
        prompts = [
            Option(self._prompt(i, step, lang, step.id in ticks), id=step.id)
            for i, step in enumerate(self.steps)
        ]
        self.set_options(prompts)
        if highlighted is not None:
            self.highlighted = highlighted

    def show_step(self, step_id: str, lang: str, ticked: bool) -> None:
        index = next(i for i, s in enumerate(self.steps) if s.id == step_id)
        self.replace_option_prompt_at_index(
            index, self._prompt(index, self.steps[index], lang, ticked)
        )

    def _prompt(self, index: int, step: Step, lang: str, ticked: bool) -> Content:
        text = step.text.get(lang) or step.text["en"]
        return step_prompt(index + 1, text.title, ticked, step.check)

    @property
    def current_step(self) -> Step | None:
        if self.highlighted is None or not self.steps:
            return None
        return self.steps[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Toggled(self, event.option.id))
