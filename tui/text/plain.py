"""Plain-text views of guides and progress, for the CLI, screen readers and pipes.

No box drawing, no colour, no markup: numbered lines that read well aloud. Content text was
already checked for control characters by the validator, so it is printed as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..catalog import Claim, Guide
from ..progress.records import changes_since, device_state
from .i18n import Strings, quote


def local_date(stamp: str) -> str:
    """An ISO time from the progress file, as a local calendar date (or as given if odd)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return str(stamp)


def status_lines(
    guide: Guide, lang: str, s: Strings, records: dict[str, dict[str, Any]]
) -> Iterator[str]:
    """Per device: done/total, the last tick, when it was last checked, and any change.

    Only the guide's listing is used (no full text), so ``status`` never reads a guide file.
    """
    listing = guide.listing(lang)
    yield f"{listing.title} ({guide.id}, {s('revision')} {guide.revision})"
    outdated_from: int | None = None
    for device in guide.devices:
        state = device_state(guide, device.id, records.get(device.id, {}))
        word = s("status_done") if state.complete else s("status_todo")
        line = f"  {listing.devices[device.id]}{s('colon')}{state.done}/{state.total} {word}"
        if state.last_tick:
            line += f", {s('last_tick', date=local_date(state.last_tick))}"
        days = state.checked_days_ago()
        if state.all_ticked and days is not None:
            line += f", {s('checked_ago', days=days)}"
        yield line
        if state.outdated and state.completed_revision is not None:
            outdated_from = min(outdated_from or state.completed_revision, state.completed_revision)
    if outdated_from is not None:
        yield "  " + s("changed", old=outdated_from, new=guide.revision)
        for note in changes_since(guide, lang, outdated_from):
            yield f"    - {note}"


def guide_lines(guide: Guide, lang: str, s: Strings, device_ids: list[str]) -> Iterator[str]:
    """The whole procedure as numbered plain text, then what it covers, then the sources."""
    text = guide.text(lang)
    yield text.title
    yield ""
    yield text.summary
    yield s("verified_on", date=guide.last_verified.isoformat())
    if guide.link:
        yield f"{s('shortcut')}{s('colon')}{guide.link}"
    for device_id in device_ids:
        device_text = text.devices[device_id]
        yield ""
        yield f"{device_text.name}"
        yield device_text.intro
        for number, step in enumerate(guide.device_steps(device_id), start=1):
            words = step.words(lang)
            yield ""
            yield f"{number}. {words.title}"
            yield f"   {words.do}"
            if words.label:
                yield f"   {s('label')}{s('colon')}{quote(words.label, lang)}"
            if words.also:
                yield f"   {s('also_seen')}{s('colon')}{', '.join(words.also)}"
            if words.note:
                yield f"   {s('note')}{s('colon')}{words.note}"
            yield f"   {s('why')}{s('colon')}{words.why}"
            if words.expect:
                yield f"   {s('expect')}{s('colon')}{words.expect}"
            if step.link:
                yield f"   {s('link')}{s('colon')}{step.link}"
            yield f"   {s('sources')}{s('colon')}{_cites(step.sources)}"
    for heading, claims in coverage_sections(guide, lang, s):
        yield ""
        yield heading
        for claim in claims:
            yield f"- {claim_line(claim)}"
    yield ""
    yield s("sources")
    for number, source in sorted(guide.sources.items()):
        where = f" {source.url}" if source.url else ""
        yield f"[{number}] {source.title}.{where}"
        yield f"    {source.supports_in(lang)}"


def coverage_sections(
    guide: Guide, lang: str, s: Strings, region: str | None = None
) -> list[tuple[str, tuple[Claim, ...]]]:
    """The guide-level facts under their headings, keeping only what applies in ``region``."""
    text = guide.text(lang)
    sections = [
        (s("covers_heading"), text.covers),
        (s("not_covered_heading"), text.not_covered),
        (s("dates_heading"), text.dates),
        (s("next_heading"), text.next),
    ]
    return [(h, tuple(c for c in claims if c.applies(region))) for h, claims in sections]


def claim_line(claim: Claim) -> str:
    line = f"{claim.text} {_cites(claim.sources)}"
    return f"{line} {claim.link}" if claim.link else line


def _cites(numbers: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in numbers)
