"""Write a small, complete and valid guide from scratch, for tests that break one thing.

``write_minimal_guide(folder)`` writes ``folder/<guide_id>/`` (guide.toml and one file per
language) and copies the real interface strings (``content/ui.<lang>.toml``) into ``folder``,
so ``collect([folder])`` returns no errors until a test edits something. ``line_of`` finds the
line a test expects an error on, so no test hard-codes line numbers.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

CONTENT = Path(__file__).resolve().parent.parent.parent / "content"
DEVICES = ("desktop", "mobile")


def step_ids(steps: int) -> list[str]:
    return [f"step-{n}" for n in range(1, steps + 1)]


def _guide_toml(guide_id: str, steps: int, languages: Sequence[str], revision: int) -> str:
    ids = step_ids(steps)
    listed = ", ".join(f'"{s}"' for s in ids)
    langs = ", ".join(f'"{lang}"' for lang in languages)
    out = [
        "schema = 1",
        f'id = "{guide_id}"',
        'platform = "demo"',
        f"revision = {revision}",
        "last_verified = 2026-11-23",
        f"languages = [{langs}]",
        'link = "https://example.com/settings"',
        "",
    ]
    for device in DEVICES:
        out += ["[[devices]]", f'id = "{device}"', f"steps = [{listed}]", ""]
    for index, step in enumerate(ids):
        last = index == len(ids) - 1
        out += [f"[steps.{step}]", "sources = [1]" if index % 2 == 0 else "sources = [1, 2]"]
        if index == 0:
            out.append('link = "https://example.com/step"')
        out += [f"check = {'true' if last else 'false'}", ""]
    out += [
        "[[sources]]",
        "id = 1",
        'title = "Example help page"',
        'url = "https://example.com/help"',
        'kind = "primary"',
        "",
        "[[sources]]",
        "id = 2",
        'title = "A newspaper without a public address"',
        'kind = "news"',
        "",
    ]
    return "\n".join(out)


def _language_toml(lang: str, steps: int, revision: int) -> str:
    out = [
        f'title = "{lang}: demo guide"',
        'platform = "Demo"',
        f'setting = "{lang}: Demo setting"',
        f'summary = "{lang}: what the demo guide does."',
        "",
    ]
    for device in DEVICES:
        out += [
            f"[devices.{device}]",
            f'name = "{lang}: {device}"',
            f'intro = "{lang}: intro for {device}."',
            "",
        ]
    for step in step_ids(steps):
        out += [
            f"[steps.{step}]",
            f'title = "{lang}: title of {step}"',
            f'do = "{lang}: do {step}."',
            f'why = "{lang}: why {step}."',
            f'label = "{lang}: label {step}"',
            "",
        ]
    for key in ("covers", "not_covered", "dates", "next"):
        out += [f"[[{key}]]", f'text = "{lang}: {key} claim."', "sources = [1]"]
        if key == "next":
            out.append('link = "https://example.com/next"')
        out.append("")
    out += ["[sources]", f'1 = "{lang}: what source 1 supports."']
    out += [f'2 = "{lang}: what source 2 supports."', ""]
    if revision > 1:  # each later revision says what changed
        out.append("[changes]")
        out += [f'{n} = "{lang}: what changed in revision {n}."' for n in range(2, revision + 1)]
        out.append("")
    return "\n".join(out)


def write_ui(folder: Path, languages: Sequence[str]) -> None:
    """Copy the real interface strings; a language without one gets the English keys."""
    for lang in languages:
        source = CONTENT / f"ui.{lang}.toml"
        if not source.exists():
            source = CONTENT / "ui.en.toml"
        shutil.copyfile(source, folder / f"ui.{lang}.toml")


def write_minimal_guide(
    folder: Path,
    guide_id: str = "demo",
    steps: int = 3,
    languages: Sequence[str] = ("en", "fr"),
    revision: int = 1,
    *,
    ui: bool = True,
) -> Path:
    """Write a valid guide into ``folder/<guide_id>`` (and ui files into ``folder``)."""
    if steps < 1:
        raise ValueError("a guide needs at least one step")
    guide = folder / guide_id
    guide.mkdir(parents=True, exist_ok=True)
    (guide / "guide.toml").write_text(
        _guide_toml(guide_id, steps, languages, revision), encoding="utf-8"
    )
    for lang in languages:
        (guide / f"{lang}.toml").write_text(_language_toml(lang, steps, revision), encoding="utf-8")
    if ui:
        write_ui(folder, sorted({"en", *languages}))
    return guide


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """The 1-based number of the ``nth`` line of ``path`` that contains ``needle``."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} (occurrence {nth}) not found in {path}")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly when ``old`` is not there (a stale test)."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise AssertionError(f"{old!r} not found in {path}")
    path.write_text(text.replace(old, new, count), encoding="utf-8")
