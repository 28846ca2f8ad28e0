"""Files in, TOML data out: read safely, parsed once, and cached while unchanged.

Content may come from someone else (``--content DIR``), so a file is opened only if it is a
regular file (a FIFO would block for ever, ``/dev/zero`` would never end) and read only up
to a size limit; anything else becomes a :class:`ReadProblem` that names what is wrong.
Data nested absurdly deep is refused here too, so every later step (the checks, the cache's
JSON) can walk it without running out of stack: ``validate`` and loading both read through
this module, so they accept exactly the same files.

``tomllib`` is pure Python and slow, so the parsed data of each file is kept as JSON (parsed
in C) in a :class:`ParseCache`, one small file per content folder, and reused while the
file's size and modification time are unchanged. The cache is passed in by the caller, never
kept in a module global; any problem with it (missing, damaged, unwritable) just means
parsing the TOML again. Cache files are written atomically under a random name created with
``O_EXCL | O_NOFOLLOW``, so a planted symlink is never written through.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from .. import regular

ENV_CACHE_DIR = "OPTOUT_TUI_CACHE_DIR"
MAX_CONTENT_BYTES = 1024 * 1024  # a guide's file is a few dozen KiB; this is a lot of text
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 16  # tables and lists inside each other; a guide needs five
PARSE_VERSION = 2
_TAG = "__toml__"  # marks a date or time that JSON cannot hold

Stamp = tuple[int, int]  # (size, mtime_ns): a file is unchanged while both are


def default_cache_dir() -> Path:
    """``$OPTOUT_TUI_CACHE_DIR``, else the per-user cache folder."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir  # only when needed: it costs an import

    return Path(user_cache_dir("optout-tui", appauthor=False))


class ReadProblem(Exception):
    """A file that cannot be used: ``line`` where the parser gives one, and what is wrong."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class Parsed(NamedTuple):
    data: dict[str, Any]
    text: str | None  # the source, when it was read (a cache hit does not read it)


def stamp_of(path: Path) -> Stamp:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns)


def read_regular(path: Path, limit: int = MAX_CONTENT_BYTES) -> bytes:
    """A content file's bytes; anything but a regular file, or one over ``limit``, is a
    ``ReadProblem`` with the reason, never a wait or an unbounded read (see ``regular``)."""
    try:
        raw, _ = regular.read_regular(path, limit)
    except regular.NotRegular as exc:
        raise ReadProblem(None, f"not a regular file ({exc.kind}): refusing to read it") from None
    except OSError as exc:
        raise ReadProblem(None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise ReadProblem(None, f"the file is larger than {_size(limit)}: refusing to read it")
    return raw


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"


def read_toml(path: Path, cache: ParseCache | None = None) -> Parsed:
    """Parse one TOML file (or take it from ``cache``); ReadProblem with a line if bad."""
    stamp: Stamp | None = None
    if cache is not None:
        with contextlib.suppress(OSError):
            stamp = stamp_of(path)
        cached = cache.get(path, stamp) if stamp else None
        if cached is not None:
            return Parsed(cached, None)
    raw = read_regular(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadProblem(
            raw[: exc.start].count(b"\n") + 1, "the file is not valid UTF-8 text"
        ) from None
    import tomllib  # only on a cache miss: it is slow to import and slower to run

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = text.count("\n") + 1
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ReadProblem(line, f"not valid TOML: {message}") from None
    except RecursionError:
        raise ReadProblem(None, "not valid TOML: nested too deeply") from None
    if too_deep(data):
        raise ReadProblem(
            None, f"tables or lists are nested more than {MAX_DEPTH} levels deep (a dotted key?)"
        )
    if cache is not None and stamp is not None:
        cache.put(path, stamp, data)
    return Parsed(data, text)


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Nested deeper than ``limit``? Walked with a list, not recursion, so depth is no risk."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False


# --------------------------------------------------------------------------- cache files


def read_json(path: Path) -> Any:
    """A cache file's data, or None if it is missing, damaged, too big or not a file."""
    try:
        return json.loads(read_regular(path, MAX_CACHE_BYTES))
    except (ReadProblem, ValueError, RecursionError):
        return None


def write_private(path: Path, payload: bytes) -> bool:
    """Replace ``path`` atomically with ``payload``, owner-only; False if it cannot be done.

    The temporary file has a random name and is created with ``O_EXCL | O_NOFOLLOW``, so it
    is always a new file of ours; ``os.replace`` swaps a symlink at ``path`` for the file
    instead of writing through it.
    """
    tmp = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False


class ParseCache:
    """Parsed TOML kept as JSON: one cache file per content folder, read when first needed.

    Per folder, so that opening one guide reads one small file whatever the catalog's size.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or default_cache_dir()) / "parsed"
        self._groups: dict[str, dict[str, list[Any]]] = {}
        self._dirty: set[str] = set()

    def _file(self, directory: str) -> Path:
        import hashlib  # only when the parse cache is used: status reading the index is not

        digest = hashlib.sha256(directory.encode("utf-8", "surrogateescape")).hexdigest()
        return self.folder / f"{digest[:32]}.json"

    def _group(self, directory: str) -> dict[str, list[Any]]:
        group = self._groups.get(directory)
        if group is None:
            stored = read_json(self._file(directory))
            ok = isinstance(stored, dict) and stored.get("version") == PARSE_VERSION
            files = stored.get("files") if ok and stored.get("dir") == directory else None
            group = files if isinstance(files, dict) else {}
            self._groups[directory] = group
        return group

    def get(self, path: Path, stamp: Stamp) -> dict[str, Any] | None:
        entry = self._group(str(path.parent)).get(path.name)
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == list(stamp):
            try:
                data = _decode(entry[2])
            except (ValueError, TypeError, KeyError, AttributeError):
                return None  # a damaged cache entry: parse the file again
            return data if isinstance(data, dict) else None
        return None

    def put(self, path: Path, stamp: Stamp, data: dict[str, Any]) -> None:
        directory = str(path.parent)
        self._group(directory)[path.name] = [*stamp, _encode(data)]
        self._dirty.add(directory)

    def save(self) -> None:
        """Write each folder's file that gained something; forget files that are gone."""
        for directory in sorted(self._dirty):
            group = self._groups[directory]
            for name in [n for n in group if not os.path.exists(os.path.join(directory, n))]:
                del group[name]
            if not group:
                with contextlib.suppress(OSError):
                    self._file(directory).unlink()
                continue
            payload = {"version": PARSE_VERSION, "dir": directory, "files": group}
            write_private(self._file(directory), json.dumps(payload, ensure_ascii=False).encode())
        self._dirty.clear()

    def keep_only(self, directories: set[str]) -> None:
        """Delete the cache files of folders not in ``directories`` (gone or forgotten)."""
        wanted = {self._file(d).name for d in directories}
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name.endswith(".json") and entry.name not in wanted:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        table = {k: _encode(v) for k, v in value.items()}
        # A table of the file that happens to use our marker is wrapped, never misread.
        return {_TAG: "table", "value": table} if _TAG in value else table
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
        if kind == "table":
            return {k: _decode(v) for k, v in value["value"].items()}
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
