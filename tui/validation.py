"""``optout-tui validate``: check guide files exactly as the app loads them, and say what is
wrong (file, line, problem), what deserves a warning, and which guides have grown old.

Kept apart from ``cli`` because it is a maintainer's tool with its own rules: it re-checks
what it was asked about instead of trusting the cached index, and its output is for people
who write guides.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import clock
from .catalog import ContentInvalid, builtin_content_dir, content_folders

EXIT_OK, EXIT_INCOMPLETE, EXIT_INVALID = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def validate_command(folder: Path | None, extra: list[Path], max_age: int | None) -> int:
    """Check content exactly as the app loads it (the same code path), then warn.

    A named folder is checked in the catalog it would be shown in (see ``content_folders``);
    without one, the built-in content plus any ``--content``. Errors exit 2. Warnings (a
    claim limited to regions it does not name) are printed and do not fail; ``--max-age``
    lists the guides whose facts are older than that and exits 1.
    """

    from .catalog import check
    from .catalog.crosscheck import older_than, region_warnings

    if max_age is not None and max_age < 0:
        _say("optout-tui: --max-age must be 0 or more days")
        return EXIT_INVALID
    if folder is not None:
        folders = content_folders(folder)
        catalog, errors = check(folders, fresh=[folder])
    else:
        folders = [builtin_content_dir(), *extra]
        catalog, errors = check(folders)
    if errors:
        for error in errors:
            _say(str(error))
        _say(f"{len(errors)} problem(s) found.")
        return EXIT_INVALID
    asked = [folder] if folder is not None else folders
    guides = [g for g in catalog.guides if any(_under(g.path, f) for f in asked)]
    try:
        warnings = region_warnings(catalog, guides, folders[0])
    except ContentInvalid as exc:  # a file changed while we were checking
        _say(f"optout-tui: the guide content is not valid:\n{exc}")
        return EXIT_INVALID
    for warning in warnings:
        _say(str(warning))
    print(f"OK: {', '.join(str(f) for f in asked)}")
    if warnings:
        print(f"{len(warnings)} warning(s).")
    if max_age is None:
        return EXIT_OK
    old = older_than(guides, max_age, clock.today())
    for guide in old:
        print(str(guide))
    if old:
        print(f"{len(old)} guide(s) last verified more than {max_age} days ago.")
        return EXIT_INCOMPLETE
    return EXIT_OK


def _under(path: Path, folder: Path) -> bool:
    path, folder = path.absolute(), folder.absolute()
    return path == folder or folder in path.parents
