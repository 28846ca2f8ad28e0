"""The index file: what the cache keeps of each guide, and when it may be used again.

Per guide folder: the size and modification time of each of its files, what lists show
(``summary``), and the regions its claims name; per content folder: its interface strings
and regions. An entry is used only while every stamp matches and the program's version is
the one that wrote it; otherwise the files are read and checked again and the entry
replaced. A guide taken from the index gets its full text read, and checked again, when it
is first opened. Entries of folders that are gone are dropped when the file is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import __version__
from .lazy import GuideLoader, Parts, lazy_parts
from .model import ContentError, ContentInvalid, Device, Guide, GuideListing, Region
from .reading import ParseCache, Stamp, default_cache_dir, read_json, write_private

INDEX_VERSION = 1
INDEX_NAME = f"index-v{INDEX_VERSION}.json"


def default_index_file() -> Path:
    """The catalog index in the user's cache folder: the cache file ``locate`` shows."""
    return default_cache_dir() / INDEX_NAME


class Cache:
    """The cache folder, passed in explicitly: the catalog index and the parse cache."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_cache_dir()
        self.parsed = ParseCache(self.folder)
        self.index_file = self.folder / INDEX_NAME


class StoredIndex:
    """The stored index while ``collect`` runs: what it can reuse, and what it learned."""

    def __init__(self, cache: Cache | None, fresh: bool | Iterable[Path]) -> None:
        self.cache = cache
        self.fresh_all = fresh is True
        self.fresh = [] if isinstance(fresh, bool) else [Path(p) for p in fresh]
        self.changed = False
        self.seen: set[str] = set()  # guide folders met in this run
        self.folders: set[str] = set()  # content folders whose guide list was read
        self.guides: dict[str, Any] = {}
        self.roots: dict[str, Any] = {}
        stored = read_json(cache.index_file) if cache else None
        if (
            isinstance(stored, dict)
            and stored.get("version") == INDEX_VERSION
            and stored.get("app") == __version__
        ):
            guides, roots = stored.get("guides"), stored.get("roots")
            if isinstance(guides, dict):
                self.guides = {k: v for k, v in guides.items() if isinstance(v, dict)}
            if isinstance(roots, dict):
                self.roots = {k: v for k, v in roots.items() if isinstance(v, dict)}

    def trusted(self, folder: Path) -> bool:
        """May this folder's checked data be taken from the index?"""
        if self.fresh_all:
            return False
        return not any(folder == f or f in folder.parents for f in self.fresh)

    @property
    def parsed(self) -> ParseCache | None:
        return self.cache.parsed if self.cache else None

    def ui(self, folder: Path, errors: list[ContentError]) -> dict[str, dict[str, str]]:
        files = sorted(p.name for p in folder.glob("ui.*.toml"))
        stamps = _stamps(folder, files)
        entry = self.roots.get(str(folder), {})
        stored = entry.get("ui")
        if self.trusted(folder) and entry.get("ui_stamps") == stamps and _string_tables(stored):
            return stored  # type: ignore[no-any-return]
        from .shared import load_ui

        before = len(errors)
        strings = load_ui(folder, errors, self.parsed)
        self._store_root(folder, "ui", strings, stamps, ok=len(errors) == before)
        return strings

    def regions(
        self, folder: Path, languages: Iterable[str], errors: list[ContentError]
    ) -> tuple[Region, ...]:
        wanted = sorted(languages)
        stamps = [*_stamps(folder, ["regions.toml"]), wanted]
        entry = self.roots.get(str(folder), {})
        if self.trusted(folder) and entry.get("regions_stamps") == stamps:
            try:
                return tuple(_region(r) for r in entry["regions"])
            except (KeyError, TypeError, ValueError):
                pass  # an entry of another shape: read regions.toml again
        from .shared import load_regions

        before = len(errors)
        regions = load_regions(folder, wanted, errors, self.parsed)
        stored = [[r.id, dict(r.names), {k: list(v) for k, v in r.words.items()}] for r in regions]
        self._store_root(folder, "regions", stored, stamps, ok=len(errors) == before)
        return regions

    def _store_root(self, folder: Path, part: str, value: Any, stamps: Any, ok: bool) -> None:
        entry = self.roots.setdefault(str(folder), {})
        entry.pop(f"{part}_stamps", None)
        if ok:
            entry[part], entry[f"{part}_stamps"] = value, stamps
        self.changed = True

    def guide(
        self, folder: Path, errors: list[ContentError]
    ) -> tuple[Guide, Mapping[str, tuple[str, ...]]] | None:
        """One guide: from the index if its files are unchanged, else read and checked."""
        self.seen.add(str(folder))
        entry = self.guides.get(str(folder))
        if self.trusted(folder) and isinstance(entry, dict):
            stamps = entry.get("stamps")
            if isinstance(stamps, dict) and stamps == _stamps(folder, list(stamps)):
                try:
                    return self._lazy(folder, entry), _claims(entry)
                except (KeyError, TypeError, ValueError):
                    pass  # an index entry of another shape: check the guide again
        from .checks import load_guide
        from .crosscheck import claim_regions

        before = len(errors)
        guide = load_guide(folder, errors, self.parsed)
        self.guides.pop(str(folder), None)
        self.changed = True
        if guide is None or len(errors) > before:
            return None
        used = claim_regions(guide)
        names = ["guide.toml", *(f"{lang}.toml" for lang in guide.languages)]
        self.guides[str(folder)] = {
            "stamps": _stamps(folder, names),
            "guide": summary(guide),
            "claims": {k: list(v) for k, v in used.items()},
        }
        return guide, used

    def _lazy(self, folder: Path, entry: dict[str, Any]) -> Guide:
        expected = entry["guide"]
        claims = _claims(entry)
        parsed = self.parsed

        def open_parts() -> Parts:
            from .checks import load_guide
            from .crosscheck import claim_regions

            errors: list[ContentError] = []
            guide = load_guide(folder, errors, parsed)
            if parsed is not None:
                parsed.save()
            if guide is None:
                raise ContentInvalid(errors)
            if summary(guide) != expected or claim_regions(guide) != claims:
                raise ContentInvalid([ContentError(folder, None, CHANGED)])
            return guide.steps, guide.sources, guide.texts

        steps, sources, texts = lazy_parts(GuideLoader(folder, open_parts))
        return _from_summary(expected, folder)._replace(steps=steps, sources=sources, texts=texts)

    def listed(self, folder: Path) -> None:
        """The guides of ``folder`` were listed: any other it had before is gone."""
        self.folders.add(str(folder))

    def save(self) -> None:
        """Write the index if it learned something; forget folders that are gone."""
        if self.cache is None:
            return
        self.cache.parsed.save()
        gone = [
            key
            for key in self.guides
            if key not in self.seen and os.path.dirname(key) in self.folders
        ]
        for key in gone:
            del self.guides[key]
        if not (self.changed or gone):
            return
        self.guides = {k: v for k, v in self.guides.items() if os.path.isdir(k)}
        self.roots = {k: v for k, v in self.roots.items() if os.path.isdir(k)}
        payload = {
            "version": INDEX_VERSION,
            "app": __version__,
            "guides": self.guides,
            "roots": self.roots,
        }
        if write_private(self.cache.index_file, json.dumps(payload, ensure_ascii=False).encode()):
            self.cache.parsed.keep_only({*self.guides, *self.roots})


CHANGED = "this guide changed on disk since the catalog was read: start optout-tui again"


def _stamps(folder: Path, names: list[str]) -> Any:
    """Each file's [size, mtime_ns] (None when it is missing): the index's key."""
    found: dict[str, list[int] | None] = {}
    for name in names:
        try:
            st = os.stat(folder / name)
            stamp: Stamp = (st.st_size, st.st_mtime_ns)
            found[name] = list(stamp)
        except OSError:
            found[name] = None
    return found


def _string_tables(value: Any) -> bool:
    """A mapping of language -> mapping of key -> text, as the index stores ui strings."""
    return isinstance(value, dict) and all(
        isinstance(t, dict) and all(isinstance(v, str) for v in t.values()) for t in value.values()
    )


def _claims(entry: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(ids) for lang, ids in entry["claims"].items()}


def _region(stored: list[Any]) -> Region:
    region_id, names, words = stored
    return Region(
        region_id,
        MappingProxyType(dict(names)),
        MappingProxyType({k: tuple(v) for k, v in words.items()}),
    )


def summary(guide: Guide) -> dict[str, Any]:
    """What the index keeps of a guide: everything but the full text, as JSON data."""
    return {
        "id": guide.id,
        "revision": guide.revision,
        "last_verified": guide.last_verified.isoformat(),
        "languages": list(guide.languages),
        "link": guide.link,
        "devices": [[d.id, list(d.steps)] for d in guide.devices],
        "order": guide.order,
        "platform": guide.platform,
        "regions": list(guide.regions),
        "stale_after": guide.stale_after,
        "related": list(guide.related),
        "listings": {
            lang: {
                "title": listing.title,
                "platform": listing.platform,
                "devices": dict(listing.devices),
                "changes": {str(k): v for k, v in listing.changes.items()},
            }
            for lang, listing in ((lang, guide.listing(lang)) for lang in guide.languages)
        },
    }


def _from_summary(data: Mapping[str, Any], folder: Path) -> Guide:
    empty: Mapping[Any, Any] = MappingProxyType({})
    return Guide(
        id=data["id"],
        revision=data["revision"],
        last_verified=date.fromisoformat(data["last_verified"]),
        languages=tuple(data["languages"]),
        link=data["link"],
        devices=tuple(Device(d, tuple(steps)) for d, steps in data["devices"]),
        steps=empty,
        sources=empty,
        texts=empty,
        path=folder,
        order=data["order"],
        platform=data["platform"],
        regions=tuple(data["regions"]),
        stale_after=data["stale_after"],
        related=tuple(data["related"]),
        listings=MappingProxyType(
            {
                lang: GuideListing(
                    item["title"],
                    item["platform"],
                    MappingProxyType(dict(item["devices"])),
                    MappingProxyType({int(k): v for k, v in item["changes"].items()}),
                )
                for lang, item in data["listings"].items()
            }
        ),
    )
