"""The one place a person's ticks are kept: a JSON file, written so that nothing is ever lost.

Every change is a small function applied under a lock to a fresh read of the file, then
written to a temporary file, fsynced and moved over the old one with ``os.replace``. So a
crash leaves either the old file or the new one, never half of one, and two windows ticking
at once both keep their ticks. Keys this version does not know are carried along untouched,
so an older program never erases what a newer one wrote. A damaged file is moved aside, not
deleted, and a file from a newer schema is never overwritten. No Textual or Rich here: the
plain CLI reads progress too.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

SCHEMA = 1
FILENAME = "progress.json"
APP_NAME = "optout-tui"
ENV_DATA_DIR = "OPTOUT_TUI_DATA_DIR"
MAX_BYTES = 8 * 1024 * 1024  # far above any real progress file; larger is damage, not data

Data = dict[str, Any]


class ProgressError(Exception):
    """A progress problem the person must hear about; the message names the path."""


class UnsavedError(ProgressError):
    """A change could not be written; it is kept in memory and retried with the next one."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ReadOnlyError(ProgressError):
    """The file was written by a newer optout-tui: we may read it, never replace it."""


def default_data_dir() -> Path:
    """``--data-dir`` aside: the environment variable, else the per-user platform folder."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Recovery(NamedTuple):
    """What happened to a file that could not be read: where it went and why."""

    path: Path
    moved_to: Path
    reason: str


class _Damaged(Exception):
    pass


def _check_shape(data: object) -> Data:
    """Reject anything we could not merge into safely; unknown extra keys are fine.

    A file from a newer schema is checked too: it is shown read-only, so it must still be
    readable by this version's code (see ``_read``).
    """
    if not isinstance(data, dict):
        raise _Damaged("the top level is not a JSON object")
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise _Damaged('"schema" is missing or not a number')
    if schema < 1:
        raise _Damaged(f'"schema" {schema} is not a known version')
    for key in ("language", "region", "guide", "theme"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise _Damaged(f'"{key}" is not text')
    guides = data.get("guides", {})
    if not isinstance(guides, dict):
        raise _Damaged('"guides" is not an object')
    for guide_id, guide in guides.items():
        if not isinstance(guide, dict) or not isinstance(guide.get("devices", {}), dict):
            raise _Damaged(f'guide "{guide_id}" is not an object with "devices"')
        for device_id, device in guide.get("devices", {}).items():
            _check_device(f'guide "{guide_id}", device "{device_id}"', device)
    return data


def _check_device(where: str, device: object) -> None:
    if not isinstance(device, dict):
        raise _Damaged(f"{where} is not an object")
    _check_record(where, device)
    history = device.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        raise _Damaged(f'{where}: "history" is not a list of objects')
    for old in history:
        _check_record(f"{where}, history", old)


def _check_record(where: str, record: dict[str, Any]) -> None:
    ticks = record.get("ticks", {})
    if not isinstance(ticks, dict) or not all(isinstance(v, str) for v in ticks.values()):
        raise _Damaged(f'{where}: "ticks" is not an object of step → time')
    for key in ("revision", "completed_revision"):
        value = record.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Damaged(f'{where}: "{key}" is not a number')
    for key in ("completed", "archived"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise _Damaged(f'{where}: "{key}" is not a time')


def _is_newer(schema: object) -> bool:
    return isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA


def _empty() -> Data:
    return {"schema": SCHEMA, "guides": {}}


class ProgressStore:
    """Reads and changes ``progress.json`` in one data folder.

    ``data`` is the last state read or written. Callers change it only through the methods
    below, each of which re-reads the file under the lock first, so another window's ticks
    are merged in rather than overwritten.
    """

    def __init__(self, data_dir: Path | None = None) -> None:
        self.dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.dir / FILENAME
        self.lock_path = self.dir / (FILENAME + ".lock")
        self.data: Data = _empty()
        self.read_only = False
        self.recovered: Recovery | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._pending: list[Callable[[Data], None]] = []
        self._swept = False  # stale temp files are removed once, at the first write
        self._dir_ready = False  # the folder is made (0700) once, at the first write

    # ------------------------------------------------------------------ reading

    def load(self) -> Data:
        """Read the file; a damaged one is moved aside (``recovered`` says where)."""
        self.data = self._read()
        return self.data

    def changed_on_disk(self) -> bool:
        """Cheap check (one stat) used by the app to notice another window's writes."""
        return self._file_stamp() != self._stamp

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _read(self) -> Data:
        stamp = self._file_stamp()
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            self._stamp = None
            return _empty()
        except IsADirectoryError:
            return self._set_aside("a folder stands where the progress file should be")
        except PermissionError as exc:
            raise ProgressError(
                f"cannot read {self.path}: permission denied ({exc.strerror}). "
                "Fix its permissions; nothing was changed."
            ) from None
        except OSError as exc:
            raise ProgressError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        self._stamp = stamp
        try:
            if len(raw) > MAX_BYTES:
                raise _Damaged(f"it is larger than {MAX_BYTES // (1024 * 1024)} MiB")
            if not raw.strip():
                raise _Damaged("it is empty")
            try:
                parsed = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise _Damaged("it is not UTF-8 text") from None
            except json.JSONDecodeError as exc:
                raise _Damaged(f"not valid JSON at line {exc.lineno}: {exc.msg}") from None
            except RecursionError:
                raise _Damaged("not valid JSON for progress: nested too deeply") from None
            newer = isinstance(parsed, dict) and _is_newer(parsed.get("schema"))
            if newer:
                # Never moved, never written: shown read-only, or as empty if this version
                # cannot make sense of it.
                self.read_only = True
                try:
                    return _check_shape(parsed)
                except _Damaged:
                    return {"schema": parsed["schema"], "guides": {}}
            data = _check_shape(parsed)
        except _Damaged as exc:
            return self._set_aside(str(exc))
        self.read_only = False
        return data

    def _free_name(self, kind: str) -> Path:
        """A dated name next to the file that nothing has yet: a copy is never overwritten."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{FILENAME}.{kind}-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{FILENAME}.{kind}-{stamp}-{counter}")
        return target

    def _set_aside(self, reason: str) -> Data:
        """Move a damaged file next to itself under a dated name; never delete it."""
        target = self._free_name("damaged")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise ProgressError(
                f"{self.path} is damaged ({reason}) and could not be moved aside: "
                f"{exc.strerror or exc}. Nothing was changed."
            ) from None
        self.recovered = Recovery(self.path, target, reason)
        self._stamp = None
        return _empty()

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive lock on a side file; the OS drops it if the holder dies."""
        self._ensure_dir()
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _ensure_dir(self) -> None:
        if not self._dir_ready:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._dir_ready = True

    def update(self, change: Callable[[Data], None]) -> Data:
        """Apply ``change`` to the freshest data and write it durably; returns the new data.

        When the write fails (full disk, read-only folder), the change is still shown in
        ``data`` and kept in a queue that the next successful write replays first, so a
        person who goes on ticking loses nothing once the problem is fixed.
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only_message())
        changes = [*self._pending, change]
        try:
            with self._locked():
                data = self._read()
                if self.read_only:
                    self.data = data
                    raise ReadOnlyError(self.read_only_message())
                for each in changes:
                    each(data)
                data["schema"] = SCHEMA
                # No indent: with one, json falls back to its pure-Python encoder.
                payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
                self._write(payload.encode("utf-8"))
        except OSError as exc:
            self._dir_ready = False  # the folder may be gone: make it again next time
            self._pending = changes
            change(self.data)
            raise UnsavedError(
                f"cannot write to {self.dir}: {exc.strerror or exc}", exc.strerror or str(exc)
            ) from None
        self._pending = []
        self.data = data
        return data

    @property
    def unsaved(self) -> bool:
        return bool(self._pending)

    def _write(self, payload: bytes) -> None:
        if not self._swept:
            self._remove_stale_temp_files()
            self._swept = True
        # O_EXCL with a random name instead of tempfile.mkstemp: same safety, created 0600
        # from the start, and ``tempfile`` stays out of the CLI's start-up.
        tmp = self.dir / f".{FILENAME}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(self.dir)
        self._stamp = self._file_stamp()

    def _remove_stale_temp_files(self) -> None:
        """Temp files of a writer killed mid-write; safe to remove, since we hold the lock."""
        for stale in self.dir.glob(f".{FILENAME}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def read_only_message(self) -> str:
        return (
            f"{self.path} was written by a newer optout-tui (schema "
            f"{self.data.get('schema')}); it is shown read-only and will not be changed."
        )

    # ------------------------------------------------------------------ the person's ticks

    def device(self, guide_id: str, device_id: str) -> Data:
        """The stored record for one guide on one device (empty when none)."""
        guide = self.data.get("guides", {}).get(guide_id, {})
        return guide.get("devices", {}).get(device_id, {})

    def ticks(self, guide_id: str, device_id: str) -> dict[str, str]:
        return dict(self.device(guide_id, device_id).get("ticks", {}))

    def set_tick(
        self, guide_id: str, device_id: str, step_id: str, ticked: bool, revision: int
    ) -> Data:
        stamp = now()

        def change(data: Data) -> None:
            record = _record(data, guide_id, device_id)
            ticks = record.setdefault("ticks", {})
            if ticked:
                ticks.setdefault(step_id, stamp)
            else:
                ticks.pop(step_id, None)
            record["revision"] = revision

        return self.update(change)

    def mark_complete(self, guide_id: str, device_id: str, revision: int) -> Data:
        """Record the moment a device's checklist was finished (kept if already set)."""
        stamp = now()

        def change(data: Data) -> None:
            record = _record(data, guide_id, device_id)
            record.setdefault("completed", stamp)
            record["completed_revision"] = revision

        return self.update(change)

    def clear_complete(self, guide_id: str, device_id: str) -> Data:
        def change(data: Data) -> None:
            record = _record(data, guide_id, device_id)
            record.pop("completed", None)
            record.pop("completed_revision", None)

        return self.update(change)

    def check_again(self, guide_id: str, device_id: str) -> Data:
        """Start a fresh pass: the finished one moves to ``history``, never deleted."""
        stamp = now()

        def change(data: Data) -> None:
            record = _record(data, guide_id, device_id)
            old = {
                k: record.pop(k)
                for k in ("ticks", "completed", "completed_revision")
                if k in record
            }
            if old.get("ticks") or old.get("completed"):  # replaying it never archives twice
                old["archived"] = stamp
                record.setdefault("history", []).append(old)
            record["ticks"] = {}

        return self.update(change)

    # ------------------------------------------------------------------ choices

    def setting(self, key: str) -> str | None:
        """A saved choice (language, region, guide, theme); None when never made."""
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    def set_setting(self, key: str, value: str) -> Data:
        return self.update(lambda data: data.__setitem__(key, value))

    @property
    def language(self) -> str | None:
        return self.setting("language")

    def set_language(self, lang: str) -> Data:
        return self.set_setting("language", lang)

    def reset(self) -> Path | None:
        """Move the file to a dated backup (the person can restore it); returns the backup."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_message())
        with self._locked():
            if not self.path.exists():
                return None
            backup = self._free_name("backup")
            os.replace(self.path, backup)
            _fsync_dir(self.dir)
        self.data = _empty()
        self._stamp = None
        return backup


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newlines


def _record(data: Data, guide_id: str, device_id: str) -> Data:
    guides = data.setdefault("guides", {})
    devices = guides.setdefault(guide_id, {}).setdefault("devices", {})
    return devices.setdefault(device_id, {})


def _fsync_dir(path: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised only on Windows

    def _lock(fd: int) -> None:
        import msvcrt
        import time

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                time.sleep(0.01)

else:

    def _lock(fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
