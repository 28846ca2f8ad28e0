"""Everything a person reads from the CLI, in their language (issue 11), as a subprocess.

``--help`` and argparse's own messages follow ``--lang``, else the saved choice, else the
locale; ``status`` opens with a verdict per platform and lists never-started guides on one
line; dates are written as each language writes them (ISO stays in JSON); ``guide`` shows
how old its facts are; ``--device`` takes what the screen shows; ``reset`` forgets ticks but
keeps the person's choices unless ``--all``, and checks it can write before it asks.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli

from tui.catalog import load_catalog
from tui.text.dates import written_date

CATALOG = load_catalog()
MAIN = CATALOG.guides[0]
DESKTOP = list(MAIN.device("desktop").steps)
MOBILE = list(MAIN.device("mobile").steps)
ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "error:",
    "invalid choice",
    "unrecognized arguments",
    "expected one argument",
    "ambiguous option",
    "show this help",
)


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args, **kwargs)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def stamp(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")


def write(data_dir: Path, guides: dict | None = None, **settings: str) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "progress.json"
    path.write_text(json.dumps({"schema": 1, "guides": guides or {}, **settings}), "utf-8")
    return path


def done(days_ago: int, device: str = "desktop") -> dict:
    when = stamp(days_ago)
    steps = MAIN.device(device).steps
    record = {
        "ticks": dict.fromkeys(steps, when),
        "completed": when,
        "completed_revision": MAIN.revision,
        "revision": MAIN.revision,
    }
    return {MAIN.id: {"devices": {device: record}}}


# --------------------------------------------------------------------------- --help, errors

USAGE_ERRORS = [
    ("bogus",),  # invalid choice
    ("reset", "--yes", "extra"),  # unrecognized arguments
    ("guide", "--device"),  # expected one argument
    ("guide", "--d", "x"),  # ambiguous option (--data-dir, --device)
    ("export", "--format", "pdf"),  # invalid choice
    ("status", "--max-age", "week"),  # our own type check
]


@pytest.mark.parametrize("command", [(), ("status",), ("export",), ("guide",), ("reset",)])
def test_help_in_french(command: tuple[str, ...]) -> None:
    result = run("--lang", "fr", *command, "--help")
    assert result.returncode == 0
    out = plain(result.stdout)
    assert out.startswith("utilisation : optout-tui")
    assert "options :" in out
    assert "afficher cette aide et quitter" in out
    for english in ENGLISH:
        assert english not in out, english
    assert "\u00a0:" in result.stdout  # French punctuation, not a line-start colon


def test_help_lists_the_commands_in_french() -> None:
    out = plain(run("--lang", "fr", "--help").stdout)
    assert "arguments positionnels :" in out
    assert "COMMANDE" in out and "--data-dir DOSSIER" in out
    assert "Codes de sortie : 0 terminé" in out
    assert "afficher la version et quitter" in out


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(a))
def test_usage_errors_in_french(args: tuple[str, ...]) -> None:
    result = run("--lang", "fr", *args)
    assert result.returncode == 2
    err = plain(result.stderr)
    assert err.startswith("utilisation : optout-tui")
    assert ": erreur : " in err
    for english in ENGLISH:
        assert english not in err, english


def test_each_french_error_says_what_went_wrong() -> None:
    said = {args: plain(run("--lang", "fr", *args).stderr) for args in USAGE_ERRORS}
    assert "choix non valide : 'bogus'" in said[("bogus",)]
    assert "arguments non reconnus : extra" in said[("reset", "--yes", "extra")]
    assert "argument --device : une valeur est attendue" in said[("guide", "--device")]
    assert "option ambiguë : --d peut désigner" in said[("guide", "--d", "x")]
    assert "« week » n’est pas un nombre de jours" in said[("status", "--max-age", "week")]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(a))
def test_usage_errors_in_english(args: tuple[str, ...]) -> None:
    result = run("--lang", "en", *args, env={"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"})
    assert result.returncode == 2
    assert result.stderr.startswith("usage: optout-tui")
    assert "error: " in result.stderr
    assert "erreur" not in result.stderr


def test_french_help_from_the_saved_choice(data_dir: Path) -> None:
    write(data_dir, language="fr")
    assert run("--help").stdout.startswith("utilisation")
    assert run("status", "--max-age", "x").stderr.startswith("utilisation")
    assert run("--lang", "en", "--help").stdout.startswith("usage:")  # the flag wins


def test_french_help_from_the_saved_choice_in_another_data_dir(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    write(other, language="fr")
    assert run("--data-dir", str(other), "--help").stdout.startswith("utilisation")
    assert run("--help").stdout.startswith("usage:")  # the default folder has no choice


def test_french_help_from_the_locale() -> None:
    assert run("--help", env={"LANG": "fr_FR.UTF-8"}).stdout.startswith("utilisation")
    assert run("--help", env={"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}).stdout.startswith("usage:")


def test_a_damaged_progress_file_never_stops_help(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.json").write_bytes(b"\xff{not json")
    result = run("--help")
    assert result.returncode == 0 and result.stdout.startswith("usage:")
    assert (data_dir / "progress.json").exists()  # help only peeks; it moves nothing


def test_our_own_errors_in_french(data_dir: Path) -> None:
    result = run("--lang", "fr", "status", "--guide", "nope")
    assert result.returncode == 2
    assert "aucun guide nommé nope" in result.stderr
    result = run("--lang", "xx", "status", env={"LANG": "fr_FR.UTF-8"})
    assert result.returncode == 2
    assert "langue inconnue" in result.stderr


# --------------------------------------------------------------------------- status


def test_status_opens_with_a_verdict_per_platform(data_dir: Path) -> None:
    write(data_dir, done(0))
    result = run("status")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first == f"{MAIN.platform_name('en')} AI training: opted out, checked today (Computer)"
    french = plain(run("status", "--lang", "fr").stdout.splitlines()[0])
    assert french == (
        f"Entraînement de l’IA chez {MAIN.platform_name('fr')} : refusé, vérifié aujourd’hui "
        "(Ordinateur)"
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "An earlier check was finished on {date} (revision {revision})."),
        ("fr", "Une vérification précédente a été terminée le {date} (révision {revision})."),
    ],
)
def test_status_still_shows_the_check_that_check_again_archived(
    data_dir: Path, lang: str, words: str
) -> None:
    finished = stamp(3)
    earlier = {
        "ticks": dict.fromkeys(DESKTOP, finished),
        "completed": finished,
        "completed_revision": MAIN.revision,
        "archived": stamp(1),
    }
    device = {"ticks": {}, "revision": MAIN.revision, "history": [earlier]}
    write(data_dir, {MAIN.id: {"devices": {"desktop": device}}})
    result = run("status", "--lang", lang)
    assert result.returncode == 1  # a fresh check is under way: not done yet
    day = datetime.fromisoformat(finished).astimezone().date()
    line = words.format(date=written_date(day, lang), revision=MAIN.revision)
    assert line in plain(result.stdout), result.stdout


def test_status_not_done_yet(data_dir: Path) -> None:
    result = run("status")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{MAIN.platform_name('en')} AI training: not done yet"
    optional = result.stdout.splitlines()[1]
    assert optional.startswith("Not started (optional): ")
    for other in CATALOG.guides[1:]:
        assert f"({other.id})" in optional


def test_status_says_why_max_age_failed(data_dir: Path) -> None:
    write(data_dir, done(91, "mobile"))
    result = run("status", "--max-age", "30")
    assert result.returncode == 1
    assert "last checked 91 days ago, more than 30 days" in result.stdout
    assert "(Phone app)" in result.stdout.splitlines()[0]
    french = plain(run("status", "--max-age", "30", "--lang", "fr").stdout)
    assert "dernière vérification il y a 91 jours, plus de 30 jours" in french
    assert run("status", "--max-age", "91").returncode == 0


def region_guide(tmp_path: Path) -> Path:
    """An extra guide offered only in the EU and the UK (a copy of the objection form)."""
    extra = tmp_path / "extra"
    source = CONTENT / "linkedin-objection-form"
    shutil.copytree(source, extra / "eu-only-form")
    toml = extra / "eu-only-form" / "guide.toml"
    text = toml.read_text("utf-8").replace('id = "linkedin-objection-form"', 'id = "eu-only-form"')
    lines = [line for line in text.splitlines() if not line.startswith(("regions", "order"))]
    toml.write_text("\n".join(['regions = ["eu", "uk"]', "order = 90", *lines]) + "\n", "utf-8")
    return extra


def test_status_never_nags_about_a_guide_the_region_does_not_offer(
    data_dir: Path, tmp_path: Path
) -> None:
    extra = region_guide(tmp_path)
    step = load_catalog([extra]).guide("eu-only-form").device("desktop").steps[0]
    started = {"eu-only-form": {"devices": {"desktop": {"ticks": {step: stamp(1)}}}}}
    write(data_dir, {**done(1), **started}, region="eu")
    assert run("--content", str(extra), "status").returncode == 1  # in the EU it counts
    write(data_dir, {**done(1), **started}, region="other")
    result = run("--content", str(extra), "status")
    assert result.returncode == 0  # elsewhere it never fails
    assert run("--content", str(extra), "status", "--guide", "eu-only-form").returncode == 0
    write(data_dir, done(1), region="other")
    result = run("--content", str(extra), "status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert not any("eu-only-form" in line for line in lines if line.startswith("Not started"))
    assert any(
        line.startswith("Not offered where your account is (") and "(eu-only-form)" in line
        for line in lines
    )


# --------------------------------------------------------------------------- dates, export


def test_status_dates_are_written_per_language(data_dir: Path) -> None:
    when = "2026-01-02T03:04:05+00:00"
    write(data_dir, {MAIN.id: {"devices": {"desktop": {"ticks": {DESKTOP[0]: when}}}}})
    assert "last tick 2 January 2026" in run("status").stdout
    assert "dernière case cochée le 2 janvier 2026" in run("status", "--lang", "fr").stdout


def test_export_dates_per_language_and_iso_in_json(data_dir: Path) -> None:
    when = "2026-12-01T10:00:00+00:00"
    record = {"ticks": dict.fromkeys(DESKTOP, when), "completed": when, "completed_revision": 1}
    write(data_dir, {MAIN.id: {"devices": {"desktop": record}}})
    english = run("export").stdout
    assert "Finished on 1 December 2026" in english
    assert "2026-12-01" not in english.split("## Sources")[0]
    french = plain(run("export", "--lang", "fr").stdout)
    assert "Terminé le 1er décembre 2026" in french
    data = json.loads(run("export", "--format", "json", "--lang", "fr").stdout)
    desktop = next(d for d in data["devices"] if d["id"] == "desktop")
    assert desktop["completed"] == when
    assert data["guide"]["last_verified"] == MAIN.last_verified.isoformat()


def test_export_lists_sources_as_a_markdown_list() -> None:
    out = run("export").stdout
    sources = out.split("## Sources\n\n", 1)[1].strip().splitlines()
    assert len(sources) == len(MAIN.sources)
    assert all(line.startswith("- [") for line in sources)


# --------------------------------------------------------------------------- guide


def test_guide_shows_how_old_its_facts_are() -> None:
    days = max(0, (datetime.now().date() - MAIN.last_verified).days)
    out = run("guide").stdout
    when = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
    expected = f"Facts last checked {when} ({written_date(MAIN.last_verified, 'en')})."
    assert expected in out.splitlines()
    french = plain(run("guide", "--lang", "fr").stdout)
    assert "Faits vérifiés pour la dernière fois " in french
    assert f"({written_date(MAIN.last_verified, 'fr')})." in french


def test_a_stale_guide_says_so(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    shutil.copytree(CONTENT / MAIN.id, extra / "old-guide")
    toml = extra / "old-guide" / "guide.toml"
    text = toml.read_text("utf-8").replace(f'id = "{MAIN.id}"', 'id = "old-guide"')
    lines = [x for x in text.splitlines() if not x.startswith(("last_verified", "stale_after"))]
    toml.write_text("\n".join(["last_verified = 2001-01-01", "stale_after = 30", *lines]), "utf-8")
    out = run("--content", str(extra), "guide", "--guide", "old-guide").stdout
    assert "(1 January 2001)" in out
    assert "These facts are more than 30 days old" in out
    assert "“Also reported as”" in out
    assert f"The direct link may still lead to the setting: {MAIN.link}" in out
    if (datetime.now().date() - MAIN.last_verified).days <= MAIN.stale_after:
        assert "may have changed" not in run("guide").stdout


@pytest.mark.parametrize(
    ("typed", "device"),
    [
        ("phone", "mobile"),
        ("Phone app", "mobile"),
        ("téléphone", "mobile"),
        ("Application mobile", "mobile"),
        ("MOBILE", "mobile"),
        ("computer", "desktop"),
        ("Ordinateur", "desktop"),
        ("desktop", "desktop"),
    ],
)
def test_guide_device_by_what_the_screen_shows(typed: str, device: str) -> None:
    result = run("guide", "--device", typed)
    assert result.returncode == 0, result.stderr
    intros = {d: MAIN.text("en").devices[d].intro for d in ("desktop", "mobile")}
    assert intros[device] in result.stdout
    assert all(text not in result.stdout for d, text in intros.items() if d != device)


# --------------------------------------------------------------------------- reset


def test_reset_keeps_language_region_and_theme(data_dir: Path) -> None:
    path = write(data_dir, done(1), language="fr", region="uk", theme="contrast")
    result = run("reset", "--yes")
    assert result.returncode == 0
    kept = json.loads(path.read_text("utf-8"))
    assert (kept["language"], kept["region"], kept["theme"]) == ("fr", "uk", "contrast")
    assert not kept.get("guides")
    assert "Progression effacée" in result.stdout  # and it still speaks French
    assert run("status").returncode == 1  # the ticks are gone
    backup = next(data_dir.glob("progress.json.backup-*"))
    assert json.loads(backup.read_text("utf-8"))["guides"]  # the backup holds them


def test_reset_all_forgets_the_choices_too(data_dir: Path) -> None:
    path = write(data_dir, done(1), language="fr", region="uk")
    result = run("reset", "--all", input="o\n")
    assert result.returncode == 0
    assert "langue, région et thème" in plain(result.stdout)  # the question said so
    assert not path.exists()
    assert len(list(data_dir.glob("progress.json.backup-*"))) == 1


def test_reset_asks_nothing_when_it_could_not_write(data_dir: Path) -> None:
    payload = {"schema": 99, "guides": {}, "language": "en"}
    path = data_dir / "progress.json"
    data_dir.mkdir(parents=True)
    path.write_text(json.dumps(payload), "utf-8")
    result = run("reset", input="y\n")
    assert result.returncode == 3
    assert "Type y" not in result.stdout  # refused before asking
    assert "newer" in result.stderr
    assert json.loads(path.read_text("utf-8")) == payload
