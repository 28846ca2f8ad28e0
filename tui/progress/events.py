"""What the store tells its caller: the outcome of each call and the events in it.

The store never knows who shows them. The app turns each event into a notice, ``status``
into a line on stderr; both learn about a damaged file or another window's ticks whenever
it happens, not only at start. Events are plain immutable tuples, safe to pass from the
worker thread that saved to the thread that draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .files import FolderMode
from .records import Progress


class ProgressError(Exception):
    """A progress problem the person must hear about; the message names the path."""


class UnsavedError(ProgressError):
    """A change could not be written; it is kept in memory and retried with the next one."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ReadOnlyError(ProgressError):
    """The file was written by a newer optout-tui: we may read it, never replace it."""


class Recovered(NamedTuple):
    """A file that could not be read was moved aside (never deleted)."""

    path: Path  # what was moved: progress.json, or the file its link leads to
    moved_to: Path
    reason: str
    restored: bool = False  # this window's last known progress was written in its place


Recovery = Recovered  # the 1.x name


class ChangedOnDisk(NamedTuple):
    """Another window (or program) changed the file: the outcome's progress includes it."""

    path: Path


class Unsaved(NamedTuple):
    """Changes could not be written; they are kept, shown, and replayed by ``retry()``."""

    folder: Path
    reason: str
    pending: int  # how many changes wait


class PendingSaved(NamedTuple):
    """Changes that had waited are now on disk (the "cannot be saved" notice may go)."""

    changes: int


class ReadOnly(NamedTuple):
    """The file comes from a newer optout-tui: shown, never written."""

    path: Path
    schema: str  # as the file gives it, shortened if absurd


class Unreadable(NamedTuple):
    """The file exists but cannot be read now (permissions); nothing was changed."""

    path: Path
    message: str


# FolderMode (from ``files``): the data folder let others in; tightened, or left and said.
Event = Recovered | ChangedOnDisk | Unsaved | PendingSaved | ReadOnly | Unreadable | FolderMode


class Outcome(NamedTuple):
    """The state after a call, and what happened during it.

    ``progress`` is what the file now holds, plus any changes still waiting to be written;
    ``saved`` is True when nothing is waiting (every change the store holds is durable).
    """

    progress: Progress
    saved: bool
    events: tuple[Event, ...] = ()
