"""SVG snapshots of every main screen, in English and French, from 60x20 up.

Textual is pinned exactly in pyproject.toml; the clock is frozen (tick times and "today"),
and the data folder has a fixed name (emptied first), so a picture changes only when a
screen does. Update deliberately with ``pytest --snapshot-update`` and look at each
picture before committing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import settle

from tui import clock
from tui.app.app import OptOutApp
from tui.catalog import collect, load_catalog

FROZEN = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)  # "today" in every picture
SMALL, MEDIUM, WIDE, TALL = (60, 20), (80, 24), (120, 34), (120, 40)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    """Fixed time, and a fixed (still private, emptied first) data folder: the help screen
    shows its path, so a per-run temporary name would change the picture every time."""
    monkeypatch.setattr(clock, "now", lambda: FROZEN)
    folder = Path(tempfile.gettempdir()) / "optout-tui-snapshots" / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    monkeypatch.setenv("OPTOUT_TUI_DATA_DIR", str(folder))
    return folder


def keys(*presses: str) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """Press keys, then wait for the saves they start (thread workers) to land."""

    async def run(pilot: Any) -> None:
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run


def shot(snap_compare: Any, size: tuple[int, int], *presses: str, **app: Any) -> bool:
    return bool(snap_compare(OptOutApp(**app), run_before=keys(*presses), terminal_size=size))


# ------------------------------------------------------------------ main screens, both languages


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["60x20", "80x24"])
def test_checklist(snap_compare, lang: str, size: tuple[int, int]) -> None:
    assert shot(snap_compare, size, "space", lang=lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["60x20", "80x24"])
def test_phone_tab(snap_compare, lang: str, size: tuple[int, int]) -> None:
    assert shot(snap_compare, size, "right", lang=lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["60x20", "80x24"])
def test_catalog(snap_compare, lang: str, size: tuple[int, int]) -> None:
    assert shot(snap_compare, size, "space", "g", lang=lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["60x20", "80x24"])
def test_help(snap_compare, lang: str, size: tuple[int, int]) -> None:
    assert shot(snap_compare, size, "f1", lang=lang)


def test_last_step_at_60x20_stays_in_view(snap_compare) -> None:
    assert shot(snap_compare, SMALL, *["down"] * 6, "space", lang="en")


def test_qr_full_screen(snap_compare) -> None:
    assert shot(snap_compare, MEDIUM, "right", "p", lang="en")


def test_qr_beside_the_list(snap_compare) -> None:
    assert shot(snap_compare, TALL, "right", lang="en")


def test_desktop_wide(snap_compare) -> None:
    assert shot(snap_compare, WIDE, "space", "space", lang="en")


def test_french_wide(snap_compare) -> None:
    assert shot(snap_compare, WIDE, "down", "down", lang="fr")


def test_about_view(snap_compare) -> None:
    assert shot(snap_compare, WIDE, "i", lang="en")


def test_completion(snap_compare) -> None:
    steps = len(load_catalog().guide("linkedin-genai").device("desktop").steps)
    assert shot(snap_compare, (100, 32), *["space"] * steps, lang="en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_region_prompt(snap_compare, lang: str) -> None:
    assert shot(snap_compare, (100, 32), "r", lang=lang)


def test_region_chosen(snap_compare) -> None:
    assert shot(snap_compare, MEDIUM, "r", "down", "enter", lang="en")


def test_high_contrast(snap_compare) -> None:
    assert shot(snap_compare, (100, 32), "t", lang="en")


def test_check_again_asks(snap_compare) -> None:
    assert shot(snap_compare, MEDIUM, "space", "a", lang="en")


def test_revision_notice(snap_compare, content_copy: Path, frozen: Path) -> None:
    """The computer was finished against an older revision; the guide has moved on."""
    guide = content_copy / "linkedin-genai"
    catalog, errors = collect([content_copy])
    assert errors == []
    current = catalog.guide("linkedin-genai")
    toml = guide / "guide.toml"
    text = toml.read_text("utf-8")
    bumped = f"revision = {current.revision + 1}"
    toml.write_text(text.replace(f"revision = {current.revision}", bumped, 1), "utf-8")
    for lang, note in (("en", "The switch moved."), ("fr", "L’interrupteur a changé de place.")):
        words = guide / f"{lang}.toml"
        line = f'{current.revision + 1} = "{note}"'
        body = words.read_text("utf-8")
        if "[changes]" in body:
            body = body.replace("[changes]", "[changes]\n" + line, 1)
        else:
            body += f"\n[changes]\n{line}\n"
        words.write_text(body, "utf-8")
    catalog, errors = collect([content_copy])
    assert errors == []
    stamp = "2026-01-01T10:00:00+00:00"
    frozen.mkdir(parents=True, mode=0o700)  # private, as the app makes it: no toast
    record = {
        "ticks": dict.fromkeys(current.device("desktop").steps, stamp),
        "completed": stamp,
        "completed_revision": current.revision,
        "revision": current.revision,
    }
    guides = {"linkedin-genai": {"devices": {"desktop": record}}}
    data = {"schema": 1, "region": "uk", "guides": guides}
    (frozen / "progress.json").write_text(json.dumps(data), "utf-8")
    app = OptOutApp(catalog=catalog, lang="en")
    assert snap_compare(app, run_before=keys(), terminal_size=(100, 32))


# ------------------------------------------------------------------ each new guide's first screens


def _tabs(guide_id: str) -> list[str]:
    return [str(i + 1) for i, _ in enumerate(load_catalog().guide(guide_id).devices)]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("guide_id", "tab"),
    [(g, t) for g in ("meta-facebook", "meta-instagram") for t in _tabs(g)],
)
def test_meta_routes(snap_compare, guide_id: str, tab: str, lang: str) -> None:
    assert shot(snap_compare, MEDIUM, tab, lang=lang, guide_id=guide_id)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("guide_id", ["openai-chatgpt", "google-gemini"])
def test_assistant_guides(snap_compare, guide_id: str, lang: str) -> None:
    assert shot(snap_compare, MEDIUM, lang=lang, guide_id=guide_id)
