"""SVG snapshots of the newer screens: region question, phone QR, guide picker, the changed
procedure banner, the high-contrast theme, and the region question in French.

Same rules as test_snapshots.py: Textual is pinned, time is frozen, the data folder has a
fixed name (emptied first). Update deliberately with ``pytest --snapshot-update`` and look
at the pictures before committing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from tui.app.app import OptOutApp
from tui.catalog import collect, load_catalog
from tui.progress import store as progress

FROZEN = "2026-11-23T09:30:00+00:00"
DESKTOP = list(load_catalog().guides[0].device("desktop").steps)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Path:
    """Fixed time, and a fixed (still private, emptied first) data folder, so that nothing
    that differs from run to run can reach the picture."""
    monkeypatch.setattr(progress, "now", lambda: FROZEN)
    folder = Path(tempfile.gettempdir()) / "optout-tui-snapshots" / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    monkeypatch.setenv("OPTOUT_TUI_DATA_DIR", str(folder))
    return folder


def test_region_prompt(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["r"], terminal_size=(100, 32))


def test_region_prompt_french(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="fr"), press=["r"], terminal_size=(100, 32))


def test_phone_tab_qr(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["right"], terminal_size=(120, 40))


def test_guide_picker(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["g"], terminal_size=(100, 32))


def test_high_contrast(snap_compare) -> None:
    assert snap_compare(OptOutApp(lang="en"), press=["t"], terminal_size=(100, 32))


def test_revision_notice(snap_compare, content_copy: Path, frozen: Path) -> None:
    """The computer was finished against revision 1; the guide is now at revision 2."""
    guide = content_copy / "linkedin-genai"
    toml = guide / "guide.toml"
    toml.write_text(toml.read_text("utf-8").replace("revision = 1", "revision = 2", 1), "utf-8")
    for lang, note in (("en", "The switch moved."), ("fr", "L'interrupteur a changé de place.")):
        words = guide / f"{lang}.toml"
        words.write_text(words.read_text("utf-8") + f'\n[changes]\n2 = "{note}"\n', "utf-8")
    catalog, errors = collect([content_copy])
    assert errors == []
    stamp = "2026-01-01T10:00:00+00:00"
    frozen.mkdir(parents=True)
    record = {
        "ticks": dict.fromkeys(DESKTOP, stamp),
        "completed": stamp,
        "completed_revision": 1,
        "revision": 1,
    }
    data = {
        "schema": 1,
        "region": "uk",
        "guides": {"linkedin-genai": {"devices": {"desktop": record}}},
    }
    (frozen / "progress.json").write_text(json.dumps(data), "utf-8")
    assert snap_compare(OptOutApp(catalog=catalog, lang="en"), terminal_size=(100, 32))
