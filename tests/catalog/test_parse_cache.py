"""The parse cache may only ever save time: same results, fresh on change, harmless if broken."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.catalog import collect
from tui.catalog.reading import TomlCache, stamp_of


def _catalog_twice(content: Path, cache_file: Path):
    first = collect([content], cache=TomlCache(cache_file))
    second = collect([content], cache=TomlCache(cache_file))
    return first, second


def test_cached_load_equals_a_fresh_parse(content_copy: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "c" / "content-v1.json"
    (fresh, fresh_errors), (cached, cached_errors) = _catalog_twice(content_copy, cache_file)
    assert fresh_errors == cached_errors == []
    assert cache_file.exists()
    stored = json.loads(cache_file.read_text("utf-8"))
    assert len(stored["files"]) >= 9  # ui, regions and every guide file
    assert cached == fresh  # dates (last_verified) survive the JSON round trip
    assert cached.guides[0].last_verified == fresh.guides[0].last_verified
    plain, _ = collect([content_copy])  # no cache at all
    assert plain == cached


def test_an_edited_file_is_parsed_again(content_copy: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "content-v1.json"
    collect([content_copy], cache=TomlCache(cache_file))
    en = content_copy / "linkedin-genai" / "en.toml"
    text = en.read_text("utf-8").replace(
        'title = "Sign in to LinkedIn"', 'title = "Sign in to LinkedIn now"'
    )
    en.write_text(text, "utf-8")
    before = stamp_of(en)
    os.utime(en, ns=(before[1] + 10**9, before[1] + 10**9))
    catalog, errors = collect([content_copy], cache=TomlCache(cache_file))
    assert errors == []
    assert catalog.guide("linkedin-genai").steps["sign-in"].text["en"].title.endswith("now")


def test_errors_from_a_cached_file_still_name_the_line(content_copy: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "content-v1.json"
    guide = content_copy / "linkedin-genai" / "guide.toml"
    guide.write_text(guide.read_text("utf-8").replace("revision = 1", 'revision = "one"'), "utf-8")
    _, first = collect([content_copy], cache=TomlCache(cache_file))
    _, second = collect([content_copy], cache=TomlCache(cache_file))  # valid TOML: cached
    line = next(
        n for n, t in enumerate(guide.read_text("utf-8").splitlines(), 1) if "revision" in t
    )
    assert [str(e) for e in first] == [str(e) for e in second]
    assert any(e.line == line and "revision" in e.message for e in second)


def test_a_damaged_or_unwritable_cache_is_ignored(content_copy: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "content-v1.json"
    damaged.write_bytes(b"\x00{not json")
    catalog, errors = collect([content_copy], cache=TomlCache(damaged))
    assert errors == [] and len(catalog.guides) == 3
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    unwritable = blocker / "cache" / "content-v1.json"  # its folder cannot be made
    catalog, errors = collect([content_copy], cache=TomlCache(unwritable))
    assert errors == [] and len(catalog.guides) == 3
    assert not unwritable.exists()


def test_files_that_are_gone_are_forgotten(content_copy: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "content-v1.json"
    cache = TomlCache(cache_file)
    cache.put(tmp_path / "gone.toml", (1, 1), {"x": 1})
    collect([content_copy], cache=cache)
    stored = json.loads(cache_file.read_text("utf-8"))["files"]
    assert str(tmp_path / "gone.toml") not in stored
    assert any(key.endswith("guide.toml") for key in stored)
