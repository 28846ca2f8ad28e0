"""The field rules: TOML data in, checked values and every problem (file, line, what) out.

Content may come from someone else (``--content DIR``), so nothing here trusts it: every
problem becomes a :class:`ContentError`, and all of them are collected so a translator sees
every mistake in one run. No Textual or Rich here: the plain CLI loads guides too.
"""

from __future__ import annotations

import contextlib
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .model import (
    _ID,
    _LANG,
    _UNSAFE,
    CONTENT_SCHEMA,
    DEFAULT_LANGUAGE,
    SOURCE_KINDS,
    Claim,
    ContentError,
    Device,
    DeviceText,
    Guide,
    GuideText,
    Region,
    Source,
    Step,
    StepText,
)
from .reading import TomlCache, stamp_of

_CACHE: TomlCache | None = None  # set by index.collect() while it loads, when asked to cache

# --------------------------------------------------------------------------- locating lines


class _Locator:
    """Finds the line of a table or key in TOML text, since tomllib only reports syntax errors.

    It reads headers (``[a.b]``, ``[[a]]``) and ``key =`` lines; it is a best effort that
    only ever improves a message, so a key it cannot find points at its table instead.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+)\s*=")

    def __init__(self, text: str) -> None:
        self.tables: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        counts: dict[str, int] = {}
        current = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                name = _normalise(header.group(2))
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    name = f"{name}[{index}]"
                current = name
                self.tables.setdefault(current, number)
                continue
            key = self._KEY.match(line)
            if key:
                full = _normalise(key.group(1))
                table, _, leaf = f"{current}.{full}".strip(".").rpartition(".")
                self.keys.setdefault((table, leaf), number)

    def line(self, table: str, key: str | None = None) -> int | None:
        if key is not None:
            found = self.keys.get((table, key))
            if found:
                return found
            parent, _, leaf = table.rpartition(".")
            if (parent, leaf) in self.keys:
                return self.keys[(parent, leaf)]
        while table:
            if table in self.tables:
                return self.tables[table]
            table = table.rpartition(".")[0]
        return None


def _normalise(dotted: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in dotted.split("."))


# --------------------------------------------------------------------------- reading files


class _File:
    """One TOML file being validated: its data, its locator, and the errors found in it."""

    def __init__(self, path: Path, errors: list[ContentError]) -> None:
        self.path = path
        self.errors = errors
        self.data: dict[str, Any] | None = None
        self.device_rows: dict[str, int] = {}  # device id -> its index in [[devices]]
        self.source = ""
        self._locator: _Locator | None = None
        cache = _CACHE
        try:
            stamp = stamp_of(path) if cache else None
            cached = cache.get(path, stamp) if cache and stamp else None
            if cached is not None:
                self.data = cached  # the source text is read again only if an error needs it
                return
            raw = path.read_bytes()
        except OSError as exc:
            self.error(None, f"cannot read the file: {exc.strerror or exc}")
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.error(line, "the file is not valid UTF-8 text")
            return
        import tomllib  # only on a cache miss: it is slow to import and slower to run

        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
            line = int(match.group(1)) if match else None
            if line is None and "end of document" in str(exc):
                line = text.count("\n") + 1
            message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
            self.error(line, f"not valid TOML: {message}")
            return
        except RecursionError:
            self.error(None, "not valid TOML: nested too deeply")
            return
        self.source = text
        if cache and stamp:
            cache.put(path, stamp, self.data)

    @property
    def locator(self) -> _Locator:
        """Built on the first error only: a valid file never pays for finding lines."""
        if self._locator is None:
            if not self.source:
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    self.source = self.path.read_text("utf-8")
            self._locator = _Locator(self.source)
        return self._locator

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    def at(self, table: str, key: str | None, message: str) -> None:
        self.error(self.locator.line(table, key), message)

    def array(
        self, data: Mapping[str, Any], key: str, missing: str, each: str
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Each table of a ``[[key]]`` list and where it is; a missing list or a value that
        is not a table is reported with the caller's own words."""
        value = data.get(key)
        if not isinstance(value, list) or not value:
            self.at("", key, missing)
            return
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            if isinstance(item, dict):
                yield index, where, item
            else:
                self.at(where, None, each)

    def table(self, parent: Mapping[str, Any], where: str, key: str) -> dict[str, Any] | None:
        value = parent.get(key)
        if value is None:
            self.at(where, key, f"missing table [{_join(where, key)}]")
            return None
        if not isinstance(value, dict):
            self.at(where, key, f"{_join(where, key)} must be a table")
            return None
        return value

    def text(
        self, parent: Mapping[str, Any], where: str, key: str, *, optional: bool = False
    ) -> str | None:
        value = parent.get(key)
        name = _join(where, key)
        if value is None:
            if not optional:
                self.at(where, key, f"missing text '{name}'")
            return None
        if not isinstance(value, str):
            self.at(where, key, f"'{name}' must be text in quotes, not {_kind(value)}")
            return None
        if not value.strip():
            self.at(where, key, f"'{name}' is empty")
            return None
        if _UNSAFE.search(value):
            self.at(where, key, f"'{name}' contains a control or escape character")
            return None
        return value

    def link(self, parent: Mapping[str, Any], where: str, key: str) -> str | None:
        value = self.text(parent, where, key, optional=True)
        if value is not None and not _is_https(value):
            self.at(where, key, f"'{_join(where, key)}' must be an https:// link, not {value!r}")
            return None
        return value

    def integer(self, parent: Mapping[str, Any], where: str, key: str) -> int | None:
        value = parent.get(key)
        if value is None:
            self.at(where, key, f"missing '{_join(where, key)}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.at(where, key, f"'{_join(where, key)}' must be a whole number from 1 up")
            return None
        return value

    def ident(self, parent: Mapping[str, Any], where: str, key: str) -> str | None:
        value = self.text(parent, where, key)
        if value is not None and not _ID.match(value):
            self.at(where, key, f"'{_join(where, key)}' must be lower-case letters, digits and -")
            return None
        return value

    def source_list(
        self, parent: Mapping[str, Any], where: str, known: Iterable[int], *, required: bool
    ) -> tuple[int, ...]:
        value = parent.get("sources")
        if value is None:
            if required:
                self.at(where, "sources", f"'{_join(where, 'sources')}' needs at least one source")
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            self.at(where, "sources", f"'{_join(where, 'sources')}' must be a list of numbers")
            return ()
        if required and not value:
            self.at(where, "sources", f"'{_join(where, 'sources')}' needs at least one source")
        known = set(known)
        for number in value:
            if number not in known:
                self.at(where, "sources", f"source {number} is not listed in [[sources]]")
        return tuple(value)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _is_https(url: str) -> bool:
    return (
        url.startswith("https://")
        and len(url) > len("https://")
        and not any(c.isspace() for c in url)
    )


def _placeholders(text: str) -> set[str] | None:
    """The ``{names}`` a string fills in, or None when ``str.format`` would reject it."""
    try:
        fields = [(n, spec, conv) for _, n, spec, conv in string.Formatter().parse(text)]
    except ValueError:
        return None
    names = set()
    for name, spec, conversion in fields:
        if name is None:
            continue
        if not re.fullmatch(r"[a-z_]+", name) or spec or conversion:
            return None
        names.add(name)
    return names


# --------------------------------------------------------------------------- guides


def load_guide(folder: Path, errors: list[ContentError]) -> Guide | None:
    """Read one guide folder; append every problem to ``errors``; None when it is unusable."""
    structure = _File(folder / "guide.toml", errors)
    data = structure.data
    if data is None:
        return None
    before = len(errors)

    schema = data.get("schema")
    if schema != CONTENT_SCHEMA:
        structure.at("", "schema", f"'schema' must be {CONTENT_SCHEMA}, not {schema!r}")
    guide_id = structure.ident(data, "", "id")
    if guide_id is not None and guide_id != folder.name:
        structure.at("", "id", f"id {guide_id!r} must match the folder name {folder.name!r}")
    revision = structure.integer(data, "", "revision")
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        structure.at("", "order", "'order' must be a whole number (the guide's place in lists)")
        order = 100
    verified = data.get("last_verified")
    if not isinstance(verified, date) or hasattr(verified, "hour"):
        structure.at("", "last_verified", "'last_verified' must be a date like 2026-11-23")
        verified = None
    languages = _languages(structure, data)
    link = structure.link(data, "", "link")
    platform, offered_in, stale_after = _platform_fields(structure, data)

    sources = _sources(structure, data)
    devices, used = _devices(structure, data)
    steps = _steps(structure, data, devices, used, sources)

    texts: dict[str, GuideText] = {}
    step_texts: dict[str, dict[str, StepText]] = {s: {} for s in steps}
    supports: dict[int, dict[str, str]] = {n: {} for n in sources}
    for lang in languages:
        words = _File(folder / f"{lang}.toml", errors)
        if words.data is None:
            continue
        text = _guide_text(
            words, devices, steps, sources, step_texts, supports, lang, revision or 1
        )
        if text is not None:
            name = words.text(words.data, "", "platform", optional=True)
            texts[lang] = text._replace(platform=name)

    if len(errors) > before or guide_id is None or revision is None or verified is None:
        return None
    return Guide(
        id=guide_id,
        revision=revision,
        last_verified=verified,
        languages=languages,
        link=link,
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
        platform=platform or guide_id,
        regions=offered_in,
        stale_after=stale_after,
    )


def _platform_fields(f: _File, data: Mapping[str, Any]) -> tuple[str | None, tuple[str, ...], int]:
    """2.0 ``platform``, ``regions`` and ``stale_after`` (content-contract.md), read minimally."""
    platform = f.ident(data, "", "platform") if "platform" in data else None
    regions = data.get("regions", [])
    if not isinstance(regions, list) or not all(
        isinstance(r, str) and _ID.match(r) for r in regions
    ):
        f.at("", "regions", "'regions' must be a list of region ids, like [eu, uk]")
        regions = []
    stale = data.get("stale_after", 180)
    if isinstance(stale, bool) or not isinstance(stale, int) or stale < 1:
        f.at("", "stale_after", "'stale_after' must be a whole number of days from 1 up")
        stale = 180
    return platform, tuple(regions), stale


def _languages(f: _File, data: Mapping[str, Any]) -> tuple[str, ...]:
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


def _sources(f: _File, data: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for _, where, item in f.array(
        data,
        "sources",
        "a guide needs a [[sources]] list: every claim must be checkable",
        "each source must be a [[sources]] table",
    ):
        number = f.integer(item, where, "id")
        title = f.text(item, where, "title")
        url = f.link(item, where, "url")
        kind = item.get("kind")
        if kind not in SOURCE_KINDS:
            f.at(where, "kind", f"'kind' must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
        if number is None:
            continue
        if number in found:
            f.at(where, "id", f"source {number} is listed twice")
            continue
        found[number] = {"title": title, "url": url, "kind": kind}
    return found


def _devices(f: _File, data: Mapping[str, Any]) -> tuple[dict[str, list[str]], set[str]]:
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
    f: _File,
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
            "sources": f.source_list(item, where, sources, required=True),
            "link": f.link(item, where, "link"),
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


def _claims(
    f: _File, data: Mapping[str, Any], key: str, sources: Mapping[int, Any]
) -> tuple[Claim, ...]:
    claims = []
    for _, where, item in f.array(
        data,
        key,
        f"missing [[{key}]]: at least one entry is needed",
        f"each entry of {key} must be a [[{key}]] table",
    ):
        text = f.text(item, where, "text")
        cited = f.source_list(item, where, sources, required=True)
        link = f.link(item, where, "link")
        regions = item.get("regions", [])
        if not isinstance(regions, list) or not all(
            isinstance(r, str) and _ID.match(r) for r in regions
        ):
            f.at(where, "regions", "'regions' must be a list of region ids, like [\"uk\"]")
            regions = []
        if text is not None:
            claims.append(Claim(text, cited, link, tuple(regions)))
    return tuple(claims)


def _guide_text(
    f: _File,
    devices: Mapping[str, list[str]],
    steps: Mapping[str, Any],
    sources: Mapping[int, Any],
    step_texts: dict[str, dict[str, StepText]],
    supports: dict[int, dict[str, str]],
    lang: str,
    revision: int,
) -> GuideText | None:
    data = f.data or {}
    title = f.text(data, "", "title")
    setting = f.text(data, "", "setting")
    summary = f.text(data, "", "summary")
    done = f.text(data, "", "done", optional=True)

    device_texts: dict[str, DeviceText] = {}
    for device_id, where, item in _per_id(f, data, "devices", devices, lang):
        name, intro = f.text(item, where, "name"), f.text(item, where, "intro")
        if name and intro:
            device_texts[device_id] = DeviceText(name, intro)

    for step_id, where, item in _per_id(f, data, "steps", steps, lang):
        also = item.get("also", [])
        if not isinstance(also, list) or not all(isinstance(a, str) and a for a in also):
            f.at(where, "also", "'also' must be a list of labels")
            also = []
        elif any(_UNSAFE.search(a) for a in also):
            f.at(where, "also", "'also' contains a control or escape character")
            also = []
        fields = {k: f.text(item, where, k) for k in ("title", "do", "why")}
        optional = {k: f.text(item, where, k, optional=True) for k in ("label", "expect", "note")}
        if all(fields.values()):
            step_texts[step_id][lang] = StepText(**fields, **optional, also=tuple(also))

    claims = {k: _claims(f, data, k, sources) for k in ("covers", "not_covered", "dates", "next")}

    table = f.table(data, "", "sources") or {}
    for number in sources:
        value = f.text(table, "sources", str(number))
        if value is not None:
            supports[number][lang] = value
    for extra in set(table) - {str(n) for n in sources}:
        f.at("sources", extra, f"source {extra} is not in guide.toml")

    changes = _changes(f, data, revision)

    if not (title and setting and summary):
        return None
    return GuideText(
        title, setting, summary, device_texts, **claims, changes=changes, done=done, platform=None
    )


def _per_id(
    f: _File, data: Mapping[str, Any], key: str, ids: Iterable[str], lang: str
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


def _changes(f: _File, data: Mapping[str, Any], revision: int) -> dict[int, str]:
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


# --------------------------------------------------------------------------- interface strings


def load_ui(folder: Path, errors: list[ContentError]) -> dict[str, dict[str, str]]:
    """Read every ``ui.<lang>.toml``; each must have exactly the keys of the English file."""
    found: dict[str, dict[str, str]] = {}
    files: dict[str, _File] = {}
    for path in sorted(folder.glob("ui.*.toml")):
        lang = path.name[len("ui.") : -len(".toml")]
        if not _LANG.match(lang):
            errors.append(ContentError(path, None, f"{lang!r} is not a language code"))
            continue
        f = _File(path, errors)
        if f.data is None:
            continue
        files[lang] = f
        strings: dict[str, str] = {}
        for key in f.data:
            if isinstance(f.data[key], dict):  # a plural: { 0 = "…", one = "…", other = "…" }
                strings.update(_plural(f, key, f.data[key]))
                continue
            value = f.text(f.data, "", key)
            if value is not None:
                strings[key] = value
        found[lang] = strings
    if not found:
        return found
    reference = found.get(DEFAULT_LANGUAGE)
    if reference is None:
        errors.append(ContentError(folder / f"ui.{DEFAULT_LANGUAGE}.toml", None, "missing"))
        return found
    keys = set(files[DEFAULT_LANGUAGE].data or {})  # a plural counts as one key
    for lang, strings in found.items():
        f = files[lang]
        for key in sorted(keys - set(f.data or {})):
            f.error(None, f"missing interface string '{key}'")
        for key in sorted(set(f.data or {}) - keys):
            f.at("", key, f"'{key}' is not in ui.{DEFAULT_LANGUAGE}.toml")
        for key in keys & set(f.data or {}):
            model = reference.get(key) or reference.get(f"{key}.other")
            want = None if model is None else _placeholders(model)
            for form, text in _forms(strings, key):
                have = _placeholders(text)
                # a form for one count ("0", "one") may leave the count out: "yesterday"
                if have is None:
                    f.at(
                        "", key, f"'{key}' has a stray {{ or }} or a placeholder not like {{name}}"
                    )
                    break  # one message per key, however many plural forms share the mistake
                fits = have == want if form in ("", "other") else want is None or have <= want
                if model is not None and want is not None and not fits:
                    f.at("", key, f"'{key}' must use the placeholders {sorted(want)}")
                    break
    return found


# CLDR plural categories, and exact counts ("0", "1") that a language words apart
_PLURAL_FORM = re.compile(r"^(?:zero|one|two|few|many|other|[0-9]{1,9})$")


def _plural(f: _File, key: str, forms: Mapping[str, Any]) -> dict[str, str]:
    """A plural string ``key = { one = "…", other = "…" }``, kept as ``key.one``, ``key.other``."""
    found: dict[str, str] = {}
    if "other" not in forms:
        f.at("", key, f"the plural '{key}' needs an 'other' form")
    for form in forms:
        if not _PLURAL_FORM.match(form):
            f.at(key, form, f"'{key}.{form}' is not a plural form (one, other, few... or a count)")
            continue
        value = f.text(forms, key, form)
        if value is not None:
            found[f"{key}.{form}"] = value
    return found


def _forms(strings: Mapping[str, str], key: str) -> list[tuple[str, str]]:
    """A key's texts with their plural form ("" for a plain string)."""
    if key in strings:
        return [("", strings[key])]
    prefix = key + "."
    return [(k[len(prefix) :], v) for k, v in strings.items() if k.startswith(prefix)]


# --------------------------------------------------------------------------- regions


def load_regions(
    folder: Path, languages: Iterable[str], errors: list[ContentError]
) -> tuple[Region, ...]:
    """``regions.toml``: the places whose facts differ, named in every interface language."""
    path = folder / "regions.toml"
    if not path.exists():
        return ()
    f = _File(path, errors)
    if f.data is None:
        return ()
    regions: list[Region] = []
    for _, where, item in f.array(
        f.data,
        "regions",
        "regions.toml needs a [[regions]] list",
        "each region must be a [[regions]] table",
    ):
        region_id = f.ident(item, where, "id")
        names = {lang: f.text(item, where, lang) for lang in languages}
        if region_id is None or not all(names.values()):
            continue
        if any(r.id == region_id for r in regions):
            f.at(where, "id", f"region {region_id!r} is listed twice")
            continue
        regions.append(Region(region_id, {k: v for k, v in names.items() if v}))
    return tuple(regions)


def _check_claim_regions(
    guide: Guide, regions: tuple[Region, ...], errors: list[ContentError]
) -> None:
    known = {r.id for r in regions}
    for lang, text in guide.texts.items():
        for claim in (*text.covers, *text.not_covered, *text.dates, *text.next):
            for region in claim.regions:
                if region not in known:
                    errors.append(
                        ContentError(
                            guide.path / f"{lang}.toml",
                            None,
                            f"region {region!r} is not in regions.toml "
                            f"(known: {', '.join(sorted(known)) or 'none'})",
                        )
                    )
