"""The small lines round the checklist: progress, the notice bar and the chosen region.

Each one is a ``render()`` of reactive attributes that the screen binds in with
``data_bind``; nobody tells them to redraw. Every word goes through ``Content``, so text from
a guide file is shown as written.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ...catalog import Guide
from ...progress.records import NO_GUIDE, GuideRecord, changes_since, device_state, done_elsewhere
from ...text.plain import stamp_date


class _GuideLine(Widget):
    """A line about one guide, in the app's language."""

    lang: reactive[str] = reactive("en", init=False)
    device: reactive[str] = reactive("", init=False)
    records: reactive[GuideRecord] = reactive(NO_GUIDE, init=False)

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide

    def strings(self) -> Any:
        return self.app.strings_for(self.lang)  # type: ignore[attr-defined]


class ProgressLine(_GuideLine):
    """ "3 of 7 done", or done on a date; and, on another device, that the account is done."""

    DEFAULT_CSS = "ProgressLine { height: auto; padding: 0 1; color: $text-muted; }"

    def render(self) -> Content:
        if not self.device:
            return Content("")
        s, guide = self.strings(), self.guide
        state = device_state(guide, self.device, self.records.device(self.device))
        self.set_class(state.complete, "-complete")
        if state.complete and state.completed:
            line = s(
                "progress_complete", total=state.total, date=stamp_date(state.completed, self.lang)
            )
            days = state.checked_days_ago()
            if days:
                line += f" ({s('checked_ago', days=days)})"
            return Content(line)
        line = Content(s("progress_count", done=state.done, total=state.total))
        for done in done_elsewhere(guide, self.records, self.device):
            name = guide.text(self.lang).devices[done.device_id].name
            date = stamp_date(done.completed or "", self.lang)
            note = s("done_elsewhere", device=name, date=date)
            return Content("\n").join([line, Content.styled(note, "$text-success")])
        return line


class Notice(_GuideLine):
    """The bar at the top: a guide that changed since it was finished, or the region question."""

    DEFAULT_CSS = """
    Notice { height: auto; max-height: 3; padding: 0 1; background: $primary 15%; }
    Notice.-changed { background: $warning 25%; }
    """
    region_asked: reactive[bool] = reactive(True, init=False)

    def render(self) -> Content:
        s, guide = self.strings(), self.guide
        if not self.device:
            return Content("")
        state = device_state(guide, self.device, self.records.device(self.device))
        self.set_class(state.outdated, "-changed")
        if state.outdated and state.completed_revision is not None:
            notes = " ".join(changes_since(guide, self.lang, state.completed_revision))
            return Content(
                s("changed_banner", old=state.completed_revision, new=guide.revision, notes=notes)
            )
        if not self.region_asked:
            return Content(s("region_banner"))
        return Content("")

    def watch_records(self) -> None:
        self._show_if_needed()

    def watch_region_asked(self) -> None:
        self._show_if_needed()

    def watch_device(self) -> None:
        self._show_if_needed()

    def _show_if_needed(self) -> None:
        self.display = bool(self.render().plain)


class RegionLine(Widget):
    """Where the person said their account is, and the key that changes it: always in view
    once chosen (before that, the notice bar asks)."""

    DEFAULT_CSS = "RegionLine { height: auto; padding: 0 1; color: $text-muted; }"
    lang: reactive[str] = reactive("en", init=False)
    region_name: reactive[str] = reactive("", init=False)

    def render(self) -> Content:
        s = self.app.strings_for(self.lang)  # type: ignore[attr-defined]
        return Content(s("region_line", region=self.region_name or s("region_none")))

    def watch_region_name(self, name: str) -> None:
        # Until a region is chosen, the notice bar asks for one: no need to say it twice.
        self.display = bool(name)
