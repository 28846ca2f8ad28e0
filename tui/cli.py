"""``optout-tui``: the app by default, plain sub-commands for everything else.

Textual is imported only when the app starts, so ``status`` (which a shell prompt or cron job
may run often) costs little more than starting Python. Every expected failure becomes a
message and an exit code, never a traceback:

    0  done / complete        1  status: no device finished yet; reset: declined
    2  bad usage or content   3  progress cannot be read or written

Every word printed is in the person's language, argparse's own included: the language is
chosen before the parser is built (``--lang``, else the saved choice, else the locale), and
the parser is built and run inside :func:`~tui.text.argparse_words.argparse_language`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .catalog import (
    Catalog,
    ContentError,
    ContentInvalid,
    Guide,
    builtin_content_dir,
    collect,
)
from .catalog.stored import Cache
from .progress.events import Event
from .progress.records import DeviceRecord, chosen_region
from .progress.store import ProgressError, ProgressStore, default_data_dir
from .text.argparse_words import argparse_language
from .text.early import early_choices, saved_language
from .text.i18n import Strings, choose_language, quote
from .text.names import find_device
from .text.plain import StatusPlan, guide_lines, is_done, status_lines
from .text.terminal import degrade_streams, safe_text

EXIT_OK, EXIT_INCOMPLETE, EXIT_INVALID, EXIT_PROGRESS = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse's parser, except that an argument quoted in an error is printed harmless.

    ``unrecognized arguments: %s`` repeats what was typed as it is; a script passing an
    untrusted name could otherwise write escape sequences to the terminal.
    """

    def error(self, message: str) -> NoReturn:
        super().error(safe_text(message))


def _parser(s: Strings, languages: Sequence[str]) -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # SUPPRESS keeps a sub-command's copy of an option from hiding the one given before it.
    common.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        metavar=s("cli_lang_var"),
        help=s("cli_lang", languages=", ".join(languages)),
    )
    common.add_argument(
        "--data-dir",
        type=_path_type(s),
        default=argparse.SUPPRESS,
        metavar=s("cli_dir_var"),
        help=s("cli_data_dir"),
    )
    common.add_argument(
        "--content",
        type=_path_type(s),
        action="append",
        default=argparse.SUPPRESS,
        metavar=s("cli_dir_var"),
        help=s("cli_content"),
    )
    parser = _Parser(
        prog="optout-tui",
        description=s("cli_description"),
        parents=[common],
        epilog=s("cli_epilog"),
    )
    parser.add_argument(
        "--version", action="version", version=f"optout-tui {__version__}", help=s("cli_version")
    )
    commands = parser.add_subparsers(dest="command", metavar=s("cli_command"))

    def command(name: str, key: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=s(key), description=s(key))

    status = command("status", "cli_status")
    status.add_argument("--guide", metavar=s("cli_id_var"), help=s("cli_status_guide"))
    status.add_argument(
        "--max-age", type=_days_type(s), metavar=s("cli_days_var"), help=s("cli_max_age")
    )
    export = command("export", "cli_export")
    export.add_argument("--guide", metavar=s("cli_id_var"), help=s("cli_which_guide"))
    export.add_argument("--format", choices=["md", "json"], default="md", help=s("cli_format"))
    export.add_argument(
        "--output",
        "-o",
        type=_path_type(s),
        metavar=s("cli_file_var"),
        help=s("cli_output"),
    )
    guide = command("guide", "cli_guide")
    guide.add_argument("--guide", metavar=s("cli_id_var"), help=s("cli_which_guide"))
    guide.add_argument("--device", metavar=s("cli_device_var"), help=s("cli_device"))
    command("locate", "cli_locate")
    reset = command("reset", "cli_reset")
    reset.add_argument("--yes", action="store_true", help=s("cli_reset_yes"))
    reset.add_argument("--all", action="store_true", help=s("cli_reset_all"))
    check = command("validate", "cli_validate")
    check.add_argument(
        "dir", nargs="?", type=Path, metavar=s("cli_dir_var"), help=s("cli_validate_dir")
    )
    check.add_argument(
        "--max-age", type=_days_type(s), metavar=s("cli_days_var"), help=s("cli_validate_max_age")
    )
    return parser


def _path_type(s: Strings) -> Callable[[str], Path]:
    def path(text: str) -> Path:
        if not text.strip():  # Path("") is the current folder: never what was meant
            raise argparse.ArgumentTypeError(s("cli_empty_dir"))
        return Path(text)

    return path


def _days_type(s: Strings) -> Callable[[str], int]:
    def days(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0:
            raise argparse.ArgumentTypeError(s("cli_bad_days", value=quote(text, s.lang)))
        return value

    return days


def main(argv: Sequence[str] | None = None) -> int:
    degrade_streams()
    words = list(sys.argv[1:] if argv is None else argv)
    # The built-in guides and strings, read once (through the parse cache): their words
    # are needed before parsing, for --help and usage errors.
    builtin = collect([builtin_content_dir()], cache=Cache())
    ui = builtin[0].ui
    if not ui:
        problems = [str(e) for e in builtin[1]]
        _error("\n".join(["optout-tui: the built-in interface strings are not valid:", *problems]))
        return EXIT_INVALID
    flag, data_dir = early_choices(words)
    lang = choose_language(ui, flag, saved_language(data_dir or default_data_dir()))
    s = Strings(lang, ui[lang])
    with argparse_language(lang):
        args = _parser(s, sorted(ui)).parse_args(words)
    try:
        return _run(args, s, builtin)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `optout-tui guide | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run(args: argparse.Namespace, s: Strings, builtin: tuple[Catalog, list[ContentError]]) -> int:
    extra: list[Path] = getattr(args, "content", None) or []
    if args.command == "validate":
        from .validation import validate_command

        return validate_command(args.dir, extra, args.max_age)
    if args.command is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
        _error(s("no_terminal"))  # cron, a pipe, </dev/null: never a spinning app
        return EXIT_INVALID
    catalog, errors = builtin
    if extra:  # --content: the built-in guides and these, checked together
        catalog, errors = collect([builtin_content_dir(), *extra], cache=Cache())
    if errors:
        _error(f"{s('content_invalid')}\n{ContentInvalid(errors)}")
        return EXIT_INVALID

    data_dir = getattr(args, "data_dir", None) or default_data_dir()
    store = ProgressStore(data_dir)
    try:
        found = store.read().events  # what reading found; the app says it again on screen
    except ProgressError as exc:
        _error(s("progress_problem", problem=exc))
        return EXIT_PROGRESS
    flag = getattr(args, "lang", None)
    if flag is not None and flag not in catalog.ui:
        languages = ", ".join(catalog.languages)
        _error(s("unknown_language", lang=quote(flag, s.lang), languages=languages))
        return EXIT_INVALID
    lang = choose_language(catalog.ui, flag, store.language)
    s = Strings(lang, catalog.ui[lang])
    if store.recovered:
        rec = store.recovered
        _error(s("recovered", path=rec.path, moved_to=rec.moved_to, reason=rec.reason))

    if args.command is None:
        return _app(catalog, store, lang, found)
    if args.command == "status":
        code = _status(catalog, store, lang, s, args.guide, args.max_age)
    elif args.command == "export":
        code = _export(catalog, store, lang, s, args)
    elif args.command == "guide":
        return _guide(catalog, lang, s, args.guide, args.device)
    elif args.command == "locate":
        return _locate(store, s, extra)
    else:
        return _reset(store, s, yes=args.yes, everything=args.all)
    # A damaged file was moved aside: what was read is not what the person had (exit 3).
    return EXIT_PROGRESS if store.recovered and code != EXIT_INVALID else code


def _out(text: str) -> None:
    print(safe_text(text))


def _error(message: str) -> None:
    print(safe_text(message), file=sys.stderr)


def _locate(store: ProgressStore, s: Strings, extra: list[Path]) -> int:
    _out(f"{s('locate_data')}{s('colon')}{store.dir}")
    _out(f"{s('locate_progress')}{s('colon')}{store.path}")
    for folder in [builtin_content_dir(), *extra]:
        _out(f"{s('locate_content')}{s('colon')}{folder}")
    from .catalog.stored import default_index_file

    _out(f"{s('locate_cache')}{s('colon')}{default_index_file()}")
    return EXIT_OK


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
    """Exit 0 when every guide that counts is done (see :class:`StatusPlan`)."""
    region = chosen_region(store.setting("region"))
    region_name = catalog.region_name(region, lang) if region else None
    if guide_id is None:
        plan = StatusPlan(catalog.guides, lambda g: _records(store, g), region)
        _out("\n".join(plan.lines(lang, s, max_age, region_name)))
        return EXIT_OK if plan.ok(max_age) else EXIT_INCOMPLETE
    guide = _pick_guide(catalog, guide_id, s)
    if guide is None:
        return EXIT_INVALID
    records = _records(store, guide)
    _out("\n".join(status_lines(guide, lang, s, records, max_age)))
    if not guide.applies_in(region):  # asked about by name, but never a to-do here
        _out("  " + s("not_offered_here", region=region_name or "?", guides=guide.id))
        return EXIT_OK
    return EXIT_OK if is_done(guide, records, max_age) else EXIT_INCOMPLETE


def _records(store: ProgressStore, guide: Guide) -> dict[str, DeviceRecord]:
    """The guide's device records that the file holds (none: the guide was never opened)."""
    saved = store.progress.guide(guide.id)
    return {d.id: saved.device(d.id) for d in guide.devices if saved.device(d.id).started}


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
        sys.stdout.write(safe_text(text))
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _error(s("cannot_write", path=args.output, reason=exc.strerror or exc))
        return EXIT_PROGRESS
    _out(s("exported", path=args.output))
    return EXIT_OK


def _guide(catalog: Catalog, lang: str, s: Strings, guide_id: str | None, typed: str | None) -> int:
    guide = _pick_guide(catalog, guide_id, s)
    if guide is None:
        return EXIT_INVALID
    devices = [d.id for d in guide.devices]
    if typed is not None:
        found = find_device(guide, typed)
        if found is None:
            names = guide.text(lang).devices
            known = ", ".join(f"{d} ({names[d].name})" for d in devices)
            _error(s("unknown_device", device=quote(typed, lang), known=known))
            return EXIT_INVALID
        devices = [found]
    _out("\n".join(guide_lines(guide, lang, s, devices)))
    return EXIT_OK


def _reset(store: ProgressStore, s: Strings, *, yes: bool, everything: bool) -> int:
    """Forget the ticks (with ``--all``, every choice too), keeping a backup of the file.

    Whether the file may be written is checked before asking, so nobody confirms a reset
    that then cannot happen.
    """
    if not store.path.exists():
        _out(s("reset_nothing", path=store.path))
        return EXIT_OK
    if store.read_only:
        _error(s("reset_read_only", path=store.path))
        return EXIT_PROGRESS
    if not os.access(store.dir, os.W_OK | os.X_OK):
        _error(s("reset_not_writable", folder=store.dir))
        return EXIT_PROGRESS
    if not yes:
        question = s("reset_confirm_all" if everything else "reset_confirm", path=store.path)
        try:
            answer = input(safe_text(question) + " ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in (s("yes_short"), s("yes_word"), "y", "yes"):
            _out(s("reset_declined"))
            return EXIT_INCOMPLETE
    kept = {k: v for k, v in store.data.items() if k not in ("guides", "schema")}
    try:
        backup = store.reset()
        if kept and not everything:
            store.update(lambda data: _restore(data, kept))
    except (ProgressError, OSError) as exc:
        _error(s("progress_problem", problem=exc))
        return EXIT_PROGRESS
    _out(s("reset_done", backup=backup))
    return EXIT_OK


def _restore(data: dict[str, Any], kept: dict[str, Any]) -> None:
    """Put back the choices (language, region, theme, keys we do not know) after a reset."""
    for key, value in kept.items():
        data.setdefault(key, value)


def _app(catalog: Catalog, store: ProgressStore, lang: str, found: tuple[Event, ...]) -> int:
    from .app.app import OptOutApp  # Textual loads here, and only here

    app = OptOutApp(catalog=catalog, store=store, lang=lang, events=found)
    app.run()
    return app.return_code or EXIT_OK
