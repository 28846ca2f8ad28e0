"""The one clock: every "now" and "today" that a person reads or that is saved goes through
here, so that the tests and the SVG snapshots can hold time still (monkeypatch ``now``)."""

from __future__ import annotations

from datetime import UTC, date, datetime


def now() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date where the person is (their local time zone)."""
    return now().astimezone().date()
