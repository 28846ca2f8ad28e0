"""File operations the progress folder can trust: nothing here blocks, follows a planted link
or leaves half a file.

Why each rule exists:

- A file is read only when ``fstat`` says it is a regular file, and it is opened with
  ``O_NONBLOCK``: a named pipe (FIFO) or a device named ``progress.json`` would otherwise hang
  ``status`` in a login shell, or read without end.
- A write goes to a temporary file with a random name, created ``O_CREAT|O_EXCL|O_NOFOLLOW``
  (so nothing planted under that name is ever written through), fsynced, renamed over the
  target with ``os.replace`` and the folder fsynced: a crash leaves the old file or the new one.
- When ``progress.json`` is a symbolic link (say, into a synced folder), the write replaces
  the link's target in its own folder, so the link keeps working.
- The lock file is opened ``O_NOFOLLOW`` and the wait for it is bounded: a window that holds
  the lock for long never freezes another one.

No Textual or Rich here, and no ``tempfile`` (it slows the CLI's start-up).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from .. import regular

LOCK_TIMEOUT = 2.0  # seconds a write waits for another window before it reports "busy"

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_LINK_ERRORS = (errno.ELOOP, errno.EMLINK)  # what O_NOFOLLOW gives on a link (Linux, BSD)


class Stamp(NamedTuple):
    """What identifies one version of a file: taken from the very file that was read."""

    mtime_ns: int
    size: int
    inode: int
    device: int


def stamp_of(st: os.stat_result) -> Stamp:
    return Stamp(st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)


def file_stamp(path: Path) -> Stamp | None:
    """One ``stat`` (following a link): cheap enough for a check every two seconds."""
    try:
        return stamp_of(os.stat(path))
    except (OSError, ValueError):
        return None


class FileProblem(Exception):
    """A file is not what it must be; ``str()`` says what, in words for a person."""


class NotRegular(FileProblem):
    """Something other than a regular file stands at a path: ``kind`` names it."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class LockBusy(FileProblem):
    """Another process held the lock for longer than the timeout."""


class LockUnsafe(FileProblem):
    """The lock path is a link or not a regular file: it is never used, never followed."""


# --------------------------------------------------------------------------- reading


def read_regular(path: Path, limit: int) -> tuple[bytes, Stamp]:
    """Up to ``limit + 1`` bytes of a regular file and the stamp of that same file.

    Raises ``NotRegular`` for anything else (never blocking on it), ``FileNotFoundError``
    when nothing is there, another ``OSError`` when it cannot be read (see ``regular``).
    """
    try:
        raw, st = regular.read_regular(path, limit)
    except regular.NotRegular as exc:
        raise NotRegular(exc.kind) from None
    return raw, stamp_of(st)


# --------------------------------------------------------------------------- writing


def write_target(path: Path) -> Path:
    """Where a write to ``path`` lands: the path, or the file a symbolic link leads to."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def temp_name(target: Path) -> Path:
    """A name next to ``target`` that nobody can guess (64 random bits)."""
    return target.with_name(f".{target.name}.{os.urandom(8).hex()}.tmp")


def atomic_write(path: Path, payload: bytes) -> Stamp:
    """Replace the file at ``path`` (or its link's target) with ``payload``, durably.

    Returns the stamp of the file written, taken from the temporary file itself, so that a
    later check compares against exactly what this call put on disk.
    """
    target = write_target(path)
    written = _replace_with(target, payload)
    fsync_dir(target.parent)
    return written


def write_private_file(path: Path, text: str) -> None:
    """Write an export owner-only, never through a link planted at ``path``.

    The new file takes the place of whatever entry ``path`` names (a planted link is
    replaced, its target never touched), atomically; raises ``OSError`` on failure.
    """
    _replace_with(path, text.encode("utf-8"))
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)


def _replace_with(target: Path, payload: bytes) -> Stamp:
    """Write ``payload`` to a new random temp file beside ``target``, then rename it over."""
    tmp = temp_name(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC | _O_BINARY
    fd = os.open(tmp, flags, 0o600)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            written = stamp_of(os.fstat(fd))
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return written


def remove_stale_temps(target: Path) -> None:
    """Temp files of a writer killed mid-write; call only while holding the lock."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def fsync_dir(path: Path) -> None:
    """Make a rename itself durable; not possible (nor needed) on Windows."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY | _O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_aside(path: Path, kind: str) -> tuple[Path, Path]:
    """Rename what stands at ``path`` to a dated free name beside it; returns (from, to).

    When ``path`` is a link to a regular file, that file is moved within its own folder and
    the link is left in place, so the next write recreates the file where the link leads.
    Anything else (a link to a pipe or a device, a loop) is moved as the entry itself:
    nothing outside the folder is ever renamed but a regular file a link leads to.
    """
    subject = path
    if path.is_symlink():
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.stat(path).st_mode):
                subject = Path(os.path.realpath(path))
    moved_to = free_name(subject, kind)
    os.replace(subject, moved_to)
    with contextlib.suppress(OSError):  # moved either way; the next write syncs the folder
        fsync_dir(moved_to.parent)
    return subject, moved_to


def free_name(subject: Path, kind: str) -> Path:
    """A dated name next to ``subject`` that nothing has yet: a copy is never overwritten."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = subject.with_name(f"{subject.name}.{kind}-{stamp}")
    counter = 1
    while os.path.lexists(target):
        counter += 1
        target = subject.with_name(f"{subject.name}.{kind}-{stamp}-{counter}")
    return target


# --------------------------------------------------------------------------- the folder


class FolderMode(NamedTuple):
    """A data folder others could read or write: ``tightened`` says whether it was fixed."""

    path: Path
    old_mode: int
    new_mode: int | None  # None: left as it was (not ours, shared with the sticky bit, or failed)
    reason: str


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)


def tighten_dir(path: Path) -> FolderMode | None:
    """Take group and other access away from an existing folder we own; None if none to take.

    A folder we do not own, or a shared one with the sticky bit (``/tmp``), is reported and
    left alone: changing it could break other people's files.
    """
    if sys.platform == "win32":  # pragma: no cover - modes mean little there
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    mode = stat.S_IMODE(st.st_mode)
    if not stat.S_ISDIR(st.st_mode) or not mode & 0o077:
        return None
    if st.st_uid != os.getuid():
        return FolderMode(path, mode, None, "it belongs to another user")
    if mode & stat.S_ISVTX:
        return FolderMode(path, mode, None, "it is a shared folder (sticky bit)")
    new = mode & ~0o077
    try:
        os.chmod(path, new)
    except OSError as exc:
        return FolderMode(path, mode, None, exc.strerror or str(exc))
    return FolderMode(path, mode, new, "")


# --------------------------------------------------------------------------- the lock


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created 0600, never through a link).

    The OS drops the lock when its holder dies, so a stale lock file never blocks. Raises
    ``LockBusy`` after ``timeout`` seconds, ``LockUnsafe`` when the path is a link or not a
    regular file, ``OSError`` when it cannot be made.
    """
    flags = os.O_RDWR | os.O_CREAT | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC
    try:
        fd = os.open(lock_path, flags, 0o600)
    except OSError as exc:
        if exc.errno in _LINK_ERRORS:
            raise LockUnsafe(
                f"{lock_path} is a symbolic link, not a lock file; remove it"
            ) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LockUnsafe(f"{lock_path} is not a regular file; remove it")
        _acquire(fd, timeout, lock_path)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, timeout: float, lock_path: Path) -> None:
    """Try the lock without blocking, again and again, until ``timeout`` has passed."""
    deadline = time.monotonic() + timeout
    while not _try_lock(fd):
        left = deadline - time.monotonic()
        if left <= 0:
            raise LockBusy(
                f"another window is saving (its lock on {lock_path.name} was held "
                f"for more than {timeout:g} s)"
            )
        # Short, steady tries (not a growing back-off): a waiting window gets its turn in
        # the moment between two saves of a busy one.
        time.sleep(min(0.001, left))


if sys.platform == "win32":  # pragma: no cover - exercised only on Windows

    def _try_lock(fd: int) -> bool:
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:

    def _try_lock(fd: int) -> bool:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True
