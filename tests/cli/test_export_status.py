"""``status`` (check and re-check) and ``export`` (the dated record), as a person runs them.

Every test runs ``python -m tui`` in a fresh process against a progress file it wrote in the
test's own data folder (conftest), and asserts that stderr never holds a traceback.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import run_cli

from tui.catalog import load_catalog

CATALOG = load_catalog(cache=False)  # at import: read only, never the user's cache
MAIN = CATALOG.guides[0]
ADS = CATALOG.guide("linkedin-ads-microsoft")
FORM = CATALOG.guide("linkedin-objection-form")
DESKTOP = list(MAIN.device("desktop").steps)
EN, FR = CATALOG.ui["en"], CATALOG.ui["fr"]


def plain(text: str) -> str:
    """No-break spaces as ordinary ones: French typography aside, the same words."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args)
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


def stamp(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")


def complete(guide_id: str, steps: list[str], when: str, device: str = "desktop") -> dict:
    revision = CATALOG.guide(guide_id).revision  # finished against the guide as it is now
    return {
        guide_id: {
            "devices": {
                device: {
                    "ticks": dict.fromkeys(steps, when),
                    "completed": when,
                    "completed_revision": revision,
                    "revision": revision,
                }
            }
        }
    }


def write(data_dir: Path, guides: dict, **settings: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    payload = {"schema": 1, "guides": guides, **settings}
    (data_dir / "progress.json").write_text(json.dumps(payload), "utf-8")


def main_done(days_ago: float = 3) -> dict:
    return complete(MAIN.id, DESKTOP, stamp(days_ago))


def block(stdout: str, guide_id: str) -> list[str]:
    """The lines ``status`` prints for one guide: its heading and what follows it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if f"({guide_id}, " in line)
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
    )
    return lines[start:end]


# ------------------------------------------------------------------ status: how long ago


def test_status_says_how_many_days_ago(data_dir: Path) -> None:
    write(data_dir, main_done(3))
    result = run("status")
    assert result.returncode == 0, result.stdout
    desktop = block(result.stdout, MAIN.id)[1]
    assert desktop.startswith(f"  Computer: {len(DESKTOP)}/{len(DESKTOP)} done")
    assert desktop.endswith(", checked 3 days ago")


def test_status_checked_today_says_today(data_dir: Path) -> None:
    write(data_dir, main_done(0))
    result = run("status")
    assert "checked today" in result.stdout
    assert "0 day" not in result.stdout


def test_status_days_ago_in_french(data_dir: Path) -> None:
    write(data_dir, main_done(3))
    result = run("status", "--lang", "fr")
    assert "vérifié il y a 3 jours" in result.stdout


def test_status_says_nothing_of_age_before_the_last_tick(data_dir: Path) -> None:
    write(data_dir, {MAIN.id: {"devices": {"desktop": {"ticks": {DESKTOP[0]: stamp(3)}}}}})
    result = run("status")
    assert result.returncode == 1
    assert "days ago" not in result.stdout
    assert "checked" not in block(result.stdout, MAIN.id)[1]


@pytest.mark.parametrize(("max_age", "code"), [(7, 0), (3, 0), (2, 1), (1, 1), (0, 1)])
def test_status_max_age(data_dir: Path, max_age: int, code: int) -> None:
    write(data_dir, main_done(3))
    result = run("status", "--max-age", str(max_age))
    assert result.returncode == code, result.stdout
    assert "checked 3 days ago" in result.stdout  # the report says the same either way


def test_status_max_age_needs_a_finished_device(data_dir: Path) -> None:
    write(data_dir, {MAIN.id: {"devices": {"desktop": {"ticks": {DESKTOP[0]: stamp(0)}}}}})
    assert run("status", "--max-age", "30").returncode == 1


def test_status_negative_max_age_is_bad_usage(data_dir: Path) -> None:
    write(data_dir, main_done(3))
    result = run("status", "--max-age", "-1")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--max-age" in result.stderr
    assert "“-1” is not a number of days (0 or more)" in result.stderr


def test_status_max_age_not_a_number_is_bad_usage() -> None:
    result = run("status", "--max-age", "week")
    assert result.returncode == 2
    assert "--max-age" in result.stderr


# ------------------------------------------------------------------ status: which guides count


def test_only_the_main_guide_needs_to_be_done(data_dir: Path) -> None:
    write(data_dir, main_done(1))
    result = run("status")
    assert result.returncode == 0, result.stdout
    # The untouched related guides are still listed, on one line, as optional.
    optional = next(x for x in result.stdout.splitlines() if x.startswith("Not started"))
    for guide in (ADS, FORM):
        assert f"{guide.text('en').title} ({guide.id})" in optional


def test_a_started_related_guide_counts(data_dir: Path) -> None:
    ads_step = ADS.device("desktop").steps[0]
    guides = {**main_done(1), ADS.id: {"devices": {"desktop": {"ticks": {ads_step: stamp(1)}}}}}
    write(data_dir, guides)
    result = run("status")
    assert result.returncode == 1, result.stdout
    assert block(result.stdout, ADS.id)[1].startswith("  Computer: 1/")


def test_a_finished_related_guide_keeps_exit_0(data_dir: Path) -> None:
    guides = {**main_done(1), **complete(ADS.id, list(ADS.device("desktop").steps), stamp(1))}
    write(data_dir, guides)
    assert run("status").returncode == 0


def test_an_unfinished_main_guide_fails_even_if_others_are_done(data_dir: Path) -> None:
    write(data_dir, complete(ADS.id, list(ADS.device("desktop").steps), stamp(1)))
    assert run("status").returncode == 1
    assert run("status", "--guide", ADS.id).returncode == 0


def test_status_guide_shows_only_that_guide(data_dir: Path) -> None:
    write(data_dir, main_done(1))
    result = run("status", "--guide", ADS.id)
    assert result.returncode == 1  # the main guide is done, but only this one is asked about
    lines = result.stdout.splitlines()
    assert lines[0] == f"{ADS.text('en').title} ({ADS.id}, revision {ADS.revision})"
    assert MAIN.id not in result.stdout
    assert FORM.id not in result.stdout
    assert all(line.startswith("  ") for line in lines[1:])


@pytest.mark.parametrize("command", ["status", "export"])
def test_unknown_guide_exits_2(command: str) -> None:
    result = run(command, "--guide", "no-such-guide")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no guide called no-such-guide" in result.stderr
    assert MAIN.id in result.stderr  # the known guides are listed


# ------------------------------------------------------------------ export


STAMPS = {step: f"2026-01-{n + 1:02d}T10:00:00+00:00" for n, step in enumerate(DESKTOP[:3])}


def write_some_ticks(data_dir: Path, **settings: str) -> None:
    write(
        data_dir, {MAIN.id: {"devices": {"desktop": {"ticks": STAMPS, "revision": 1}}}}, **settings
    )


def test_export_markdown_to_stdout(data_dir: Path) -> None:
    write_some_ticks(data_dir)
    result = run("export")
    assert result.returncode == 0
    out = result.stdout
    lines = out.splitlines()
    text = MAIN.text("en")
    assert lines[0] == f"# {text.title}"
    assert f"- Setting: {text.setting}" in lines
    assert f"- Guide: {MAIN.id}, revision {MAIN.revision}" in lines
    assert "## Computer" in lines and "## Phone app" in lines
    assert "Not finished." in lines
    for number, step_id in enumerate(DESKTOP, start=1):
        step = MAIN.steps[step_id]
        cites = "".join(f"[{n}]" for n in step.sources)
        if step_id in STAMPS:
            when = f"{int(STAMPS[step_id][8:10])} January 2026"
            line = f"{number}. [x] {step.text['en'].title} ({when}) {cites}"
        else:
            line = f"{number}. [ ] {step.text['en'].title} (not ticked) {cites}"
        assert line in lines
    sources = lines[lines.index("## Sources") :]
    for number, source in MAIN.sources.items():
        where = f" <{source.url}>" if source.url else ""
        assert f"- [{number}] {source.title}{where}" in sources  # a Markdown list
    assert "- Region" not in out  # none was saved


def test_export_a_finished_device(data_dir: Path) -> None:
    write(data_dir, complete(MAIN.id, DESKTOP, "2026-02-03T10:00:00+00:00"))
    out = run("export").stdout
    assert f"Finished on 3 February 2026, following revision {MAIN.revision} of the guide." in out
    assert out.count("[x]") == len(DESKTOP)


def test_export_json(data_dir: Path) -> None:
    write_some_ticks(data_dir)
    result = run("export", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert {"record", "guide", "devices", "sources"} <= set(data)
    assert data["record"] == "optout-tui"
    assert data["guide"]["id"] == MAIN.id
    assert data["guide"]["revision"] == MAIN.revision
    assert data["guide"]["last_verified"] == MAIN.last_verified.isoformat()
    assert data["region"] is None and data["language"] == "en"
    desktop = next(d for d in data["devices"] if d["id"] == "desktop")
    assert desktop["ticked_against_revision"] == 1
    assert [s["id"] for s in desktop["steps"]] == DESKTOP
    assert {s["id"]: s["ticked"] for s in desktop["steps"] if s["ticked"]} == STAMPS
    assert desktop["steps"][0]["sources"] == list(MAIN.steps[DESKTOP[0]].sources)
    assert [s["number"] for s in data["sources"]] == sorted(MAIN.sources)
    assert data["sources"][0]["url"] == MAIN.sources[1].url
    datetime.fromisoformat(data["exported"])  # a real time stamp


def test_export_to_a_file(data_dir: Path, tmp_path: Path) -> None:
    write_some_ticks(data_dir)
    target = tmp_path / "record.md"
    result = run("export", "-o", str(target))
    assert result.returncode == 0
    assert result.stdout.strip() == f"Record written to {target}"
    written = target.read_text("utf-8")
    assert written.startswith(f"# {MAIN.text('en').title}\n")
    assert f"[x] {MAIN.steps[DESKTOP[0]].text['en'].title} (1 January 2026)" in written


def test_export_json_to_a_file(data_dir: Path, tmp_path: Path) -> None:
    write_some_ticks(data_dir)
    target = tmp_path / "record.json"
    result = run("export", "--format", "json", "--output", str(target))
    assert result.returncode == 0
    assert json.loads(target.read_text("utf-8"))["guide"]["id"] == MAIN.id


def test_export_to_a_missing_folder_exits_3(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "record.md"
    result = run("export", "-o", str(target))
    assert result.returncode == 3
    assert f"cannot write {target}" in result.stderr
    assert not target.exists()


def test_export_in_french(data_dir: Path) -> None:
    write(data_dir, complete(MAIN.id, DESKTOP, "2026-02-03T10:00:00+00:00"))
    out = run("export", "--lang", "fr").stdout
    # French puts a no-break space before ":" (the text layer's job): compare the words only.
    lines = [plain(line) for line in out.splitlines()]
    text = MAIN.text("fr")
    assert lines[0] == plain(f"# {text.title}")
    assert "- Réglage\u00a0: " in out  # French typography: a no-break space before ":"
    assert plain(f"- Réglage : {text.setting}") in lines
    assert f"- Guide : {MAIN.id}, révision {MAIN.revision}" in lines
    assert plain(f"## {text.devices['desktop'].name}") in lines
    assert plain(f"## {FR['sources']}") in lines
    assert f"Terminé le 3 février 2026, selon la révision {MAIN.revision} du guide." in lines
    assert "Pas terminé." in lines  # the phone app
    assert "(non cochée)" in out
    assert "Setting:" not in out and "Not finished." not in out


def test_export_french_from_saved_language(data_dir: Path) -> None:
    write_some_ticks(data_dir, language="fr")
    out = run("export").stdout
    assert out.startswith(f"# {MAIN.text('fr').title}\n")


def test_export_names_the_saved_region(data_dir: Path) -> None:
    write_some_ticks(data_dir, region="uk")
    assert "- Region: United Kingdom" in run("export").stdout.splitlines()
    french = plain(run("export", "--lang", "fr").stdout)
    assert "- Région : Royaume-Uni" in french.splitlines()
    data = json.loads(run("export", "--format", "json").stdout)
    assert data["region"] == "uk"
    assert data["region_name"] == "United Kingdom"


def test_export_after_rather_not_say_names_no_region(data_dir: Path) -> None:
    write_some_ticks(data_dir, region="unknown")
    assert "unknown" not in run("export").stdout
    assert "unknown" not in run("export", "--lang", "fr").stdout
    data = json.loads(run("export", "--format", "json").stdout)
    assert data["region"] is None and data["region_name"] is None


def test_export_another_guide(data_dir: Path) -> None:
    out = run("export", "--guide", ADS.id).stdout
    assert out.startswith(f"# {ADS.text('en').title}\n")
    assert f"- Guide: {ADS.id}, revision {ADS.revision}" in out
    assert out.count("(not ticked)") == len(ADS.device("desktop").steps)


def test_export_bad_format_is_bad_usage() -> None:
    result = run("export", "--format", "pdf")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
