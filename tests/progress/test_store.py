"""The progress store against real folders: ticks persist, damage is set aside, nothing is lost.

No file system is mocked. A full disk is simulated by injecting one failing call
(``os.fsync`` or ``os.replace`` raising ENOSPC), an unreadable file by one failing ``open``;
everything else uses real files, modes and locks in pytest's temporary folder.

The machine these tests were written on runs them as root, which ignores file permissions:
the test that needs a real unreadable file skips itself under root, and an unwritable data
folder is made by putting it under a regular file (mkdir then fails with ENOTDIR), which
stops root too. Everything here is fast: there is no slow variant, so OPTOUT_TUI_FULL makes
no difference to this file.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers.bounded import HOLDER

from tui.progress import files
from tui.progress import store as progress
from tui.progress.store import (
    MAX_BYTES,
    ProgressError,
    ProgressStore,
    ReadOnlyError,
    UnsavedError,
    default_data_dir,
)

G, D = "demo", "desktop"
EMPTY = {"schema": 1, "guides": {}}


def on_disk(store: ProgressStore) -> dict:
    return json.loads(store.path.read_bytes())


def disk_ticks(store: ProgressStore, guide: str = G, device: str = D) -> dict[str, str]:
    return on_disk(store)["guides"][guide]["devices"][device]["ticks"]


def disk_record(store: ProgressStore, guide: str = G, device: str = D) -> dict:
    return on_disk(store)["guides"][guide]["devices"][device]


def fresh(store: ProgressStore) -> ProgressStore:
    """A second store on the same folder, as the next run of the program would make."""
    other = ProgressStore(store.dir)
    other.load()
    assert other.recovered is None
    return other


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    s = ProgressStore(data_dir)
    s.load()
    return s


# --------------------------------------------------------------------------- basics


def test_default_data_dir_comes_from_the_environment(data_dir: Path) -> None:
    assert default_data_dir() == data_dir
    assert ProgressStore().dir == data_dir


def test_new_store_is_empty_and_writes_nothing(store: ProgressStore) -> None:
    assert store.data == EMPTY
    assert store.ticks(G, D) == {}
    assert store.language is None
    assert not store.read_only and store.recovered is None and not store.unsaved
    assert not store.dir.exists(), "loading must not create the data folder"


def test_tick_persists(store: ProgressStore) -> None:
    store.set_tick(G, D, "step-1", True, 3)
    store.set_tick(G, D, "step-2", True, 3)
    other = fresh(store)
    ticks = other.ticks(G, D)
    print(f"ticks on disk: {ticks}")
    assert set(ticks) == {"step-1", "step-2"}
    for stamp in ticks.values():
        moment = datetime.fromisoformat(stamp)
        assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0
    assert other.device(G, D).revision == 3
    assert other.data == store.data == on_disk(store)


def test_untick(store: ProgressStore) -> None:
    store.set_tick(G, D, "step-1", True, 1)
    store.set_tick(G, D, "step-2", True, 1)
    store.set_tick(G, D, "step-1", False, 1)
    assert set(disk_ticks(store)) == {"step-2"}
    store.set_tick(G, D, "never-ticked", False, 1)  # unticking nothing is harmless
    assert set(fresh(store).ticks(G, D)) == {"step-2"}


def test_tick_keeps_its_first_time(store: ProgressStore) -> None:
    old = "2020-01-01T00:00:00+00:00"
    store.dir.mkdir(parents=True)
    record = {"ticks": {"step-1": old}, "revision": 1}
    store.path.write_text(json.dumps({"schema": 1, "guides": {G: {"devices": {D: record}}}}))
    store.load()
    store.set_tick(G, D, "step-1", True, 2)
    assert disk_ticks(store)["step-1"] == old
    assert on_disk(store)["guides"][G]["devices"][D]["revision"] == 2
    store.set_tick(G, D, "step-1", False, 2)
    store.set_tick(G, D, "step-1", True, 2)
    assert disk_ticks(store)["step-1"] != old


def test_devices_and_guides_are_separate(store: ProgressStore) -> None:
    store.set_tick(G, "desktop", "a", True, 1)
    store.set_tick(G, "mobile", "b", True, 1)
    store.set_tick("other", "desktop", "c", True, 1)
    other = fresh(store)
    assert set(other.ticks(G, "desktop")) == {"a"}
    assert set(other.ticks(G, "mobile")) == {"b"}
    assert set(other.ticks("other", "desktop")) == {"c"}


def test_language_saved(store: ProgressStore) -> None:
    store.set_language("fr")
    assert store.language == "fr"
    assert on_disk(store)["language"] == "fr"
    assert fresh(store).language == "fr"


def test_modes(store: ProgressStore) -> None:
    store.set_tick(G, D, "step-1", True, 1)
    modes = {
        "dir": stat.S_IMODE(store.dir.stat().st_mode),
        "file": stat.S_IMODE(store.path.stat().st_mode),
        "lock": stat.S_IMODE(store.lock_path.stat().st_mode),
    }
    print({k: oct(v) for k, v in modes.items()})
    assert modes == {"dir": 0o700, "file": 0o600, "lock": 0o600}


def test_existing_world_readable_file_becomes_private(store: ProgressStore) -> None:
    store.dir.mkdir(parents=True)
    store.path.write_text(json.dumps(EMPTY))
    store.path.chmod(0o644)
    store.set_tick(G, D, "step-1", True, 1)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_no_temporary_files_left(store: ProgressStore) -> None:
    for n in range(10):
        store.set_tick(G, D, f"s{n}", True, 1)
        store.set_tick(G, D, f"s{n}", n % 2 == 0, 1)
    store.set_language("fr")
    store.mark_complete(G, D, 1)
    store.clear_complete(G, D)
    names = sorted(p.name for p in store.dir.iterdir())
    print(f"files after 24 writes: {names}")
    assert names == ["progress.json", "progress.json.lock"]
    assert set(disk_ticks(store)) == {f"s{n}" for n in range(0, 10, 2)}


def test_unknown_keys_survive(store: ProgressStore) -> None:
    original = {
        "schema": 1,
        "from_the_future": {"nested": [1, 2, {"x": None}]},
        "language": "fr",
        "guides": {
            G: {
                "future_guide_key": "kept",
                "devices": {
                    D: {
                        "ticks": {"step-gone-in-new-revision": "2020-01-01T00:00:00+00:00"},
                        "revision": 1,
                        "future_device_key": [True, "é"],
                    },
                },
            },
            "guide-not-installed": {"devices": {"tv": {"ticks": {"x": "t"}}}, "note": 5},
        },
    }
    store.dir.mkdir(parents=True)
    store.path.write_text(json.dumps(original), encoding="utf-8")
    store.load()
    store.set_tick(G, D, "step-1", True, 1)
    store.set_tick(G, "mobile", "step-1", True, 1)
    store.mark_complete(G, D, 1)
    data = on_disk(store)
    record = data["guides"][G]["devices"][D]
    assert set(record["ticks"]) == {"step-gone-in-new-revision", "step-1"}
    for key in ("ticks", "completed", "completed_revision"):
        record.pop(key)
    del data["guides"][G]["devices"]["mobile"]
    original_record = original["guides"][G]["devices"][D]
    original_record.pop("ticks")
    assert data == original
    assert "é" in store.path.read_text(encoding="utf-8")  # not \u-escaped


def test_mark_and_clear_complete(store: ProgressStore) -> None:
    store.set_tick(G, D, "step-1", True, 1)
    store.mark_complete(G, D, 2)
    record = fresh(store).device(G, D)
    first = record.completed
    assert first is not None
    assert datetime.fromisoformat(first).utcoffset().total_seconds() == 0
    assert record.completed_revision == 2
    store.mark_complete(G, D, 3)
    record = fresh(store).device(G, D)
    assert record.completed == first  # the first completion is kept
    assert record.completed_revision == 3
    store.clear_complete(G, D)
    assert "completed" not in disk_record(store) and "completed_revision" not in disk_record(store)
    record = fresh(store).device(G, D)
    assert record.completed is None and record.completed_revision is None
    assert set(record.ticks) == {"step-1"}


def test_changed_on_disk(store: ProgressStore) -> None:
    other = ProgressStore(store.dir)
    other.load()
    assert not store.changed_on_disk()
    other.set_tick(G, D, "from-other", True, 1)
    assert store.changed_on_disk()
    assert not other.changed_on_disk()  # its own write
    store.load()
    assert not store.changed_on_disk()
    assert set(store.ticks(G, D)) == {"from-other"}
    store.set_tick(G, D, "mine", True, 1)
    assert not store.changed_on_disk()
    assert other.changed_on_disk()


# --------------------------------------------------------------------------- reset


def test_reset_keeps_a_backup(store: ProgressStore) -> None:
    assert store.reset() is None  # nothing to reset
    store.set_tick(G, D, "step-1", True, 1)
    before = store.path.read_bytes()
    backup = store.reset()
    print(f"backup: {backup}")
    assert backup is not None and backup.parent == store.dir
    assert backup.name.startswith("progress.json.backup-")
    assert backup.read_bytes() == before
    assert not store.path.exists()
    assert store.data == EMPTY
    assert fresh(store).data == EMPTY
    assert store.reset() is None


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return datetime(2026, 11, 23, 12, 0, 0, tzinfo=tz or UTC)


def test_two_resets_in_one_second_keep_both_backups(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "datetime", _FrozenClock)  # the clock, not the disk
    store.set_tick(G, D, "first", True, 1)
    first = store.reset()
    store.set_tick(G, D, "second", True, 1)
    second = store.reset()
    backups = sorted(p.name for p in store.dir.glob("progress.json.backup-*"))
    print(f"backups: {backups}")
    assert first != second
    assert len(backups) == 2
    kept = [json.loads((store.dir / name).read_bytes()) for name in backups]
    assert sorted(set(k["guides"][G]["devices"][D]["ticks"]).pop() for k in kept) == [
        "first",
        "second",
    ]


# --------------------------------------------------------------------------- damaged files


def _shape(data: object) -> bytes:
    return json.dumps(data).encode()


def _device(record: object) -> bytes:
    return _shape({"schema": 1, "guides": {G: {"devices": {D: record}}}})


VALID = _device({"ticks": {"step-1": "2026-01-01T00:00:00+00:00"}, "revision": 1})

DAMAGED = [
    ("empty", b"", "it is empty"),
    ("blank", b"  \n\t\n", "it is empty"),
    ("truncated", VALID[: len(VALID) // 2], "not valid JSON at line 1"),
    ("not-json", b"hello, world\n", "not valid JSON at line 1"),
    ("nul-bytes", b"\x00" * 4096, "not valid JSON"),
    ("binary", bytes(range(256)) * 16, "it is not UTF-8 text"),
    ("top-list", b"[]", "the top level is not a JSON object"),
    ("top-string", b'"progress"', "the top level is not a JSON object"),
    ("no-schema", _shape({"guides": {}}), '"schema" is missing or not a number'),
    ("schema-text", _shape({"schema": "1", "guides": {}}), '"schema" is missing or not a number'),
    ("schema-bool", _shape({"schema": True}), '"schema" is missing or not a number'),
    ("schema-zero", _shape({"schema": 0}), '"schema" 0 is not a known version'),
    ("language-number", _shape({"schema": 1, "language": 5}), '"language" is not text'),
    ("guides-list", _shape({"schema": 1, "guides": []}), '"guides" is not an object'),
    ("guide-list", _shape({"schema": 1, "guides": {G: []}}), f'guide "{G}" is not an object'),
    ("devices-list", _shape({"schema": 1, "guides": {G: {"devices": []}}}), "is not an object"),
    ("device-list", _device([]), f'guide "{G}", device "{D}" is not an object'),
    ("ticks-list", _device({"ticks": ["step-1"]}), '"ticks" is not an object of step → time'),
    ("ticks-numbers", _device({"ticks": {"step-1": 1}}), '"ticks" is not an object of step'),
    ("revision-text", _device({"ticks": {}, "revision": "1"}), '"revision" is not a number'),
]


def _check_set_aside(store: ProgressStore, before: bytes, reason: str) -> Path:
    assert store.data == EMPTY
    rec = store.recovered
    assert rec is not None, "the damage went unnoticed"
    print(f"reason: {rec.reason!r} -> {rec.moved_to.name}")
    assert reason in rec.reason
    assert rec.path == store.path
    assert rec.moved_to.parent == store.dir
    assert rec.moved_to.name.startswith("progress.json.damaged-")
    assert not store.path.exists()
    assert rec.moved_to.read_bytes() == before
    # the store goes on: the next tick writes a fresh, readable file
    store.set_tick(G, D, "after", True, 1)
    assert on_disk(store) == {
        "schema": 1,
        "guides": {G: {"devices": {D: {"ticks": disk_ticks(store), "revision": 1}}}},
    }
    assert set(fresh(store).ticks(G, D)) == {"after"}
    assert rec.moved_to.read_bytes() == before  # and the damaged copy is left alone
    return rec.moved_to


@pytest.mark.parametrize(
    ("content", "reason"), [c[1:] for c in DAMAGED], ids=[c[0] for c in DAMAGED]
)
def test_damaged_file_is_set_aside(store: ProgressStore, content: bytes, reason: str) -> None:
    store.dir.mkdir(parents=True)
    store.path.write_bytes(content)
    store.load()
    _check_set_aside(store, content, reason)


def test_huge_file_is_set_aside(store: ProgressStore) -> None:
    store.dir.mkdir(parents=True)
    head = VALID[:-1] + b", "
    with open(store.path, "wb") as handle:  # sparse: costs no disk space
        handle.write(head)
        handle.truncate(MAX_BYTES + 1)
    size = store.path.stat().st_size
    before = digest(store.path)
    store.load()
    rec = store.recovered
    assert rec is not None
    print(f"{size} bytes: {rec.reason!r}")
    assert "larger than 8 MiB" in rec.reason
    assert rec.moved_to.stat().st_size == size
    assert digest(rec.moved_to) == before
    store.set_tick(G, D, "after", True, 1)
    assert set(fresh(store).ticks(G, D)) == {"after"}


def test_file_exactly_max_bytes_is_not_too_large(store: ProgressStore) -> None:
    """The limit is on size alone: a valid file padded to MAX_BYTES with blanks still loads."""
    store.dir.mkdir(parents=True)
    store.path.write_bytes(VALID + b" " * (MAX_BYTES - len(VALID)))
    assert store.path.stat().st_size == MAX_BYTES
    store.load()
    assert store.recovered is None
    assert set(store.ticks(G, D)) == {"step-1"}


def test_folder_in_place_of_the_file(store: ProgressStore) -> None:
    store.path.mkdir(parents=True)
    (store.path / "inside.txt").write_text("keep me")
    store.load()
    rec = store.recovered
    assert rec is not None
    print(f"reason: {rec.reason!r}")
    assert rec.reason == "a folder stands where the progress file should be"
    assert rec.moved_to.is_dir()
    assert (rec.moved_to / "inside.txt").read_text() == "keep me"
    store.set_tick(G, D, "after", True, 1)
    assert set(fresh(store).ticks(G, D)) == {"after"}


def test_two_damaged_files_both_kept(store: ProgressStore) -> None:
    store.dir.mkdir(parents=True)
    store.path.write_bytes(b"first damage")
    store.load()
    first = store.recovered
    store.path.write_bytes(b"second damage")
    store.load()
    second = store.recovered
    assert first is not None and second is not None
    assert first.moved_to != second.moved_to
    assert first.moved_to.read_bytes() == b"first damage"
    assert second.moved_to.read_bytes() == b"second damage"


def test_damage_found_while_writing(store: ProgressStore) -> None:
    """Another program breaks the file between two ticks: set aside, the new tick saved.

    The window still knows what the file held before the damage, so that is kept too.
    """
    store.set_tick(G, D, "before", True, 1)
    store.path.write_bytes(b'{"schema": 1, "guides": ')
    store.set_tick(G, D, "after", True, 1)
    rec = store.recovered
    assert rec is not None and rec.moved_to.read_bytes() == b'{"schema": 1, "guides": '
    assert set(fresh(store).ticks(G, D)) == {"before", "after"}


def test_deeply_nested_file_is_set_aside(store: ProgressStore) -> None:
    store.dir.mkdir(parents=True)
    content = b"[" * 100_000
    store.path.write_bytes(content)
    store.load()
    _check_set_aside(store, content, "JSON")


# --------------------------------------------------------------------------- newer schema


def test_newer_schema_is_read_only(store: ProgressStore) -> None:
    future = {
        "schema": 2,
        "guides": {G: {"devices": {D: {"ticks": {"step-1": "t"}, "shape": "new"}}}},
        "new": [1],
    }
    store.dir.mkdir(parents=True)
    store.path.write_text(json.dumps(future))
    before = store.path.read_bytes()
    store.load()
    assert store.read_only
    assert store.recovered is None
    assert store.data == future
    attempts: list[Callable[[], object]] = [
        lambda: store.set_tick(G, D, "step-2", True, 1),
        lambda: store.set_tick(G, D, "step-1", False, 1),
        lambda: store.set_language("fr"),
        lambda: store.mark_complete(G, D, 1),
        lambda: store.clear_complete(G, D),
        store.reset,
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyError) as info:
            attempt()
    print(f"message: {info.value}")
    assert str(store.path) in str(info.value) and "schema 2" in str(info.value)
    assert store.path.read_bytes() == before
    names = {p.name for p in store.dir.iterdir()}
    assert names <= {"progress.json", "progress.json.lock"}, names  # no backup, no temp file


def test_newer_schema_found_while_writing(store: ProgressStore) -> None:
    """A newer optout-tui wrote the file after this store loaded: it is still not replaced."""
    store.set_tick(G, D, "mine", True, 1)
    store.path.write_text(json.dumps({"schema": 7, "guides": {}}))
    before = store.path.read_bytes()
    with pytest.raises(ReadOnlyError):
        store.set_tick(G, D, "blocked", True, 1)
    assert store.read_only
    assert store.path.read_bytes() == before


# --------------------------------------------------------------------------- read failures


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root ignores file permissions (this box runs as root)"
)
def test_unreadable_file_is_reported_not_moved(store: ProgressStore) -> None:
    store.set_tick(G, D, "step-1", True, 1)
    before = store.path.read_bytes()
    store.path.chmod(0o000)
    try:
        with pytest.raises(ProgressError) as info:
            ProgressStore(store.dir).load()
    finally:
        store.path.chmod(0o600)
    print(f"message: {info.value}")
    assert "permission denied" in str(info.value) and str(store.path) in str(info.value)
    assert store.path.read_bytes() == before


def test_permission_denied_is_reported_not_moved(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above with one injected failing open(), so it also runs as root."""
    store.set_tick(G, D, "step-1", True, 1)
    before = sorted(p.name for p in store.dir.iterdir())
    content = store.path.read_bytes()
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == store.path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", denied)
    other = ProgressStore(store.dir)
    with pytest.raises(ProgressError) as info:
        other.load()
    print(f"message: {info.value}")
    assert "permission denied" in str(info.value) and str(store.path) in str(info.value)
    assert other.recovered is None
    assert sorted(p.name for p in store.dir.iterdir()) == before
    assert store.path.read_bytes() == content


# --------------------------------------------------------------------------- write failures


def _fail(monkeypatch: pytest.MonkeyPatch, name: str, times: int) -> list[int]:
    """Make ``os.<name>`` raise ENOSPC for its next ``times`` calls; returns the fault count."""
    real = getattr(os, name)
    fired = [0]

    def failing(*args: object, **kwargs: object) -> object:
        if fired[0] < times:
            fired[0] += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(progress.os, name, failing)
    return fired


@pytest.mark.parametrize("call", ["fsync", "replace"])
@pytest.mark.parametrize("times", [1, 3])
def test_full_disk(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch, call: str, times: int
) -> None:
    store.set_tick(G, D, "saved", True, 1)
    before = store.path.read_bytes()
    fired = _fail(monkeypatch, call, times)
    lost = [f"unsaved-{n}" for n in range(times)]
    for step in lost:
        with pytest.raises(UnsavedError) as info:
            store.set_tick(G, D, step, True, 1)
        assert info.value.reason == os.strerror(errno.ENOSPC)
        assert str(store.dir) in str(info.value)
        assert store.path.read_bytes() == before, "a failed write changed the file"
        assert step in store.ticks(G, D), "the tick must still show"
        assert store.unsaved
        assert leftovers(store.dir) == []
    print(f"{call} failed {fired[0]} time(s): {info.value}")
    assert fired[0] == times
    store.set_tick(G, D, "later", True, 1)  # the disk has room again
    assert not store.unsaved
    assert set(disk_ticks(store)) == {"saved", *lost, "later"}
    assert set(fresh(store).ticks(G, D)) == {"saved", *lost, "later"}
    assert leftovers(store.dir) == []


def test_untick_while_disk_full_is_replayed_in_order(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.set_tick(G, D, "a", True, 1)
    _fail(monkeypatch, "fsync", 2)
    with pytest.raises(UnsavedError):
        store.set_tick(G, D, "b", True, 1)
    with pytest.raises(UnsavedError):
        store.set_tick(G, D, "a", False, 1)
    assert set(store.ticks(G, D)) == {"b"}
    store.set_tick(G, D, "c", True, 1)
    assert set(disk_ticks(store)) == {"b", "c"}


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder")
    store = ProgressStore(blocker / "sub")
    with pytest.raises(ProgressError) as info:
        store.load()
    print(f"load: {info.value}")
    assert str(store.path) in str(info.value)
    with pytest.raises(UnsavedError) as info:
        store.set_tick(G, D, "one", True, 1)
    print(f"tick: {info.value} (reason {info.value.reason!r})")
    assert info.value.reason == os.strerror(errno.ENOTDIR)
    assert str(store.dir) in str(info.value)
    with pytest.raises(UnsavedError):
        store.set_tick(G, D, "two", True, 1)
    assert set(store.ticks(G, D)) == {"one", "two"} and store.unsaved
    assert blocker.read_text() == "a file, not a folder"
    blocker.unlink()  # the person fixes the problem
    store.set_tick(G, D, "three", True, 1)
    assert not store.unsaved
    assert set(fresh(store).ticks(G, D)) == {"one", "two", "three"}


# --------------------------------------------------------------------------- the lock


def _tick_within(store: ProgressStore, step: str, seconds: float = 30) -> None:
    """Tick in a thread; fail (instead of hanging the run) if it never returns."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            store.set_tick(G, D, step, True, 1)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"set_tick still blocked after {seconds} s: a stale lock"
    assert errors == []


def test_leftover_lock_file_does_not_block(store: ProgressStore) -> None:
    store.dir.mkdir(parents=True)
    store.lock_path.write_text("pid 12345, long gone")
    _tick_within(store, "step-1")
    assert set(fresh(store).ticks(G, D)) == {"step-1"}


def test_lock_of_a_killed_process_does_not_block(store: ProgressStore) -> None:
    store.dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.lock_path)], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == b"locked\n"
        # the lock is real while the holder lives
        fd = os.open(store.lock_path, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    assert holder.returncode == -signal.SIGKILL
    assert store.lock_path.exists()  # left behind by the dead process
    _tick_within(store, "step-1")
    assert set(fresh(store).ticks(G, D)) == {"step-1"}
