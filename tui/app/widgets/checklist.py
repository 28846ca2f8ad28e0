"""The tick list of one device's steps.

Built on OptionList so arrows, j/k, mouse clicks and scrolling behave as Textual users
expect; every prompt is a ``Content`` object, so a step title is never read as markup.

The boxes follow ``ticks``, the saved state the screen binds in: a box turns ☑ only once
the tick is on disk. A key press only *asks* (``Toggled``) and moves the highlight on at
once, so a quick burst of presses acts on the right steps; ``wanted`` remembers what was
asked until the saved state catches up, so a second press never undoes the first.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...catalog import DEFAULT_LANGUAGE, Step
from .. import keys

TICKED, UNTICKED, PENDING = "☑", "☐", "◌"


def step_prompt(number: int, title: str, box: str, check: bool, width: int = 0) -> Content:
    """One row: the box (☑ saved, ◌ asked but not saved yet, ☐), the number, the title.

    Given the width, a long title is wrapped here so that its next lines start under the
    title, not under the box (OptionList would wrap them at the left edge)."""
    style = {TICKED: "$text-success", PENDING: "$text-warning"}.get(box, "")
    title_style = "$text-muted" if box == TICKED else ("bold" if check else "")
    lead = f" {number}. "
    room = width - len(box) - len(lead)
    if width and room >= 12 and len(title) > room:
        title = ("\n" + " " * (len(box) + len(lead))).join(textwrap.wrap(title, room))
    return Content.assemble((box, style), lead, (title, title_style))


class Checklist(OptionList):
    """Posts :class:`Checklist.Toggled` when the person asks to tick or untick a step."""

    BINDINGS = keys.bindings(keys.LIST)

    lang: reactive[str] = reactive(DEFAULT_LANGUAGE, init=False)
    ticks: reactive[Mapping[str, str]] = reactive(dict, init=False)

    class Toggled(Message):
        def __init__(self, checklist: Checklist, step_id: str, ticked: bool) -> None:
            super().__init__()
            self.checklist = checklist
            self.step_id = step_id
            self.ticked = ticked

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(self, device_id: str, steps: list[Step], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.device_id = device_id
        self.steps = steps
        self.wanted: dict[str, bool] = {}  # asked for, not yet on disk
        self._boxes: list[str] = []  # the box each row shows now

    def on_mount(self) -> None:
        self._draw()
        self.highlighted = self.first_unticked()

    def watch_lang(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def watch_ticks(self) -> None:
        self.wanted = {k: v for k, v in self.wanted.items() if (k in self.ticks) != v}
        # Only the rows whose box changed: a tick redraws one row, not the list.
        for index, step in enumerate(self.steps):
            if index < len(self._boxes) and self._boxes[index] != self._box(step.id):
                self._redraw_row(index)

    def is_ticked(self, step_id: str) -> bool:
        """What the person asked for last, else what is saved."""
        return self.wanted.get(step_id, step_id in self.ticks)

    def _box(self, step_id: str) -> str:
        if step_id in self.wanted:
            return PENDING
        return TICKED if step_id in self.ticks else UNTICKED

    def _draw(self) -> None:
        highlighted = self.highlighted
        self._boxes = [self._box(step.id) for step in self.steps]
        self.set_options(
            Option(self._prompt(i, step), id=step.id) for i, step in enumerate(self.steps)
        )
        if highlighted is not None and highlighted < len(self.steps):
            self.highlighted = highlighted

    def _redraw_row(self, index: int) -> None:
        step = self.steps[index]
        self._boxes[index] = self._box(step.id)
        self.replace_option_prompt_at_index(index, self._prompt(index, step))

    def _prompt(self, index: int, step: Step) -> Content:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        title = step.words(self.lang).title
        return step_prompt(index + 1, title, self._box(step.id), step.check, width)

    def action_select(self) -> None:
        """Ask for the highlighted step to flip; ticking moves on to the next one to do."""
        index = self.highlighted
        if index is None or not self.steps:
            return
        step = self.steps[index]
        ticked = not self.is_ticked(step.id)
        self.wanted[step.id] = ticked
        self._redraw_row(index)
        if ticked:
            self.highlighted = self.next_unticked(index)
        self.post_message(self.Toggled(self, step.id, ticked))

    def next_unticked(self, start: int) -> int:
        """The next step still to do after ``start``; ``start`` itself when none is left
        below it, so the tick just made stays in view instead of jumping back to the top."""
        for index in range(start + 1, len(self.steps)):
            if not self.is_ticked(self.steps[index].id):
                return index
        return start

    def restart(self) -> None:
        """After "check again": the highlight goes back to the first step to do."""
        self.highlighted = self.first_unticked()

    def first_unticked(self) -> int:
        return next((i for i, s in enumerate(self.steps) if not self.is_ticked(s.id)), 0)

    @property
    def current_step(self) -> Step | None:
        if self.highlighted is None or not self.steps:
            return None
        return self.steps[self.highlighted]
