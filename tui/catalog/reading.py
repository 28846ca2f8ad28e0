"""Parsed guide files, kept as JSON and reused while a file is unchanged.

``tomllib`` is pure Python and was the largest cost of every start (``status`` included):
most of the time went into parsing the same long strings again. JSON parsing is in C, so a
file whose size and modification time have not changed is read from this cache instead.
Only parsing is cached, never the checks: a cached file is validated like any other. Any
problem with the cache (missing, damaged, unwritable) just means parsing the TOML again.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

ENV_CACHE_DIR = "OPTOUT_TUI_CACHE_DIR"
VERSION = 1
_TAG = "__toml__"  # marks a date or time that JSON cannot hold


def default_cache_file() -> Path:
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        folder = Path(env).expanduser()
    else:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("optout-tui", appauthor=False))
    return folder / f"content-v{VERSION}.json"


class TomlCache:
    def __init__(self, file: Path | None = None) -> None:
        self.file = file or default_cache_file()
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError, RecursionError):
            stored = json.loads(self.file.read_bytes())
            if isinstance(stored, dict) and stored.get("version") == VERSION:
                entries = stored.get("files")
                self.entries = entries if isinstance(entries, dict) else {}

    def get(self, path: Path, stamp: tuple[int, int]) -> dict[str, Any] | None:
        entry = self.entries.get(str(path))
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == list(stamp):
            return _decode(entry[2])
        return None

    def put(self, path: Path, stamp: tuple[int, int], data: dict[str, Any]) -> None:
        self.entries[str(path)] = [*stamp, _encode(data)]
        self.changed = True

    def save(self) -> None:
        """Write atomically if anything was added; a cache that cannot be written is skipped."""
        if not self.changed:
            return
        # Forget files that are gone (an old --content folder), so the cache cannot grow
        # without end.
        self.entries = {k: v for k, v in self.entries.items() if os.path.exists(k)}
        payload = json.dumps({"version": VERSION, "files": self.entries}, ensure_ascii=False)
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp.write_text(payload, encoding="utf-8")
            os.replace(tmp, self.file)
            self.changed = False
        with contextlib.suppress(OSError):
            tmp.unlink()


def stamp_of(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):
        return {_TAG: "datetime", "value": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "date", "value": value.isoformat()}
    if isinstance(value, time):
        return {_TAG: "time", "value": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        kind = value.get(_TAG)
        if kind == "datetime":
            return datetime.fromisoformat(value["value"])
        if kind == "date":
            return date.fromisoformat(value["value"])
        if kind == "time":
            return time.fromisoformat(value["value"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
