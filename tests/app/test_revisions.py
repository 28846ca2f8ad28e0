"""Revisions: when a guide's procedure changes, people who finished the old one are told.

A copy of the built-in content gets the next revision (``NEW``, one above the shipped
``BASE``) and a ``[changes]`` note for it in each language; a progress file says the computer
was finished against ``BASE``. Then the validator, the state model, the app (banner, old
ticks, ``a`` to check again) and the ``status`` command must all agree that this person
should look again. The revisions are read from the shipped guide, never written here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import run_cli, settle
from helpers.minimal import write_minimal_guide
from seen import flat, on_screen, said
from textual.widget import Widget

from tui.app.app import OptOutApp
from tui.app.screens.confirm import ConfirmScreen
from tui.app.widgets.checklist import TICKED, UNTICKED, Checklist
from tui.catalog import Catalog, Guide, collect, load_catalog
from tui.progress.records import changes_since, device_state
from tui.progress.store import ProgressStore
from tui.text.dates import written_date

GUIDE_ID = "linkedin-genai"
V2_ID = "linkedin-genai-v2"
NOTE_EN = "The switch moved."
NOTE_FR = "L'interrupteur a changé de place."
OLD_STAMP = "2026-01-01T10:00:00+00:00"
BUILTIN = load_catalog()
BASE = BUILTIN.guide(GUIDE_ID).revision  # the shipped revision
NEW = BASE + 1  # the revision the tests' copy is raised to
DESKTOP = list(BUILTIN.guide(GUIDE_ID).device("desktop").steps)
MOBILE = list(BUILTIN.guide(GUIDE_ID).device("mobile").steps)


# ------------------------------------------------------------------ building the copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def drop_changes(path: Path) -> None:
    """Remove the file's [changes] table (it is the last table in the shipped files)."""
    text = path.read_text("utf-8")
    at = text.find("\n[changes]\n")
    if at >= 0:
        rest = text[at + 1 :]
        after = rest.find("\n[", 1)
        assert after < 0, f"[changes] is not the last table in {path}"
        path.write_text(text[: at + 1], "utf-8")


def add_changes(path: Path, entries: str) -> None:
    """Add ``entries`` (``key = "note"`` lines) to the file's [changes] table, made if absent."""
    text = path.read_text("utf-8")
    if "\n[changes]\n" in text:
        path.write_text(text.replace("\n[changes]\n", f"\n[changes]\n{entries}", 1), "utf-8")
    else:
        append(path, f"\n[changes]\n{entries}")


def make_next_revision(
    folder: Path, en: str | None = f'{NEW} = "{NOTE_EN}"\n', fr: str | None = None
) -> None:
    """Raise ``folder``'s revision to NEW and add the notes to [changes] (None or "": none)."""
    if fr is None:
        fr = f'{NEW} = "{NOTE_FR}"\n'
    edit(folder / "guide.toml", f"revision = {BASE}\n", f"revision = {NEW}\n")
    if en:
        add_changes(folder / "en.toml", en)
    if fr:
        add_changes(folder / "fr.toml", fr)


def catalog_v2(content_copy: Path) -> Catalog:
    make_next_revision(content_copy / GUIDE_ID)
    catalog, errors = collect([content_copy])
    assert errors == [], [str(e) for e in errors]
    assert catalog.guide(GUIDE_ID).revision == NEW
    return catalog


def extra_v2(tmp_path: Path) -> Path:
    """A separate --content folder holding the guide as 'linkedin-genai-v2', listed first."""
    extra = tmp_path / "extra"
    target = extra / V2_ID
    shutil.copytree(Path(__file__).resolve().parents[2] / "content" / GUIDE_ID, target)
    edit(target / "guide.toml", f'id = "{GUIDE_ID}"', f'id = "{V2_ID}"')
    first = min(g.order for g in BUILTIN.guides) - 1
    structure = target / "guide.toml"
    text = re.sub(r"^order = -?\d+$", f"order = {first}", structure.read_text("utf-8"), flags=re.M)
    structure.write_text(text, "utf-8")
    make_next_revision(target)
    return extra


def completed_record(revision: int = BASE, steps: list[str] = DESKTOP) -> dict:
    return {
        "ticks": dict.fromkeys(steps, OLD_STAMP),
        "completed": OLD_STAMP,
        "completed_revision": revision,
        "revision": revision,
    }


def write_progress(data_dir: Path, guide_id: str = GUIDE_ID, **settings: str) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "schema": 1,
        "guides": {guide_id: {"devices": {"desktop": completed_record()}}},
        **settings,
    }
    path = data_dir / "progress.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def stored(data_dir: Path, guide_id: str = GUIDE_ID) -> dict:
    data = json.loads((data_dir / "progress.json").read_text("utf-8"))
    return data["guides"][guide_id]["devices"]["desktop"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# ------------------------------------------------------------------ validation


def messages(content_copy: Path, guide_id: str = GUIDE_ID) -> list[str]:
    """The problems found in one guide's own files (a guide refused for them also makes
    the guides that name it as related complain; those are not what these tests are about)."""
    _, errors = collect([content_copy])
    folder = content_copy / guide_id
    return [f"{e.path.name}: {e.message}" for e in errors if e.path.parent == folder]


def test_next_revision_with_notes_is_valid_and_loaded(content_copy: Path) -> None:
    guide = catalog_v2(content_copy).guide(GUIDE_ID)
    assert guide.text("en").changes[NEW] == NOTE_EN
    assert guide.text("fr").changes[NEW] == NOTE_FR
    assert set(guide.text("en").changes) == set(range(2, NEW + 1))


def test_validate_command_accepts_the_copy(content_copy: Path) -> None:
    make_next_revision(content_copy / GUIDE_ID)
    result = run("validate", str(content_copy))
    assert result.returncode == 0, result.stderr


def test_current_revision_needs_a_note(content_copy: Path) -> None:
    make_next_revision(content_copy / GUIDE_ID, en="")
    found = messages(content_copy)
    assert found == [f"en.toml: revision {NEW} needs a note in [changes]: what changed"], found


def test_every_language_needs_the_note(content_copy: Path) -> None:
    make_next_revision(content_copy / GUIDE_ID, fr="")
    found = messages(content_copy)
    assert found == [f"fr.toml: revision {NEW} needs a note in [changes]: what changed"], found


def test_cli_validate_reports_the_missing_note(content_copy: Path) -> None:
    make_next_revision(content_copy / GUIDE_ID, en="")
    result = run("validate", str(content_copy))
    assert result.returncode == 2
    assert "needs a note in [changes]" in result.stderr
    assert "en.toml" in result.stderr


@pytest.mark.parametrize("key", [str(NEW + 3), "1", "0", "two"])
def test_changes_key_out_of_range(content_copy: Path, key: str) -> None:
    folder = content_copy / GUIDE_ID
    make_next_revision(folder, en=f'{NEW} = "{NOTE_EN}"\n{key} = "Not a revision."\n')
    _, found = collect([content_copy])
    errors = [e for e in found if e.path.parent == folder]  # not the guides that relate to it
    assert len(errors) == 1, [str(e) for e in found]
    error = errors[0]
    assert error.path == folder / "en.toml"
    assert error.message == f"[changes] key '{key}' must be a revision from 2 to {NEW}"
    lines = (folder / "en.toml").read_text("utf-8").splitlines()
    assert lines[error.line - 1].startswith(f"{key} = ")


def test_changes_at_revision_1_are_refused(tmp_path: Path) -> None:
    # A guide still at revision 1 has nothing to say about changes yet.
    folder = write_minimal_guide(tmp_path / "content", revision=1)
    append(folder / "en.toml", '\n[changes]\n2 = "Too early."\n')
    found = messages(tmp_path / "content", "demo")
    assert found == ["en.toml: [changes] key '2' must be a revision from 2 to 1"], found


def test_changes_must_be_a_table(content_copy: Path) -> None:
    folder = content_copy / GUIDE_ID
    make_next_revision(folder, en="")
    en = folder / "en.toml"
    drop_changes(en)
    en.write_text('changes = "moved"\n' + en.read_text("utf-8"), "utf-8")  # top level
    found = messages(content_copy)
    assert any("[changes] must be a table" in m for m in found), found


# ------------------------------------------------------------------ the state model


def guide_v2(content_copy: Path) -> Guide:
    return catalog_v2(content_copy).guide(GUIDE_ID)


def test_device_state_is_outdated_not_complete(content_copy: Path) -> None:
    state = device_state(guide_v2(content_copy), "desktop", completed_record())
    assert state.all_ticked
    assert state.outdated is True
    assert state.complete is False
    assert state.completed_revision == BASE and state.current_revision == NEW


def test_device_state_at_the_current_revision_is_complete(content_copy: Path) -> None:
    state = device_state(guide_v2(content_copy), "desktop", completed_record(revision=NEW))
    assert state.outdated is False
    assert state.complete is True


def test_changes_since(content_copy: Path) -> None:
    guide = guide_v2(content_copy)
    assert changes_since(guide, "en", BASE) == [NOTE_EN]
    assert changes_since(guide, "fr", BASE) == [NOTE_FR]
    assert changes_since(guide, "en", NEW) == []
    if BASE > 1:  # from further back, every note since, oldest first, the new one last
        assert changes_since(guide, "en", 1)[-1] == NOTE_EN
        assert len(changes_since(guide, "en", 1)) == NEW - 1


# ------------------------------------------------------------------ the app


def notice(app: OptOutApp) -> Widget:
    return app.screen.query_one("#notice")


def prompts(app: OptOutApp, device: str = "desktop") -> list[str]:
    checklist = app.screen.query_one(f"#list-{device}", Checklist)
    return [str(option.prompt) for option in checklist.options]


async def check_again(pilot) -> None:
    """Press a and answer yes: checking again asks first (issue 11)."""
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(pilot)


async def test_app_shows_the_changed_banner_and_keeps_old_ticks(
    content_copy: Path, data_dir: Path
) -> None:
    write_progress(data_dir)
    app = OptOutApp(catalog=catalog_v2(content_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        banner = notice(app)
        assert banner.display
        assert banner.has_class("-changed")
        text = flat(on_screen(app, "#notice"))  # the notice breaks long lines itself
        assert f"revision {BASE} → {NEW}" in text
        assert NOTE_EN in text
        assert "press a" in text
        shown = prompts(app)
        assert len(shown) == len(DESKTOP)
        assert all(p.startswith(TICKED) for p in shown), shown
        # Not "All 7 steps done on …": an outdated pass is not shown as complete.
        progress = app.screen.query_one("#progress")
        assert not progress.has_class("-complete")
        assert on_screen(app, "#progress") == f"{len(DESKTOP)} of {len(DESKTOP)} steps done"


async def test_app_banner_in_french(content_copy: Path, data_dir: Path) -> None:
    write_progress(data_dir)
    app = OptOutApp(catalog=catalog_v2(content_copy), lang="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = flat(on_screen(app, "#notice"))  # the notice breaks long lines itself
        assert f"révision {BASE} → {NEW}" in text
        assert NOTE_FR in text
        assert NOTE_EN not in text


async def test_check_again_archives_and_clears_the_banner(
    content_copy: Path, data_dir: Path
) -> None:
    write_progress(data_dir, region="unknown")
    app = OptOutApp(catalog=catalog_v2(content_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert notice(app).display
        await check_again(pilot)
        record = stored(data_dir)
        assert record["ticks"] == {}
        assert "completed" not in record and "completed_revision" not in record
        assert len(record["history"]) == 1
        old = record["history"][0]
        assert old["completed"] == OLD_STAMP
        assert old["completed_revision"] == BASE
        assert old["ticks"] == dict.fromkeys(DESKTOP, OLD_STAMP)
        assert old["archived"]
        assert not notice(app).display  # its warning style: see the test below
        assert all(p.startswith(UNTICKED) for p in prompts(app))
        assert app.screen.query_one("#list-desktop", Checklist).highlighted == 0
        assert any("fresh check" in m for m in said(app))
        # A new pass against the new revision completes for good.
        await pilot.press(*["space"] * len(DESKTOP))
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
    record = stored(data_dir)
    assert record["completed_revision"] == NEW
    assert record["revision"] == NEW
    assert len(record["history"]) == 1
    state = device_state(app.guide, "desktop", record)
    assert state.complete and not state.outdated


async def test_check_again_drops_the_warning_style(content_copy: Path, data_dir: Path) -> None:
    write_progress(data_dir, region="unknown")
    app = OptOutApp(catalog=catalog_v2(content_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert notice(app).has_class("-changed")
        await check_again(pilot)
        assert not notice(app).display
        assert not notice(app).has_class("-changed")


async def test_check_again_without_a_region_leaves_only_the_region_banner(
    content_copy: Path, data_dir: Path
) -> None:
    write_progress(data_dir)
    app = OptOutApp(catalog=catalog_v2(content_copy))
    async with app.run_test(size=(100, 30)) as pilot:
        await check_again(pilot)
        text = flat(on_screen(app, "#notice"))  # the notice breaks long lines itself
        assert f"revision {BASE} → {NEW}" not in text
        assert "press r" in text


async def test_check_again_with_nothing_ticked_changes_nothing(data_dir: Path) -> None:
    app = OptOutApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # nothing to ask about
        await settle(pilot)
    assert not (data_dir / "progress.json").exists()


async def test_current_revision_shows_no_changed_banner(data_dir: Path) -> None:
    write_progress(data_dir, region="uk")
    app = OptOutApp()  # built-in content: still at BASE, where the record was finished
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not notice(app).display
        progress = app.screen.query_one("#progress")
        assert progress.has_class("-complete")


def test_store_check_again_keeps_every_earlier_pass(data_dir: Path) -> None:
    write_progress(data_dir)
    store = ProgressStore(data_dir)
    store.load()
    store.check_again(GUIDE_ID, "desktop")
    store.set_tick(GUIDE_ID, "desktop", DESKTOP[0], True, NEW)
    store.check_again(GUIDE_ID, "desktop")
    record = stored(data_dir)
    assert [len(h["ticks"]) for h in record["history"]] == [len(DESKTOP), 1]
    assert record["ticks"] == {}


# ------------------------------------------------------------------ the status command


def test_status_says_the_procedure_changed_and_exits_1(tmp_path: Path, data_dir: Path) -> None:
    extra = extra_v2(tmp_path)
    write_progress(data_dir, V2_ID)
    result = run("status", "--content", str(extra))
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    # After the one-line verdicts (issue 11), the guide's own block.
    start = next(i for i, line in enumerate(lines) if line.endswith(f"({V2_ID}, revision {NEW})"))
    lines = lines[start:]
    at = lines.index(f"  The procedure changed since you finished it (revision {BASE} → {NEW}):")
    assert lines[at + 1] == f"    - {NOTE_EN}"
    desktop = next(line for line in lines if line.startswith("  Computer:"))
    assert desktop.startswith(f"  Computer: {len(DESKTOP)}/{len(DESKTOP)} steps done")
    # The built-in guide, same steps, is still at the old revision: nothing about changes.
    assert result.stdout.count("procedure changed") == 1


def test_status_changed_in_french(tmp_path: Path, data_dir: Path) -> None:
    extra = extra_v2(tmp_path)
    write_progress(data_dir, V2_ID)
    result = run("status", "--lang", "fr", "--content", str(extra))
    assert result.returncode == 1
    assert f"(révision {BASE} → {NEW})" in result.stdout
    assert f"    - {NOTE_FR}" in result.stdout


def test_status_after_a_fresh_check_at_revision_2_exits_0(tmp_path: Path, data_dir: Path) -> None:
    extra = extra_v2(tmp_path)
    write_progress(data_dir, V2_ID)
    store = ProgressStore(data_dir)
    store.load()
    store.check_again(V2_ID, "desktop")
    before = run("status", "--guide", V2_ID, "--content", str(extra))
    assert before.returncode == 1
    assert "procedure changed" not in before.stdout  # the outdated pass is archived
    for step in DESKTOP:
        store.set_tick(V2_ID, "desktop", step, True, NEW)
    store.mark_complete(V2_ID, "desktop", NEW)
    after = run("status", "--guide", V2_ID, "--content", str(extra))
    assert after.returncode == 0, after.stdout
    assert "procedure changed" not in after.stdout
    assert re.search(rf"Computer: {len(DESKTOP)}/{len(DESKTOP)} done", after.stdout)


def test_export_names_both_revisions(tmp_path: Path, data_dir: Path) -> None:
    extra = extra_v2(tmp_path)
    write_progress(data_dir, V2_ID)
    store = ProgressStore(data_dir)
    store.load()
    store.check_again(V2_ID, "desktop")
    result = run("export", "--guide", V2_ID, "--content", str(extra))
    assert result.returncode == 0
    assert f"- Guide: {V2_ID}, revision {NEW}" in result.stdout
    # The Markdown record writes dates as the language does (issue 11); JSON keeps ISO.
    earlier = f"An earlier check was finished on {written_date(date(2026, 1, 1), 'en')}"
    assert f"{earlier} (revision {BASE})." in result.stdout
    data = json.loads(
        run("export", "--guide", V2_ID, "--format", "json", "--content", str(extra)).stdout
    )
    desktop = data["devices"][0]
    assert desktop["earlier_checks"][0]["completed_revision"] == BASE
    assert all(step["ticked"] is None for step in desktop["steps"])
