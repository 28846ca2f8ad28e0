"""What each content file must hold: the rules of content/README.md, as tables of fields.

``load_guide`` reads one guide folder (``guide.toml`` and a file per language) and returns
the checked :class:`Guide`, or None with every problem appended to ``errors``. The files a
guide shares with the others (interface strings, regions) are checked in ``shared``; what
depends on the whole catalog (ids unique, related guides present, regions known) is in
``crosscheck``.
No Textual or Rich here: the plain CLI loads guides too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .fields import DAYS, IDENT, IDS, LABELS, LINK, TEXT, WHOLE, Field, FileCheck, join
from .model import (
    _ID,
    _LANG,
    CONTENT_SCHEMA,
    DEFAULT_LANGUAGE,
    DEFAULT_STALE_AFTER,
    SOURCE_KINDS,
    Claim,
    ContentError,
    Device,
    DeviceText,
    Guide,
    GuideText,
    Source,
    Step,
    StepText,
    listing_of,
)
from .reading import ParseCache

# guide.toml
GUIDE = (
    Field("id", IDENT),
    Field("platform", IDENT),
    Field("revision", WHOLE),
    Field("link", LINK, optional=True),
    Field("regions", IDS, optional=True),
    Field("related", IDS, optional=True),
    Field("stale_after", DAYS, optional=True),
)
STEP = (Field("link", LINK, optional=True),)
SOURCE = (Field("id", WHOLE), Field("title", TEXT), Field("url", LINK, optional=True))
# <lang>.toml
WORDS = (
    Field("title"),
    Field("platform"),
    Field("setting"),
    Field("summary"),
    Field("done", optional=True),
    Field("not_offered", optional=True),
)
DEVICE_WORDS = (Field("name"), Field("intro"))
STEP_WORDS = (
    Field("title"),
    Field("do"),
    Field("why"),
    Field("label", optional=True),
    Field("also", LABELS, optional=True),
    Field("expect", optional=True),
    Field("note", optional=True),
    Field("copy", optional=True),
)
CLAIM = (Field("text"), Field("link", LINK, optional=True), Field("regions", IDS, optional=True))
SECTIONS = ("covers", "not_covered", "dates", "next")


def load_guide(
    folder: Path, errors: list[ContentError], cache: ParseCache | None = None
) -> Guide | None:
    """Read one guide folder; append every problem to ``errors``; None when it is unusable."""
    structure = FileCheck(folder / "guide.toml", errors, cache)
    data = structure.data
    if data is None:
        return None
    before = len(errors)

    schema = data.get("schema")
    if schema != CONTENT_SCHEMA:
        structure.at("", "schema", f"'schema' must be {CONTENT_SCHEMA}, not {schema!r}")
    top = structure.fields(data, "", GUIDE)
    guide_id, revision = top["id"], top["revision"]
    if guide_id is not None and guide_id != folder.name:
        structure.at("", "id", f"id {guide_id!r} must match the folder name {folder.name!r}")
    if guide_id is not None and guide_id in (top["related"] or ()):
        structure.at("", "related", f"'related' lists the guide itself ({guide_id!r})")
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        structure.at("", "order", "'order' must be a whole number (the guide's place in lists)")
        order = 100
    verified = data.get("last_verified")
    if not isinstance(verified, date) or hasattr(verified, "hour"):
        structure.at("", "last_verified", "'last_verified' must be a date like 2026-11-23")
        verified = None
    languages = _languages(structure, data)

    sources = _sources(structure, data)
    devices, used = _devices(structure, data)
    steps = _steps(structure, data, devices, used, sources)

    texts: dict[str, GuideText] = {}
    step_texts: dict[str, dict[str, StepText]] = {s: {} for s in steps}
    supports: dict[int, dict[str, str]] = {n: {} for n in sources}
    for lang in languages:
        words = FileCheck(folder / f"{lang}.toml", errors, cache, lang)
        if words.data is None:
            continue
        text = _guide_text(words, devices, steps, sources, step_texts, supports, revision or 1)
        if text is None:
            continue
        if top["regions"] and text.not_offered is None:
            words.at("", None, "missing text 'not_offered': guide.toml has 'regions'")
        elif text.not_offered is not None and not top["regions"]:
            words.at("", "not_offered", "'not_offered' needs 'regions' in guide.toml")
        texts[lang] = text

    if len(errors) > before or None in (guide_id, revision, verified, top["platform"]):
        return None
    assert isinstance(verified, date)
    return Guide(
        id=guide_id,
        revision=revision,
        last_verified=verified,
        languages=languages,
        link=top["link"],
        devices=tuple(Device(d, tuple(s)) for d, s in devices.items()),
        steps=MappingProxyType(
            {
                sid: Step(
                    sid, s["sources"], s["link"], s["check"], MappingProxyType(step_texts[sid])
                )
                for sid, s in steps.items()
            }
        ),
        sources=MappingProxyType(
            {
                n: Source(n, s["title"], s["url"], s["kind"], MappingProxyType(supports[n]))
                for n, s in sources.items()
            }
        ),
        texts=MappingProxyType(texts),
        path=folder,
        order=order,
        platform=top["platform"],
        regions=top["regions"] or (),
        stale_after=top["stale_after"] or DEFAULT_STALE_AFTER,
        related=top["related"] or (),
        listings=MappingProxyType({lang: listing_of(t) for lang, t in texts.items()}),
    )


def _languages(f: FileCheck, data: Mapping[str, Any]) -> tuple[str, ...]:
    value = data.get("languages")
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        f.at("", "languages", '\'languages\' must be a list of language codes, like ["en", "fr"]')
        return ()
    bad = [v for v in value if not _LANG.match(v)]
    if bad:
        f.at("", "languages", f"not a language code: {', '.join(map(repr, bad))}")
    if len(set(value)) != len(value):
        f.at("", "languages", "a language is listed twice")
    if DEFAULT_LANGUAGE not in value:
        f.at("", "languages", f"every guide needs {DEFAULT_LANGUAGE!r}, the fallback language")
    return tuple(v for v in dict.fromkeys(value) if _LANG.match(v))


def _sources(f: FileCheck, data: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for _, where, item in f.array(
        data,
        "sources",
        "a guide needs a [[sources]] list: every claim must be checkable",
        "each source must be a [[sources]] table",
    ):
        source = f.fields(item, where, SOURCE)
        kind = item.get("kind")
        if kind not in SOURCE_KINDS:
            f.at(where, "kind", f"'kind' must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
        number = source["id"]
        if number is None:
            continue
        if number in found:
            f.at(where, "id", f"source {number} is listed twice")
            continue
        found[number] = {"title": source["title"], "url": source["url"], "kind": kind}
    return found


def _devices(f: FileCheck, data: Mapping[str, Any]) -> tuple[dict[str, list[str]], set[str]]:
    """Device id -> its steps, in tab order; and every step id any device lists."""
    devices: dict[str, list[str]] = {}
    used: set[str] = set()
    f.device_rows = {}
    for index, where, item in f.array(
        data,
        "devices",
        "a guide needs at least one [[devices]] table",
        "each device must be a [[devices]] table",
    ):
        device_id = f.ident(item, where, "id")
        steps = item.get("steps")
        if not isinstance(steps, list) or not steps or not all(isinstance(s, str) for s in steps):
            f.at(where, "steps", "'steps' must be a non-empty list of step ids")
            steps = []
        if len(set(steps)) != len(steps):
            f.at(where, "steps", "a step is listed twice for the same device")
        used.update(steps)  # even for a broken device: its steps are not "unused"
        if device_id is None:
            continue
        if device_id in devices:
            f.at(where, "id", f"device {device_id!r} is listed twice")
            continue
        devices[device_id] = list(dict.fromkeys(steps))
        f.device_rows[device_id] = index
    return devices, used


def _steps(
    f: FileCheck,
    data: Mapping[str, Any],
    devices: Mapping[str, list[str]],
    used: set[str],
    sources: Mapping[int, Any],
) -> dict[str, dict[str, Any]]:
    table = f.table(data, "", "steps") or {}
    steps: dict[str, dict[str, Any]] = {}
    for step_id, item in table.items():
        where = f"steps.{step_id}"
        if not _ID.match(step_id):
            f.at(where, None, f"step id {step_id!r} must be lower-case letters, digits and -")
            continue
        if not isinstance(item, dict):
            f.at(where, None, f"[{where}] must be a table")
            continue
        if step_id not in used:
            f.at(where, None, f"step {step_id!r} is not used by any device")
        check = item.get("check", False)
        if not isinstance(check, bool):
            f.at(where, "check", "'check' must be true or false")
            check = False
        steps[step_id] = {
            "sources": source_list(f, item, where, sources, required=True),
            **f.fields(item, where, STEP),
            "check": check,
        }
    for device_id, step_ids in devices.items():
        where = f"devices[{f.device_rows[device_id]}]"
        for step_id in step_ids:
            if step_id not in table:
                f.at(where, "steps", f"step {step_id!r} has no [steps.{step_id}]")
        last = step_ids[-1] if step_ids else None
        if last in steps and not steps[last]["check"]:
            f.at(
                f"steps.{last}",
                None,
                f"the last step of {device_id!r} must be a check step (check = true)",
            )
    return steps


def source_list(
    f: FileCheck, parent: Mapping[str, Any], where: str, known: Iterable[int], *, required: bool
) -> tuple[int, ...]:
    """The source numbers a step or claim cites; each must be in [[sources]]."""
    value = parent.get("sources")
    if value is None:
        if required:
            f.at(where, "sources", f"'{join(where, 'sources')}' needs at least one source")
        return ()
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        f.at(where, "sources", f"'{join(where, 'sources')}' must be a list of numbers")
        return ()
    if required and not value:
        f.at(where, "sources", f"'{join(where, 'sources')}' needs at least one source")
    known = set(known)
    for number in value:
        if number not in known:
            f.at(where, "sources", f"source {number} is not listed in [[sources]]")
    return tuple(value)


def _claims(
    f: FileCheck, data: Mapping[str, Any], key: str, sources: Mapping[int, Any]
) -> tuple[Claim, ...]:
    claims = []
    for _, where, item in f.array(
        data,
        key,
        f"missing [[{key}]]: at least one entry is needed",
        f"each entry of {key} must be a [[{key}]] table",
    ):
        claim = f.fields(item, where, CLAIM)
        cited = source_list(f, item, where, sources, required=True)
        if claim["text"] is not None:
            claims.append(Claim(claim["text"], cited, claim["link"], claim["regions"] or ()))
    return tuple(claims)


def _guide_text(
    f: FileCheck,
    devices: Mapping[str, list[str]],
    steps: Mapping[str, Any],
    sources: Mapping[int, Any],
    step_texts: dict[str, dict[str, StepText]],
    supports: dict[int, dict[str, str]],
    revision: int,
) -> GuideText | None:
    data = f.data or {}
    lang = f.lang or DEFAULT_LANGUAGE
    top = f.fields(data, "", WORDS)

    device_texts: dict[str, DeviceText] = {}
    for device_id, where, item in _per_id(f, data, "devices", devices, lang):
        words = f.fields(item, where, DEVICE_WORDS)
        if all(words.values()):
            device_texts[device_id] = DeviceText(**words)

    for step_id, where, item in _per_id(f, data, "steps", steps, lang):
        words = f.fields(item, where, STEP_WORDS)
        if all(words[k] for k in ("title", "do", "why")):
            step_texts[step_id][lang] = StepText(**words)

    covers, not_covered, dates, next_steps = (_claims(f, data, k, sources) for k in SECTIONS)

    table = f.table(data, "", "sources") or {}
    for number in sources:
        value = f.text(table, "sources", str(number))
        if value is not None:
            supports[number][lang] = value
    for extra in set(table) - {str(n) for n in sources}:
        f.at("sources", extra, f"source {extra} is not in guide.toml")

    changes = _changes(f, data, revision)

    if not all(top[k] for k in ("title", "platform", "setting", "summary")):
        return None
    return GuideText(
        title=top["title"],
        setting=top["setting"],
        summary=top["summary"],
        devices=MappingProxyType(device_texts),
        covers=covers,
        not_covered=not_covered,
        dates=dates,
        next=next_steps,
        changes=MappingProxyType(changes),
        done=top["done"],
        platform=top["platform"],
        not_offered=top["not_offered"],
    )


def _per_id(
    f: FileCheck, data: Mapping[str, Any], key: str, ids: Iterable[str], lang: str
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each ``[key.<id>]`` table that guide.toml expects; missing and unknown ones reported."""
    table = f.table(data, "", key) or {}
    noun = key.rstrip("s")
    for item_id in ids:
        item = table.get(item_id)
        where = f"{key}.{item_id}"
        if isinstance(item, dict):
            yield item_id, where, item
        else:
            f.at(key, None, f"missing [{where}]: {noun} {item_id!r} has no {lang} text")
    for extra in set(table) - set(ids):
        f.at(f"{key}.{extra}", None, f"{noun} {extra!r} is not in guide.toml")


def _changes(f: FileCheck, data: Mapping[str, Any], revision: int) -> dict[int, str]:
    """What changed in each revision: a person who finished an older one is told this."""
    table = data.get("changes", {})
    if not isinstance(table, dict):
        f.at("", "changes", '[changes] must be a table of revision = "what changed"')
        return {}
    changes: dict[int, str] = {}
    for key in table:
        if not re.fullmatch(r"[0-9]+", key) or not 1 < int(key) <= revision:
            f.at("changes", key, f"[changes] key {key!r} must be a revision from 2 to {revision}")
            continue
        note = f.text(table, "changes", key)
        if note is not None:
            changes[int(key)] = note
    if revision > 1 and revision not in changes:
        f.at("changes", None, f"revision {revision} needs a note in [changes]: what changed")
    return changes
