"""What the store tells its window, whenever it happens (issue 10, items 2, 3, 4, 5 and 8).

Every mutating call returns an ``Outcome`` (the state now, whether it is durable, and the
events); ``check_disk()`` returns events. These tests hold the store to it with two stores
on one real folder (two windows), a real lock held by another process, and one failing
system call injected where a full disk is needed. Randomness is seeded; no timing is
asserted (a wait that never ends fails through a generous join timeout instead).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.bounded import HOLDER, within

from tui.progress import changes, files
from tui.progress.events import (
    ChangedOnDisk,
    Outcome,
    PendingSaved,
    Recovered,
    Unsaved,
)
from tui.progress.progress_file import decode
from tui.progress.store import ProgressStore

G, D = "demo", "desktop"
SEED = 20261123


def on_disk(store: ProgressStore) -> dict:
    return json.loads(store.path.read_bytes())


def disk_ticks(store: ProgressStore) -> set[str]:
    return set(on_disk(store)["guides"][G]["devices"][D]["ticks"])


def tick(store: ProgressStore, step: str, ticked: bool = True) -> Outcome:
    return store.save(changes.tick(G, D, step, ticked, 1))


def kinds(events: tuple[object, ...]) -> list[str]:
    return [type(e).__name__ for e in events]


@pytest.fixture
def lock_holder(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Another process holding the store's lock until the test kills it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir / "progress.json.lock")],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"locked\n"
    yield holder
    if holder.poll() is None:
        holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    holder.stdout.close()


# --------------------------------------------------------------------------- item 3


def test_the_window_that_writes_second_sees_the_other_windows_tick(data_dir: Path) -> None:
    a, b = ProgressStore(data_dir), ProgressStore(data_dir)
    a.read()
    b.read()
    tick(a, "from-a")
    outcome = tick(b, "from-b")
    print(f"b's save: {kinds(outcome.events)}")
    assert outcome.saved
    assert ChangedOnDisk in map(type, outcome.events), "b was not told a's tick arrived"
    assert set(outcome.progress.device(G, D).ticks) == {"from-a", "from-b"} == disk_ticks(b)
    assert b.check_disk() == ()  # b's stamp is of the file b wrote: nothing new
    events = a.check_disk()
    assert kinds(events) == ["ChangedOnDisk"]
    assert set(a.progress.device(G, D).ticks) == {"from-a", "from-b"}
    assert a.check_disk() == ()


def test_a_lone_window_is_not_told_of_changes_it_made(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.read()
    for n in range(5):
        assert tick(store, f"s{n}").events == ()
        assert store.check_disk() == ()


def test_after_every_save_the_state_is_what_is_on_disk(data_dir: Path) -> None:
    """Two windows, 300 random changes in a seeded order: each outcome equals the file."""
    rng = random.Random(SEED)
    stores = [ProgressStore(data_dir), ProgressStore(data_dir)]
    for store in stores:
        store.read()
    for n in range(300):
        store = rng.choice(stores)
        step = f"s{rng.randrange(12)}"
        if rng.random() < 0.1:
            outcome = store.save(changes.setting("language", rng.choice(["en", "fr"])))
        else:
            outcome = tick(store, step, rng.random() < 0.7)
        assert outcome.saved
        assert store.data == on_disk(store), f"change {n}: the store's data is not the file"
        assert outcome.progress == decode(store.path.read_bytes()).progress
        if rng.random() < 0.3:
            other = stores[1 - stores.index(store)]
            other.check_disk()
            assert other.data == on_disk(other)


def test_a_write_by_another_program_after_ours_is_still_seen(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp compared every two seconds is the stamp of the file this store wrote.

    A program that does not take our lock (a sync tool, an editor) replaces the file right
    after our rename. The store must notice: stamping the file after the rename would take
    the other program's file for ours and never show its content.
    """
    store = ProgressStore(data_dir)
    store.set_tick(G, D, "mine", True, 1)
    theirs = {"schema": 1, "guides": {G: {"devices": {D: {"ticks": {"theirs": "t"}}}}}}
    real_replace = os.replace

    def replace_then_overwrite(src: object, dst: object) -> None:
        real_replace(src, dst)  # type: ignore[arg-type]
        if Path(str(dst)) == store.path:
            other = store.dir / "other-program.tmp"
            other.write_text(json.dumps(theirs))
            real_replace(other, store.path)

    monkeypatch.setattr(os, "replace", replace_then_overwrite)
    store.set_tick(G, D, "mine-too", True, 1)
    monkeypatch.undo()
    assert store.changed_on_disk(), "the other program's file was taken for ours"
    assert kinds(store.check_disk()) == ["ChangedOnDisk"]
    assert set(store.ticks(G, D)) == {"theirs"}


# --------------------------------------------------------------------------- item 4


def test_damage_while_open_is_reported_and_the_ticks_kept(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.read()
    tick(store, "one")
    tick(store, "two")
    store.path.write_bytes(b'{"schema": 1, "guides": ')  # another program breaks it
    events = within(store.check_disk)
    print(f"events: {events}")
    assert isinstance(events, tuple) and len(events) == 1
    [recovered] = events
    assert isinstance(recovered, Recovered)
    assert recovered.restored and "not valid JSON" in recovered.reason
    assert recovered.moved_to.read_bytes() == b'{"schema": 1, "guides": '
    assert set(store.progress.device(G, D).ticks) == {"one", "two"}, "the screen dropped to 0"
    assert disk_ticks(store) == {"one", "two"}  # and the file holds them again
    fresh = ProgressStore(data_dir)
    fresh.read()
    assert fresh.recovered is None
    assert store.check_disk() == ()


def test_damage_found_by_a_save_is_in_its_outcome(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    tick(store, "one")
    store.path.write_bytes(b"\x00" * 64)
    outcome = tick(store, "two")
    print(f"events: {outcome.events}")
    assert outcome.saved
    assert kinds(outcome.events) == ["Recovered"]
    assert disk_ticks(store) == {"one", "two"}


def test_a_file_deleted_while_open_is_not_damage(data_dir: Path) -> None:
    """``reset`` in another terminal: the window follows, and nothing is "recovered"."""
    store = ProgressStore(data_dir)
    tick(store, "one")
    ProgressStore(data_dir).reset()
    assert kinds(store.check_disk()) == ["ChangedOnDisk"]
    assert store.progress.device(G, D).ticks == {}


# --------------------------------------------------------------------------- item 2


def test_unsaved_changes_are_kept_and_retried(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir)
    tick(store, "saved")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    outcome = tick(store, "waiting")
    assert not outcome.saved and store.unsaved
    [unsaved] = outcome.events
    assert unsaved == Unsaved(store.dir, os.strerror(errno.ENOSPC), 1)
    assert set(outcome.progress.device(G, D).ticks) == {"saved", "waiting"}  # still shown
    outcome = store.retry()
    assert not outcome.saved and kinds(outcome.events) == ["Unsaved"]
    assert disk_ticks(store) == {"saved"}
    monkeypatch.setattr(os, "fsync", real_fsync)  # the disk has room again
    outcome = store.retry()
    print(f"retry: {outcome.events}")
    assert outcome.saved and not store.unsaved
    assert outcome.events == (PendingSaved(1),)
    assert disk_ticks(store) == {"saved", "waiting"}
    assert store.retry() == Outcome(store.progress, True, ())  # nothing waits: no disk work


# --------------------------------------------------------------------------- item 5


def test_a_held_lock_gives_up_with_a_clear_reason(
    data_dir: Path, lock_holder: subprocess.Popen[bytes]
) -> None:
    store = ProgressStore(data_dir, lock_timeout=0.3)
    outcome = within(lambda: tick(store, "waiting"))
    assert isinstance(outcome, Outcome)
    [unsaved] = outcome.events
    print(f"reason: {unsaved}")
    assert isinstance(unsaved, Unsaved)
    assert "another window is saving" in unsaved.reason
    assert not outcome.saved and "waiting" in outcome.progress.device(G, D).ticks
    lock_holder.send_signal(signal.SIGKILL)
    lock_holder.wait(timeout=30)
    outcome = store.retry()
    assert outcome.saved and disk_ticks(store) == {"waiting"}


def test_the_old_api_gives_up_too(data_dir: Path, lock_holder: subprocess.Popen[bytes]) -> None:
    """``set_tick`` (1.x) froze here forever; now it raises UnsavedError after the timeout."""
    from tui.progress.store import UnsavedError

    store = ProgressStore(data_dir, lock_timeout=0.3)

    def attempt() -> str:
        with pytest.raises(UnsavedError) as info:
            store.set_tick(G, D, "x", True, 1)
        return info.value.reason

    assert "another window is saving" in str(within(attempt))


def test_check_disk_never_waits_for_a_save_in_another_thread(
    data_dir: Path, lock_holder: subprocess.Popen[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app saves in a worker; its 2-second check must not freeze behind that save."""
    waiting = threading.Event()
    real_locked = files.locked

    @contextlib.contextmanager
    def signalling(*args: object, **kwargs: object) -> Iterator[None]:
        waiting.set()  # the worker is inside save(), about to wait for the held lock
        with real_locked(*args, **kwargs):  # type: ignore[arg-type]
            yield

    monkeypatch.setattr(files, "locked", signalling)
    store = ProgressStore(data_dir, lock_timeout=120)
    store.read()
    done: list[Outcome] = []
    worker = threading.Thread(target=lambda: done.append(tick(store, "slow")), daemon=True)
    worker.start()
    try:
        assert waiting.wait(30)
        assert within(store.check_disk, 30) == ()
        assert done == []  # the save is still waiting for the lock
    finally:
        lock_holder.send_signal(signal.SIGKILL)
        worker.join(60)
    assert not worker.is_alive()
    assert done[0].saved and disk_ticks(store) == {"slow"}


# --------------------------------------------------------------------------- item 8


def test_saves_from_many_threads_all_land(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    store.read()
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            for n in range(15):
                outcome = tick(store, f"{name}{n}")
                assert outcome.saved and f"{name}{n}" in outcome.progress.device(G, D).ticks
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"t{k}-",)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    expected = {f"t{k}-{n}" for k in range(6) for n in range(15)}
    assert disk_ticks(store) == expected == set(store.progress.device(G, D).ticks)
    assert store.data == on_disk(store)


def test_a_tick_with_its_steps_records_completion_in_the_same_write(data_dir: Path) -> None:
    """One durable write per key press: the box and the completion land together."""
    a, b = ProgressStore(data_dir), ProgressStore(data_dir)
    steps = ["s1", "s2", "s3"]
    a.save(changes.tick(G, D, "s1", True, 2, steps=steps))
    b.save(changes.tick(G, D, "s2", True, 2, steps=steps))
    outcome = a.save(changes.tick(G, D, "s3", True, 2, steps=steps))  # a never saw s2 itself
    record = outcome.progress.device(G, D)
    assert record.completed is not None and record.completed_revision == 2
    outcome = b.save(changes.tick(G, D, "s1", False, 2, steps=steps))
    record = outcome.progress.device(G, D)
    assert record.completed is None and record.completed_revision is None
    assert on_disk(b)["guides"][G]["devices"][D].keys() == {"ticks", "revision"}


def test_damage_while_the_disk_is_full_keeps_the_ticks_waiting(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir)
    tick(store, "one")
    store.path.write_bytes(b"garbage")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    events = store.check_disk()
    print(f"events: {events}")
    assert kinds(events) == ["Recovered", "Unsaved"]  # what the window shows did not change
    assert store.unsaved and set(store.progress.device(G, D).ticks) == {"one"}
    assert not store.path.exists()
    assert store.check_disk() == ()  # said once, not every two seconds
    monkeypatch.setattr(os, "fsync", real_fsync)
    outcome = tick(store, "two")
    assert outcome.saved and outcome.events == (PendingSaved(1),)
    assert disk_ticks(store) == {"one", "two"}


def test_a_refused_change_is_never_called_saved(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.json").write_text('{"schema": 9, "guides": {}}')
    store = ProgressStore(data_dir)
    assert kinds(store.read().events) == ["ReadOnly"]
    outcome = tick(store, "x")
    assert not outcome.saved and kinds(outcome.events) == ["ReadOnly"]
    assert outcome.progress.device(G, D).ticks == {}


def test_a_newer_file_written_while_open_makes_the_window_read_only(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    tick(store, "one")
    store.path.write_text('{"schema": 9, "guides": {}}')
    outcome = tick(store, "two")
    assert not outcome.saved and kinds(outcome.events) == ["ChangedOnDisk", "ReadOnly"]
    assert store.read_only and store.path.read_text() == '{"schema": 9, "guides": {}}'
