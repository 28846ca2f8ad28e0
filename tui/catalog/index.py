"""The whole catalog: every guide folder and the interface strings, checked, and indexed.

``collect`` is the one way content is read, by the app, ``status`` and ``validate`` alike,
so they accept exactly the same guides. It checks each guide (``checks.load_guide``), then
the catalog as a whole (``crosscheck``), and keeps what lists need in the **index**, a JSON
file in the cache folder: per guide, its ids, platform, titles and device names in each
language, revision, dates, regions, related guides and change notes.

The index is keyed by the size and modification time of every content file it was built
from and by the program's version. A guide whose files are unchanged is taken from it
without reading them; a guide whose files changed is read and checked again; the
catalog-wide rules run every time. So ``status`` costs about the same for three guides or
fifty, and no check is ever skipped for a file that changed. A guide's full text is read
(and checked again) when a screen or command first opens it (``lazy.LazyPart``). The file
itself, and when an entry may be reused, is ``stored``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .model import DEFAULT_LANGUAGE, Catalog, ContentError, ContentInvalid, Guide
from .stored import INDEX_NAME, Cache, StoredIndex

__all__ = ["INDEX_NAME", "Cache", "builtin_content_dir", "collect", "load_catalog", "validate"]


def builtin_content_dir() -> Path:
    """The content shipped with the program: inside the wheel, or the repository's folder."""
    packaged = Path(__file__).resolve().parent.parent / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "content"


def guide_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / "guide.toml").exists())


def is_guide_folder(folder: Path) -> bool:
    return (folder / "guide.toml").exists()


# --------------------------------------------------------------------------- collecting


def collect(
    folders: Iterable[Path],
    *,
    cache: Cache | None = None,
    fresh: bool | Iterable[Path] = False,
) -> tuple[Catalog, list[ContentError]]:
    """Guides from each folder (or each guide folder given itself) and the interface strings
    and regions of the first; every problem found.

    With ``cache``, unchanged guides come from the index and parsed files from the parse
    cache. ``fresh`` (all, or the given folders) checks guides again even if the index has
    them: ``validate`` re-checks what it was asked about, never trusting the index for it.
    """
    folders = list(folders)
    index = StoredIndex(cache, fresh)
    errors: list[ContentError] = []
    ui: dict[str, dict[str, str]] = {}
    guides: list[Guide] = []
    claims: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for position, folder in enumerate(folders):
        if not folder.is_dir():
            errors.append(ContentError(folder, None, "no such folder"))
            continue
        if position > 0 and is_guide_folder(folder):
            found = [folder]  # one guide given by itself: --content DIR/guide-id
        else:
            strings = index.ui(folder, errors)
            if position == 0 or strings:
                for lang, table in strings.items():
                    ui.setdefault(lang, table)
            try:
                found = guide_folders(folder)
                index.listed(folder)
            except OSError as exc:
                errors.append(ContentError(folder, None, f"cannot list the folder: {exc.strerror}"))
                continue
            if position > 0 and not found:
                errors.append(ContentError(folder, None, "no guides here (no */guide.toml)"))
        for path in found:
            loaded = index.guide(path, errors)
            if loaded is None:
                continue
            guide, used = loaded
            if any(g.id == guide.id for g in guides):
                errors.append(ContentError(path / "guide.toml", None, f"guide {guide.id!r} twice"))
                continue
            guides.append(guide)
            claims[guide.id] = used
    root = folders[0] if folders and folders[0].is_dir() else None
    if root is not None and not ui:
        errors.append(ContentError(root, None, "no ui.<lang>.toml interface strings"))
    regions = index.regions(root, ui or [DEFAULT_LANGUAGE], errors) if root else ()
    from .crosscheck import check_catalog

    check_catalog(guides, claims, ui, regions, root, errors)
    if folders and not guides and not errors:
        errors.append(ContentError(folders[0], None, "no guides found"))
    guides.sort(key=lambda g: (g.order, g.id))
    index.save()
    return Catalog(guides, ui, regions), errors


def load_catalog(extra: Iterable[Path] = (), *, cache: Cache | bool = True) -> Catalog:
    """The built-in content plus any ``--content`` folders; raises with every problem found.

    ``cache=True`` uses the user's cache folder (found at call time, never at import);
    ``False`` reads everything and writes nothing; or pass a :class:`Cache`.
    """
    catalog, errors = collect([builtin_content_dir(), *extra], cache=_chosen(cache))
    if errors:
        raise ContentInvalid(errors)
    return catalog


def content_folders(folder: Path) -> list[Path]:
    """The folders ``validate FOLDER`` loads: what the app would load to show that folder.

    A whole content folder (with interface strings) by itself; a guide of the built-in
    content as the built-in content; anything else (a folder of guides, or one guide) as
    ``--content`` adds it, beside the built-in content.
    """
    builtin = builtin_content_dir()
    target = folder.resolve() if folder.exists() else folder
    if target == builtin or (is_guide_folder(target) and target.parent == builtin):
        return [builtin]
    if any(folder.glob("ui.*.toml")) or not folder.is_dir():
        return [folder]
    if is_guide_folder(folder) and any(folder.parent.glob("ui.*.toml")):
        return [folder.parent]
    return [builtin, folder]


def validate(folder: Path, *, cache: Cache | bool = True) -> list[ContentError]:
    """Problems in a folder of guides (or one guide), checked as loading would check it."""
    return check(content_folders(folder), fresh=[folder], cache=cache)[1]


def check(
    folders: list[Path], *, fresh: bool | Iterable[Path] = True, cache: Cache | bool = True
) -> tuple[Catalog, list[ContentError]]:
    """``collect`` for ``validate``: what was asked about is checked again, never taken
    from the index; the index is refreshed with what passes."""
    return collect(folders, cache=_chosen(cache), fresh=fresh)


def _chosen(cache: Cache | bool) -> Cache | None:
    if cache is True:
        return Cache()
    return cache if isinstance(cache, Cache) else None
