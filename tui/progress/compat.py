"""The store's 1.x methods, kept on top of the outcome API while callers move to it.

They raise where the new calls return events: ``UnsavedError`` when a change could not be
written (it is kept and replayed), ``ReadOnlyError`` for a newer-schema file. Each is one
line over ``save()`` with a change from ``changes``. New code should call ``save()`` and
read the ``Outcome`` instead: it also hears about damage and another window's ticks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import changes
from .events import Outcome, ReadOnly, ReadOnlyError, Unsaved, UnsavedError
from .records import DeviceRecord, Progress

if TYPE_CHECKING:
    from .changes import Change, Data


class StoreCompat:
    """Mixed into ``ProgressStore``; relies only on its public outcome API."""

    if TYPE_CHECKING:
        dir: Path
        data: Data

        @property
        def progress(self) -> Progress: ...

        def read(self) -> Outcome: ...

        def save(self, change: Change | None = None) -> Outcome: ...

        def read_only_message(self) -> str: ...

        def _now(self) -> str: ...

    def load(self) -> Data:
        """Read the file; a damaged one is moved aside (``recovered`` says where)."""
        self.read()
        return self.data

    def update(self, change: Change) -> Data:
        """Save ``change``; raises instead of reporting. Returns the new raw data."""
        outcome = self.save(change)
        for event in outcome.events:
            if isinstance(event, ReadOnly):
                raise ReadOnlyError(self.read_only_message())
            if isinstance(event, Unsaved):
                message = f"cannot write to {self.dir}: {event.reason}"
                raise UnsavedError(message, event.reason)
        return self.data

    def device(self, guide_id: str, device_id: str) -> DeviceRecord:
        """The typed record for one guide on one device (empty when none)."""
        return self.progress.device(guide_id, device_id)

    def ticks(self, guide_id: str, device_id: str) -> dict[str, str]:
        return dict(self.progress.device(guide_id, device_id).ticks)

    def setting(self, key: str) -> str | None:
        """A saved choice (language, region, guide, theme); None when never made."""
        return self.progress.setting(key)

    @property
    def language(self) -> str | None:
        return self.progress.language

    def set_tick(
        self, guide_id: str, device_id: str, step_id: str, ticked: bool, revision: int
    ) -> Data:
        change = changes.tick(guide_id, device_id, step_id, ticked, revision, stamp=self._now())
        return self.update(change)

    def mark_complete(self, guide_id: str, device_id: str, revision: int) -> Data:
        """Record the moment a device's checklist was finished (kept if already set)."""
        return self.update(changes.complete(guide_id, device_id, revision, stamp=self._now()))

    def clear_complete(self, guide_id: str, device_id: str) -> Data:
        return self.update(changes.clear_complete(guide_id, device_id))

    def check_again(self, guide_id: str, device_id: str) -> Data:
        """Start a fresh pass: the finished one moves to ``history``, never deleted."""
        return self.update(changes.check_again(guide_id, device_id, stamp=self._now()))

    def set_setting(self, key: str, value: str) -> Data:
        return self.update(changes.setting(key, value))

    def set_language(self, lang: str) -> Data:
        return self.set_setting("language", lang)
