"""Write a valid guide of many steps (English and French) for the large-guide benchmark.

The text is filler of realistic length: titles of a few words, instructions and reasons of a
sentence or two, with the optional fields (label, expect, note, link) on some steps, so the
widgets lay out about as much text per step as the real guide's.
"""

from __future__ import annotations

import json
from pathlib import Path

GUIDE_ID = "bench-1000"
DEVICES = ("desktop", "mobile")
SOURCES = 12

WORDS = {
    "en": {
        "title": "Generated benchmark guide",
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
        "title": "Guide de test généré",
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


def step_ids(steps: int) -> dict[str, list[str]]:
    per_device = steps // len(DEVICES)
    return {d: [f"{d}-{n:04d}" for n in range(1, per_device + 1)] for d in DEVICES}


def _structure(ids: dict[str, list[str]]) -> str:
    lines = [
        "schema = 1",
        f'id = "{GUIDE_ID}"',
        "revision = 1",
        "last_verified = 2026-11-23",
        'languages = ["en", "fr"]',
        'link = "https://example.org/settings"',
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
                f"sources = [{n % SOURCES + 1}, {(n + 5) % SOURCES + 1}]",
            ]
            if n % 10 == 0:
                lines.append(f'link = "https://example.org/{device}/{n}"')
            lines.append(f"check = {'true' if n == len(steps) else 'false'}")
    for n in range(1, SOURCES + 1):
        lines += ["", "[[sources]]", f"id = {n}", f'title = "Benchmark source {n}"']
        if n % 3:
            lines.append(f'url = "https://example.org/source/{n}"')
        lines.append(f'kind = "{("primary", "regulator", "news", "code")[n % 4]}"')
    return "\n".join(lines) + "\n"


def _words(lang: str, ids: dict[str, list[str]]) -> str:
    w = WORDS[lang]
    lines = [f"title = {_q(w['title'])}", f"setting = {_q(w['setting'])}"]
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
            lines.append(f"sources = [{n}, {n + 3}]")
    lines += ["", "[sources]"]
    lines += [f"{n} = {_q(w['source'].format(n=n))}" for n in range(1, SOURCES + 1)]
    return "\n".join(lines) + "\n"


def write_guide(parent: Path, steps: int = 1000) -> Path:
    """Write ``parent/bench-1000/`` (guide.toml, en.toml, fr.toml) and return that folder."""
    folder = parent / GUIDE_ID
    folder.mkdir(parents=True, exist_ok=True)
    ids = step_ids(steps)
    (folder / "guide.toml").write_text(_structure(ids), encoding="utf-8")
    for lang in WORDS:
        (folder / f"{lang}.toml").write_text(_words(lang, ids), encoding="utf-8")
    return folder
