"""Every plain sub-command and every exit code, in English and in French, as a subprocess.

Each test runs ``python -m tui ...`` in a fresh process against real files: the data folder
comes from conftest (``OPTOUT_TUI_DATA_DIR`` points into the test's tmp dir, locale variables
are cleared). Every run goes through :func:`run`, which asserts that stderr never holds a
Python traceback, whatever the exit code. The app itself (no sub-command) is not run here.

Exit codes (``tui/cli.py``): 0 done/ok, 1 not complete or reset declined, 2 bad usage or
content, 3 progress cannot be read or written.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli

from tui import __version__
from tui.catalog import load_catalog

CATALOG = load_catalog(cache=False)  # at import: read only, never the user's cache
GUIDE = CATALOG.guides[0]
DEVICES = [d.id for d in GUIDE.devices]
DESKTOP = list(GUIDE.device("desktop").steps)
MOBILE = list(GUIDE.device("mobile").steps)
UI_EN = CATALOG.ui["en"]
UI_FR = CATALOG.ui["fr"]
COMMANDS = ("status", "export", "guide", "locate", "reset", "validate")
NUMBERED = re.compile(r"^(\d+)\. (.+)$")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """``run_cli`` plus the one rule every test shares: never a traceback."""
    result = run_cli(*args, **kwargs)
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


def write_progress(data_dir: Path, data: dict | str | bytes) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "progress.json"
    if isinstance(data, dict):
        data = json.dumps(data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def ticked(steps: list[str], guide_id: str = GUIDE.id, device: str = "desktop") -> dict:
    stamp = "2026-01-02T03:04:05+00:00"
    return {
        "schema": 1,
        "guides": {
            guide_id: {"devices": {device: {"revision": 1, "ticks": dict.fromkeys(steps, stamp)}}}
        },
    }


def block(stdout: str, guide_id: str = GUIDE.id) -> list[str]:
    """The status lines of one guide: its heading line and the indented lines under it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if f"({guide_id}, " in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), None)
    return lines[start:end]


def numbered_titles(stdout: str) -> list[str]:
    return [m.group(2) for line in stdout.splitlines() if (m := NUMBERED.match(line))]


def extra_guide(tmp_path: Path, new_id: str = "linkedin-copy") -> Path:
    """A folder holding a valid extra guide: the built-in one under another id."""
    extra = tmp_path / "extra"
    shutil.copytree(CONTENT / GUIDE.id, extra / new_id)
    toml = extra / new_id / "guide.toml"
    text = toml.read_text("utf-8")
    toml.write_text(text.replace(f'id = "{GUIDE.id}"', f'id = "{new_id}"', 1), "utf-8")
    return extra


def damaged_copies(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("progress.json.damaged-*"))


# --------------------------------------------------------------------------- help, version


def test_help_lists_every_command_and_exit_codes():
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M), command
    assert "Exit codes" in result.stdout
    print(f"--help: {len(result.stdout.splitlines())} lines, {len(COMMANDS)} commands")


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert f"optout-tui {command}" in result.stdout


def test_version_matches_package():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"optout-tui {__version__}"


@pytest.mark.parametrize(
    "args", [("nope",), ("status", "--bogus"), ("guide", "--device"), ("reset", "--yes", "x")]
)
def test_bad_usage_exits_2(args):
    result = run(*args)
    assert result.returncode == 2, result
    assert "usage:" in result.stderr


# --------------------------------------------------------------------------- status


def test_status_empty_progress_is_incomplete(data_dir):
    result = run("status")
    assert result.returncode == 1
    lines = block(result.stdout)
    assert (
        lines[0] == f"{GUIDE.text('en').title} ({GUIDE.id}, {UI_EN['revision']} {GUIDE.revision})"
    )
    for device in GUIDE.devices:
        name = GUIDE.text("en").devices[device.id].name
        total = len(device.steps)
        assert f"  {name}: 0/{total} {UI_EN['status_todo']}" in lines
    assert len(lines) == 1 + len(DEVICES)
    # The other guides were never started: one line lists them as optional, no block each.
    optional = next(x for x in result.stdout.splitlines() if x.startswith("Not started (optional)"))
    for other in CATALOG.guides[1:]:
        assert f"{other.text('en').title} ({other.id})" in optional
        assert f"({other.id}, " not in result.stdout
    assert not (data_dir / "progress.json").exists(), "status must not create the file"
    print(result.stdout)


def test_status_all_desktop_steps_ticked_is_complete(data_dir):
    write_progress(data_dir, ticked(DESKTOP))
    result = run("status")
    assert result.returncode == 0, result
    desktop = GUIDE.text("en").devices["desktop"].name
    mobile = GUIDE.text("en").devices["mobile"].name
    line = f"  {desktop}: {len(DESKTOP)}/{len(DESKTOP)} {UI_EN['status_done']}"
    assert f"{line}, last tick 2 January 2026" in result.stdout  # the tick's date, written out
    assert f"  {mobile}: 0/{len(MOBILE)} " in result.stdout
    print(result.stdout)


def test_status_one_step_short_is_incomplete(data_dir):
    write_progress(data_dir, ticked(DESKTOP[:-1]))
    result = run("status")
    assert result.returncode == 1
    assert f": {len(DESKTOP) - 1}/{len(DESKTOP)} " in result.stdout


def test_status_ignores_ticks_of_unknown_steps_and_guides(data_dir):
    data = ticked([*DESKTOP[:2], "not-a-step"])
    data["guides"]["other-guide"] = {"devices": {"desktop": {"ticks": {"x": "2026-01-01"}}}}
    write_progress(data_dir, data)
    result = run("status")
    assert result.returncode == 1
    assert f": 2/{len(DESKTOP)} " in result.stdout
    assert "other-guide" not in result.stdout


def test_status_guide_filter(data_dir):
    result = run("status", "--guide", GUIDE.id)
    assert result.returncode == 1
    assert GUIDE.id in result.stdout


def test_status_unknown_guide_exits_2():
    result = run("status", "--guide", "nope")
    assert result.returncode == 2
    assert "nope" in result.stderr
    assert GUIDE.id in result.stderr  # the known guides are listed
    assert result.stdout == ""


def test_status_french_flag(data_dir):
    write_progress(data_dir, ticked(DESKTOP))
    for args in (("--lang", "fr", "status"), ("status", "--lang", "fr")):
        result = run(*args)
        assert result.returncode == 0
        assert GUIDE.text("fr").title in result.stdout
        assert f"{UI_FR['revision']} {GUIDE.revision}" in result.stdout
        name = GUIDE.text("fr").devices["desktop"].name
        count = f"{len(DESKTOP)}/{len(DESKTOP)} {UI_FR['status_done']}"
        assert f"  {name}{UI_FR['colon']}{count}" in result.stdout
        assert GUIDE.text("en").title not in result.stdout


def test_status_french_from_locale():
    result = run("status", env={"LANG": "fr_FR.UTF-8"})
    assert result.returncode == 1
    assert GUIDE.text("fr").title in result.stdout
    assert f"0/{len(MOBILE)} {UI_FR['status_todo']}" in result.stdout


def test_status_french_from_saved_language(data_dir):
    write_progress(data_dir, {"schema": 1, "language": "fr", "guides": {}})
    result = run("status")
    assert result.returncode == 1
    assert GUIDE.text("fr").title in result.stdout
    # the flag wins over the saved choice, and the saved choice over the locale
    assert GUIDE.text("en").title in run("--lang", "en", "status").stdout
    assert GUIDE.text("fr").title in run("status", env={"LANG": "en_GB.UTF-8"}).stdout


def test_locale_c_is_english():
    result = run("status", env={"LANG": "C", "LC_ALL": "POSIX"})
    assert GUIDE.text("en").title in result.stdout


def test_unknown_language_exits_2():
    result = run("--lang", "de", "status")
    assert result.returncode == 2
    assert "“de”" in result.stderr
    assert "en, fr" in result.stderr
    assert result.stdout == ""


def test_unknown_locale_falls_back_to_english():
    result = run("status", env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 1
    assert GUIDE.text("en").title in result.stdout


def test_status_max_age(data_dir):
    old = ticked(DESKTOP)
    for tick in old["guides"][GUIDE.id]["devices"]["desktop"]["ticks"]:
        old["guides"][GUIDE.id]["devices"]["desktop"]["ticks"][tick] = "2000-01-01T12:00:00+00:00"
    write_progress(data_dir, old)
    assert run("status").returncode == 0
    assert run("status", "--max-age", "30").returncode == 1  # done, but checked too long ago
    assert run("status", "--max-age", "100000").returncode == 0
    result = run("status", "--max-age", "-1")
    assert result.returncode == 2
    assert "--max-age" in result.stderr
    assert run("status", "--max-age", "soon").returncode == 2


@pytest.mark.skipif(len(CATALOG.guides) < 2, reason="needs a second built-in guide")
def test_status_counts_a_started_second_guide(data_dir):
    other = CATALOG.guides[1]
    data = ticked(DESKTOP)
    data["guides"][other.id] = ticked(list(other.devices[0].steps[:1]), other.id)["guides"][
        other.id
    ]
    write_progress(data_dir, data)
    assert run("status").returncode == 1  # started, not finished: it counts
    assert run("status", "--guide", GUIDE.id).returncode == 0


# --------------------------------------------------------------------------- guide


def test_guide_prints_every_step_numbered_with_sources():
    result = run("guide")
    assert result.returncode == 0
    out = result.stdout
    text = GUIDE.text("en")
    assert out.splitlines()[0] == text.title
    expected = [GUIDE.steps[s].text["en"].title for d in DEVICES for s in GUIDE.device(d).steps]
    assert numbered_titles(out) == expected
    numbers = [int(m.group(1)) for line in out.splitlines() if (m := NUMBERED.match(line))]
    assert numbers == [*range(1, len(DESKTOP) + 1), *range(1, len(MOBILE) + 1)]
    for device in DEVICES:
        assert text.devices[device].intro in out
    for step in GUIDE.steps.values():
        assert step.text["en"].do in out
        if step.link:
            assert f"{UI_EN['link']}{UI_EN['colon']}{step.link}" in out
    assert f"\n{UI_EN['sources']}\n" in out
    with_url = [s for s in GUIDE.sources.values() if s.url]
    for number, source in GUIDE.sources.items():
        line = f"[{number}] {source.title}." + (f" {source.url}" if source.url else "")
        assert line in out.splitlines(), line
    for claim in text.covers + text.not_covered + text.dates + text.next:
        assert claim.text in out
    assert "\x1b" not in out
    print(f"guide: {len(expected)} steps, {len(GUIDE.sources)} sources ({len(with_url)} URLs)")


def test_guide_mobile_only():
    result = run("guide", "--device", "mobile")
    assert result.returncode == 0
    titles = numbered_titles(result.stdout)
    assert titles == [GUIDE.steps[s].text["en"].title for s in MOBILE]
    text = GUIDE.text("en")
    assert text.devices["mobile"].intro in result.stdout
    assert text.devices["desktop"].intro not in result.stdout
    only_desktop = set(DESKTOP) - set(MOBILE)
    for step in only_desktop:
        assert GUIDE.steps[step].text["en"].do not in result.stdout


def test_guide_unknown_device_exits_2():
    result = run("guide", "--device", "nope")
    assert result.returncode == 2
    assert "nope" in result.stderr
    for device in DEVICES:  # each id, with the name the screen shows
        assert f"{device} ({GUIDE.text('en').devices[device].name})" in result.stderr
    assert result.stdout == ""


def test_guide_unknown_guide_exits_2():
    result = run("guide", "--guide", "nope")
    assert result.returncode == 2
    assert "nope" in result.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--lang", "fr", "guide"), None), (("guide",), {"LANG": "fr_FR.UTF-8"})],
    ids=["flag", "locale"],
)
def test_guide_in_french(args, env):
    result = run(*args, env=env)
    assert result.returncode == 0
    out = result.stdout
    assert out.splitlines()[0] == GUIDE.text("fr").title
    expected = [GUIDE.steps[s].text["fr"].title for d in DEVICES for s in GUIDE.device(d).steps]
    assert numbered_titles(out) == expected
    assert f"   {UI_FR['why']}{UI_FR['colon']}" in out
    assert f"\n{UI_FR['sources']}\n" in out
    labelled = [s for s in GUIDE.steps.values() if s.text["fr"].label]
    for step in labelled:
        assert f"«\u00a0{step.text['fr'].label}\u00a0»" in out
    assert GUIDE.text("en").summary not in out


def test_guide_french_from_saved_language(data_dir):
    write_progress(data_dir, {"schema": 1, "language": "fr", "guides": {}})
    result = run("guide", "--device", "desktop")
    assert numbered_titles(result.stdout) == [GUIDE.steps[s].text["fr"].title for s in DESKTOP]


# --------------------------------------------------------------------------- export


def test_export_markdown(data_dir):
    write_progress(data_dir, ticked(DESKTOP))
    result = run("export")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith(f"# {GUIDE.text('en').title}\n")
    assert f"{GUIDE.id}, {UI_EN['revision']} {GUIDE.revision}" in out
    boxes = re.findall(r"^\d+\. \[(x| )\] ", out, re.M)
    assert boxes.count("x") == len(DESKTOP)
    assert boxes.count(" ") == len(MOBILE)
    for source in GUIDE.sources.values():
        if source.url:
            assert f"<{source.url}>" in out


def test_export_json_and_file(data_dir, tmp_path):
    write_progress(data_dir, ticked(DESKTOP))
    result = run("export", "--format", "json", "--lang", "fr")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["guide"]["id"] == GUIDE.id
    assert record["language"] == "fr"
    assert record["guide"]["title"] == GUIDE.text("fr").title
    desktop = next(d for d in record["devices"] if d["id"] == "desktop")
    assert [s["id"] for s in desktop["steps"]] == DESKTOP
    assert all(s["ticked"] for s in desktop["steps"])
    target = tmp_path / "record.md"
    result = run("export", "-o", str(target))
    assert result.returncode == 0
    assert str(target) in result.stdout
    assert target.read_text("utf-8").startswith("# ")


def test_export_errors():
    assert run("export", "--guide", "nope").returncode == 2
    assert run("export", "--format", "pdf").returncode == 2
    result = run("export", "-o", "/nonexistent-folder/x/record.md")
    assert result.returncode == 3
    assert "/nonexistent-folder/x/record.md" in result.stderr


# --------------------------------------------------------------------------- locate


def test_locate_prints_paths(data_dir):
    result = run("locate")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert f"{UI_EN['locate_data']}: {data_dir}" in lines
    assert f"{UI_EN['locate_progress']}: {data_dir / 'progress.json'}" in lines
    assert f"{UI_EN['locate_content']}: {CONTENT}" in lines
    assert not data_dir.exists(), "locate must not create the data folder"


def test_locate_french():
    result = run("locate", "--lang", "fr")
    assert result.stdout.startswith(UI_FR["locate_data"])


def test_data_dir_flag_overrides_env(tmp_path, data_dir):
    other = tmp_path / "elsewhere"
    for args in (("--data-dir", str(other), "locate"), ("locate", "--data-dir", str(other))):
        result = run(*args)
        assert f"{UI_EN['locate_data']}: {other}\n" in result.stdout
        assert str(data_dir) not in result.stdout


def test_data_dir_flag_used_for_status(tmp_path, data_dir):
    other = tmp_path / "elsewhere"
    write_progress(other, ticked(DESKTOP))
    assert run("status").returncode == 1  # env folder: nothing ticked
    assert run("--data-dir", str(other), "status").returncode == 0


def test_locate_lists_extra_content(tmp_path):
    extra = extra_guide(tmp_path)
    result = run("--content", str(extra), "locate")
    assert result.returncode == 0
    assert f"{UI_EN['locate_content']}: {extra}" in result.stdout.splitlines()


def test_data_dir_is_a_file_exits_3(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("--data-dir", str(blocker), "status")
    assert result.returncode == 3
    assert str(blocker) in result.stderr
    assert blocker.read_text() == "not a folder"


# --------------------------------------------------------------------------- reset


def test_reset_yes_keeps_identical_backup(data_dir):
    path = write_progress(data_dir, ticked(DESKTOP))
    before = path.read_bytes()
    result = run("reset", "--yes")
    assert result.returncode == 0
    assert not path.exists()
    backups = list(data_dir.glob("progress.json.backup-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == before
    assert str(backups[0]) in result.stdout
    assert run("status").returncode == 1  # ticks are gone


@pytest.mark.parametrize("answer", ["n\n", "no\n", "\n", "oui\n"])
def test_reset_declined_in_english(data_dir, answer):
    path = write_progress(data_dir, ticked(DESKTOP))
    before = path.read_bytes()
    result = run("reset", input=answer)
    assert result.returncode == 1
    assert UI_EN["reset_declined"] in result.stdout
    assert str(path) in result.stdout  # the question names the file
    assert path.read_bytes() == before
    assert not list(data_dir.glob("progress.json.backup-*"))


def test_reset_without_stdin_is_declined(data_dir):
    path = write_progress(data_dir, ticked(DESKTOP))
    before = path.read_bytes()
    result = run("reset", input="")
    assert result.returncode == 1
    assert UI_EN["reset_declined"] in result.stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize("answer", ["y\n", "yes\n", " Y \n"])
def test_reset_confirmed_in_english(data_dir, answer):
    path = write_progress(data_dir, ticked(DESKTOP))
    result = run("reset", input=answer)
    assert result.returncode == 0
    assert not path.exists()


@pytest.mark.parametrize("answer", ["o\n", "oui\n", "O\n"])
def test_reset_french_accepts_o(data_dir, answer):
    path = write_progress(data_dir, ticked(DESKTOP))
    result = run("--lang", "fr", "reset", input=answer)
    assert result.returncode == 0, result
    assert UI_FR["reset_confirm"].split("{")[0] in result.stdout
    assert not path.exists()
    assert len(list(data_dir.glob("progress.json.backup-*"))) == 1


def test_reset_french_declined(data_dir):
    path = write_progress(data_dir, ticked(DESKTOP))
    result = run("reset", input="n\n", env={"LANG": "fr_FR.UTF-8"})
    assert result.returncode == 1
    assert UI_FR["reset_declined"] in result.stdout
    assert path.exists()


def test_reset_nothing_to_reset(data_dir):
    result = run("reset")
    assert result.returncode == 0
    assert "Nothing to reset" in result.stdout
    assert str(data_dir / "progress.json") in result.stdout
    assert not list(data_dir.glob("progress.json.*"))


# --------------------------------------------------------------------------- validate, --content


def test_validate_builtin():
    result = run("validate")
    assert result.returncode == 0
    assert result.stdout.startswith("OK: ")
    assert str(CONTENT) in result.stdout


def test_validate_builtin_guide_folder_directly():
    result = run("validate", str(CONTENT / GUIDE.id))
    assert result.returncode == 0


def test_validate_broken_copy_names_path_and_line(content_copy):
    guide_toml = content_copy / GUIDE.id / "guide.toml"
    lines = guide_toml.read_text("utf-8").splitlines()
    index = lines.index(f"order = {GUIDE.order}")  # one mistake that nothing else depends on
    lines[index] = 'order = "first"'
    guide_toml.write_text("\n".join(lines) + "\n", "utf-8")
    result = run("validate", str(content_copy))
    assert result.returncode == 2
    assert f"{guide_toml}:{index + 1}: 'order' must be a whole number" in result.stderr
    assert "1 problem(s) found." in result.stderr
    print(result.stderr)


def test_validate_syntax_error_names_path_and_line(content_copy):
    en = content_copy / GUIDE.id / "en.toml"
    lines = en.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("summary ="))
    lines[index] = lines[index].replace("summary =", "summary ==")
    en.write_text("\n".join(lines) + "\n", "utf-8")
    result = run("validate", str(content_copy))
    assert result.returncode == 2
    line = index + 1
    assert re.search(rf"^{re.escape(str(en))}:{line}: not valid TOML: .+", result.stderr, re.M)


def test_validate_missing_folder_exits_2(tmp_path):
    missing = tmp_path / "missing"
    result = run("validate", str(missing))
    assert result.returncode == 2
    assert f"{missing}: no such folder" in result.stderr


def test_validate_folder_without_guides_exits_2(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert str(tmp_path) in result.stderr


def test_broken_extra_content_exits_2_for_every_command(tmp_path):
    extra = extra_guide(tmp_path, "broken-guide")
    toml = extra / "broken-guide" / "guide.toml"
    toml.write_text(toml.read_text("utf-8").replace("check = true", "check = maybe", 1), "utf-8")
    for args in (("status",), ("guide",), ("locate",), ("reset", "--yes")):
        result = run("--content", str(extra), *args)
        assert result.returncode == 2, (args, result)
        assert "not valid" in result.stderr
        assert str(toml) in result.stderr
    result = run("--content", str(extra), "validate")
    assert result.returncode == 2
    assert f"{toml}:" in result.stderr


def test_missing_extra_content_exits_2(tmp_path):
    result = run("--content", str(tmp_path / "nowhere"), "status")
    assert result.returncode == 2
    assert "no such folder" in result.stderr


def test_valid_extra_content_lists_both_guides(tmp_path):
    extra = extra_guide(tmp_path, "linkedin-copy")
    toml = extra / "linkedin-copy" / "guide.toml"  # after the built-in guides, not the main one
    toml.write_text(toml.read_text("utf-8").replace("order = 1", "order = 99", 1), "utf-8")
    result = run("--content", str(extra), "status")
    assert result.returncode == 1
    assert len(block(result.stdout, GUIDE.id)) == 1 + len(DEVICES)
    optional = next(x for x in result.stdout.splitlines() if x.startswith("Not started"))
    assert "(linkedin-copy)" in optional  # listed, never started: no block of its own
    builtin = run("status").stdout
    assert len(result.stdout.splitlines()) == len(builtin.splitlines())
    result = run("--content", str(extra), "status", "--guide", "linkedin-copy")
    assert len(block(result.stdout, "linkedin-copy")) == 1 + len(DEVICES)
    assert run("validate", str(extra / "linkedin-copy")).returncode == 0
    result = run("--content", str(extra), "guide", "--guide", "linkedin-copy")
    assert result.returncode == 0
    assert len(numbered_titles(result.stdout)) == len(DESKTOP) + len(MOBILE)


def test_validate_accepts_extra_content_the_app_accepts(tmp_path):
    extra = extra_guide(tmp_path, "linkedin-copy")
    assert run("--content", str(extra), "status").returncode == 1  # loads fine
    result = run("--content", str(extra), "validate")
    assert result.returncode == 0, result.stderr


def test_validate_dir_of_extra_guides(tmp_path):
    extra = extra_guide(tmp_path, "linkedin-copy")
    result = run("validate", str(extra))
    assert result.returncode == 0, result.stderr


def test_extra_content_duplicate_guide_id_exits_2(tmp_path):
    extra = tmp_path / "extra"
    shutil.copytree(CONTENT / GUIDE.id, extra / GUIDE.id)
    result = run("--content", str(extra), "status")
    assert result.returncode == 2
    assert f"guide '{GUIDE.id}' twice" in result.stderr


# --------------------------------------------------------------------------- damaged progress


@pytest.mark.parametrize(
    "payload",
    [b"{not json", b"", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"schema": "one"}'],
    ids=["not-json", "empty", "not-utf8", "list", "schema-text"],
)
def test_damaged_progress_is_moved_aside(data_dir, payload):
    path = write_progress(data_dir, payload)
    result = run("status")
    assert result.returncode == 3  # what was read is not what the person had
    moved = damaged_copies(data_dir)
    assert len(moved) == 1
    assert moved[0].read_bytes() == payload
    assert not path.exists()
    assert str(path) in result.stderr
    assert str(moved[0]) in result.stderr
    assert "0/" in result.stdout
    print(result.stderr)


def test_damaged_progress_message_in_french(data_dir):
    write_progress(data_dir, b"{not json")
    result = run("--lang", "fr", "status")
    assert result.returncode == 3
    assert UI_FR["recovered"].split("{")[0] in result.stderr
    assert str(damaged_copies(data_dir)[0]) in result.stderr


def test_damaged_progress_twice_keeps_both_copies(data_dir):
    write_progress(data_dir, b"first")
    run("status")
    write_progress(data_dir, b"second")
    run("status")
    moved = damaged_copies(data_dir)
    assert sorted(p.read_bytes() for p in moved) == [b"first", b"second"]


def test_progress_path_is_a_directory(data_dir):
    folder = data_dir / "progress.json"
    folder.mkdir(parents=True)
    (folder / "inside.txt").write_text("kept")
    result = run("status")
    assert result.returncode == 3
    moved = damaged_copies(data_dir)
    assert len(moved) == 1
    assert moved[0].is_dir()
    assert (moved[0] / "inside.txt").read_text() == "kept"
    assert str(moved[0]) in result.stderr
    assert "folder" in result.stderr


def test_newer_schema_is_read_only(data_dir):
    data = ticked(DESKTOP)
    data["schema"] = 99
    data["future"] = {"kept": True}
    path = write_progress(data_dir, data)
    before = path.read_bytes()
    result = run("status")
    assert result.returncode == 0  # readable: the ticks still count
    assert f"{len(DESKTOP)}/{len(DESKTOP)}" in result.stdout
    assert path.read_bytes() == before
    assert run("--lang", "fr", "reset", "--yes").returncode == 3
    assert path.read_bytes() == before
    path.write_bytes(b'{"schema": 99}')
    before = path.read_bytes()
    result = run("status")
    assert result.returncode == 1
    assert path.read_bytes() == before
    result = run("reset", "--yes")
    assert result.returncode == 3
    assert str(path) in result.stderr
    assert "newer" in result.stderr
    assert path.read_bytes() == before
    assert not list(data_dir.glob("progress.json.*"))


def test_deeply_nested_progress_is_moved_aside(data_dir):
    payload = b"[" * 100_000 + b"]" * 100_000
    write_progress(data_dir, payload)
    result = run("status")
    assert result.returncode == 3
    moved = damaged_copies(data_dir)
    assert len(moved) == 1
    assert moved[0].read_bytes() == payload
    assert str(moved[0]) in result.stderr


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_out_of_range_tick_time_does_not_crash_status(data_dir, stamp):
    data = ticked(DESKTOP[:1])
    data["guides"][GUIDE.id]["devices"]["desktop"]["ticks"][DESKTOP[0]] = stamp
    write_progress(data_dir, data)
    result = run_cli("status")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert f"1/{len(DESKTOP)}" in result.stdout


@pytest.mark.parametrize(
    "data",
    [
        {"schema": 99, "guides": []},
        {"schema": 99, "guides": {GUIDE.id: "x"}},
        {"schema": 99, "guides": {GUIDE.id: {"devices": {"desktop": {"ticks": {DESKTOP[0]: 5}}}}}},
    ],
    ids=["guides-list", "guide-text", "tick-number"],
)
def test_newer_schema_of_another_shape_does_not_crash(data_dir, data):
    path = write_progress(data_dir, data)
    before = path.read_bytes()
    result = run_cli("status")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert path.read_bytes() == before  # a newer file is never moved nor rewritten


@pytest.mark.parametrize(
    ("record", "command"),
    [
        ({"completed": 5, "ticks": {}}, "status"),
        ({"completed": 5, "ticks": {}}, "export"),
        ({"history": ["x"], "ticks": {}}, "export"),
    ],
    ids=["completed-number-status", "completed-number-export", "history-text-export"],
)
def test_odd_record_fields_do_not_crash(data_dir, record, command):
    write_progress(data_dir, {"schema": 1, "guides": {GUIDE.id: {"devices": {"desktop": record}}}})
    result = run_cli(command)
    assert "Traceback" not in result.stderr
    assert result.returncode == 3  # moved aside as damaged, and the exit code says so
    assert len(damaged_copies(data_dir)) == 1


def test_odd_tick_time_is_shown_as_given(data_dir):
    data = ticked(DESKTOP[:1])
    data["guides"][GUIDE.id]["devices"]["desktop"]["ticks"][DESKTOP[0]] = "yesterday"
    write_progress(data_dir, data)
    result = run("status")
    assert result.returncode == 1
    assert "last tick yesterday" in result.stdout
