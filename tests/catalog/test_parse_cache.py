"""The parse cache may only ever save time: same results, fresh on change, harmless if broken."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from tui.catalog import Cache, collect
from tui.catalog.reading import ParseCache, stamp_of


def _catalog_twice(content: Path, folder: Path):
    first = collect([content], cache=Cache(folder))
    second = collect([content], cache=Cache(folder))
    return first, second


def _parsed_files(folder: Path) -> dict[str, dict]:
    """Every parse-cache file: the content folder it belongs to -> its stored files."""
    stored = {}
    for path in (folder / "parsed").glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        stored[data["dir"]] = data["files"]
    return stored


def test_cached_load_equals_a_fresh_parse(content_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    (fresh, fresh_errors), (cached, cached_errors) = _catalog_twice(content_copy, folder)
    assert fresh_errors == cached_errors == []
    stored = _parsed_files(folder)
    files = sum(len(v) for v in stored.values())
    print(f"parse-cache files: {len(stored)} folders, {files} files")
    assert files >= 9  # ui, regions and every guide file
    assert str(content_copy / "linkedin-genai") in stored  # one cache file per folder
    assert cached == fresh  # dates (last_verified) survive the JSON round trip
    assert cached.guides[0].last_verified == fresh.guides[0].last_verified
    plain, _ = collect([content_copy])  # no cache at all
    assert plain == cached


def test_an_edited_file_is_parsed_again(content_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    collect([content_copy], cache=Cache(folder))
    en = content_copy / "linkedin-genai" / "en.toml"
    text = en.read_text("utf-8").replace(
        'title = "Sign in to LinkedIn"', 'title = "Sign in to LinkedIn now"'
    )
    en.write_text(text, "utf-8")
    before = stamp_of(en)
    os.utime(en, ns=(before[1] + 10**9, before[1] + 10**9))
    catalog, errors = collect([content_copy], cache=Cache(folder))
    assert errors == []
    assert catalog.guide("linkedin-genai").steps["sign-in"].text["en"].title.endswith("now")


def test_errors_from_a_cached_file_still_name_the_line(content_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    guide = content_copy / "linkedin-genai" / "guide.toml"
    text = guide.read_text("utf-8")
    text = re.sub(r"^revision = [0-9]+$", 'revision = "one"', text, count=1, flags=re.M)
    guide.write_text(text, "utf-8")
    _, first = collect([content_copy], cache=Cache(folder))
    _, second = collect([content_copy], cache=Cache(folder))  # valid TOML: parse cached
    line = next(
        n for n, t in enumerate(guide.read_text("utf-8").splitlines(), 1) if "revision" in t
    )
    assert [str(e) for e in first] == [str(e) for e in second]
    assert any(e.line == line and "revision" in e.message for e in second)


def test_a_damaged_or_unwritable_cache_is_ignored(content_copy: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    (damaged / "parsed").mkdir(parents=True)
    (damaged / "index-v1.json").write_bytes(b"\x00{not json")
    collect([content_copy], cache=Cache(damaged))  # fills the parse cache
    for path in (damaged / "parsed").glob("*.json"):
        path.write_bytes(b"[1, 2")
    catalog, errors = collect([content_copy], cache=Cache(damaged))
    shipped = len([p for p in content_copy.iterdir() if (p / "guide.toml").is_file()])
    assert errors == [] and len(catalog.guides) == shipped
    assert catalog.guide("linkedin-genai").steps["sign-in"].text["en"].title  # read again
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    unwritable = blocker / "cache"  # its folder cannot be made
    catalog, errors = collect([content_copy], cache=Cache(unwritable))
    shipped = len([p for p in content_copy.iterdir() if (p / "guide.toml").is_file()])
    assert errors == [] and len(catalog.guides) == shipped
    assert not unwritable.exists()


def test_files_that_are_gone_are_forgotten(content_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    cache = ParseCache(folder)
    (tmp_path / "gone").mkdir()
    cache.put(tmp_path / "gone" / "gone.toml", (1, 1), {"x": 1})
    cache.put(content_copy / "ghost.toml", (1, 1), {"x": 1})
    cache.save()
    assert str(tmp_path / "gone") not in _parsed_files(folder)  # its only file is gone
    collect([content_copy], cache=Cache(folder))
    stored = _parsed_files(folder)
    assert "ghost.toml" not in stored.get(str(content_copy), {})
    assert any("guide.toml" in files for files in stored.values())


def test_a_folder_that_is_gone_loses_its_cache_file(content_copy: Path, tmp_path: Path) -> None:
    """The index is the list of folders the cache keeps: the rest is deleted with it."""
    folder = tmp_path / "c"
    extra = tmp_path / "extra"
    (extra).mkdir()
    os.rename(content_copy / "linkedin-objection-form", extra / "linkedin-objection-form")
    collect([content_copy, extra], cache=Cache(folder))
    assert str(extra / "linkedin-objection-form") in _parsed_files(folder)
    os.rename(extra / "linkedin-objection-form", content_copy / "linkedin-objection-form")
    collect([content_copy], cache=Cache(folder))
    assert str(extra / "linkedin-objection-form") not in _parsed_files(folder)


def test_a_table_using_the_cache_marker_survives(content_copy: Path, tmp_path: Path) -> None:
    """A key of the file named like the cache's own date marker is kept as written."""
    cache = ParseCache(tmp_path / "c")
    path = content_copy / "ui.en.toml"
    data = {"t": {"__toml__": "date", "value": "not a date"}}
    cache.put(path, stamp_of(path), data)
    cache.save()
    assert ParseCache(tmp_path / "c").get(path, stamp_of(path)) == data
