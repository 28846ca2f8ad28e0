"""What a red team did to the progress folder (issue 10, items 5, 9, 11 and 14).

Pipes, devices, links and loose modes are made for real in pytest's temporary folder; the
CLI is run as a person would run it. A call that could hang runs in a thread (or a child
process) with a generous timeout, so a regression fails the test instead of hanging the run.
No timing is asserted.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from helpers.bounded import HOLDER, within

from tui.progress import changes, files
from tui.progress.events import FolderMode, Outcome, ProgressError, ReadOnly, Recovered, Unsaved
from tui.progress.files import write_private_file
from tui.progress.store import ProgressStore, data_dir_from_text

G, D = "demo", "desktop"
STAMP = "2026-01-01T00:00:00+00:00"
VALID = {"schema": 1, "guides": {G: {"devices": {D: {"ticks": {"s1": STAMP}}}}}}


def ticks_in(path: Path) -> set[str]:
    return set(json.loads(path.read_bytes())["guides"][G]["devices"][D]["ticks"])


def tick(store: ProgressStore, step: str) -> Outcome:
    return store.save(changes.tick(G, D, step, True, 1))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- item 5: no hangs


def test_a_fifo_named_progress_json_is_moved_aside_not_waited_on(data_dir: Path) -> None:
    """Chosen: a FIFO is damage (moved aside and said), so the next tick just works.

    Refusing it instead would leave the person stuck until they found and removed it; a
    pipe holds no progress, so moving it aside loses nothing.
    """
    data_dir.mkdir(mode=0o700)
    os.mkfifo(data_dir / "progress.json")
    store = ProgressStore(data_dir)
    outcome = within(store.read)
    assert isinstance(outcome, Outcome)
    [recovered] = outcome.events
    print(f"read: {recovered}")
    assert isinstance(recovered, Recovered)
    assert recovered.reason == "a named pipe (FIFO) stands where the progress file should be"
    assert stat.S_ISFIFO(os.lstat(recovered.moved_to).st_mode)
    assert tick(store, "after").saved
    assert ticks_in(store.path) == {"after"}


def test_status_with_a_fifo_does_not_hang(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    os.mkfifo(data_dir / "progress.json")
    result = run_cli("status", timeout=60)  # on 1.x this never returned
    print(result.stderr)
    assert "Traceback" not in result.stderr
    assert "named pipe (FIFO)" in result.stderr and "progress.json.damaged-" in result.stderr
    assert not (data_dir / "progress.json").exists()


def test_a_fifo_swapped_in_mid_session_does_not_freeze(data_dir: Path) -> None:
    store = ProgressStore(data_dir)
    tick(store, "before")
    os.mkfifo(data_dir / "pipe")
    os.replace(data_dir / "pipe", store.path)
    events = within(store.check_disk)
    print(f"check_disk: {events}")
    assert isinstance(events, tuple) and [type(e) for e in events] == [Recovered]
    assert events[0].restored
    assert ticks_in(store.path) == {"before"}  # this window's ticks written back
    assert within(lambda: tick(store, "after").saved)
    assert ticks_in(store.path) == {"before", "after"}


def test_a_link_to_a_device_is_moved_aside_and_the_device_left_alone(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.json").symlink_to("/dev/zero")
    store = ProgressStore(data_dir)
    outcome = within(store.read)
    assert isinstance(outcome, Outcome)
    [recovered] = outcome.events
    assert isinstance(recovered, Recovered)
    assert recovered.reason == "a device stands where the progress file should be"
    assert os.readlink(recovered.moved_to) == "/dev/zero"  # the link moved, not the device
    assert Path("/dev/zero").exists()


def test_a_socket_named_progress_json_is_moved_aside(tmp_path: Path) -> None:
    short = Path("/tmp") / f"optout-sock-{os.getpid()}"  # a socket path must be short
    short.mkdir(mode=0o700)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(short / "progress.json"))
            outcome = within(ProgressStore(short).read)
        assert isinstance(outcome, Outcome)
        assert [type(e) for e in outcome.events] == [Recovered]
        assert "a socket" in outcome.events[0].reason  # type: ignore[union-attr]
    finally:
        for leftover in short.iterdir():
            leftover.unlink()
        short.rmdir()


def test_a_fifo_as_the_lock_file_is_refused_without_hanging(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    os.mkfifo(data_dir / "progress.json.lock")
    outcome = within(lambda: tick(ProgressStore(data_dir), "x"))
    assert isinstance(outcome, Outcome) and not outcome.saved
    [unsaved] = outcome.events
    assert isinstance(unsaved, Unsaved) and "not a regular file" in unsaved.reason


# --------------------------------------------------------------------------- item 9


def test_a_number_of_4300_digits_is_damage_not_a_traceback(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    huge = "1" + "0" * 4400
    text = f'{{"schema": 1, "guides": {{"{G}": {{"devices": {{"{D}": {{"revision": {huge}}}}}}}}}}}'
    (data_dir / "progress.json").write_text(text)
    store = ProgressStore(data_dir)
    [recovered] = store.read().events
    assert isinstance(recovered, Recovered)
    assert "too long" in recovered.reason
    assert recovered.moved_to.read_text() == text
    (data_dir / "progress.json").write_text(text)
    result = run_cli("status")
    assert "Traceback" not in result.stderr
    assert "too long" in result.stderr


def test_a_long_but_readable_schema_number_is_shown_short(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.json").write_text('{"schema": 1' + "0" * 4000 + ', "guides": {}}')
    store = ProgressStore(data_dir)
    [read_only] = store.read().events
    assert isinstance(read_only, ReadOnly)
    print(store.read_only_message())
    assert len(store.read_only_message()) < 300 and "4001 digits" in store.read_only_message()


# --------------------------------------------------------------------------- item 11


def test_temp_names_are_random_and_created_exclusive_no_follow(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: object, flags: int, *args: object, **kwargs: object) -> int:
        opened.append((str(path), flags))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    store = ProgressStore(data_dir)
    for n in range(20):
        tick(store, f"s{n}")
    monkeypatch.undo()
    temps = [(Path(p).name, f) for p, f in opened if p.endswith(".tmp")]
    print(f"{len(temps)} temp files, e.g. {temps[0][0]}")
    assert len(temps) == 20 and len({name for name, _ in temps}) == 20
    for name, flags in temps:
        random_part = name.removeprefix(".progress.json.").removesuffix(".tmp")
        assert len(random_part) >= 16 and str(os.getpid()) not in random_part
        for flag in ("O_CREAT", "O_EXCL", "O_NOFOLLOW"):
            assert flags & getattr(os, flag), f"{name} opened without {flag}"


def test_the_lock_path_is_never_followed(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    (data_dir / "progress.json.lock").symlink_to(victim)
    outcome = tick(ProgressStore(data_dir), "x")
    [unsaved] = outcome.events
    print(f"outcome: {unsaved}")
    assert isinstance(unsaved, Unsaved) and "symbolic link" in unsaved.reason
    assert not victim.exists(), "the lock was created through a planted link"
    victim.write_text("keep me")
    tick(ProgressStore(data_dir), "y")
    assert victim.read_text() == "keep me"
    assert not (data_dir / "progress.json").exists()


def test_a_loose_data_folder_is_tightened_and_said(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    data_dir.chmod(0o777)
    (data_dir / "progress.json").write_text(json.dumps(VALID))
    outcome = ProgressStore(data_dir).read()
    print(f"read: {outcome.events}")
    assert outcome.events == (FolderMode(data_dir, 0o777, 0o700, ""),)
    assert mode(data_dir) == 0o700


def test_status_tightens_a_loose_data_folder(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    data_dir.chmod(0o755)
    result = run_cli("status")
    assert "Traceback" not in result.stderr
    assert mode(data_dir) == 0o700


def test_a_shared_sticky_folder_is_reported_not_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    outcome = ProgressStore(shared).read()
    assert outcome.events == (
        FolderMode(shared, 0o1777, None, "it is a shared folder (sticky bit)"),
    )
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def test_a_progress_file_linked_into_a_synced_folder_stays_linked(
    data_dir: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "optout-progress.json"
    target.write_text(json.dumps(VALID))
    data_dir.mkdir(mode=0o700)
    link = data_dir / "progress.json"
    link.symlink_to(target)
    store = ProgressStore(data_dir)
    store.read()
    for n in range(3):
        assert tick(store, f"s{n + 2}").saved
    assert link.is_symlink() and os.readlink(link) == str(target), "the link was replaced"
    assert ticks_in(target) == {"s1", "s2", "s3", "s4"}
    assert mode(target) == 0o600
    names = sorted(p.name for p in synced.iterdir()) + sorted(p.name for p in data_dir.iterdir())
    print(names)
    assert not [n for n in names if n.endswith(".tmp")]
    assert set(ProgressStore(data_dir).read().progress.device(G, D).ticks) == ticks_in(target)
    assert store.check_disk() == ()  # its stamp is the target's


def test_a_damaged_linked_file_is_moved_aside_in_its_own_folder(
    data_dir: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "optout-progress.json"
    target.write_text("{ half a file")
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.json").symlink_to(target)
    store = ProgressStore(data_dir)
    [recovered] = store.read().events
    assert isinstance(recovered, Recovered)
    assert recovered.path == target and recovered.moved_to.parent == synced
    assert recovered.moved_to.read_text() == "{ half a file"
    assert (data_dir / "progress.json").is_symlink()  # the link stays
    tick(store, "after")
    assert ticks_in(target) == {"after"}


def test_write_private_file_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    export = tmp_path / "export.md"
    export.symlink_to(victim)
    write_private_file(export, "# record\n")
    assert victim.read_text() == "keep me"
    assert not export.is_symlink() and export.read_text() == "# record\n"
    assert mode(export) == 0o600
    write_private_file(export, "# again\n")  # an existing export is replaced
    assert export.read_text() == "# again\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    with pytest.raises(OSError):
        write_private_file(tmp_path / "missing-folder" / "x.md", "x")


# --------------------------------------------------------------------------- item 14


def test_damage_is_moved_aside_only_under_the_lock(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "progress.json").write_bytes(b"damaged")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir / "progress.json.lock")],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        store = ProgressStore(data_dir, lock_timeout=0.3)
        with pytest.raises(ProgressError) as info:
            within(store.read)
        print(f"while locked: {info.value}")
        assert "another window is saving" in str(info.value)
        assert (data_dir / "progress.json").read_bytes() == b"damaged"  # not moved
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    [recovered] = ProgressStore(data_dir).read().events
    assert isinstance(recovered, Recovered) and recovered.moved_to.read_bytes() == b"damaged"


def test_an_empty_data_folder_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProgressError):
        data_dir_from_text("")
    with pytest.raises(ProgressError):
        data_dir_from_text("  ")
    with pytest.raises(ProgressError):
        ProgressStore("")
    here = tmp_path / "here"
    here.mkdir()
    (here / "progress.json").write_text(json.dumps(VALID))
    for args in (["--data-dir", "", "status"], ["status", "--data-dir="]):
        result = subprocess.run(
            [sys.executable, "-m", "tui", *args],
            capture_output=True,
            text=True,
            cwd=here,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
            timeout=60,
        )
        print(result.stderr)
        assert result.returncode == 2
        # The command line refuses it first, in the person's words (the store refuses it too).
        assert "empty folder name" in result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in here.iterdir()) == ["progress.json"]


def test_files_stamp_is_of_the_file_read(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("one")
    data, stamp = files.read_regular(path, 100)
    assert data == b"one" and stamp == files.file_stamp(path)
    with pytest.raises(files.NotRegular):
        files.read_regular(tmp_path, 100)
