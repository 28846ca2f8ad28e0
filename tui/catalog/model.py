"""What a guide is: the immutable values the checks build and every screen reads.

The loaded values are NamedTuples and read-only mappings: immutable like frozen dataclasses,
but about ten times cheaper to define, which matters because ``status`` imports this module.

One rule is written here and nowhere else: a text missing in the reader's language is shown
in English (:func:`in_language`). Every ``words(lang)``/``text(lang)``/``name(lang)`` below
goes through it, so no caller spells ``"en"`` again.

A :class:`Guide` read from the cached catalog index carries what lists need (ids, titles,
device names, revision, dates) at once, and its full text (steps, sources, claims) behind
read-only mappings that read and check the guide's files the first time they are used:
``status`` never pays for a guide's words, and a guide that is opened is checked again.
This module never imports Textual or Rich: the plain CLI loads guides too, and must stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from .lazy import LazyPart

CONTENT_SCHEMA = 1
DEFAULT_LANGUAGE = "en"
DEFAULT_STALE_AFTER = 180  # days after last_verified when a guide's facts may be out of date
SOURCE_KINDS = ("primary", "regulator", "news", "code")

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
# C0 controls except tab and newline, DEL, C1 controls (ESC, CSI, OSC live here), the
# bidirectional marks and overrides that can make text read differently from what it says,
# and the invisible characters that can hide inside a word or a link (zero-width spaces and
# joiners, word joiner and invisible operators, byte-order mark, line and paragraph
# separators, soft hyphen): ``https://evil\u200b.example/`` must not pass for another address.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff]"
)

T = TypeVar("T")


def in_language(table: Mapping[str, T], lang: str) -> T:
    """The value for ``lang``, else the English one: the one fallback rule of the program.

    Every guide has English (the checks require it), so the fallback always exists.
    """
    found = table.get(lang)
    return found if found is not None else table[DEFAULT_LANGUAGE]


class ContentError:
    """One problem in one file; ``line`` is None when TOML gives no position for it."""

    __slots__ = ("line", "message", "path")

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        # A message may quote a key from the file: it must never write escapes to a terminal.
        self.message = visible(message)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ContentError) and (self.path, self.line, self.message) == (
            other.path,
            other.line,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))

    def __repr__(self) -> str:
        return f"ContentError({self.path!r}, {self.line!r}, {self.message!r})"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {visible(self.message)}"


def visible(text: str) -> str:
    """Control, escape and invisible characters spelled out (\\x1b), so they are seen."""
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


class ContentInvalid(Exception):
    """Raised with every problem found, so the CLI can print them all and exit 2."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


class Source(NamedTuple):
    id: int
    title: str
    url: str | None
    kind: str
    supports: Mapping[str, str]

    def supports_in(self, lang: str) -> str:
        """What this source backs up, said in ``lang`` (or English)."""
        return in_language(self.supports, lang)


class StepText(NamedTuple):
    title: str
    do: str
    why: str
    label: str | None = None
    also: tuple[str, ...] = ()
    expect: str | None = None
    note: str | None = None
    copy: str | None = None  # a ready-to-paste text (an objection, say); the `c` key copies it


class Step(NamedTuple):
    id: str
    sources: tuple[int, ...]
    link: str | None
    check: bool
    text: Mapping[str, StepText]

    def words(self, lang: str) -> StepText:
        """The step's words in ``lang`` (or English)."""
        return in_language(self.text, lang)


class Device(NamedTuple):
    id: str
    steps: tuple[str, ...]


class Claim(NamedTuple):
    text: str
    sources: tuple[int, ...]
    link: str | None = None
    regions: tuple[str, ...] = ()  # empty: true everywhere

    def applies(self, region: str | None) -> bool:
        """Shown to this person? Everything is shown until they say where they are."""
        return not self.regions or region is None or region in self.regions


class DeviceText(NamedTuple):
    name: str
    intro: str


class GuideText(NamedTuple):
    title: str
    setting: str
    summary: str
    devices: Mapping[str, DeviceText]
    covers: tuple[Claim, ...]
    not_covered: tuple[Claim, ...]
    dates: tuple[Claim, ...]
    next: tuple[Claim, ...]
    changes: Mapping[int, str] = MappingProxyType({})
    done: str | None = None  # what finishing this guide means, said on completion
    platform: str = ""  # the platform's name in this language ("Meta")
    not_offered: str | None = None  # said to a person outside the guide's regions

    def claims(self) -> Iterator[Claim]:
        """Every claim of the guide, section after section."""
        for section in (self.covers, self.not_covered, self.dates, self.next):
            yield from section


class GuideListing(NamedTuple):
    """What a list of guides shows in one language: kept in the index, no file read for it."""

    title: str
    platform: str
    devices: Mapping[str, str]  # device id -> its name (the tab label)
    changes: Mapping[int, str] = MappingProxyType({})


def listing_of(text: GuideText) -> GuideListing:
    return GuideListing(
        text.title,
        text.platform,
        MappingProxyType({d: t.name for d, t in text.devices.items()}),
        text.changes,
    )


class Guide(NamedTuple):
    id: str
    revision: int
    last_verified: date
    languages: tuple[str, ...]
    link: str | None
    devices: tuple[Device, ...]
    steps: Mapping[str, Step]
    sources: Mapping[int, Source]
    texts: Mapping[str, GuideText]
    path: Path
    order: int = 100
    platform: str = ""  # the platform's id ("meta"): guides are grouped by it
    regions: tuple[str, ...] = ()  # where the procedure is offered at all; empty: everywhere
    stale_after: int = DEFAULT_STALE_AFTER
    related: tuple[str, ...] = ()  # ids of other guides the facts name as related
    listings: Mapping[str, GuideListing] = MappingProxyType({})

    def text(self, lang: str) -> GuideText:
        """The guide's words in ``lang``, or in English when it has no such translation."""
        return in_language(self.texts, lang)

    def listing(self, lang: str) -> GuideListing:
        """Title, platform and device names in ``lang`` (or English), without the full text."""
        if self.listings:
            return in_language(self.listings, lang)
        return listing_of(self.text(lang))

    def platform_name(self, lang: str) -> str:
        return self.listing(lang).platform

    def device(self, device_id: str) -> Device:
        for device in self.devices:
            if device.id == device_id:
                return device
        raise KeyError(device_id)

    def device_steps(self, device_id: str) -> list[Step]:
        return [self.steps[s] for s in self.device(device_id).steps]

    def applies_in(self, region: str | None) -> bool:
        """Is the procedure offered where this person is? Yes until they say where that is."""
        return not self.regions or region is None or region in self.regions

    def age_days(self, today: date) -> int:
        """Days since the facts were last checked (0 for a date in the future)."""
        return max(0, (today - self.last_verified).days)

    def is_stale(self, today: date) -> bool:
        """Past the guide's own threshold: the screens may no longer match the steps."""
        return self.age_days(today) > self.stale_after


class Region(NamedTuple):
    """Where a person's account is; some facts differ by region (see ``Claim.regions``)."""

    id: str
    names: Mapping[str, str]
    # Per language, the words that count as naming this region in a claim ("EU", "EEA" …).
    words: Mapping[str, tuple[str, ...]] = MappingProxyType({})

    def name(self, lang: str) -> str:
        return in_language(self.names, lang)

    def named_in(self, text: str, lang: str) -> bool:
        """Does ``text`` name this region, by its name or one of its words in ``lang``?"""
        words = (*self.words.get(lang, ()), self.names.get(lang, ""))
        return any(mentions(text, word) for word in words if word)


def mentions(text: str, word: str) -> bool:
    """A whole-word match; acronyms ("US", "UE") must be in capitals, other words need not."""
    flags = 0 if word.isupper() else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags) is not None


class Platform(NamedTuple):
    """A company whose guides are listed together, with its name in each language."""

    id: str
    names: Mapping[str, str]

    def name(self, lang: str) -> str:
        return in_language(self.names, lang)


def opened(guide: Guide) -> Guide:
    """The same guide, its full text read and checked now (raises ContentInvalid if bad)."""
    if isinstance(guide.steps, LazyPart):
        guide.steps.load()
    return guide


class Catalog:
    """All guides, interface strings and regions the app can show, read once at start.

    ``guides`` is in list order and cheap to walk (titles, devices, revisions come from the
    index); :meth:`guide` gives one guide with its full text read and checked.
    """

    __slots__ = ("guides", "regions", "ui")

    def __init__(
        self,
        guides: Iterable[Guide],
        ui: Mapping[str, Mapping[str, str]],
        regions: Iterable[Region] = (),
    ) -> None:
        self.guides: tuple[Guide, ...] = tuple(guides)
        self.ui = ui
        self.regions: tuple[Region, ...] = tuple(regions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalog) and (self.guides, self.ui, self.regions) == (
            other.guides,
            other.ui,
            other.regions,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking: compared, never hashed

    def __repr__(self) -> str:
        return f"Catalog(guides={[g.id for g in self.guides]}, languages={self.languages})"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.ui))

    def guide(self, guide_id: str) -> Guide:
        """The guide, its full text read and checked now; KeyError when there is none.

        Raises :class:`ContentInvalid` if its files changed since the catalog was read and
        no longer pass the checks.
        """
        for guide in self.guides:
            if guide.id == guide_id:
                return opened(guide)
        raise KeyError(guide_id)

    def region(self, region_id: str) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def region_name(self, region_id: str, lang: str) -> str:
        region = self.region(region_id)
        return region.name(lang) if region else region_id

    @property
    def platforms(self) -> tuple[Platform, ...]:
        """Each platform once, in the order of its first guide, named in every language."""
        found: dict[str, Platform] = {}
        for guide in self.guides:
            if guide.platform not in found:
                names = {lang: guide.listing(lang).platform for lang in guide.languages}
                found[guide.platform] = Platform(guide.platform, MappingProxyType(names))
        return tuple(found.values())

    def platform(self, platform_id: str) -> Platform:
        for platform in self.platforms:
            if platform.id == platform_id:
                return platform
        raise KeyError(platform_id)
