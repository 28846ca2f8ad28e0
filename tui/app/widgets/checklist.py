"""The tick list of one device's steps.

Built on OptionList so arrows, j/k, mouse clicks and scrolling behave as Textual users
expect; every prompt is a ``Content`` object, so a step title is never read as markup.

A tick is applied here, at once, and only then reported with the state it now has. Going
through the app first would let a quick second key act on the old highlight and untick
what was just ticked; an explicit state also makes saving it idempotent.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...catalog import Step

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
        def __init__(self, checklist: Checklist, step_id: str, ticked: bool) -> None:
            super().__init__()
            self.checklist = checklist
            self.step_id = step_id
            self.ticked = ticked

    def __init__(self, device_id: str, steps: list[Step], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.device_id = device_id
        self.steps = steps
        self.ticked: set[str] = set()
        self.lang = "en"

    def show(self, lang: str, ticks: dict[str, str]) -> None:
        """Redraw every prompt from the saved ticks, keeping the highlight where it was."""
        self.lang = lang
        self.ticked = {step.id for step in self.steps if step.id in ticks}
        highlighted = self.highlighted
        prompts = [
            Option(self._prompt(i, step, lang, step.id in self.ticked), id=step.id)
            for i, step in enumerate(self.steps)
        ]
        self.set_options(prompts)
        if highlighted is not None:
            self.highlighted = highlighted

    def action_select(self) -> None:
        """Tick or untick the highlighted step now; ticking moves on to the next one to do."""
        index = self.highlighted
        if index is None or not self.steps:
            return
        step = self.steps[index]
        ticked = step.id not in self.ticked
        self.ticked ^= {step.id}
        self.replace_option_prompt_at_index(index, self._prompt(index, step, self.lang, ticked))
        if ticked:
            self.highlighted = self.next_unticked(index)
        self.post_message(self.Toggled(self, step.id, ticked))

    def next_unticked(self, start: int) -> int:
        """The next step still to do after ``start``, wrapping round; ``start`` if none."""
        count = len(self.steps)
        for offset in range(1, count):
            index = (start + offset) % count
            if self.steps[index].id not in self.ticked:
                return index
        return start

    def first_unticked(self) -> int:
        return next((i for i, s in enumerate(self.steps) if s.id not in self.ticked), 0)

    def _prompt(self, index: int, step: Step, lang: str, ticked: bool) -> Content:
        text = step.text.get(lang) or step.text["en"]
        return step_prompt(index + 1, text.title, ticked, step.check)

    @property
    def current_step(self) -> Step | None:
        if self.highlighted is None or not self.steps:
            return None
        return self.steps[self.highlighted]
