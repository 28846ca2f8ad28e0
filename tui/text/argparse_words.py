"""argparse's own words (``usage:``, ``error:``, "the following arguments are required"...) in
the person's language, through the door argparse itself opens: gettext.

argparse asks ``gettext.gettext`` for every message it prints (its documentation, "Translating
the argparse output", says so), and gettext looks the message up in the ``.mo`` catalog of the
current text domain for the languages named by ``LANGUAGE``. So :func:`argparse_language`
names our domain and folder and sets ``LANGUAGE`` for as long as the parser is built and
run, then puts all three back: no private attribute of argparse is touched, and nothing
outlives the parse (a browser started later inherits the person's own environment).

The words live in the tables below; ``python -m tui.text.argparse_words`` writes the binary
catalogs next to this file (a test fails when one is out of date). A message a newer Python
words differently is simply printed in English, never lost.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

DOMAIN = "optout-tui-argparse"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
NBSP = "\u00a0"  # French puts a no-break space before : ; ? !

# msgid -> translation; a (singular, plural) msgid maps to one text per plural form.
FRENCH: Mapping[str | tuple[str, str], str | tuple[str, ...]] = {
    "usage: ": f"utilisation{NBSP}: ",
    # A section title is followed by ":" that no Python before 3.14 lets us translate, so the
    # title itself ends with the no-break space French wants before it ("options :").
    "positional arguments": f"arguments positionnels{NBSP}",
    "options": f"options{NBSP}",
    "subcommands": f"sous-commandes{NBSP}",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version du programme et quitter",
    "%(prog)s: error: %(message)s\n": f"%(prog)s{NBSP}: erreur{NBSP}: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": f"%(prog)s{NBSP}: avertissement{NBSP}: %(message)s\n",
    "argument %(argument_name)s: %(message)s": f"argument %(argument_name)s{NBSP}: %(message)s",
    "unrecognized arguments: %s": f"arguments non reconnus{NBSP}: %s",
    "the following arguments are required: %s": f"arguments obligatoires manquants{NBSP}: %s",
    "one of the arguments %s is required": "l’un des arguments %s est obligatoire",
    "not allowed with argument %s": "interdit avec l’argument %s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    ("expected %s argument", "expected %s arguments"): (
        "%s valeur attendue",
        "%s valeurs attendues",
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        f"choix non valide{NBSP}: %(value)r (choisissez parmi %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        f"choix non valide{NBSP}: %(value)r, vouliez-vous dire %(closest)r{NBSP}? "
        "(choisissez parmi %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": f"valeur non valide (type %(type)s){NBSP}: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        f"option ambiguë{NBSP}: %(option)s peut désigner %(matches)s"
    ),
    "ignored explicit argument %r": f"valeur ignorée{NBSP}: %r",
    "unexpected option string: %s": f"option inattendue{NBSP}: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        f"commande inconnue %(parser_name)r (choix{NBSP}: %(choices)s)"
    ),
}
# The header every catalog needs: its encoding and how its language picks a plural form.
HEADERS = {
    "fr": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n",
}
TABLES = {"fr": FRENCH}


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


@contextlib.contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """While inside, argparse speaks ``lang`` (English when we have no catalog for it)."""
    saved_domain = gettext.textdomain()
    saved_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang  # read by gettext on every lookup, before LC_ALL and LANG
    try:
        yield
    finally:
        gettext.textdomain(saved_domain)
        if saved_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved_language


def build_mo(table: Mapping[str | tuple[str, str], str | tuple[str, ...]], header: str) -> bytes:
    """A GNU ``.mo`` catalog (the format gettext's documentation describes), sorted by id."""
    import struct  # a maintainer's tool: kept out of every run's start-up

    entries: dict[bytes, bytes] = {b"": header.encode("utf-8")}
    for msgid, text in table.items():
        source = "\0".join(msgid) if isinstance(msgid, tuple) else msgid  # singular\0plural
        target = "\0".join(text) if isinstance(text, tuple) else text
        entries[source.encode("utf-8")] = target.encode("utf-8")
    keys = sorted(entries)
    count = len(keys)
    ids_at = 7 * 4
    texts_at = ids_at + count * 8
    data_at = texts_at + count * 8
    id_table: list[int] = []
    text_table: list[int] = []
    blob = b""
    for key in keys:
        id_table += [len(key), data_at + len(blob)]
        blob += key + b"\0"
    for key in keys:
        value = entries[key]
        text_table += [len(value), data_at + len(blob)]
        blob += value + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, ids_at, texts_at, 0, data_at)
    return head + struct.pack(f"<{4 * count}I", *id_table, *text_table) + blob


def write_catalogs() -> list[Path]:
    """Write every language's ``.mo`` file from the tables above; returns their paths."""
    written = []
    for lang, table in TABLES.items():
        path = mo_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_mo(table, HEADERS[lang]))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for written_path in write_catalogs():
        sys.stdout.write(f"{written_path}\n")
