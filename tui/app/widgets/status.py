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

from ... import clock
from ...catalog import DEFAULT_LANGUAGE, Guide
from ...progress.records import NO_GUIDE, GuideRecord, changes_since, device_state, done_elsewhere
from ...text.plain import stamp_date
from .wrap import break_lines


class _GuideLine(Widget):
    """A line about one guide, in the app's language."""

    lang: reactive[str] = reactive(DEFAULT_LANGUAGE, init=False)
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
    """The bar at the top, for what matters before any step: the guide changed since it was
    finished; it is not offered where the person's account is; its facts are old; or the
    region question. One message at a time, the most important first."""

    DEFAULT_CSS = """
    Notice { height: auto; max-height: 4; padding: 0 1; background: $primary 15%; }
    Notice.-changed { background: $warning 25%; }
    """
    region_asked: reactive[bool] = reactive(True, init=False)
    person_region: reactive[str | None] = reactive(None, init=False)

    def message(self) -> tuple[str, bool]:
        """The text, and whether it is a warning."""
        s, guide = self.strings(), self.guide
        if not self.device:
            return "", False
        state = device_state(guide, self.device, self.records.device(self.device))
        if state.outdated and state.completed_revision is not None:
            notes = " ".join(changes_since(guide, self.lang, state.completed_revision))
            old, new = state.completed_revision, guide.revision
            return s("changed_banner", old=old, new=new, notes=notes), True
        if not guide.applies_in(self.person_region):
            return guide.text(self.lang).not_offered or "", True
        if guide.regions and self.person_region is not None:
            return s("offered_here"), False
        if guide.is_stale(clock.today()):
            return s("stale_banner", days=guide.age_days(clock.today())), True
        if not self.region_asked:
            return s("region_banner_limited" if guide.regions else "region_banner"), False
        return "", False

    def render(self) -> Content:
        return break_lines(Content(self.message()[0]), self.content_region.width)

    def watch_records(self) -> None:
        self._show_if_needed()

    def watch_region_asked(self) -> None:
        self._show_if_needed()

    def watch_person_region(self) -> None:
        self._show_if_needed()

    def watch_device(self) -> None:
        self._show_if_needed()

    def _show_if_needed(self) -> None:
        text, warning = self.message()
        self.display = bool(text)
        self.set_class(warning, "-changed")


class RegionLine(Widget):
    """Where the person said their account is, and the key that changes it: always in view
    once chosen (before that, the notice bar asks)."""

    DEFAULT_CSS = "RegionLine { height: auto; padding: 0 1; color: $text-muted; }"
    lang: reactive[str] = reactive(DEFAULT_LANGUAGE, init=False)
    region_name: reactive[str] = reactive("", init=False)

    def render(self) -> Content:
        s = self.app.strings_for(self.lang)  # type: ignore[attr-defined]
        return Content(s("region_line", region=self.region_name or s("region_none")))

    def watch_region_name(self, name: str) -> None:
        # Until a region is chosen, the notice bar asks for one: no need to say it twice.
        self.display = bool(name)


class DeviceIntro(_GuideLine):
    """One or two sentences about using this guide on this device (beside the list)."""

    DEFAULT_CSS = "DeviceIntro { height: auto; padding: 1 1 0 1; color: $text-muted; }"

    def render(self) -> Content:
        if not self.device:
            return Content("")
        intro = Content(self.guide.text(self.lang).devices[self.device].intro)
        return break_lines(intro, self.content_region.width)
