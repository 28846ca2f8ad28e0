"""``optout-tui validate``: warnings for maintainers (issue 12), apart from errors.

A claim limited to some regions is shown to everyone until they say where they are, so it
must name its regions in its own words; ``validate`` warns (exit 0) when it does not.
``--max-age DAYS`` lists guides whose facts are older than that (exit 1).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers.minimal import edit, line_of, write_minimal_guide

from tui.catalog import load_catalog

CLAIM_EN = 'text = "en: covers claim."\nsources = [1]'
CLAIM_FR = 'text = "fr: covers claim."\nsources = [1]'


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    write_minimal_guide(folder, ui=False)
    edit(
        folder / "demo" / "guide.toml",
        "last_verified = 2026-11-23",
        f"last_verified = {date.today()}",
    )
    return folder


def tag(folder: Path, en: str, fr: str, regions: str = '["uk"]') -> None:
    edit(
        folder / "demo" / "en.toml", CLAIM_EN, f'text = "{en}"\nsources = [1]\nregions = {regions}'
    )
    edit(
        folder / "demo" / "fr.toml", CLAIM_FR, f'text = "{fr}"\nsources = [1]\nregions = {regions}'
    )


def test_a_claim_that_does_not_name_its_region_is_warned_about(extra: Path) -> None:
    tag(extra, "You can object.", "Vous pouvez vous opposer.")
    result = run("validate", str(extra))
    assert result.returncode == 0, result.stderr
    en = extra / "demo" / "en.toml"
    line = line_of(en, "You can object.")
    assert (
        f"{en}:{line}: warning: 'covers[0]' holds only in uk but does not name uk in its own "
        "words (see the words in regions.toml)"
    ) in result.stderr
    assert result.stderr.count("warning:") == 2  # the English and the French claim
    assert result.stdout.startswith("OK: ") and "2 warning(s)." in result.stdout


@pytest.mark.parametrize(
    ("en", "fr", "regions"),
    [
        ("In the UK, you can object.", "Au Royaume-Uni, vous pouvez vous opposer.", '["uk"]'),
        ("British members can object.", "Les membres britanniques peuvent.", '["uk"]'),
        (
            "In the EU, the EEA, Switzerland and the UK, you can.",
            "Dans l’Union européenne, l’EEE, en Suisse et au Royaume-Uni, oui.",
            '["eu", "uk"]',
        ),
        (
            "In Canada, Hong Kong, the US or elsewhere.",
            "Au Canada, à Hong Kong, aux États-Unis ou ailleurs.",
            '["ca", "hk", "other"]',
        ),
        (  # by exclusion: an `outside` word and every other region named
            "Outside the EU, the EEA, Switzerland and the UK, it applies.",
            "Hors de l’UE, de l’EEE, de la Suisse et du Royaume-Uni, cela s’applique.",
            '["ca", "hk", "other"]',
        ),
    ],
)
def test_a_claim_that_names_its_regions_is_fine(
    extra: Path, en: str, fr: str, regions: str
) -> None:
    tag(extra, en, fr, regions)
    result = run("validate", str(extra))
    assert result.returncode == 0
    assert "warning" not in result.stderr and "warning" not in result.stdout


def test_exclusion_must_name_every_region_left_out(extra: Path) -> None:
    """ "Outside the EU" for Canada, Hong Kong and elsewhere forgets the UK: warned."""
    tag(
        extra,
        "Outside the EU, it applies.",
        "Hors de l’UE, cela s’applique.",
        '["ca", "hk", "other"]',
    )
    result = run("validate", str(extra))
    assert result.returncode == 0
    assert result.stderr.count("does not name ca, hk, other") == 2


def test_an_acronym_counts_only_in_capitals(extra: Path) -> None:
    tag(extra, "Tell us what you think.", "Dites-nous ce que vous pensez.", '["other"]')
    result = run("validate", str(extra))
    assert result.returncode == 0
    assert result.stderr.count("does not name other") == 2


def test_not_offered_must_name_where_the_guide_is_offered(extra: Path) -> None:
    guide, en, fr = (extra / "demo" / n for n in ("guide.toml", "en.toml", "fr.toml"))
    edit(guide, 'platform = "demo"', 'platform = "demo"\nregions = ["eu"]')
    edit(en, 'platform = "Demo"', 'platform = "Demo"\nnot_offered = "Not offered where you are."')
    edit(fr, 'platform = "Demo"', 'platform = "Demo"\nnot_offered = "Proposé dans l’UE seulement."')
    result = run("validate", str(extra))
    assert result.returncode == 0, result.stderr
    assert f"{en}:{line_of(en, 'not_offered')}: warning: 'not_offered' holds only in eu" in (
        result.stderr
    )
    assert str(fr) not in result.stderr  # « l’UE » names it


def test_errors_and_warnings_are_apart(extra: Path) -> None:
    tag(extra, "You can object.", "Vous pouvez vous opposer.")
    edit(extra / "demo" / "guide.toml", "revision = 1", "revision = 0")
    result = run("validate", str(extra))
    assert result.returncode == 2
    assert "warning:" not in result.stderr  # an invalid guide is not judged further
    assert result.stderr.endswith("1 problem(s) found.\n")


def test_the_shipped_content_has_no_errors() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    print(result.stdout, result.stderr)


def test_max_age(extra: Path) -> None:
    guide = extra / "demo" / "guide.toml"
    assert run("validate", str(extra), "--max-age", "0").returncode == 0
    old = date.today() - timedelta(days=91)
    edit(guide, f"last_verified = {date.today()}", f"last_verified = {old}")
    result = run("validate", str(extra), "--max-age", "30")
    assert result.returncode == 1
    assert (
        f"{guide}:{line_of(guide, 'last_verified')}: last verified on {old}, 91 days ago: "
        "more than 30"
    ) in result.stdout
    assert "1 guide(s) last verified more than 30 days ago." in result.stdout
    assert run("validate", str(extra), "--max-age", "91").returncode == 0
    assert run("validate", str(extra)).returncode == 0  # no --max-age: age is not a problem
    negative = run("validate", str(extra), "--max-age", "-1")
    assert negative.returncode == 2 and "--max-age" in negative.stderr


def test_max_age_covers_only_the_folder_asked_about(extra: Path) -> None:
    """Built-in guides are context for an extra folder; their age is not its problem."""
    builtin = load_catalog(cache=False).guides[0]
    days = (date.today() - builtin.last_verified).days
    result = run("validate", str(extra), "--max-age", str(max(days - 1, 0)))
    assert result.returncode == 0, result.stdout
