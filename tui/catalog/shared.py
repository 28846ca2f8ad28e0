"""The files a content folder shares with all its guides: interface strings and regions.

``ui.<lang>.toml`` holds the program's own words, one file per language, each with exactly
the keys and ``{placeholders}`` of the English one. ``regions.toml`` lists where an account
can be, named in every interface language, with the words that count as naming a region in
a claim. Every problem is appended to ``errors`` with the file and, where found, the line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .fields import FileCheck
from .model import _LANG, DEFAULT_LANGUAGE, ContentError, Region
from .reading import ParseCache


def load_ui(
    folder: Path, errors: list[ContentError], cache: ParseCache | None = None
) -> dict[str, dict[str, str]]:
    """Read every ``ui.<lang>.toml``; each must have exactly the keys of the English file."""
    found: dict[str, dict[str, str]] = {}
    files: dict[str, FileCheck] = {}
    for path in sorted(folder.glob("ui.*.toml")):
        lang = path.name[len("ui.") : -len(".toml")]
        if not _LANG.match(lang):
            errors.append(ContentError(path, None, f"{lang!r} is not a language code"))
            continue
        f = FileCheck(path, errors, cache, lang)
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
    reference_file = files.get(DEFAULT_LANGUAGE)
    if reference is None or reference_file is None:
        errors.append(ContentError(folder / f"ui.{DEFAULT_LANGUAGE}.toml", None, "missing"))
        return found
    keys = set(reference_file.data or {})  # a plural counts as one key
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


def _plural(f: FileCheck, key: str, forms: Mapping[str, Any]) -> dict[str, str]:
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


# --------------------------------------------------------------------------- regions


def load_regions(
    folder: Path,
    languages: Iterable[str],
    errors: list[ContentError],
    cache: ParseCache | None = None,
) -> tuple[Region, ...]:
    """``regions.toml``: the places whose facts differ, named in every interface language,
    each with the words that count as naming it in a claim (optional, per language)."""
    path = folder / "regions.toml"
    if not path.exists():
        return ()
    f = FileCheck(path, errors, cache)
    if f.data is None:
        return ()
    languages = list(languages)
    regions: list[Region] = []
    for _, where, item in f.array(
        f.data,
        "regions",
        "regions.toml needs a [[regions]] list",
        "each region must be a [[regions]] table",
    ):
        region_id = f.ident(item, where, "id")
        names = {}
        for lang in languages:
            f.lang = lang
            names[lang] = f.text(item, where, lang)
        f.lang = None
        words = _words(f, item, where, "words", languages)
        if region_id is None or not all(names.values()):
            continue
        if any(r.id == region_id for r in regions):
            f.at(where, "id", f"region {region_id!r} is listed twice")
            continue
        regions.append(
            Region(
                region_id,
                MappingProxyType({k: v for k, v in names.items() if v}),
                MappingProxyType(words),
            )
        )
    _words(f, f.data, "", "outside", languages)
    return tuple(regions)


def exclusion_words(folder: Path) -> dict[str, tuple[str, ...]]:
    """The words of ``regions.toml``'s ``outside`` table, per language ("outside", "hors"):
    a claim that uses one and names every region it leaves out names its own regions too.
    Only ``validate``'s warnings use them; ``load_regions`` has reported any mistake."""
    errors: list[ContentError] = []
    f = FileCheck(folder / "regions.toml", errors)
    if f.data is None:
        return {}
    table = f.data.get("outside", {})
    return _words(f, f.data, "", "outside", list(table) if isinstance(table, dict) else [])


def _words(
    f: FileCheck, parent: Mapping[str, Any], table_name: str, key: str, languages: list[str]
) -> dict[str, tuple[str, ...]]:
    """An optional table of word lists, one per interface language (``words.en = […]``)."""
    table = parent.get(key, {})
    where = f"{table_name}.{key}" if table_name else key
    if not isinstance(table, dict):
        f.at(table_name, key, f"'{where}' must be a table of word lists, one per language")
        return {}
    words: dict[str, tuple[str, ...]] = {}
    for lang in table:
        if lang not in languages:
            f.at(where, lang, f"'{where}.{lang}': no ui.{lang}.toml for this language")
            continue
        f.lang = lang
        listed = f.labels(table, where, lang)
        f.lang = None
        if listed:
            words[lang] = listed
    return words
