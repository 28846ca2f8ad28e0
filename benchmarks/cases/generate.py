"""Write valid generated guides (English and French): one of 1,000 steps, or 50 small ones.

The text is filler of realistic length: titles of a few words, instructions and reasons of a
sentence or two, with the optional fields (label, expect, note, link) on some steps, so the
widgets lay out about as much text per step as the real guides'. Every guide has what 2.0
requires (``platform`` in guide.toml and a platform name in each language file); 1.x ignores
those keys, so the same files measure both versions.

* ``write_big``: ``bench-1000``, two devices of 500 steps, 12 sources (the large-guide case).
* ``write_catalog``: 50 guides ``bench-extra-01`` … ``-50``, five per generated platform,
  each with two devices of four steps and four sources (the catalog-scale case: a folder
  passed with ``--content``, as a person with many extra guides would).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

GUIDE_ID = "bench-1000"
DEVICES = ("desktop", "mobile")
EXTRA_GUIDES, EXTRA_STEPS, EXTRA_SOURCES, PER_PLATFORM = 50, 4, 4, 5

WORDS = {
    "en": {
        "title": "Generated benchmark guide {n}",
        "platform": "Benchmark platform {n}",
        "setting": "Benchmark setting",
        "summary": "A generated guide with many steps, used only to measure how the app copes "
        "with a large checklist. It is not about any real platform.",
        "device": {"desktop": "Computer", "mobile": "Phone app"},
        "intro": "Follow the steps in order. Each step says what to do, where to look and why.",
        "step": "Open section {n} of the settings",
        "do": "Find the item called Section {n} in the list, then click it to open its page. "
        "If the list is long, scroll down until you see it.",
        "why": "Step {n} leads to the next part of the settings, where the switch is kept.",
        "label": "Section {n}",
        "expect": "A page titled Section {n} opens, with a short description at the top.",
        "note": "Some sources call this Part {n}; it is the same item.",
        "check": "Check that section {n} is off",
        "claim": "Claim {n}: a statement about what the setting does, with its sources.",
        "source": "What source {n} supports: one of the steps and one of the claims.",
    },
    "fr": {
        "title": "Guide de test généré {n}",
        "platform": "Plateforme de test {n}",
        "setting": "Réglage de test",
        "summary": "Un guide généré comportant de nombreuses étapes, utilisé uniquement pour "
        "mesurer le comportement de l'application avec une longue liste.",
        "device": {"desktop": "Ordinateur", "mobile": "Application mobile"},
        "intro": "Suivez les étapes dans l'ordre. Chacune dit quoi faire, où regarder et pourquoi.",
        "step": "Ouvrir la section {n} des préférences",
        "do": "Trouvez l'élément « Section {n} » dans la liste, puis cliquez dessus pour ouvrir "
        "sa page. Si la liste est longue, faites-la défiler jusqu'à le voir.",
        "why": "L'étape {n} mène à la partie suivante des préférences, où se trouve le bouton.",
        "label": "Section {n}",
        "expect": "Une page intitulée « Section {n} » s'ouvre, avec une courte description.",
        "note": "Certaines sources l'appellent Partie {n} ; c'est le même élément.",
        "check": "Vérifier que la section {n} est désactivée",
        "claim": "Affirmation {n} : ce que fait le réglage, avec ses sources.",
        "source": "Ce que la source {n} appuie : une des étapes et une des affirmations.",
    },
}


def _q(text: str) -> str:
    """A TOML basic string (JSON string syntax is a subset of it for this text)."""
    return json.dumps(text, ensure_ascii=False)


class Spec(NamedTuple):
    """One generated guide: its id, steps per device, sources, and platform number."""

    guide_id: str
    steps_per_device: int
    sources: int
    platform: int  # guides with the same number share a platform (id and names)
    number: int  # in its title, so the titles differ


def step_ids(spec: Spec) -> dict[str, list[str]]:
    return {d: [f"{d}-{n:04d}" for n in range(1, spec.steps_per_device + 1)] for d in DEVICES}


def _structure(spec: Spec, ids: dict[str, list[str]]) -> str:
    count = spec.sources
    lines = [
        "schema = 1",
        f'id = "{spec.guide_id}"',
        f'platform = "bench-platform-{spec.platform:02d}"',
        "revision = 1",
        "last_verified = 2026-11-23",
        'languages = ["en", "fr"]',
        f'link = "https://example.org/{spec.guide_id}/settings"',
    ]
    for device, steps in ids.items():
        lines += ["", "[[devices]]", f'id = "{device}"', "steps = ["]
        lines += [f'  "{s}",' for s in steps]
        lines.append("]")
    for device, steps in ids.items():
        for n, step in enumerate(steps, start=1):
            lines += [
                "",
                f"[steps.{step}]",
                f"sources = [{n % count + 1}, {(n + 5) % count + 1}]",
            ]
            if n % 10 == 0:
                lines.append(f'link = "https://example.org/{device}/{n}"')
            lines.append(f"check = {'true' if n == len(steps) else 'false'}")
    for n in range(1, count + 1):
        lines += ["", "[[sources]]", f"id = {n}", f'title = "Benchmark source {n}"']
        if n % 3:
            lines.append(f'url = "https://example.org/source/{n}"')
        lines.append(f'kind = "{("primary", "regulator", "news", "code")[n % 4]}"')
    return "\n".join(lines) + "\n"


def _words(lang: str, spec: Spec, ids: dict[str, list[str]]) -> str:
    w, count = WORDS[lang], spec.sources
    lines = [f"title = {_q(w['title'].format(n=spec.number))}"]
    lines.append(f"platform = {_q(w['platform'].format(n=spec.platform))}")
    lines.append(f"setting = {_q(w['setting'])}")
    lines.append(f"summary = {_q(w['summary'])}")
    for device in ids:
        lines += ["", f"[devices.{device}]", f"name = {_q(w['device'][device])}"]
        lines.append(f"intro = {_q(w['intro'])}")
    for steps in ids.values():
        for n, step in enumerate(steps, start=1):
            title = w["check" if n == len(steps) else "step"].format(n=n)
            lines += ["", f"[steps.{step}]", f"title = {_q(title)}"]
            lines.append(f"do = {_q(w['do'].format(n=n))}")
            if n % 2:
                lines.append(f"label = {_q(w['label'].format(n=n))}")
            lines.append(f"why = {_q(w['why'].format(n=n))}")
            if n % 3:
                lines.append(f"expect = {_q(w['expect'].format(n=n))}")
            if n % 7 == 0:
                lines.append(f"note = {_q(w['note'].format(n=n))}")
    for table in ("covers", "not_covered", "dates", "next"):
        for n in range(1, 4):
            lines += ["", f"[[{table}]]", f"text = {_q(w['claim'].format(n=n))}"]
            lines.append(f"sources = [{n}, {(n + 2) % count + 1}]")
    lines += ["", "[sources]"]
    lines += [f"{n} = {_q(w['source'].format(n=n))}" for n in range(1, count + 1)]
    return "\n".join(lines) + "\n"


def write_guide(parent: Path, spec: Spec) -> Path:
    """Write ``parent/<id>/`` (guide.toml, en.toml, fr.toml) and return that folder."""
    folder = parent / spec.guide_id
    folder.mkdir(parents=True, exist_ok=True)
    ids = step_ids(spec)
    (folder / "guide.toml").write_text(_structure(spec, ids), encoding="utf-8")
    for lang in WORDS:
        (folder / f"{lang}.toml").write_text(_words(lang, spec, ids), encoding="utf-8")
    return folder


def write_big(parent: Path, steps: int = 1000) -> Path:
    """The large-guide case: ``parent/bench-1000/``, two devices of ``steps / 2`` steps."""
    return write_guide(parent, Spec(GUIDE_ID, steps // len(DEVICES), 12, 0, 1000))


def write_catalog(parent: Path, count: int = EXTRA_GUIDES) -> list[Path]:
    """The catalog-scale case: ``count`` small guides in ``parent``, five per platform."""
    specs = [
        Spec(f"bench-extra-{n:02d}", EXTRA_STEPS, EXTRA_SOURCES, (n - 1) // PER_PLATFORM + 1, n)
        for n in range(1, count + 1)
    ]
    return [write_guide(parent, spec) for spec in specs]
