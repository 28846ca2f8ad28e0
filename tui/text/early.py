"""The language to speak before the command line is parsed.

``--help`` and usage errors are printed by the parser itself, so their language must be
known before it runs: ``--lang`` (read here by a parser that never prints), else the choice
saved in the progress file (peeked at, never changed), else the locale. The real reading of
the command line and of the progress file comes afterwards and has the last word.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
from pathlib import Path
from typing import NoReturn

from ..progress.store import FILENAME

PEEK_BYTES = 1024 * 1024  # far more than any real progress file holds before "language"


class _Unreadable(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Reads ``--lang`` and ``--data-dir`` ahead of the real parser, and never prints."""

    def error(self, message: str) -> NoReturn:
        raise _Unreadable(message)


def early_choices(words: list[str]) -> tuple[str | None, Path | None]:
    """The ``--lang`` and ``--data-dir`` given, if they can be read; the parser says the rest."""
    early = _QuietParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    try:
        known, _ = early.parse_known_args(words)
    except (_Unreadable, argparse.ArgumentError):
        return None, None
    folder = known.data_dir
    return known.lang, Path(folder) if folder else None


def saved_language(data_dir: Path) -> str | None:
    """The language saved in ``data_dir``'s progress file, read without changing anything.

    Only the words of ``--help`` and usage errors depend on it: the store reads the file for
    real afterwards (and moves a damaged one aside). A FIFO or a device is opened with
    ``O_NONBLOCK`` and left unread; anything odd means "no saved choice".
    """
    try:
        fd = os.open(data_dir / FILENAME, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = json.loads(handle.read(PEEK_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    value = data.get("language") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
