"""Dates as each language writes them: "1 December 2026", « 1er décembre 2026 ».

No ``locale`` module: it depends on which locales the machine has installed and changes a
whole process at once. A small table of month names is enough for the languages we ship; a
language without one gets the ISO date, which every reader can parse. Exports (JSON) keep
ISO times: this module is for the words people read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def written_date(day: date, lang: str) -> str:
    """``day`` the way ``lang`` writes it in running text; ISO for a language we lack."""
    months = MONTHS.get(lang)
    if months is None:
        return day.isoformat()
    month = months[day.month - 1]
    if lang == "fr":
        number = "1er" if day.day == 1 else str(day.day)  # « le 1er mai », « le 2 mai »
        return f"{number} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def local_day(stamp: str) -> date | None:
    """The local calendar day of an ISO time from the progress file; None if it is not one.

    A time without a zone is taken as UTC, as the store writes UTC.
    """
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone().date()
    except (ValueError, OverflowError, TypeError):
        return None
