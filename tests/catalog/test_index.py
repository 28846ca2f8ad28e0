"""The catalog index: read instead of the guides while nothing changed, never trusted otherwise.

Every test works on real files in a temporary folder, with its own cache folder. "Read"
means the parser was asked for a file: ``tui.catalog.reading.read_toml`` is wrapped to count
calls (cache hits included), so a test sees exactly which files a step had to open.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from helpers.minimal import edit, write_minimal_guide

from tui.catalog import Cache, ContentInvalid, collect, load_catalog, reading
from tui.catalog import stored as index_module
from tui.catalog.lazy import LazyPart
from tui.catalog.reading import stamp_of

GUIDE = "linkedin-genai"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Which files were read (parsed or taken from the parse cache), by folder/name."""
    seen: Counter[str] = Counter()
    real = reading.read_toml

    def counting(path: Path, cache: reading.ParseCache | None = None) -> reading.Parsed:
        seen[f"{path.parent.name}/{path.name}"] += 1
        return real(path, cache)

    monkeypatch.setattr(reading, "read_toml", counting)
    monkeypatch.setattr("tui.catalog.fields.read_toml", counting)
    return seen


def touch(path: Path) -> None:
    """A new modification time, as an editor's save would give."""
    _, mtime = stamp_of(path)
    os.utime(path, ns=(mtime + 10**9, mtime + 10**9))


def test_second_load_reads_no_guide_file(content_copy: Path, tmp_path: Path, reads) -> None:
    cache = tmp_path / "cache"
    first, errors = collect([content_copy], cache=Cache(cache))
    assert errors == []
    cold = sum(reads.values())
    reads.clear()
    second, errors = collect([content_copy], cache=Cache(cache))
    assert errors == []
    print(f"files read: cold {cold}, warm {sum(reads.values())}")
    assert cold >= 9 and not reads  # the index answered: no guide, ui or regions file read
    assert (cache / "index-v1.json").exists()
    # What lists need is there without reading anything.
    assert [g.id for g in second.guides] == [g.id for g in first.guides]
    for guide in second.guides:
        assert isinstance(guide.steps, LazyPart)
        assert guide.listing("fr").title == first.guide(guide.id).text("fr").title
        assert guide.platform == first.guide(guide.id).platform
        assert guide.platform_name("en") == first.guide(guide.id).text("en").platform
    assert second.ui == first.ui and second.regions == first.regions
    assert not reads
    # Opening one guide reads that guide's files, and only them.
    opened = second.guide(GUIDE)
    assert opened.text("fr") == first.guide(GUIDE).text("fr")
    assert set(reads) == {f"{GUIDE}/guide.toml", f"{GUIDE}/en.toml", f"{GUIDE}/fr.toml"}
    assert second == first


def test_a_changed_file_is_checked_again(content_copy: Path, tmp_path: Path, reads) -> None:
    """The index is keyed by every file's size and time: an edit is never missed."""
    cache = tmp_path / "cache"
    collect([content_copy], cache=Cache(cache))
    fr = content_copy / GUIDE / "fr.toml"
    edit(fr, 'title = "', 'titre = "')  # same size, a missing title now
    touch(fr)
    reads.clear()
    _, errors = collect([content_copy], cache=Cache(cache))
    assert [e.message for e in errors] == ["missing text 'title'"]
    assert errors[0].path == fr
    assert f"{GUIDE}/fr.toml" in reads
    assert "linkedin-ads-microsoft/fr.toml" not in reads  # unchanged guides are not re-read
    # And again: a guide with errors is never kept in the index.
    _, again = collect([content_copy], cache=Cache(cache))
    assert [str(e) for e in again] == [str(e) for e in errors]


def test_same_size_same_second_is_still_a_change(content_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    collect([content_copy], cache=Cache(cache))
    en = content_copy / GUIDE / "en.toml"
    before = stamp_of(en)
    edit(en, 'title = "', 'titl3 = "')
    os.utime(en, ns=(before[1] + 1, before[1] + 1))  # one nanosecond later, same size
    _, errors = collect([content_copy], cache=Cache(cache))
    assert [e.message for e in errors] == ["missing text 'title'"]


def test_the_index_belongs_to_one_version(
    content_copy: Path, tmp_path: Path, reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    collect([content_copy], cache=Cache(cache))
    monkeypatch.setattr(index_module, "__version__", "99.0")
    reads.clear()
    collect([content_copy], cache=Cache(cache))
    assert f"{GUIDE}/guide.toml" in reads  # another version's index is not trusted
    stored = json.loads((cache / "index-v1.json").read_text("utf-8"))
    assert stored["app"] == "99.0"


def test_catalog_rules_run_on_every_load(content_copy: Path, tmp_path: Path) -> None:
    """A guide valid on its own, loaded twice beside a copy of itself: reported each time."""
    cache = tmp_path / "cache"
    extra = tmp_path / "extra"
    write_minimal_guide(extra, "demo", ui=False)
    twin = tmp_path / "twin"
    write_minimal_guide(twin, "demo", ui=False)
    for _ in range(2):
        _, errors = collect([content_copy, extra, twin], cache=Cache(cache))
        assert [e.message for e in errors] == ["guide 'demo' twice"]


def test_new_and_removed_guides(content_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    extra = tmp_path / "extra"
    write_minimal_guide(extra, "demo", ui=False)
    catalog, errors = collect([content_copy, extra], cache=Cache(cache))
    assert errors == [] and "demo" in [g.id for g in catalog.guides]
    write_minimal_guide(extra, "second", ui=False)
    catalog, errors = collect([content_copy, extra], cache=Cache(cache))
    assert errors == [] and "second" in [g.id for g in catalog.guides]
    for name in ("guide.toml", "en.toml", "fr.toml"):
        (extra / "demo" / name).unlink()
    (extra / "demo").rmdir()
    catalog, errors = collect([content_copy, extra], cache=Cache(cache))
    assert errors == [] and "demo" not in [g.id for g in catalog.guides]
    stored = json.loads((cache / "index-v1.json").read_text("utf-8"))
    assert str(extra / "demo") not in stored["guides"]  # a folder that is gone is forgotten


def test_a_guide_changed_after_start_is_refused_when_opened(
    content_copy: Path, tmp_path: Path
) -> None:
    """Listed from the index, then edited before it is opened: said plainly, not mixed up."""
    cache = tmp_path / "cache"
    collect([content_copy], cache=Cache(cache))
    catalog, errors = collect([content_copy], cache=Cache(cache))
    assert errors == []
    guide = content_copy / GUIDE / "guide.toml"
    old = next(g for g in catalog.guides if g.id == GUIDE).revision  # from the index: not opened
    new = old + 1
    edit(guide, f"revision = {old}", f"revision = {new}")
    edit(content_copy / GUIDE / "en.toml", "[changes]", f'[changes]\n{new} = "New."')
    edit(content_copy / GUIDE / "fr.toml", "[changes]", f'[changes]\n{new} = "Nouveau."')
    with pytest.raises(ContentInvalid) as info:
        catalog.guide(GUIDE)
    assert "changed on disk" in str(info.value)
    # A guide whose files still pass and still match the index opens normally.
    assert catalog.guide("linkedin-ads-microsoft").steps


def test_a_guide_broken_after_start_is_refused_when_opened(
    content_copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    collect([content_copy], cache=Cache(cache))
    catalog, _ = collect([content_copy], cache=Cache(cache))
    en = content_copy / GUIDE / "en.toml"
    edit(en, 'title = "Sign in to LinkedIn"', 'title = "Sign in \\u001b[2J"')
    with pytest.raises(ContentInvalid) as info:
        catalog.guide(GUIDE)
    assert [e.path for e in info.value.errors] == [en]


def test_load_catalog_without_cache_writes_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"  # the conftest's OPTOUT_TUI_CACHE_DIR
    catalog = load_catalog(cache=False)
    assert catalog.guides and not cache.exists()
    load_catalog()
    assert (cache / "index-v1.json").exists()


def test_index_file_is_private_and_replaced_not_written_through(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (cache / "index-v1.json").symlink_to(victim)
    load_catalog(cache=Cache(cache))
    assert victim.read_text() == "keep me"
    index = cache / "index-v1.json"
    assert not index.is_symlink() and json.loads(index.read_text("utf-8"))["guides"]
    assert index.stat().st_mode & 0o777 == 0o600


# Every test module of this folder and of tests/cli, imported as pytest would import it, with
# a home folder of its own and no OPTOUT_TUI_CACHE_DIR: nothing may be written in it.
MODULES = sorted(
    str(p.relative_to(ROOT / "tests"))[:-3].replace("/", ".")
    for folder in ("catalog", "cli")
    for p in (ROOT / "tests" / folder).glob("test_*.py")
)
PROBE = """
import importlib, sys
sys.path[:0] = [{tests!r}, {root!r}]
for name in {modules!r}:
    importlib.import_module(name)
print("imported", len({modules!r}))
"""


def test_importing_test_modules_writes_no_user_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPTOUT_TUI")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    code = PROBE.format(tests=str(ROOT / "tests"), root=str(ROOT), modules=MODULES)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    written = [str(p.relative_to(home)) for p in home.rglob("*")]
    print(f"{len(MODULES)} modules imported; written under HOME: {written}")
    assert written == []


def test_status_reads_only_the_index(reads, capsys: pytest.CaptureFixture[str]) -> None:
    """``optout-tui status``, run twice: the second run opens no content file at all."""
    from tui.cli import main

    assert main(["status"]) == 1
    first = capsys.readouterr().out
    assert reads  # the first run built the index
    reads.clear()
    assert main(["status", "--lang", "fr"]) == 1
    assert main(["status"]) == 1
    assert not reads
    assert capsys.readouterr().out.endswith(first)
