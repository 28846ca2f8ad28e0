"""Plain-text views of guides and progress, for the CLI, screen readers and pipes.

No box drawing, no colour, no markup: numbered lines that read well aloud. Content text was
already checked for control characters by the validator; anything read from the progress
file goes through :func:`~tui.text.terminal.visible` before it is printed.

The status wording (a verdict per platform, "not started (optional)", why ``--max-age``
failed) and a guide's age live here so that the app's catalog screen says the same thing
in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from .. import clock
from ..catalog import Claim, Guide
from ..progress.records import (
    DeviceRecord,
    DeviceState,
    EarlierCheck,
    GuideRecord,
    as_device,
    changes_since,
    guide_complete,
    guide_states,
    latest_check,
)
from .dates import local_day, written_date
from .i18n import Strings, quote
from .terminal import visible

Records = Mapping[str, DeviceRecord]  # device id -> what the store holds for it

# --------------------------------------------------------------------------- dates


def local_date(stamp: str) -> str:
    """An ISO time from the progress file as an ISO local date, escaped if it is not a time.

    Kept for the app; words for people use :func:`stamp_date`.
    """
    day = local_day(stamp)
    return day.isoformat() if day else visible(stamp)


def stamp_date(stamp: str, lang: str) -> str:
    """An ISO time from the progress file as ``lang`` writes the day ("2 January 2026")."""
    day = local_day(stamp)
    return written_date(day, lang) if day else visible(stamp)


def ago(s: Strings, days: int | None) -> str:
    """Today, yesterday, 3 days ago (« il y a 3 jours »); "?" when unknown."""
    return "?" if days is None else s("ago", n=days)


def guide_age_lines(guide: Guide, lang: str, s: Strings, today: date | None = None) -> list[str]:
    """How old the guide's facts are, and past ``stale_after`` what to do if screens differ."""
    today = today or clock.today()
    age = max(0, (today - guide.last_verified).days)
    when = written_date(guide.last_verified, lang)
    lines = [s("facts_age", when=ago(s, age), date=when)]
    limit = guide.stale_after
    if age > limit:
        lines.append(s("facts_stale", days=limit))
        lines.append(s("stale_also", also=s("also_seen")))
        if guide.link:
            lines.append(s("stale_link", link=guide.link))
        lines.append(s("stale_check"))
    return lines


# --------------------------------------------------------------------------- status


def states(guide: Guide, records: Records) -> dict[str, DeviceState]:
    return {s.device_id: s for s in guide_states(guide, GuideRecord(records))}


def freshest(guide: Guide, records: Records) -> tuple[str, int | None] | None:
    """The finished device checked most recently, with how many days ago; None if none is
    (the rule is ``progress.records.latest_check``; this is how ``status`` words it)."""
    best = latest_check(guide, GuideRecord(records))
    return (best.device_id, best.checked_days_ago()) if best else None


def is_done(guide: Guide, records: Records, max_age: int | None = None) -> bool:
    """Finished on some device against this revision (and, with ``max_age``, recently)."""
    return guide_complete(guide, GuideRecord(records), max_age)


def too_old_reason(s: Strings, days: int | None, max_age: int) -> str:
    """Why ``--max-age`` failed: "last checked 91 days ago, more than 30 days"."""
    return s("too_old", when=ago(s, days), max=max_age)


def platform_verdict(
    guide: Guide, lang: str, s: Strings, records: Records, max_age: int | None = None
) -> str:
    """One line for a platform, about its main guide: opted out and when, or not yet."""
    platform = guide.platform_name(lang)
    best = freshest(guide, records)
    if best is not None:
        device_id, days = best
        device = guide.listing(lang).devices[device_id]
        if max_age is not None and (days is None or days > max_age):
            reason = too_old_reason(s, days, max_age)
            return s("verdict_too_old", platform=platform, reason=reason, device=device)
        return s("verdict_done", platform=platform, when=ago(s, days), device=device)
    revisions = [st.completed_revision for st in states(guide, records).values() if st.outdated]
    if revisions:
        old = min(r for r in revisions if r is not None)
        return s("verdict_changed", platform=platform, old=old, new=guide.revision)
    return s("verdict_todo", platform=platform)


def guide_label(guide: Guide, lang: str) -> str:
    return f"{guide.listing(lang).title} ({guide.id})"


def status_lines(
    guide: Guide, lang: str, s: Strings, records: Records, max_age: int | None = None
) -> Iterator[str]:
    """Per device: done/total, the last tick, when it was last checked, and any change.

    Only the guide's listing is used (no full text), so ``status`` never reads a guide file.
    """
    listing = guide.listing(lang)
    yield f"{listing.title} ({guide.id}, {s('revision')} {guide.revision})"
    outdated_from: int | None = None
    for device_id, state in states(guide, records).items():
        word = s("status_done") if state.complete else s("status_todo")
        line = f"  {listing.devices[device_id]}{s('colon')}{state.done}/{state.total} {word}"
        if state.last_tick:
            line += f", {s('last_tick', date=stamp_date(state.last_tick, lang))}"
        days = state.checked_days_ago()
        if state.all_ticked and days is not None:
            line += f", {s('checked_ago', days=days)}"
        yield line
        earlier = _earlier_check(records.get(device_id))
        if earlier is not None and not state.complete:  # "check again" keeps the finished one
            when = stamp_date(earlier.completed or "", lang)
            revision = earlier.completed_revision or "?"
            yield "    " + s("record_earlier", date=when, revision=revision)
        if state.outdated and state.completed_revision is not None:
            outdated_from = min(outdated_from or state.completed_revision, state.completed_revision)
    best = freshest(guide, records)
    if max_age is not None and best is not None and not is_done(guide, records, max_age):
        yield "  " + too_old_reason(s, best[1], max_age)
    if outdated_from is not None:
        yield "  " + s("changed", old=outdated_from, new=guide.revision)
        for note in changes_since(guide, lang, outdated_from):
            yield f"    - {note}"


def catalog_line(
    guide: Guide,
    lang: str,
    s: Strings,
    records: Records,
    region: str | None,
    today: date | None = None,
) -> str:
    """Where one guide stands, for the app's catalog, in the words ``status`` uses."""
    listing = guide.listing(lang)
    facts = s("catalog_facts", when=ago(s, guide.age_days(today or clock.today())))
    if not guide.applies_in(region):
        return f"{s('catalog_not_offered')} · {facts}"
    parts = []
    for device_id, state in states(guide, records).items():
        name = listing.devices[device_id]
        if state.complete:
            parts.append(s("catalog_done", device=name, when=ago(s, state.checked_days_ago())))
        elif state.outdated:
            parts.append(s("catalog_outdated", device=name))
        elif state.done:
            parts.append(f"{name}{s('colon')}{state.done}/{state.total}")
    return " · ".join([*(parts or [s("catalog_not_started")]), facts])


def _earlier_check(record: DeviceRecord | Mapping[str, Any] | None) -> EarlierCheck | None:
    """The last finished pass that "check again" archived, if any."""
    finished = [check for check in as_device(record).history if check.completed]
    return finished[-1] if finished else None


class StatusPlan:
    """Which guides ``status`` reports on and which ones decide its exit code.

    A guide counts when it is offered where the person's account is and is either the main
    guide (the catalog's first) or one they started: the related guides never keep a cron
    reminder failing for someone who does not want them, and a guide their region does not
    offer never nags at all.
    """

    def __init__(
        self,
        guides: Sequence[Guide],
        records: Callable[[Guide], Records],
        region: str | None,
    ) -> None:
        self.records = {g.id: records(g) for g in guides}
        main = guides[0] if guides else None
        self.counted = [
            g for g in guides if g.applies_in(region) and (g is main or self.records[g.id])
        ]
        self.shown = [g for g in guides if g in self.counted or self.records[g.id]]
        self.optional = [g for g in guides if g not in self.shown and g.applies_in(region)]
        self.not_offered = [g for g in guides if g not in self.shown and not g.applies_in(region)]

    def platform_guides(self) -> list[Guide]:
        """Each platform's first counted guide, in catalog order: one verdict each."""
        seen: dict[str, Guide] = {}
        for guide in self.counted:
            seen.setdefault(guide.platform, guide)
        return list(seen.values())

    def ok(self, max_age: int | None) -> bool:
        return all(is_done(g, self.records[g.id], max_age) for g in self.counted)

    def lines(
        self, lang: str, s: Strings, max_age: int | None, region_name: str | None
    ) -> Iterator[str]:
        for guide in self.platform_guides():
            yield platform_verdict(guide, lang, s, self.records[guide.id], max_age)
        if self.optional:
            names = s("list_separator").join(guide_label(g, lang) for g in self.optional)
            yield s("not_started", guides=names)
        if self.not_offered:
            names = s("list_separator").join(guide_label(g, lang) for g in self.not_offered)
            yield s("not_offered_here", region=region_name or "?", guides=names)
        for guide in self.shown:
            yield ""
            yield from status_lines(guide, lang, s, self.records[guide.id], max_age)


# --------------------------------------------------------------------------- guide


def guide_lines(
    guide: Guide, lang: str, s: Strings, device_ids: list[str], today: date | None = None
) -> Iterator[str]:
    """The whole procedure as numbered plain text, then what it covers, then the sources."""
    text = guide.text(lang)
    yield text.title
    yield ""
    yield text.summary
    yield from guide_age_lines(guide, lang, s, today)
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
                also = ", ".join(quote(label, lang) for label in words.also)
                yield f"   {s('also_seen')}{s('colon')}{also}"
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
