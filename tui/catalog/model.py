"""What a guide is: the immutable values the checks build and every screen reads.

The loaded values are NamedTuples and read-only mappings: immutable like frozen dataclasses,
but about ten times cheaper to define, which matters because ``status`` imports this module.

Content may come from someone else (``--content DIR``), so nothing here trusts it: every
problem becomes a :class:`ContentError` that names the file, the line (where one can be
found) and what is wrong, and the loader collects all of them so a translator sees every
mistake in one run. This module never imports Textual or Rich: the plain CLI loads guides
too, and must stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

CONTENT_SCHEMA = 1
DEFAULT_LANGUAGE = "en"
SOURCE_KINDS = ("primary", "regulator", "news", "code")

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
# C0 controls except tab and newline, DEL, C1 controls (ESC, CSI, OSC live here) and the
# bidirectional overrides that can make text read differently from what it says.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ContentError:
    """One problem in one file; ``line`` is None when TOML gives no position for it."""

    __slots__ = ("line", "message", "path")

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        # A message may quote a key from the file: it must never write escapes to a terminal.
        self.message = _visible(message)

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
        return f"{where}: {_visible(self.message)}"


def _visible(text: str) -> str:
    """Control and escape characters spelled out (\\x1b), so they are seen, not obeyed."""
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


class StepText(NamedTuple):
    title: str
    do: str
    why: str
    label: str | None = None
    also: tuple[str, ...] = ()
    expect: str | None = None
    note: str | None = None


class Step(NamedTuple):
    id: str
    sources: tuple[int, ...]
    link: str | None
    check: bool
    text: Mapping[str, StepText]

    def words(self, lang: str) -> StepText:
        """The step's words in ``lang``, or in the fallback language."""
        return self.text.get(lang) or self.text[DEFAULT_LANGUAGE]


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
    # 2.0 (content-contract.md), read minimally for the text branch: the platform's name.
    platform: str | None = None


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
    # 2.0 (content-contract.md), read minimally for the text branch; the catalog owns the checks.
    platform: str = ""  # the platform id (linkedin, meta...); "" means the guide's own id
    regions: tuple[str, ...] = ()  # where the procedure is offered at all; empty: everywhere
    stale_after: int = 180  # days after last_verified when the facts may be out of date

    def text(self, lang: str) -> GuideText:
        """The guide's words in ``lang``, or in English when it has no such translation."""
        return self.texts.get(lang) or self.texts[DEFAULT_LANGUAGE]

    def device(self, device_id: str) -> Device:
        for device in self.devices:
            if device.id == device_id:
                return device
        raise KeyError(device_id)

    def device_steps(self, device_id: str) -> list[Step]:
        return [self.steps[s] for s in self.device(device_id).steps]


class Region(NamedTuple):
    """Where a person's account is; some facts differ by region (see ``Claim.regions``)."""

    id: str
    names: Mapping[str, str]


class Catalog(NamedTuple):
    """All guides and interface strings the app can show, loaded once at start."""

    guides: tuple[Guide, ...]
    ui: Mapping[str, Mapping[str, str]]
    regions: tuple[Region, ...] = ()

    def region_name(self, region_id: str, lang: str) -> str:
        for region in self.regions:
            if region.id == region_id:
                return region.names.get(lang) or region.names[DEFAULT_LANGUAGE]
        return region_id

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.ui))

    def guide(self, guide_id: str) -> Guide:
        for guide in self.guides:
            if guide.id == guide_id:
                return guide
        raise KeyError(guide_id)
