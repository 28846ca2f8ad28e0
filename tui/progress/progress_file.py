"""``progress.json`` in one folder: what its bytes mean, and the operations on it.

The store decides *what* to keep (the state, the waiting changes, the events); this module
knows *where* and *how*: reading the file without blocking, deciding whether it is damaged,
writing it atomically under the lock, moving it aside. Nothing here keeps state about the
person's progress.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from . import files
from .events import ProgressError
from .files import FolderMode, Stamp
from .records import Damaged, Progress, parse

SCHEMA = 1
FILENAME = "progress.json"
MAX_BYTES = 8 * 1024 * 1024  # far above any real progress file; larger is damage, not data

Data = dict[str, Any]


def empty() -> Data:
    return {"schema": SCHEMA, "guides": {}}


class Found(NamedTuple):
    """One look at the file: its data (None when absent), or why it cannot be used."""

    data: Data | None = None
    progress: Progress | None = None
    stamp: Stamp | None = None
    damage: str | None = None
    newer: bool = False  # written by a newer optout-tui: read-only


class ProgressFile:
    """The file, its lock and its folder; every wait bounded by ``lock_timeout``."""

    def __init__(self, folder: Path, lock_timeout: float) -> None:
        self.dir = folder
        self.path = folder / FILENAME
        self.lock_path = folder / (FILENAME + ".lock")
        self.lock_timeout = lock_timeout
        self._swept = False  # stale temp files are removed once, at the first write
        self._dir_ready = False  # the folder is made (0700) once, at the first write
        self._dir_checked = False  # a loose folder mode is fixed or reported once

    def stamp(self) -> Stamp | None:
        return files.file_stamp(self.path)

    def look(self) -> Found:
        """Read the file, never blocking; raises ``ProgressError`` when it cannot be read."""
        try:
            raw, stamp = files.read_regular(self.path, MAX_BYTES)
        except FileNotFoundError:
            return Found()
        except files.NotRegular as exc:
            return Found(damage=f"{exc.kind} stands where the progress file should be")
        except PermissionError as exc:
            raise ProgressError(
                f"cannot read {self.path}: permission denied ({exc.strerror}). "
                "Fix its permissions; nothing was changed."
            ) from None
        except OSError as exc:
            raise ProgressError(f"cannot read {self.path}: {why(exc)}") from None
        try:
            return decode(raw, stamp)
        except Damaged as exc:
            return Found(stamp=stamp, damage=str(exc))

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """The folder made (once) and the lock held; raises ``OSError``/``FileProblem``."""
        if not self._dir_ready:
            files.make_private_dir(self.dir)
            self._dir_ready = True
        try:
            with files.locked(self.lock_path, self.lock_timeout):
                yield
        except OSError:
            self._dir_ready = False  # the folder may be gone: make it again next time
            raise

    def write(self, data: Data) -> Stamp:
        """Under the lock: replace the file (or its link's target) durably."""
        if not self._swept:
            files.remove_stale_temps(files.write_target(self.path))
            self._swept = True
        return files.atomic_write(self.path, encode(data))

    def set_aside(self, reason: str) -> tuple[Path, Path]:
        """Under the lock: move a damaged file to a dated name beside it (never deleted)."""
        try:
            return files.move_aside(self.path, "damaged")
        except OSError as exc:
            raise ProgressError(
                f"{self.path} is damaged ({reason}) and could not be moved aside: "
                f"{why(exc)}. Nothing was changed."
            ) from None

    def back_up(self) -> Path | None:
        """Under the lock: move the file to a dated backup; None when there is none."""
        if not os.path.exists(self.path):  # nothing, or a link to nothing
            return None
        return files.move_aside(self.path, "backup")[1]

    def check_folder(self) -> FolderMode | None:
        """Once per store: a data folder others may enter is tightened or reported."""
        if self._dir_checked or not self.dir.is_dir():
            return None
        self._dir_checked = True
        return files.tighten_dir(self.dir)


def decode(raw: bytes, stamp: Stamp | None = None) -> Found:
    """Bytes → checked data and typed records; raises ``Damaged`` with a reason."""
    if len(raw) > MAX_BYTES:
        raise Damaged(f"it is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if not raw.strip():
        raise Damaged("it is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise Damaged("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise Damaged(f"not valid JSON at line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise Damaged("not valid JSON for progress: nested too deeply") from None
    except ValueError:  # Python's limit on the digits of a number (4,300)
        raise Damaged("it holds a number too long to read (over 4,300 digits)") from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        # Never moved, never written: shown read-only, or as empty if this version cannot
        # make sense of it.
        try:
            return Found(data, parse(data), stamp, newer=True)
        except Damaged:
            data = {"schema": schema, "guides": {}}
            return Found(data, parse(data), stamp, newer=True)
    return Found(data, parse(data), stamp)


def encode(data: Data) -> bytes:
    # No indent: with one, json falls back to its pure-Python encoder.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def why(exc: BaseException) -> str:
    """The reason in an error, as a person reads it ("No space left on device")."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
