"""Device names as a person types them (issue 11): what the screen shows, either language."""

from __future__ import annotations

import pytest

from tui.catalog import load_catalog
from tui.text.names import find_device, fold

GUIDE = load_catalog().guide("linkedin-genai")


@pytest.mark.parametrize(
    ("typed", "device"),
    [
        ("desktop", "desktop"),
        ("mobile", "mobile"),
        ("DESKTOP", "desktop"),
        ("computer", "desktop"),
        ("Computer", "desktop"),
        ("ordinateur", "desktop"),
        ("Ordinateur", "desktop"),
        ("phone", "mobile"),
        ("Phone app", "mobile"),
        ("phone  APP", "mobile"),
        ("téléphone", "mobile"),
        ("telephone", "mobile"),
        ("Téléphone", "mobile"),
        ("Application mobile", "mobile"),
        ("application", "mobile"),
    ],
)
def test_a_device_by_what_the_screen_shows(typed: str, device: str) -> None:
    assert find_device(GUIDE, typed) == device


@pytest.mark.parametrize("typed", ["", "  ", "tablet", "nope", "desk"])
def test_unknown_names_are_none(typed: str) -> None:
    assert find_device(GUIDE, typed) is None


def test_the_names_shown_in_every_language_match() -> None:
    for lang, text in GUIDE.texts.items():
        for device_id, device_text in text.devices.items():
            assert find_device(GUIDE, device_text.name) == device_id, (lang, device_text.name)


def test_fold() -> None:
    assert fold("  Téléphone   APP ") == "telephone app"
