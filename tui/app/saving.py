"""Between the screens and the progress store: saves off the event loop, and what happened.

Every change goes to :class:`ProgressStore` in a thread worker, one at a time, so a slow
disk or a lock held by another window never freezes the interface (the store's lock wait
has its own timeout). When the outcome comes back, the progress the screens draw from is
replaced with what is *on disk*: a box turns ☑ only then, and another window's ticks merged
by our own save show at once. What the store reports (a damaged file moved aside, changes
that cannot be saved yet, a folder made private, a file from a newer version) is said to
the person whenever it happens. Unsaved changes are retried on a timer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from ..catalog import Guide
from ..progress import changes
from ..progress.events import (
    Event,
    Outcome,
    PendingSaved,
    ProgressError,
    ReadOnly,
    Recovered,
    Unreadable,
    Unsaved,
)
from ..progress.files import FolderMode
from ..progress.records import GuideRecord, Progress, device_state
from ..progress.store import ProgressStore
from .host import Host

SYNC_SECONDS = 2.0  # how often to look (one stat call) for ticks made in another window
RETRY_SECONDS = 5.0  # how often to try again to save changes that could not be saved


class Saver:
    """Owns the store for the app; ``shown`` is the progress every screen draws from."""

    def __init__(self, app: Host, store: ProgressStore, events: Iterable[Event]) -> None:
        self.app = app
        self.store = store
        self.shown: Progress = store.progress
        self._lock = threading.Lock()  # one write at a time, in the order asked
        self._waiting: list[Event] = list(events)  # said once the app is on screen
        self._unsaved_said: str | None = None  # a failing retry is not said again and again

    def start(self) -> None:
        """Say what reading the file found, and start the timers."""
        self.report(self._waiting)
        self._waiting = []
        self.app.set_interval(SYNC_SECONDS, self.sync)
        self.app.set_interval(RETRY_SECONDS, self.retry)

    def guide(self, guide_id: str) -> GuideRecord:
        return self.shown.guide(guide_id)

    # ------------------------------------------------------------------ writing

    def write(
        self, change: changes.Change | None, after: Callable[[Outcome], None] | None = None
    ) -> None:
        """Save ``change`` (or retry what waits) in a thread worker, then show the outcome."""

        def work() -> None:
            with self._lock:
                try:
                    outcome = self.store.save(change) if change else self.store.retry()
                except ProgressError as exc:
                    self.app.call_from_thread(self.app.say, str(exc), "error", 15)
                    return
            self.app.call_from_thread(self._done, outcome, after)

        self.app.run_worker(work, thread=True, group="write", exit_on_error=False)

    def _done(self, outcome: Outcome, after: Callable[[Outcome], None] | None) -> None:
        self.report(outcome.events)
        if outcome.saved:
            self.shown = outcome.progress
            self.app.show_progress()
        if after is not None:
            after(outcome)

    def tick(self, guide: Guide, device_id: str, step_id: str, ticked: bool) -> None:
        """Save a tick; finishing a device (on disk) opens the completion view."""
        before = device_state(guide, device_id, self.shown.device(guide.id, device_id))
        steps = guide.device(device_id).steps
        change = changes.tick(guide.id, device_id, step_id, ticked, guide.revision, steps=steps)

        def after(outcome: Outcome) -> None:
            now = device_state(guide, device_id, outcome.progress.device(guide.id, device_id))
            if outcome.saved and now.complete and not before.complete:
                self.app.show_completion(guide, device_id)

        self.write(change, after)

    def setting(self, key: str, value: str) -> None:
        """Save a choice; it takes effect at once even if it cannot be saved."""
        self.write(changes.setting(key, value))

    def retry(self) -> None:
        if self.store.unsaved:
            self.write(None)

    def sync(self) -> None:
        """Take in another window's changes (off the loop: a damaged file may be rewritten)."""

        def work() -> None:
            events = self.store.check_disk()
            if events:
                self.app.call_from_thread(self._synced, events)

        self.app.run_worker(work, thread=True, group="sync", exclusive=True, exit_on_error=False)

    def _synced(self, events: tuple[Event, ...]) -> None:
        self.report(events)
        if not self.store.unsaved:
            self.shown = self.store.progress
            self.app.show_progress()

    # ------------------------------------------------------------------ telling the person

    def report(self, events: Iterable[Event]) -> None:
        s = self.app.s
        for event in events:
            if isinstance(event, Recovered):
                key = "recovered_restored" if event.restored else "recovered"
                message = s(key, path=event.path, moved_to=event.moved_to, reason=event.reason)
                self.app.say(message, "warning", 20)
            elif isinstance(event, Unsaved):
                if event.reason != self._unsaved_said:
                    self._unsaved_said = event.reason
                    self.app.say(s("not_saved", reason=event.reason), "error", 15)
            elif isinstance(event, PendingSaved):
                self._unsaved_said = None
                self.app.say(s("saved_now"))
            elif isinstance(event, ReadOnly):
                self.app.say(s("read_only"), "warning", 20)
            elif isinstance(event, Unreadable):
                self.app.say(event.message, "error", 20)
            elif isinstance(event, FolderMode):
                key = "folder_tightened" if event.new_mode is not None else "folder_loose"
                self.app.say(s(key, path=event.path), "warning", 20)
