"""What a person may type to name a device: what the screen shows, in either language.

``--device phone``, ``--device Ordinateur``, ``--device "Phone app"``, ``--device téléphone``
and ``--device mobile`` all mean the same tab. Matching ignores case and accents. Guides
name their devices freely, so besides each device's id and its name in every language of the
guide, the two conventional ids (content-contract.md: ``desktop`` is the Computer,
``mobile`` the Phone app) also answer to the everyday words below.
"""

from __future__ import annotations

import unicodedata

from ..catalog import Guide

EVERYDAY_WORDS = {
    "desktop": ("computer", "ordinateur", "ordi", "pc", "laptop", "browser", "navigateur"),
    "mobile": ("phone", "telephone", "smartphone", "portable", "app", "application"),
}


def fold(text: str) -> str:
    """Case, accents and extra spaces taken out: « Téléphone » and "telephone" match."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(letters.split())


def find_device(guide: Guide, typed: str) -> str | None:
    """The id of the device ``typed`` names in ``guide``, or None (unknown or ambiguous)."""
    key = fold(typed)
    if not key:
        return None
    exact = [d.id for d in guide.devices if key in _names(guide, d.id)]
    if exact:
        return exact[0]
    loose = [
        d.id
        for d in guide.devices
        if key in {fold(w) for w in EVERYDAY_WORDS.get(d.id, ())}
        or any(key in name.split() for name in _names(guide, d.id))
    ]
    return loose[0] if len(loose) == 1 else None


def _names(guide: Guide, device_id: str) -> set[str]:
    names = {fold(device_id)}
    for text in guide.texts.values():
        device_text = text.devices.get(device_id)
        if device_text is not None:
            names.add(fold(device_text.name))
    return names
