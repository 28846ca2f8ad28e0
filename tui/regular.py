"""Reading a file that may be anything: only a regular file is read, never more than a cap.

Guide files may come from someone else (``--content``) and ``progress.json`` may have been
swapped for something else, so a path is opened with ``O_NONBLOCK`` (a named pipe returns at
once instead of waiting for a writer) and ``fstat`` on the open descriptor says what was
really opened, after any symbolic link: a FIFO, a device or ``/dev/zero`` is refused, never
read. Both the catalog and the progress store read through here. No Textual, no Rich.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines


class NotRegular(OSError):
    """Something other than a regular file stands at the path: ``kind`` says what."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def kind_of(mode: int) -> str:
    """What a file mode is, in words, for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a regular file"


def read_regular(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (at most ``limit`` + 1 of them: more means too large)
    and its ``fstat``. Raises ``NotRegular`` for anything else, ``OSError`` otherwise."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened the other way
            raise NotRegular(_kind_at(path)) from None
        if exc.errno == errno.ELOOP:
            raise NotRegular("a symbolic link that loops") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(kind_of(st.st_mode))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def _kind_at(path: Path) -> str:
    try:
        return kind_of(os.stat(path).st_mode)
    except OSError:
        return "something other than a regular file"
