"""The one place a person's ticks are kept: a JSON file, written so that nothing is ever lost.

Every change is a small function (see ``changes``) applied under a lock to a fresh read of
the file, then written atomically (see ``progress_file`` and ``files``). So a crash leaves
the old file or the new one, and two windows ticking at once both keep their ticks. Keys
this version does not know are carried along untouched. A damaged file is moved aside,
never deleted, and a file from a newer schema is never overwritten.

Every call says what happened (see ``events``): ``read()``, ``save()`` and ``retry()``
return an ``Outcome`` with the fresh state and its events, ``check_disk()`` returns events.
A ``threading.RLock`` guards the state, so the app may save from a worker thread and draw
the tick only once the outcome says it is durable. No Textual or Rich here.
"""

from __future__ import annotations

import copy
import os
import threading
from pathlib import Path

from . import changes
from .changes import Change, Data, now
from .compat import StoreCompat
from .events import (
    ChangedOnDisk,
    Event,
    Outcome,
    PendingSaved,
    ProgressError,
    ReadOnly,
    ReadOnlyError,
    Recovered,
    Recovery,
    Unreadable,
    Unsaved,
    UnsavedError,
)
from .files import LOCK_TIMEOUT, FileProblem, Stamp
from .progress_file import FILENAME, MAX_BYTES, SCHEMA, Found, ProgressFile, empty, why
from .records import SETTINGS, Progress, parse, shown_number

__all__ = [
    "APP_NAME",
    "ENV_DATA_DIR",
    "FILENAME",
    "LOCK_TIMEOUT",
    "MAX_BYTES",
    "SCHEMA",
    "ProgressError",
    "ProgressStore",
    "ReadOnlyError",
    "Recovery",
    "UnsavedError",
    "data_dir_from_text",
    "default_data_dir",
    "now",
]

APP_NAME = "optout-tui"
ENV_DATA_DIR = "OPTOUT_TUI_DATA_DIR"


def default_data_dir() -> Path:
    """``--data-dir`` aside: the environment variable, else the per-user platform folder."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def data_dir_from_text(text: str) -> Path:
    """A data folder named on the command line; an empty name is refused, never "here"."""
    if not text.strip():
        raise ProgressError("the data folder is empty: give a folder name, e.g. --data-dir DIR")
    return Path(text).expanduser()


class ProgressStore(StoreCompat):
    """Reads and changes ``progress.json`` in one data folder, and says what happened.

    ``data`` (raw, with unknown keys) and ``progress`` (typed) are what the file holds plus
    any changes still waiting to be written; neither is changed in place once shown, so
    another thread may read them while a save runs.
    """

    def __init__(
        self, data_dir: Path | str | None = None, *, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        if isinstance(data_dir, str):
            data_dir = data_dir_from_text(data_dir)  # "" is refused, never "this folder"
        self.file = ProgressFile(data_dir or default_data_dir(), lock_timeout)
        self.dir, self.path, self.lock_path = self.file.dir, self.file.path, self.file.lock_path
        self.read_only = False
        self.recovered: Recovered | None = None  # the last file moved aside, if any
        self.data: Data = empty()
        self._disk: Data = self.data  # exactly what the file held at the last read or write
        self._progress = parse(self.data)
        self._stamp: Stamp | None = None
        self._pending: list[Change] = []
        self._mutex = threading.RLock()
        self._unreadable: str | None = None  # the last message, so a timer never repeats it

    @property
    def progress(self) -> Progress:
        return self._progress

    @property
    def unsaved(self) -> bool:
        return bool(self._pending)

    # ------------------------------------------------------------------ reading

    def read(self) -> Outcome:
        """Read the file (at start); raises ``ProgressError`` when it cannot be read."""
        with self._mutex:
            events: list[Event] = []
            self._check_folder(events)
            self._refresh(events, restore=False)
            return self._outcome(events)

    def check_disk(self) -> tuple[Event, ...]:
        """Another window's changes (one ``stat`` when there are none); for a 2-second timer.

        Returns at once, with nothing, while a save is under way in another thread: that
        save reports what it found. A file damaged since is moved aside and this window's
        last known progress written in its place (``Recovered(restored=True)``).
        """
        if not self._mutex.acquire(blocking=False):
            return ()
        try:
            if self.file.stamp() == self._stamp:
                return ()
            events: list[Event] = []
            try:
                changed = self._refresh(events, restore=True)
            except ProgressError as exc:
                if str(exc) == self._unreadable:
                    return ()
                self._unreadable = str(exc)
                return (Unreadable(self.path, str(exc)),)
            if changed:
                events.append(ChangedOnDisk(self.path))
            return tuple(events)
        finally:
            self._mutex.release()

    def changed_on_disk(self) -> bool:
        """Cheap check (one stat) that another window wrote since our last read or write."""
        return self.file.stamp() != self._stamp

    def _refresh(self, events: list[Event], restore: bool) -> bool:
        """Take in the file as it is now; True when its data differs from what we had."""
        found = self.file.look()
        if found.damage is not None:
            try:
                with self.file.locked():  # damage is moved aside only under the lock
                    found = self.file.look()
                    if found.damage is not None:
                        found = self._set_aside(found.damage, events, restore, write=True)
            except (OSError, FileProblem) as exc:
                raise ProgressError(
                    f"{self.path} is damaged ({found.damage}) and cannot be moved aside now: "
                    f"{why(exc)}. Nothing was changed."
                ) from None
        self._unreadable = None
        return self._take(found, events)

    def _set_aside(self, reason: str, events: list[Event], restore: bool, write: bool) -> Found:
        """Under the lock: the damaged file moved aside; what the file holds now.

        With ``restore`` (mid-session), this window's last known progress goes back in as a
        waiting change, written at once when ``write``; at start there is nothing to put back.
        """
        subject, moved_to = self.file.set_aside(reason)
        base = copy.deepcopy(self._disk)
        restored = restore and any(base.get(k) for k in ("guides", *SETTINGS))
        self.recovered = Recovered(subject, moved_to, reason, restored)
        events.append(self.recovered)
        if not restored:
            return Found()
        self._pending.insert(0, changes.restore(base))
        if write:
            try:
                stamp = self.file.write(base)
            except OSError as exc:
                events.append(Unsaved(self.dir, why(exc), len(self._pending)))
                return Found()
            self._pending.pop(0)
            return Found(base, parse(base), stamp)
        return Found()

    def _take(self, found: Found, events: list[Event]) -> bool:
        """Adopt what the file holds; True when what the window shows has changed."""
        before = self.data
        if found.newer and not self.read_only:
            events.append(ReadOnly(self.path, shown_number((found.data or {}).get("schema", 0))))
        self.read_only = found.newer
        if found.newer:
            self._pending = []  # a newer file is never written: waiting changes cannot be
        self._disk = found.data if found.data is not None else empty()
        self._stamp = found.stamp
        self._publish(found.progress)
        return self.data != before

    def _publish(self, progress: Progress | None = None) -> None:
        """Show the file plus the waiting changes, in new objects (never changed in place)."""
        if self._pending:
            view = copy.deepcopy(self._disk)
            for change in self._pending:
                change(view)
            self.data, self._progress = view, parse(view)
        else:
            self.data = self._disk
            self._progress = progress if progress is not None else parse(self._disk)

    # ------------------------------------------------------------------ writing

    def save(self, change: Change | None = None) -> Outcome:
        """Apply the waiting changes and ``change`` to a fresh read; write it durably.

        When the write fails (full disk, read-only folder, another window holding the lock
        past the timeout), the changes are kept and shown, an ``Unsaved`` event says why,
        and ``retry()`` or the next save writes them. A newer-schema file is never written:
        the outcome carries ``ReadOnly`` and the change is dropped.
        """
        with self._mutex:
            events: list[Event] = []
            if self.read_only:
                schema = shown_number(self._disk.get("schema", 0))
                return self._outcome([ReadOnly(self.path, schema)], refused=True)
            waited = len(self._pending)
            own = [change] if change is not None else []
            try:
                with self.file.locked():
                    found = self._fresh(events)  # may put a restore first in the queue
                    if found.newer:
                        self._take(found, events)
                        return self._outcome(events, refused=True)
                    data = found.data if found.data is not None else empty()
                    for each in [*self._pending, *own]:
                        each(data)
                    data["schema"] = SCHEMA
                    stamp = self.file.write(data)
            except (OSError, FileProblem, ProgressError) as exc:
                self._pending = [*self._pending, *own]
                self._publish()
                events.append(Unsaved(self.dir, why(exc), len(self._pending)))
                return self._outcome(events)
            self._pending = []
            self._disk, self._stamp, self.read_only = data, stamp, False
            self._publish()
            if waited:
                events.append(PendingSaved(waited))
            return self._outcome(events)

    def retry(self) -> Outcome:
        """Write the changes still waiting, if any (the app calls this on a timer)."""
        with self._mutex:
            return self.save(None) if self._pending else self._outcome([])

    def _fresh(self, events: list[Event]) -> Found:
        """Under the lock: the file as it is now, damage moved aside, another's change said."""
        self._check_folder(events)
        found = self.file.look()
        if found.damage is not None:
            found = self._set_aside(found.damage, events, restore=True, write=False)
        elif found.stamp != self._stamp and (found.data or empty()) != self._disk:
            events.append(ChangedOnDisk(self.path))
        return found

    def reset(self) -> Path | None:
        """Move the file to a dated backup (the person can restore it); returns the backup."""
        with self._mutex:
            if self.read_only:
                raise ReadOnlyError(self.read_only_message())
            try:
                with self.file.locked():
                    backup = self.file.back_up()
            except FileProblem as exc:
                raise ProgressError(f"cannot reset {self.path}: {exc}") from None
            self._pending = []
            self._take(Found(), [])
            return backup

    def _check_folder(self, events: list[Event]) -> None:
        found = self.file.check_folder()
        if found is not None:
            events.append(found)

    def _now(self) -> str:
        return now()  # looked up here, so a test can freeze the store's clock

    def _outcome(self, events: list[Event], refused: bool = False) -> Outcome:
        return Outcome(self._progress, not self._pending and not refused, tuple(events))

    def read_only_message(self) -> str:
        return (
            f"{self.path} was written by a newer optout-tui (schema "
            f"{shown_number(self._disk.get('schema', 0))}); "
            "it is shown read-only and will not be changed."
        )
