"""The changes a person makes, each a small function the store applies to a fresh read.

A change is built once (with its time taken when the person acted) and may be applied more
than once: the store replays waiting changes after a failed write, so every change here
gives the same result when applied twice. Changes write with the key names ``records``
reads with; the data they receive has already passed ``records.parse``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from typing import Any

from .. import clock
from .records import (
    ARCHIVED,
    COMPLETED,
    COMPLETED_REVISION,
    DEVICES,
    GUIDES,
    HISTORY,
    REVISION,
    SETTINGS,
    TICKS,
)

Data = dict[str, Any]
Change = Callable[[Data], None]


def now() -> str:
    """The time stamps in the file: UTC, to the second."""
    return clock.now().isoformat(timespec="seconds")


def tick(
    guide_id: str,
    device_id: str,
    step_id: str,
    ticked: bool,
    revision: int,
    *,
    steps: Collection[str] | None = None,
    stamp: str | None = None,
) -> Change:
    """Tick or untick one step (a tick keeps its first time).

    With ``steps`` (the device's step ids in the guide), completion is recorded or cleared
    in the same write, judged on the merged data: so a tick that completes a checklist
    another window nearly finished is recorded as the completion it is.
    """
    when = stamp or now()

    def change(data: Data) -> None:
        record = _record(data, guide_id, device_id)
        ticks = record.setdefault(TICKS, {})
        if ticked:
            ticks.setdefault(step_id, when)
        else:
            ticks.pop(step_id, None)
        record[REVISION] = revision
        if steps is not None:
            if all(s in ticks for s in steps):
                _complete(record, revision, when)
            else:
                _clear(record)

    return change


def complete(guide_id: str, device_id: str, revision: int, *, stamp: str | None = None) -> Change:
    """Record the moment a device's checklist was finished (kept if already set)."""
    when = stamp or now()
    return lambda data: _complete(_record(data, guide_id, device_id), revision, when)


def clear_complete(guide_id: str, device_id: str) -> Change:
    return lambda data: _clear(_record(data, guide_id, device_id))


def check_again(guide_id: str, device_id: str, *, stamp: str | None = None) -> Change:
    """Start a fresh pass: the finished one moves to the history, never deleted."""
    when = stamp or now()

    def change(data: Data) -> None:
        record = _record(data, guide_id, device_id)
        old = {k: record.pop(k) for k in (TICKS, COMPLETED, COMPLETED_REVISION) if k in record}
        if old.get(TICKS) or old.get(COMPLETED):  # replaying it never archives twice
            old[ARCHIVED] = when
            record.setdefault(HISTORY, []).append(old)
        record[TICKS] = {}

    return change


def setting(key: str, value: str) -> Change:
    """A choice: language, region, guide or theme."""
    return lambda data: data.__setitem__(key, value)


def restore(base: Data) -> Change:
    """Put a window's last known progress back after the file was found damaged.

    Only into a file that is still empty: if another window wrote since, its file stands
    (the damaged copy is kept beside it either way).
    """
    kept = copy.deepcopy(base)

    def change(data: Data) -> None:
        if not data.get(GUIDES) and not any(key in data for key in SETTINGS):
            data.update(copy.deepcopy(kept))

    return change


def _complete(record: Data, revision: int, when: str) -> None:
    record.setdefault(COMPLETED, when)
    record[COMPLETED_REVISION] = revision


def _clear(record: Data) -> None:
    record.pop(COMPLETED, None)
    record.pop(COMPLETED_REVISION, None)


def _record(data: Data, guide_id: str, device_id: str) -> Data:
    devices = data.setdefault(GUIDES, {}).setdefault(guide_id, {}).setdefault(DEVICES, {})
    record: Data = devices.setdefault(device_id, {})
    return record
