"""Rules about the catalog as a whole, and the warnings ``validate`` gives maintainers.

A guide can be right on its own and still not fit the catalog it is loaded into: an id used
twice, a related guide that is not there, a region that ``regions.toml`` does not have, a
language without interface strings, one platform named two ways. These rules run on every
load, on what the cached index holds, so they are never skipped.

The warnings do not make a guide invalid (a person would still be helped by it); they are
for ``optout-tui validate``: a claim limited to some regions that does not say which in its
own words, and guides whose facts were checked too long ago (``--max-age``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from .locate import Locator
from .model import Catalog, ContentError, Guide, Region, mentions
from .reading import ReadProblem, read_regular

SECTIONS = ("covers", "not_covered", "dates", "next")


def claim_regions(guide: Guide) -> dict[str, tuple[str, ...]]:
    """Per language file, every region id its claims name (kept in the index)."""
    return {
        lang: tuple(sorted({r for claim in text.claims() for r in claim.regions}))
        for lang, text in guide.texts.items()
    }


def _guide_folder_beside(guide: Guide, other: str) -> bool:
    return (guide.path.parent / other / "guide.toml").is_file()


def check_catalog(
    guides: Sequence[Guide],
    claims: Mapping[str, Mapping[str, Sequence[str]]],
    ui_languages: Iterable[str],
    regions: Sequence[Region],
    root: Path | None,
    errors: list[ContentError],
) -> None:
    """Append what is wrong with these guides together (ids already unique)."""
    languages = set(ui_languages)
    known_regions = {r.id for r in regions}
    ids = {g.id for g in guides}
    names: dict[tuple[str, str], tuple[str, str]] = {}  # (platform, lang) -> (name, guide)
    for guide in guides:
        structure = guide.path / "guide.toml"
        for region in guide.regions:
            if region not in known_regions:
                errors.append(_at(structure, "regions", _unknown_region(region, known_regions)))
        for lang, used in claims.get(guide.id, {}).items():
            for region in used:
                if region not in known_regions:
                    path = guide.path / f"{lang}.toml"
                    errors.append(ContentError(path, None, _unknown_region(region, known_regions)))
        for other in guide.related:
            # A guide that is there but broken has its own errors: do not blame its neighbours.
            if other not in ids and not _guide_folder_beside(guide, other):
                errors.append(
                    _at(structure, "related", f"related guide {other!r} is not in the catalog")
                )
        for lang in guide.languages:
            if languages and lang not in languages and not (root and _has_ui(root, lang)):
                errors.append(ContentError(structure, None, f"no ui.{lang}.toml for {lang!r}"))
            name = guide.listing(lang).platform
            first = names.setdefault((guide.platform, lang), (name, guide.id))
            if first[0] != name:
                errors.append(
                    _at(
                        guide.path / f"{lang}.toml",
                        "platform",
                        f"platform {guide.platform!r} is called {first[0]!r} in guide "
                        f"{first[1]!r}: use the same name here, not {name!r}",
                    )
                )


def _has_ui(root: Path, lang: str) -> bool:
    return (root / f"ui.{lang}.toml").exists()


def _unknown_region(region: str, known: set[str]) -> str:
    return f"region {region!r} is not in regions.toml (known: {', '.join(sorted(known)) or 'none'})"


def _at(path: Path, key: str, message: str, table: str = "") -> ContentError:
    """An error on ``key`` of ``path``, with its line found in the file when it can be."""
    try:
        line = Locator(read_regular(path).decode("utf-8")).line(table, key)
    except (ReadProblem, UnicodeDecodeError):
        line = None
    return ContentError(path, line, message)


# --------------------------------------------------------------------------- warnings


def region_warnings(
    catalog: Catalog, guides: Iterable[Guide] | None = None, root: Path | None = None
) -> list[ContentError]:
    """Claims (and ``not_offered`` texts) limited to regions that they do not name.

    Until a person says where they are, every claim is shown to them, so a claim true only
    in the UK must say "in the UK" itself. A region is named by its name or one of its words
    in regions.toml (``words.en = ["UK", "Britain"]``). A claim may also name its regions by
    exclusion: one of the ``outside`` words of ``root``'s regions.toml ("Outside the EU and
    the UK, …") and every region it leaves out named.
    """
    from .shared import exclusion_words

    outside = exclusion_words(root) if root else {}
    warnings: list[ContentError] = []
    for guide in catalog.guides if guides is None else guides:
        full = catalog.guide(guide.id)
        for lang, text in full.texts.items():
            path = full.path / f"{lang}.toml"
            for section in SECTIONS:
                for index, claim in enumerate(getattr(text, section)):
                    missing = _unnamed(catalog, claim.regions, claim.text, lang, outside)
                    if missing:
                        where = f"{section}[{index}]"
                        warnings.append(
                            _at(path, "text", _said(where, claim.regions, missing), where)
                        )
            if text.not_offered and full.regions:
                missing = _unnamed(catalog, full.regions, text.not_offered, lang, outside)
                if missing:
                    message = _said("not_offered", full.regions, missing)
                    warnings.append(_at(path, "not_offered", message))
    return warnings


def _unnamed(
    catalog: Catalog,
    regions: Sequence[str],
    text: str,
    lang: str,
    outside: Mapping[str, Sequence[str]],
) -> list[str]:
    """The regions of ``regions`` that ``text`` does not name, directly or by exclusion."""
    missing = [r.id for r in catalog.regions if r.id in regions and not r.named_in(text, lang)]
    if missing and any(mentions(text, word) for word in outside.get(lang, ())):
        left_out = [r for r in catalog.regions if r.id not in regions]
        if left_out and all(r.named_in(text, lang) for r in left_out):
            return []
    return missing


def _said(where: str, regions: Sequence[str], missing: list[str]) -> str:
    return (
        f"warning: '{where}' holds only in {', '.join(regions)} but does not name "
        f"{', '.join(missing)} in its own words (see the words in regions.toml)"
    )


def older_than(guides: Iterable[Guide], max_age: int, today: date) -> list[ContentError]:
    """Guides whose facts were last verified more than ``max_age`` days before ``today``."""
    return [
        _at(
            guide.path / "guide.toml",
            "last_verified",
            f"last verified on {guide.last_verified.isoformat()}, {guide.age_days(today)} "
            f"days ago: more than {max_age}",
        )
        for guide in guides
        if guide.age_days(today) > max_age
    ]
