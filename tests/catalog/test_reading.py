"""Reading content that someone else wrote: never a hang, never a crash, the same answer twice.

Issue 10: a FIFO ``en.toml`` hung every command, one linked to ``/dev/zero`` read without
end, a dotted key of 500 parts passed ``validate`` but killed every other command, a link of
3,000 characters crashed the phone tab, and invisible characters made a link show as another
address. Each case here is run through ``validate`` and through loading (in process and as
``optout-tui`` would run), which must give the same answer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.minimal import edit, write_minimal_guide

from tui.catalog import (
    Cache,
    ContentInvalid,
    builtin_content_dir,
    collect,
    load_catalog,
    reading,
    validate,
)
from tui.catalog.reading import MAX_CONTENT_BYTES, ParseCache, write_private

TIMEOUT = 30  # seconds: a hang fails the test instead of blocking the run


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """In-process reads get the same bound as the subprocesses: a hang becomes a failure."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("reading content hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(TIMEOUT * 4)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def extra_guide(tmp_path: Path) -> Path:
    """A folder of extra guides holding one valid guide, ``demo``, as --content loads it."""
    extra = tmp_path / "extra"
    write_minimal_guide(extra, "demo", ui=False)
    assert validate(extra) == []
    return extra


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=dict(os.environ),
    )


def same_answer(extra: Path) -> list[str]:
    """validate and loading agree (in process and through the CLI); the messages."""
    found = [str(e) for e in validate(extra)]
    try:
        load_catalog([extra])
        loaded: list[str] = []
    except ContentInvalid as exc:
        loaded = [str(e) for e in exc.errors]
    assert found == loaded
    checked = cli("validate", str(extra))
    status = cli("--content", str(extra), "status")
    for result in (checked, status):
        assert "Traceback" not in result.stderr, result.stderr
    if found:
        assert checked.returncode == 2 and status.returncode == 2
        for message in found:
            assert message in checked.stderr and message in status.stderr
    else:
        assert checked.returncode == 0 and status.returncode in (0, 1)
    return found


# --------------------------------------------------------------------------- not a regular file


def test_fifo_language_file_is_refused_not_waited_for(tmp_path: Path) -> None:
    extra = extra_guide(tmp_path)
    en = extra / "demo" / "en.toml"
    en.unlink()
    os.mkfifo(en)
    found = same_answer(extra)
    assert found == [f"{en}: not a regular file (a named pipe (FIFO)): refusing to read it"]


def test_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    extra = extra_guide(tmp_path)
    fr = extra / "demo" / "fr.toml"
    fr.unlink()
    fr.symlink_to("/dev/zero")
    found = same_answer(extra)
    assert found == [f"{fr}: not a regular file (a device): refusing to read it"]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    extra = extra_guide(tmp_path)
    fr = extra / "demo" / "fr.toml"
    with fr.open("a", encoding="utf-8") as out:
        out.write("# padding\n" * (MAX_CONTENT_BYTES // 10 + 1))
    assert fr.stat().st_size > MAX_CONTENT_BYTES
    found = same_answer(extra)
    assert found == [f"{fr}: the file is larger than 1 MiB: refusing to read it"]


def test_a_regular_file_through_a_symlink_is_read(tmp_path: Path) -> None:
    extra = extra_guide(tmp_path)
    fr = extra / "demo" / "fr.toml"
    real = tmp_path / "elsewhere.toml"
    fr.rename(real)
    fr.symlink_to(real)
    assert same_answer(extra) == []


# --------------------------------------------------------------------------- nesting


@pytest.mark.parametrize("parts", [17, 500, 5000])
def test_absurd_dotted_key_is_refused_everywhere(tmp_path: Path, parts: int) -> None:
    extra = extra_guide(tmp_path)
    guide = extra / "demo" / "guide.toml"
    guide.write_text(".".join(["a"] * parts) + " = 1\n" + guide.read_text("utf-8"))
    found = same_answer(extra)
    assert found == [
        f"{guide}: tables or lists are nested more than 16 levels deep (a dotted key?)"
    ]


def test_nesting_within_the_limit_is_fine(tmp_path: Path) -> None:
    extra = extra_guide(tmp_path)
    guide = extra / "demo" / "guide.toml"
    guide.write_text(".".join(["a"] * 16) + " = 1\n" + guide.read_text("utf-8"))  # 16 levels
    assert same_answer(extra) == []


def test_absurd_nesting_with_a_cache_is_the_same_answer(tmp_path: Path) -> None:
    """The old crash was in the cache's JSON: with and without a cache, one answer."""
    extra = extra_guide(tmp_path)
    guide = extra / "demo" / "guide.toml"
    guide.write_text(guide.read_text("utf-8") + "\n" + ".".join(["a"] * 600) + " = 1\n")
    folders = [builtin_content_dir(), extra]
    plain = [str(e) for e in collect(folders)[1]]
    cached = [str(e) for e in collect(folders, cache=Cache(tmp_path / "c"))[1]]
    again = [str(e) for e in collect(folders, cache=Cache(tmp_path / "c"))[1]]
    assert plain == cached == again and len(plain) == 1


# --------------------------------------------------------------------------- links and text


def test_link_length_limit(tmp_path: Path) -> None:
    extra = extra_guide(tmp_path)
    guide = extra / "demo" / "guide.toml"
    longest = "https://example.com/" + "a" * (500 - len("https://example.com/"))
    edit(guide, 'link = "https://example.com/step"', f'link = "{longest}"')
    assert same_answer(extra) == []
    edit(guide, longest, longest + "b")
    found = same_answer(extra)
    line = _line(guide, longest)
    assert found == [f"{guide}:{line}: 'steps.step-1.link' is 501 characters long: at most 500"]


INVISIBLE = {
    "ZWSP": "\\u200b",
    "ZWNJ": "\\u200c",
    "ZWJ": "\\u200d",
    "WJ": "\\u2060",
    "BOM": "\\ufeff",
    "LSEP": "\\u2028",
    "PSEP": "\\u2029",
    "LRM": "\\u200e",
    "RLM": "\\u200f",
    "ALM": "\\u061c",
    "SHY": "\\u00ad",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_character_in_a_link(tmp_path: Path, char: str) -> None:
    extra = extra_guide(tmp_path)
    guide = extra / "demo" / "guide.toml"
    edit(guide, 'link = "https://example.com/step"', f'link = "https://evil{char}.example/"')
    errors = validate(extra)
    code = char[2:].upper()
    assert [e.message for e in errors] == [
        f"'steps.step-1.link' contains an invisible character (U+{code})"
    ]


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_character_in_text(tmp_path: Path, char: str) -> None:
    extra = extra_guide(tmp_path)
    fr = extra / "demo" / "fr.toml"
    edit(fr, 'do = "fr: do step-2."', f'do = "fr: do{char} step-2."')
    errors = validate(extra)
    assert [(e.line, e.message) for e in errors] == [
        (
            _line(fr, "fr: do\\"),
            f"'steps.step-2.do' contains an invisible character (U+{char[2:].upper()})",
        )
    ]


def test_invisible_characters_are_shown_escaped_in_messages(tmp_path: Path) -> None:
    """A key holding one is quoted in a message: spelled out, not hidden."""
    extra = extra_guide(tmp_path)
    fr = extra / "demo" / "fr.toml"
    edit(fr, "[[covers]]", '[steps."x\\u200by"]\ntitle = "t"\n\n[[covers]]')
    messages = [e.message for e in validate(extra)]
    assert any("x\\u200by" in m for m in messages), messages
    assert not any("\u200b" in str(m) for m in messages)


def _line(path: Path, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


# --------------------------------------------------------------------------- cache files


def test_cache_temp_names_are_random_and_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10 item 11: the old temp name was predictable and written through a symlink."""
    folder = tmp_path / "cache"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    for name in ("index-v1.json", "content-v1.json"):  # the old name had only the pid in it
        (folder / f".{name}.{os.getpid()}.tmp").symlink_to(victim)
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        opened.append((str(path), flags))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spy)
    load_catalog(cache=Cache(folder))
    monkeypatch.undo()
    assert victim.read_text() == "keep me"
    temps = [(p, f) for p, f in opened if p.endswith(".tmp")]
    assert len(temps) >= 2  # the index and at least one parse-cache file
    assert len({p for p, _ in temps}) == len(temps)  # a new random name each time
    for path, flags in temps:
        assert flags & os.O_EXCL and flags & os.O_NOFOLLOW and flags & os.O_CREAT, path
        assert str(os.getpid()) not in Path(path).name
    assert not [p for p in folder.rglob("*.tmp") if not p.is_symlink()]  # none left behind


def test_write_private_refuses_an_existing_temp_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the random name exists (planted), the write fails safely instead of following it."""
    target = tmp_path / "file.json"
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    monkeypatch.setattr(os, "urandom", lambda n: b"\x00" * n)
    (tmp_path / f".file.json.{'00' * 8}.tmp").symlink_to(victim)
    assert write_private(target, b"{}") is False
    assert victim.read_text() == "keep me" and not target.exists()


def test_a_fifo_in_the_cache_folder_does_not_hang(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    os.mkfifo(folder / "index-v1.json")
    catalog = load_catalog(cache=Cache(folder))
    assert catalog.guides
    cache = ParseCache(folder)
    path = tmp_path / "x.toml"
    path.write_text("a = 1\n")
    (folder / "parsed").mkdir(exist_ok=True)
    os.mkfifo(cache._file(str(tmp_path)))
    assert reading.read_toml(path, cache).data == {"a": 1}


def test_an_unlistable_folder_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = extra_guide(tmp_path)
    real = Path.iterdir

    def refuse(self: Path):  # as a folder without read permission would (root ignores modes)
        if self == extra:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert [str(e) for e in validate(extra)] == [
        f"{extra}: cannot list the folder: Permission denied"
    ]
