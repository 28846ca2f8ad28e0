"""The whole catalog: every guide folder and the interface strings, loaded and checked.

``status``, start-up and the picker read this; it is the only module that knows which
folders make the catalog (the shipped content first, then any ``--content`` folders).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import checks
from .checks import _check_claim_regions, load_guide, load_regions, load_ui
from .model import DEFAULT_LANGUAGE, Catalog, ContentError, ContentInvalid, Guide, Region
from .reading import TomlCache


def builtin_content_dir() -> Path:
    """The content shipped with the program: inside the wheel, or the repository's folder."""
    packaged = Path(__file__).resolve().parent.parent / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "content"


# --------------------------------------------------------------------------- whole catalog


def guide_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / "guide.toml").exists())


def collect(
    folders: Iterable[Path], *, cache: TomlCache | None = None
) -> tuple[Catalog, list[ContentError]]:
    """Load guides from each folder and interface strings from the first; keep all errors.

    With ``cache``, parsed files are reused while unchanged (see ``toml_cache``); the
    checks run all the same.
    """
    checks._CACHE = cache
    try:
        return _collect(list(folders))
    finally:
        checks._CACHE = None
        if cache is not None:
            cache.save()


def _collect(folders: list[Path]) -> tuple[Catalog, list[ContentError]]:
    errors: list[ContentError] = []
    ui: dict[str, dict[str, str]] = {}
    guides: list[Guide] = []
    for index, folder in enumerate(folders):
        if not folder.is_dir():
            errors.append(ContentError(folder, None, "no such folder"))
            continue
        strings = load_ui(folder, errors)
        if index == 0 or strings:
            for lang, table in strings.items():
                ui.setdefault(lang, table)
        found = guide_folders(folder)
        if index > 0 and not found:
            errors.append(ContentError(folder, None, "no guides here (no */guide.toml)"))
        for path in found:
            guide = load_guide(path, errors)
            if guide is None:
                continue
            if any(g.id == guide.id for g in guides):
                errors.append(ContentError(path / "guide.toml", None, f"guide {guide.id!r} twice"))
                continue
            guides.append(guide)
    if folders and folders[0].is_dir() and not ui:
        errors.append(ContentError(folders[0], None, "no ui.<lang>.toml interface strings"))
    regions: tuple[Region, ...] = ()
    if folders and folders[0].is_dir():
        regions = load_regions(folders[0], ui or [DEFAULT_LANGUAGE], errors)
    for guide in guides:
        _check_claim_regions(guide, regions, errors)
    for guide in guides:
        for lang in guide.languages:
            if ui and lang not in ui and not (folders[0] / f"ui.{lang}.toml").exists():
                errors.append(
                    ContentError(guide.path / "guide.toml", None, f"no ui.{lang}.toml for {lang!r}")
                )
    if folders and not guides and not errors:
        errors.append(ContentError(folders[0], None, "no guides found"))
    guides.sort(key=lambda g: (g.order, g.id))
    return Catalog(tuple(guides), ui, regions), errors


def load_catalog(extra: Iterable[Path] = ()) -> Catalog:
    """The built-in content plus any ``--content`` folders; raises with every problem found."""
    catalog, errors = collect([builtin_content_dir(), *extra], cache=TomlCache())
    if errors:
        raise ContentInvalid(errors)
    return catalog


def validate(folder: Path) -> list[ContentError]:
    """Problems in a folder of guides (and its interface strings, if it has them)."""
    if (folder / "guide.toml").exists():
        errors: list[ContentError] = []
        load_guide(folder, errors)
        return errors
    if any(folder.glob("ui.*.toml")) or not folder.is_dir():
        _, errors = collect([folder])
        return errors
    # A folder of extra guides, as --content loads it: beside the built-in content.
    _, errors = collect([builtin_content_dir(), folder])
    return errors
