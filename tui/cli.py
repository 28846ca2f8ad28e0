"""``optout-tui``: the app by default, plain sub-commands for everything else.

Textual is imported only when the app starts, so ``status`` (which a shell prompt or cron job
may run often) costs little more than starting Python. Every expected failure becomes a
message and an exit code, never a traceback:

    0  done / complete        1  status: no device finished yet; reset: declined
    2  bad usage or content   3  progress cannot be read or written
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import (
    Catalog,
    ContentInvalid,
    Guide,
    builtin_content_dir,
    content_folders,
    load_catalog,
)
from .progress.records import chosen_region, device_state
from .progress.store import ProgressError, ProgressStore, default_data_dir
from .text.i18n import Strings, choose_language
from .text.plain import guide_lines, status_lines

EXIT_OK, EXIT_INCOMPLETE, EXIT_INVALID, EXIT_PROGRESS = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps a sub-command's copy of an option from hiding the one given before it.
    common.add_argument(
        "--lang", default=argparse.SUPPRESS, metavar="LANG", help="language: en or fr"
    )
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="where progress is kept (default: $OPTOUT_TUI_DATA_DIR, else the per-user folder)",
    )
    common.add_argument(
        "--content",
        type=Path,
        action="append",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="also load guides from this folder (may be repeated)",
    )
    parser = argparse.ArgumentParser(
        prog="optout-tui",
        description="Opt out of AI training on your data, step by step, and check it took.",
        parents=[common],
        epilog="Exit codes: 0 done, 1 not complete / declined, 2 bad usage or content, "
        "3 progress file cannot be read or written.",
    )
    parser.add_argument("--version", action="version", version=f"optout-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    status = commands.add_parser(
        "status", parents=[common], help="progress per guide and device (exit 0 when done)"
    )
    status.add_argument("--guide", metavar="ID", help="only this guide")
    status.add_argument(
        "--max-age",
        type=int,
        metavar="DAYS",
        help="exit 1 unless the last check is at most DAYS days old (for cron or a prompt)",
    )
    export = commands.add_parser(
        "export", parents=[common], help="a dated record of what you did (Markdown or JSON)"
    )
    export.add_argument("--guide", metavar="ID", help="which guide (default: the first)")
    export.add_argument("--format", choices=["md", "json"], default="md")
    export.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of the screen"
    )
    guide = commands.add_parser(
        "guide", parents=[common], help="print a guide as plain text (for screen readers)"
    )
    guide.add_argument("--guide", metavar="ID", help="which guide (default: the first)")
    guide.add_argument("--device", metavar="ID", help="only this device, e.g. desktop or mobile")
    commands.add_parser("locate", parents=[common], help="where progress and content live")
    reset = commands.add_parser(
        "reset", parents=[common], help="forget all ticks (a backup is kept)"
    )
    reset.add_argument("--yes", action="store_true", help="do not ask first")
    check = commands.add_parser(
        "validate", parents=[common], help="check guide files; exit 2 if anything is wrong"
    )
    check.add_argument(
        "dir", nargs="?", type=Path, help="a content folder or one guide (default: built-in)"
    )
    check.add_argument(
        "--max-age",
        type=int,
        metavar="DAYS",
        help="exit 1 if a guide's facts were last verified more than DAYS days ago",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `optout-tui guide | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    extra: list[Path] = getattr(args, "content", None) or []
    if args.command == "validate":
        return _validate(args.dir, extra, args.max_age)
    try:
        catalog = load_catalog(extra)
    except ContentInvalid as exc:
        _error(f"optout-tui: the guide content is not valid:\n{exc}")
        return EXIT_INVALID

    data_dir = getattr(args, "data_dir", None) or default_data_dir()
    store = ProgressStore(data_dir)
    try:
        store.load()
    except ProgressError as exc:
        _error(f"optout-tui: {exc}")
        return EXIT_PROGRESS
    flag = getattr(args, "lang", None)
    if flag is not None and flag not in catalog.ui:
        _error(f"optout-tui: unknown language {flag!r}; choose from {', '.join(catalog.languages)}")
        return EXIT_INVALID
    lang = choose_language(catalog.ui, flag, store.language)
    s = Strings(lang, catalog.ui[lang])
    if store.recovered:
        rec = store.recovered
        _error(s("recovered", path=rec.path, moved_to=rec.moved_to, reason=rec.reason))

    if args.command is None:
        return _app(catalog, store, lang)
    if args.command == "status":
        return _status(catalog, store, lang, s, args.guide, args.max_age)
    if args.command == "export":
        return _export(catalog, store, lang, s, args)
    if args.command == "guide":
        return _guide(catalog, lang, s, args.guide, args.device)
    if args.command == "locate":
        print(f"{s('locate_data')}{s('colon')}{store.dir}")
        print(f"{s('locate_progress')}{s('colon')}{store.path}")
        for folder in [builtin_content_dir(), *extra]:
            print(f"{s('locate_content')}{s('colon')}{folder}")
        from .catalog.reading import default_cache_file

        print(f"{s('locate_cache')}{s('colon')}{default_cache_file()}")
        return EXIT_OK
    return _reset(store, s, args.yes)


def _error(message: str) -> None:
    print(message, file=sys.stderr)


def _pick_guide(catalog: Catalog, guide_id: str | None, s: Strings) -> Guide | None:
    if guide_id is None:
        return catalog.guides[0]
    try:
        return catalog.guide(guide_id)
    except KeyError:
        known = ", ".join(g.id for g in catalog.guides)
        _error(s("unknown_guide", guide=guide_id, known=known))
        return None


def _status(
    catalog: Catalog,
    store: ProgressStore,
    lang: str,
    s: Strings,
    guide_id: str | None,
    max_age: int | None,
) -> int:
    """Exit 0 when every guide that counts is complete on some device (and recent enough).

    The guides that count: the one named, else the main guide and any other you started, so
    the related guides never keep a cron reminder failing for someone who does not want them.
    """
    if max_age is not None and max_age < 0:
        _error("optout-tui: --max-age must be 0 or more days")
        return EXIT_INVALID
    shown = list(catalog.guides)
    counted: list[Guide]
    if guide_id is not None:
        guide = _pick_guide(catalog, guide_id, s)
        if guide is None:
            return EXIT_INVALID
        shown = counted = [guide]
    else:
        counted = [g for g in shown if g is shown[0] or _records(store, g)]
    ok = True
    for guide in shown:
        records = _records(store, guide)
        print("\n".join(status_lines(guide, lang, s, records)))
        if guide in counted:
            ok &= _complete(guide, records, max_age)
    return EXIT_OK if ok else EXIT_INCOMPLETE


def _records(store: ProgressStore, guide: Guide) -> dict[str, dict[str, Any]]:
    return {d.id: r for d in guide.devices if (r := store.device(guide.id, d.id))}


def _complete(guide: Guide, records: dict[str, dict[str, Any]], max_age: int | None) -> bool:
    for device in guide.devices:
        state = device_state(guide, device.id, records.get(device.id, {}))
        days = state.checked_days_ago()
        if state.complete and (max_age is None or (days is not None and days <= max_age)):
            return True
    return False


def _export(
    catalog: Catalog, store: ProgressStore, lang: str, s: Strings, args: argparse.Namespace
) -> int:
    from .text import export as record

    guide = _pick_guide(catalog, args.guide, s)
    if guide is None:
        return EXIT_INVALID
    region = chosen_region(store.setting("region"))
    data = record.build(catalog, guide, _records(store, guide), lang, region)
    text = record.to_json(data) if args.format == "json" else record.to_markdown(data, s)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _error(f"optout-tui: cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_PROGRESS
    print(s("exported", path=args.output))
    return EXIT_OK


def _guide(
    catalog: Catalog, lang: str, s: Strings, guide_id: str | None, device_id: str | None
) -> int:
    guide = _pick_guide(catalog, guide_id, s)
    if guide is None:
        return EXIT_INVALID
    devices = [d.id for d in guide.devices]
    if device_id is not None:
        if device_id not in devices:
            _error(s("unknown_device", device=device_id, known=", ".join(devices)))
            return EXIT_INVALID
        devices = [device_id]
    print("\n".join(guide_lines(guide, lang, s, devices)))
    return EXIT_OK


def _reset(store: ProgressStore, s: Strings, yes: bool) -> int:
    if not store.path.exists():
        print(s("reset_nothing", path=store.path))
        return EXIT_OK
    if not yes:
        try:
            answer = input(s("reset_confirm", path=store.path) + " ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in (s("yes_short"), s("yes_word"), "y", "yes"):
            print(s("reset_declined"))
            return EXIT_INCOMPLETE
    try:
        backup = store.reset()
    except (ProgressError, OSError) as exc:
        _error(f"optout-tui: {exc}")
        return EXIT_PROGRESS
    print(s("reset_done", backup=backup))
    return EXIT_OK


def _validate(folder: Path | None, extra: list[Path], max_age: int | None) -> int:
    """Check content exactly as the app loads it (the same code path), then warn.

    A named folder is checked in the catalog it would be shown in (see ``content_folders``);
    without one, the built-in content plus any ``--content``. Errors exit 2. Warnings (a
    claim limited to regions it does not name) are printed and do not fail; ``--max-age``
    lists the guides whose facts are older than that and exits 1.
    """
    from datetime import date

    from .catalog import check
    from .catalog.crosscheck import older_than, region_warnings

    if max_age is not None and max_age < 0:
        _error("optout-tui: --max-age must be 0 or more days")
        return EXIT_INVALID
    if folder is not None:
        folders = content_folders(folder)
        catalog, errors = check(folders, fresh=[folder])
    else:
        folders = [builtin_content_dir(), *extra]
        catalog, errors = check(folders)
    if errors:
        for error in errors:
            _error(str(error))
        _error(f"{len(errors)} problem(s) found.")
        return EXIT_INVALID
    asked = [folder] if folder is not None else folders
    guides = [g for g in catalog.guides if any(_under(g.path, f) for f in asked)]
    try:
        warnings = region_warnings(catalog, guides, folders[0])
    except ContentInvalid as exc:  # a file changed while we were checking
        _error(f"optout-tui: the guide content is not valid:\n{exc}")
        return EXIT_INVALID
    for warning in warnings:
        _error(str(warning))
    print(f"OK: {', '.join(str(f) for f in asked)}")
    if warnings:
        print(f"{len(warnings)} warning(s).")
    if max_age is None:
        return EXIT_OK
    old = older_than(guides, max_age, date.today())
    for guide in old:
        print(str(guide))
    if old:
        print(f"{len(old)} guide(s) last verified more than {max_age} days ago.")
        return EXIT_INCOMPLETE
    return EXIT_OK


def _under(path: Path, folder: Path) -> bool:
    path, folder = path.absolute(), folder.absolute()
    return path == folder or folder in path.parents


def _app(catalog: Catalog, store: ProgressStore, lang: str) -> int:
    from .app.app import OptOutApp  # Textual loads here, and only here

    app = OptOutApp(catalog=catalog, store=store, lang=lang)
    app.run()
    return app.return_code or EXIT_OK
