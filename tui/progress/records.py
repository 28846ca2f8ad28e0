"""What a stored record means for a guide: done, complete, how long ago, out of date.

One reading shared by the app, ``status`` and ``export``, so they never disagree about
whether a person is finished. No Textual or Rich here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from ..catalog import Guide

UNKNOWN_REGION = "unknown"  # saved when a person would rather not say where they are


def chosen_region(saved: str | None) -> str | None:
    """The region facts should be filtered by: None until the person names one."""
    return None if saved in (None, UNKNOWN_REGION) else saved


class DeviceState(NamedTuple):
    done: int
    total: int
    last_tick: str | None
    completed: str | None  # when the last box was ticked for this pass
    completed_revision: int | None
    current_revision: int

    @property
    def all_ticked(self) -> bool:
        return self.done == self.total

    @property
    def outdated(self) -> bool:
        """Finished, but against an older revision of the procedure."""
        return self.completed_revision is not None and (
            self.completed_revision < self.current_revision
        )

    @property
    def complete(self) -> bool:
        return self.all_ticked and not self.outdated

    def checked_days_ago(self, now: datetime | None = None) -> int | None:
        stamp = self.completed or (self.last_tick if self.all_ticked else None)
        return days_since(stamp, now) if stamp else None


def device_state(guide: Guide, device_id: str, record: dict[str, Any]) -> DeviceState:
    steps = guide.device(device_id).steps
    ticks = record.get("ticks", {})
    known = [ticks[s] for s in steps if s in ticks]
    revision = record.get("completed_revision")
    return DeviceState(
        done=len(known),
        total=len(steps),
        last_tick=max(known) if known else None,
        completed=record.get("completed"),
        completed_revision=revision if isinstance(revision, int) else None,
        current_revision=guide.revision,
    )


def days_since(stamp: str, now: datetime | None = None) -> int | None:
    try:
        then = datetime.fromisoformat(stamp)
        if then.tzinfo is None:
            then = then.replace(tzinfo=UTC)
        now = now or datetime.now(UTC)
        return max(0, (now.astimezone().date() - then.astimezone().date()).days)
    except (ValueError, OverflowError, TypeError):
        return None


def changes_since(guide: Guide, lang: str, revision: int) -> list[str]:
    """The per-revision notes a person has not seen since finishing ``revision``."""
    notes = guide.listing(lang).changes
    return [notes[r] for r in range(revision + 1, guide.revision + 1) if r in notes]
