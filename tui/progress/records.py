"""What a person did, as typed records read once from the progress file, and the rules on them.

The file's keys are read here and only here (``parse``); the app, ``status`` and ``export``
get immutable records (tuples and read-only mappings, safe to hand between threads) and
share one set of rules: done, complete, outdated, days since the last check, which device to
open, and whether the same setting is already done on another device. Keys this version
does not know stay in the store's raw data and round-trip; they are simply not typed here.
No Textual or Rich here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import clock

if TYPE_CHECKING:  # only named in hints: reading progress never loads the guide checker
    from ..catalog import Guide

UNKNOWN_REGION = "unknown"  # saved when a person would rather not say where they are
SETTINGS = ("language", "region", "guide", "theme")

# The file's words, named once: ``changes`` writes with the same names.
SCHEMA, GUIDES, DEVICES, TICKS, HISTORY = "schema", "guides", "devices", "ticks", "history"
REVISION, COMPLETED, COMPLETED_REVISION, ARCHIVED = (
    "revision",
    "completed",
    "completed_revision",
    "archived",
)

_NO_TICKS: Mapping[str, str] = MappingProxyType({})


class Damaged(Exception):
    """The data cannot be used safely; the message says where and why, for a person."""


class EarlierCheck(NamedTuple):
    """A finished (or abandoned) pass over one device's checklist, kept by "check again"."""

    ticks: Mapping[str, str]
    completed: str | None
    completed_revision: int | None
    archived: str | None

    def as_data(self) -> dict[str, Any]:
        """Plain JSON data (for an export), without the fields it does not have."""
        data: dict[str, Any] = {k: v for k, v in self._asdict().items() if v is not None}
        return data | {TICKS: dict(self.ticks)}


class DeviceRecord(NamedTuple):
    """One guide on one device: step id → ISO time of its tick, and when it was finished."""

    ticks: Mapping[str, str] = _NO_TICKS
    revision: int | None = None  # the guide revision the ticks were made against
    completed: str | None = None
    completed_revision: int | None = None
    history: tuple[EarlierCheck, ...] = ()

    @property
    def started(self) -> bool:
        return bool(self.ticks or self.completed or self.history)


NO_DEVICE = DeviceRecord()


class GuideRecord(NamedTuple):
    devices: Mapping[str, DeviceRecord] = MappingProxyType({})

    def device(self, device_id: str) -> DeviceRecord:
        return self.devices.get(device_id, NO_DEVICE)


NO_GUIDE = GuideRecord()


class Progress(NamedTuple):
    """The whole file, typed: settings (language, region, guide, theme) and guide records."""

    schema: int = 1
    settings: Mapping[str, str] = MappingProxyType({})
    guides: Mapping[str, GuideRecord] = MappingProxyType({})

    def setting(self, key: str) -> str | None:
        return self.settings.get(key)

    def guide(self, guide_id: str) -> GuideRecord:
        return self.guides.get(guide_id, NO_GUIDE)

    def device(self, guide_id: str, device_id: str) -> DeviceRecord:
        return self.guide(guide_id).device(device_id)

    @property
    def language(self) -> str | None:
        return self.setting("language")

    @property
    def region(self) -> str | None:
        """The region facts are filtered by: None until the person names one."""
        return chosen_region(self.setting("region"))


# --------------------------------------------------------------------------- reading


def parse(data: object) -> Progress:
    """Check and type the decoded JSON; raises ``Damaged`` for anything unsafe to merge into.

    Extra keys are fine (a newer version may add them). Names from the file appear in the
    messages escaped, so a message never carries a control sequence to the terminal.
    """
    if not isinstance(data, dict):
        raise Damaged("the top level is not a JSON object")
    schema = data.get(SCHEMA)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise Damaged(f'"{SCHEMA}" is missing or not a number')
    if schema < 1:
        raise Damaged(f'"{SCHEMA}" {shown_number(schema)} is not a known version')
    settings: dict[str, str] = {}
    for key in SETTINGS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise Damaged(f'"{key}" is not text')
        if value is not None:
            settings[key] = value
    raw_guides = data.get(GUIDES, {})
    if not isinstance(raw_guides, dict):
        raise Damaged(f'"{GUIDES}" is not an object')
    guides = {}
    for guide_id, raw in raw_guides.items():
        devices = raw.get(DEVICES, {}) if isinstance(raw, dict) else None
        if not isinstance(devices, dict):
            raise Damaged(f'guide {quoted(guide_id)} is not an object with "{DEVICES}"')
        guides[guide_id] = GuideRecord(
            MappingProxyType(
                {
                    device_id: _device(f"guide {quoted(guide_id)}, device {quoted(device_id)}", d)
                    for device_id, d in devices.items()
                }
            )
        )
    return Progress(schema, MappingProxyType(settings), MappingProxyType(guides))


def _device(where: str, raw: object) -> DeviceRecord:
    if not isinstance(raw, dict):
        raise Damaged(f"{where} is not an object")
    check = _check(where, raw)
    history = raw.get(HISTORY, [])
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        raise Damaged(f'{where}: "{HISTORY}" is not a list of objects')
    return DeviceRecord(
        ticks=check.ticks,
        revision=_number(where, raw, REVISION),
        completed=check.completed,
        completed_revision=check.completed_revision,
        history=tuple(_check(f"{where}, {HISTORY}", old) for old in history),
    )


def _check(where: str, raw: dict[str, Any]) -> EarlierCheck:
    ticks = raw.get(TICKS, {})
    if not isinstance(ticks, dict) or not all(isinstance(v, str) for v in ticks.values()):
        raise Damaged(f'{where}: "{TICKS}" is not an object of step → time')
    _number(where, raw, REVISION)
    return EarlierCheck(
        ticks=MappingProxyType(dict(ticks)),
        completed=_time(where, raw, COMPLETED),
        completed_revision=_number(where, raw, COMPLETED_REVISION),
        archived=_time(where, raw, ARCHIVED),
    )


def _number(where: str, raw: dict[str, Any], key: str) -> int | None:
    value = raw.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise Damaged(f'{where}: "{key}" is not a number')
    return value


def _time(where: str, raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise Damaged(f'{where}: "{key}" is not a time')
    return value


def as_device(record: DeviceRecord | Mapping[str, Any] | None) -> DeviceRecord:
    """A typed record from either kind (older callers still hold raw dicts); odd → empty."""
    if isinstance(record, DeviceRecord):
        return record
    if not record:
        return NO_DEVICE
    try:
        return _device("record", dict(record))
    except Damaged:
        return NO_DEVICE


def quoted(name: str) -> str:
    """A name from the file, in quotes, with anything invisible or controlling escaped."""
    return f'"{name}"' if name.isprintable() else json.dumps(name)


def shown_number(value: int) -> str:
    """A number from the file, short enough to print (a file may hold 4,000 digits)."""
    text = str(value)
    return text if len(text) <= 20 else f"{text[:8]}… ({len(text)} digits)"


# --------------------------------------------------------------------------- the rules


def chosen_region(saved: str | None) -> str | None:
    """The region facts should be filtered by: None until the person names one."""
    return None if saved in (None, UNKNOWN_REGION) else saved


class DeviceState(NamedTuple):
    """One device's checklist measured against the guide as it is now."""

    done: int
    total: int
    last_tick: str | None
    completed: str | None  # when the last box was ticked for this pass
    completed_revision: int | None
    current_revision: int
    device_id: str = ""

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

    @property
    def last_checked(self) -> str | None:
        """When the checklist was last finished: its completion, else its last tick."""
        return self.completed or (self.last_tick if self.all_ticked else None)

    def checked_days_ago(self, now: datetime | None = None) -> int | None:
        """Calendar days (local time) since the last check: 0 today, 1 yesterday."""
        stamp = self.last_checked
        return days_since(stamp, now) if stamp else None


def device_state(
    guide: Guide, device_id: str, record: DeviceRecord | Mapping[str, Any] | None = None
) -> DeviceState:
    steps = guide.device(device_id).steps
    typed = as_device(record)
    known = [typed.ticks[s] for s in steps if s in typed.ticks]
    return DeviceState(
        done=len(known),
        total=len(steps),
        last_tick=max(known) if known else None,
        completed=typed.completed,
        completed_revision=typed.completed_revision,
        current_revision=guide.revision,
        device_id=device_id,
    )


def guide_states(guide: Guide, record: GuideRecord) -> tuple[DeviceState, ...]:
    """Every device of the guide, in the guide's order."""
    return tuple(device_state(guide, d.id, record.device(d.id)) for d in guide.devices)


def start_device(guide: Guide, record: GuideRecord) -> str:
    """The device the person last ticked on, so a restart goes on where they were."""
    latest: tuple[str, str] | None = None
    for device in guide.devices:
        for stamp in record.device(device.id).ticks.values():
            if latest is None or stamp > latest[0]:
                latest = (stamp, device.id)
    return latest[1] if latest else guide.devices[0].id


def done_elsewhere(guide: Guide, record: GuideRecord, device_id: str) -> tuple[DeviceState, ...]:
    """Other devices where the same account setting is complete (one account, two screens)."""
    return tuple(s for s in guide_states(guide, record) if s.device_id != device_id and s.complete)


def latest_check(
    guide: Guide, record: GuideRecord, now: datetime | None = None
) -> DeviceState | None:
    """The complete device checked most recently (None when no device is complete)."""
    done = [state for state in guide_states(guide, record) if state.complete]

    def age(state: DeviceState) -> tuple[bool, int]:
        days = state.checked_days_ago(now)
        return (days is None, days or 0)

    return min(done, key=age) if done else None


def guide_complete(
    guide: Guide, record: GuideRecord, max_age: int | None = None, now: datetime | None = None
) -> bool:
    """Complete on some device, and (with ``max_age``) checked at most that many days ago."""
    best = latest_check(guide, record, now)
    if best is None:
        return False
    days = best.checked_days_ago(now)
    return max_age is None or (days is not None and days <= max_age)


def recorded(guide: Guide, record: GuideRecord) -> bool:
    """The file holds a record for one of this guide's devices (``status`` counts it then)."""
    return any(d.id in record.devices for d in guide.devices)


def days_since(stamp: str, now: datetime | None = None) -> int | None:
    try:
        then = datetime.fromisoformat(stamp)
        if then.tzinfo is None:
            then = then.replace(tzinfo=UTC)
        now = now or clock.now()
        return max(0, (now.astimezone().date() - then.astimezone().date()).days)
    except (ValueError, OverflowError, TypeError):
        return None


def changes_since(guide: Guide, lang: str, revision: int) -> list[str]:
    """The per-revision notes a person has not seen since finishing ``revision``."""
    notes = guide.listing(lang).changes
    return [notes[r] for r in range(revision + 1, guide.revision + 1) if r in notes]
