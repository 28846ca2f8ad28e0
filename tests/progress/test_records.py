"""Typed progress records and the rules the app, ``status`` and ``export`` share.

The guide is a real one, written by ``helpers/minimal.py`` into a temporary folder (three
steps on a desktop and a mobile, revision 2) and loaded by the real catalog code. Times
are fixed: ``now`` is passed in, never read from the clock.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.minimal import step_ids, write_minimal_guide

from tui.catalog import Guide, collect
from tui.progress.records import (
    Damaged,
    DeviceRecord,
    GuideRecord,
    Progress,
    as_device,
    days_since,
    device_state,
    done_elsewhere,
    guide_complete,
    guide_states,
    parse,
    recorded,
    start_device,
)
from tui.progress.store import ProgressStore

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
STEPS = step_ids(3)


def at(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds")


@pytest.fixture
def guide(tmp_path: Path) -> Guide:
    write_minimal_guide(tmp_path / "content", revision=2)
    catalog, errors = collect([tmp_path / "content"])
    assert errors == []
    return catalog.guide("demo")


def progress(devices: dict[str, dict]) -> Progress:
    return parse({"schema": 1, "guides": {"demo": {"devices": devices}}})


def done(days_ago: float = 0, revision: int = 2) -> dict:
    return {
        "ticks": dict.fromkeys(STEPS, at(days_ago)),
        "completed": at(days_ago),
        "completed_revision": revision,
        "revision": revision,
    }


# --------------------------------------------------------------------------- parsing


def test_records_are_typed_and_read_only() -> None:
    data = {
        "schema": 1,
        "language": "fr",
        "region": "unknown",
        "future_key": {"kept": True},
        "guides": {
            "demo": {
                "devices": {
                    "desktop": {
                        "ticks": {"step-1": at(1)},
                        "revision": 2,
                        "history": [
                            {"ticks": {"step-1": at(9)}, "completed": at(9), "archived": at(2)}
                        ],
                    }
                }
            }
        },
    }
    before = json.dumps(data, sort_keys=True)
    typed = parse(data)
    record = typed.device("demo", "desktop")
    assert record.ticks == {"step-1": at(1)} and record.revision == 2
    assert record.completed is None and record.completed_revision is None
    [earlier] = record.history
    assert earlier.completed == at(9) and earlier.archived == at(2)
    assert earlier.as_data() == {"ticks": {"step-1": at(9)}, "completed": at(9), "archived": at(2)}
    assert typed.language == "fr" and typed.region is None  # "unknown": everything shown
    assert typed.device("demo", "mobile") == DeviceRecord()
    assert typed.device("other", "desktop") == DeviceRecord()
    with pytest.raises(TypeError):
        record.ticks["step-2"] = "now"  # type: ignore[index]
    with pytest.raises(TypeError):
        typed.guides["x"] = GuideRecord()  # type: ignore[index]
    data["guides"]["demo"]["devices"]["desktop"]["ticks"]["step-9"] = "later"
    assert "step-9" not in record.ticks, "a record must not change with the raw data"
    assert json.dumps(data, sort_keys=True) != before  # (the raw data did change)


def test_names_from_the_file_are_escaped_in_reasons() -> None:
    hostile = "\x1b]52;c;ZXZpbA==\x07\u202e"
    with pytest.raises(Damaged) as info:
        parse({"schema": 1, "guides": {hostile: {"devices": {"d": {"ticks": []}}}}})
    message = str(info.value)
    print(message)
    assert "\x1b" not in message and "\x07" not in message and "\u202e" not in message
    assert "\\u001b" in message


def test_as_device_reads_raw_records_through_the_same_parser() -> None:
    raw = {"ticks": {"step-1": at(0)}, "completed_revision": 1}
    assert as_device(raw) == DeviceRecord(ticks={"step-1": at(0)}, completed_revision=1)
    assert as_device({"ticks": ["odd"]}) == DeviceRecord()  # odd data: nothing, not a crash
    assert as_device(None) == DeviceRecord()


# --------------------------------------------------------------------------- the rules


def test_complete_outdated_and_all_ticked(guide: Guide) -> None:
    record = progress({"desktop": done()}).device("demo", "desktop")
    current = device_state(guide, "desktop", record)
    assert current.all_ticked and current.complete and not current.outdated
    old = device_state(guide, "desktop", as_device(done(revision=1)))
    assert old.all_ticked and old.outdated and not old.complete
    partial = {"ticks": {"step-1": at(0), "gone-step": at(0)}, "revision": 2}
    state = device_state(guide, "desktop", as_device(partial))
    assert (state.done, state.total) == (1, 3)  # a step no longer in the guide is not counted
    assert not state.all_ticked and not state.complete and state.last_checked is None


@pytest.mark.parametrize(
    ("stamp", "days"),
    [
        ("2026-11-23T00:00:01+00:00", 0),
        ("2026-11-22T23:59:59+00:00", 1),  # yesterday, though less than a day ago
        ("2026-11-20T12:00:00+00:00", 3),
        ("2026-11-30T12:00:00+00:00", 0),  # a clock in the future never gives -7
        ("yesterday", None),
        ("9999-99-99", None),
    ],
)
def test_days_since_counts_calendar_days(stamp: str, days: int | None) -> None:
    assert days_since(stamp, NOW) == days


def test_checked_days_ago_uses_completion_else_last_tick(guide: Guide) -> None:
    finished = device_state(guide, "desktop", as_device(done(days_ago=3)))
    assert finished.checked_days_ago(NOW) == 3
    ticked = {"ticks": dict.fromkeys(STEPS, at(1)), "revision": 2}
    assert device_state(guide, "desktop", as_device(ticked)).checked_days_ago(NOW) == 1


def test_start_device_is_the_last_ticked_else_the_first(guide: Guide) -> None:
    assert start_device(guide, progress({}).guide("demo")) == "desktop"
    record = progress(
        {"desktop": {"ticks": {"step-1": at(2)}}, "mobile": {"ticks": {"step-2": at(1)}}}
    ).guide("demo")
    assert start_device(guide, record) == "mobile"
    record = progress(
        {"desktop": {"ticks": {"step-1": at(0)}}, "mobile": {"ticks": {"step-2": at(1)}}}
    ).guide("demo")
    assert start_device(guide, record) == "desktop"


def test_done_on_another_device_both_ways(guide: Guide) -> None:
    """Issue 11: the phone tab says the same account setting is done on the computer."""
    record = progress({"desktop": done()}).guide("demo")
    assert [s.device_id for s in done_elsewhere(guide, record, "mobile")] == ["desktop"]
    assert done_elsewhere(guide, record, "desktop") == ()
    record = progress({"mobile": done()}).guide("demo")
    assert [s.device_id for s in done_elsewhere(guide, record, "desktop")] == ["mobile"]
    outdated = progress({"mobile": done(revision=1)}).guide("demo")
    assert done_elsewhere(guide, outdated, "desktop") == ()
    states = guide_states(guide, record)
    assert [s.device_id for s in states] == ["desktop", "mobile"]


def test_guide_complete_with_and_without_max_age(guide: Guide) -> None:
    assert not guide_complete(guide, progress({}).guide("demo"))
    record = progress({"desktop": done(days_ago=40)}).guide("demo")
    assert guide_complete(guide, record, now=NOW)
    assert guide_complete(guide, record, max_age=40, now=NOW)
    assert not guide_complete(guide, record, max_age=30, now=NOW)
    both = progress({"desktop": done(days_ago=40), "mobile": done(days_ago=2)}).guide("demo")
    assert guide_complete(guide, both, max_age=30, now=NOW)
    assert not guide_complete(guide, progress({"desktop": done(revision=1)}).guide("demo"))


def test_recorded_and_started(guide: Guide) -> None:
    assert not recorded(guide, progress({}).guide("demo"))
    unticked = progress({"desktop": {"ticks": {}, "revision": 2}}).guide("demo")
    assert recorded(guide, unticked) and not unticked.device("desktop").started
    assert progress({"desktop": done()}).device("demo", "desktop").started


def test_the_store_serves_typed_records(data_dir: Path, guide: Guide) -> None:
    store = ProgressStore(data_dir)
    outcome = store.read()
    assert outcome.progress == Progress() and outcome.saved and outcome.events == ()
    outcome = store.save(_tick_all(guide))
    record = outcome.progress.guide("demo")
    assert guide_complete(guide, record)
    assert outcome.progress is store.progress
    assert store.device("demo", "desktop") == record.device("desktop")


def _tick_all(guide: Guide):
    from tui.progress import changes

    steps = guide.device("desktop").steps

    def change(data: dict) -> None:
        for step in steps:
            changes.tick("demo", "desktop", step, True, guide.revision, steps=steps)(data)

    return change
