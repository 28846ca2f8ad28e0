"""Bad content: thousands of malformed guide folders, and the validator never breaks.

Content may come from someone else (``--content DIR``), so ``tui.catalog.validate`` must turn
every malformed folder into a list of errors, never an exception. Hypothesis mutates two valid
guides (a small private ``demo`` guide and the built-in LinkedIn guide) with one strategy per
kind of mistake: random TOML text corruption, invalid UTF-8, a dropped key, a value of another
type, duplicate ids, a step in one language only, an unknown device in a language file, bad
dates, links that are not https, control characters, bad ``[changes]`` notes, and broken
interface strings or regions in a whole content folder.

Each example is written to a fresh temporary folder and validated in-process. Every error
must name a path inside that folder and carry a message; a TOML syntax error must carry a
line number; a mutation that is wrong by the format's rules must be reported; a folder with
no errors must load and render as plain text. A sample of broken folders is also run through
``python -m tui validate DIR``: exit 2, the same messages, no traceback.

Sizes: by default about 560 folders (45 per strategy, 20 through the CLI), which takes
seconds. ``OPTOUT_TUI_FULL=1`` runs the full size: 1,000 per strategy (12,000 in all) and
200 through the CLI (a few minutes).
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.catalog import ContentError, ContentInvalid, load_catalog, load_guide, validate
from tui.text.i18n import Strings
from tui.text.plain import guide_lines, status_lines

FULL = os.environ.get("OPTOUT_TUI_FULL") == "1"
PER_STRATEGY = 1000 if FULL else 45
CLI_SAMPLE = 200 if FULL else 20

SHIPPED_ID = "linkedin-genai"
# The real guide is validated as --content would load it, beside the built-in content, so
# its copy takes another id (the same id twice is an error, rightly).
REAL_ID = "linkedin-copy"
GUIDE_FILES = ("guide.toml", "en.toml", "fr.toml")
UI_FILES = ("ui.en.toml", "ui.fr.toml")
UI = {
    lang: tomllib.loads((CONTENT / f"ui.{lang}.toml").read_text("utf-8")) for lang in ["en", "fr"]
}
UI_BYTES = {name: (CONTENT / name).read_bytes() for name in UI_FILES}
REAL_TEXT = {
    name: (CONTENT / SHIPPED_ID / name)
    .read_text("utf-8")
    .replace(f'id = "{SHIPPED_ID}"', f'id = "{REAL_ID}"', 1 if name == "guide.toml" else 0)
    for name in GUIDE_FILES
}
REAL_DATA = {name: tomllib.loads(text) for name, text in REAL_TEXT.items()}
REGIONS_TEXT = (CONTENT / "regions.toml").read_text("utf-8")
REGIONS = tomllib.loads(REGIONS_TEXT)

# What the validator must refuse in any text: C0 controls but tab and newline, DEL, C1, bidi
# marks and overrides, and invisible characters (zero-width, word joiner, BOM, line and
# paragraph separators, LRM/RLM/ALM, soft hyphen).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff]"
)
UNSAFE_CHARS = [
    *map(chr, range(0x00, 0x09)),
    *map(chr, range(0x0B, 0x20)),
    *map(chr, range(0x7F, 0xA0)),
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    *"\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2060\ufeff",
]
ESCAPES = ["\x1b[31m", "\x1b]8;;https://evil.example\x07", "\x9b2J", "\x07", "\u202e"]
# Keys that content/README.md (the format's reference) marks optional: dropping one of them
# leaves a valid guide; dropping any other key must be reported.
OPTIONAL_KEYS = {
    m.group(1)
    for m in re.finditer(
        r"(?m)^\s*([A-Za-z0-9_]+) = .*#.*\boptional\b",
        (CONTENT / "README.md").read_text("utf-8"),
    )
}
assert {"link", "url", "label", "also", "expect", "note"} <= OPTIONAL_KEYS, OPTIONAL_KEYS
TOTALS: Counter[str] = Counter()


# --------------------------------------------------------------------------- TOML writing


def toml_str(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_str(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _is_aot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def dump_toml(data: dict[str, Any]) -> str:
    """Tables as ``[a.b]`` and ``[[a]]``, like a person writes them; the rest inline."""
    lines: list[str] = []

    def table(path: list[str], values: dict[str, Any], header: str | None) -> None:
        if header:
            lines.extend(["", header])
        for key, value in values.items():
            if not isinstance(value, dict) and not _is_aot(value):
                lines.append(f"{toml_key(key)} = {toml_value(value)}")
        for key, value in values.items():
            dotted = ".".join(toml_key(p) for p in [*path, key])
            if isinstance(value, dict):
                table([*path, key], value, f"[{dotted}]")
            elif _is_aot(value):
                for item in value:
                    table([*path, key], item, f"[[{dotted}]]")

    table([], data, None)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the two base guides


def demo_guide() -> dict[str, dict[str, Any]]:
    """A small valid guide: two devices, three steps, two sources, en and fr."""

    def words(lang: str) -> dict[str, Any]:
        return {
            "title": f"Demo guide ({lang})",
            "platform": "Demo",
            "setting": "Demo setting",
            "summary": "Switch the demo setting off.",
            "not_offered": "Only in the EU, the EEA, Switzerland and the UK.",
            "devices": {
                "desktop": {"name": "Computer", "intro": "Use a browser."},
                "mobile": {"name": "Phone", "intro": "Use the app."},
            },
            "steps": {
                f"step-{n}": {
                    "title": f"Step {n} [{lang}]",
                    "do": f"Do thing {n}.",
                    "why": f"Because {n}.",
                    "label": f"Label {n}",
                    "also": [f"Other {n}"],
                    "expect": f"You see {n}.",
                    "note": f"Note {n}.",
                    "copy": f"I object ({n}).\nSigned, me.",
                }
                for n in (1, 2, 3)
            },
            "covers": [{"text": "It covers this.", "sources": [1]}],
            "not_covered": [{"text": "Not that.", "sources": [1, 2]}],
            "dates": [{"text": "Since 2025.", "sources": [2]}],
            "next": [{"text": "Check later.", "sources": [1], "link": "https://example.org/n"}],
            "sources": {"1": "What source 1 says.", "2": "What source 2 says."},
            "changes": {"2": f"Step 3 is new ({lang})."},
        }

    guide = {
        "schema": 1,
        "id": "demo",
        "platform": "demo",
        "revision": 2,
        "order": 5,
        "regions": ["eu", "uk"],
        "stale_after": 120,
        "last_verified": date(2026, 1, 2),
        "languages": ["en", "fr"],
        "link": "https://example.org/settings",
        "devices": [
            {"id": "desktop", "steps": ["step-1", "step-2", "step-3"]},
            {"id": "mobile", "steps": ["step-2", "step-3"]},
        ],
        "steps": {
            "step-1": {"sources": [1], "link": "https://example.org/one", "check": False},
            "step-2": {"sources": [1, 2], "check": False},
            "step-3": {"sources": [2], "check": True},
        },
        "sources": [
            {"id": 1, "title": "Source one", "url": "https://example.org/1", "kind": "primary"},
            {"id": 2, "title": "Source two", "kind": "news"},
        ],
    }
    return {"guide.toml": guide, "en.toml": words("en"), "fr.toml": words("fr")}


DEMO_DATA = demo_guide()
BASES = {"demo": DEMO_DATA, REAL_ID: REAL_DATA}


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """One malformed folder: files relative to a root, and which of them to validate."""

    strategy: str
    files: tuple[tuple[str, bytes], ...]
    target: str  # the folder given to validate(), relative to the root
    must_fail: bool  # wrong by the rules of content/README.md, so an error is required


def guide_case(
    strategy: str, guide_id: str, data: dict[str, dict], must_fail: bool, raw: dict | None = None
) -> Case:
    """A guide folder from data (serialised) and/or raw texts or bytes (which win)."""
    files = {name: dump_toml(value).encode("utf-8") for name, value in data.items()}
    for name, value in (raw or {}).items():
        if value is None:
            files.pop(name, None)
        else:
            files[name] = value if isinstance(value, bytes) else value.encode("utf-8")
    return Case(
        strategy, tuple((f"{guide_id}/{n}", b) for n, b in files.items()), guide_id, must_fail
    )


def paths(value: Any, prefix: tuple = ()) -> Iterator[tuple]:
    """Every path to a value inside nested dicts and lists."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from paths(child, (*prefix, index))


def get(value: Any, path: tuple) -> Any:
    for part in path:
        value = value[part]
    return value


def kind(value: Any) -> str:
    for name, types in (
        ("bool", bool),
        ("datetime", datetime),
        ("date", date),
        ("time", time),
        ("int", int),
        ("float", float),
        ("str", str),
        ("list", list),
        ("dict", dict),
    ):
        if isinstance(value, types):
            return name
    raise TypeError(type(value))


def good_link(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.startswith("https://")
        and len("https://") < len(value) <= 500
        and not any(c.isspace() for c in value)
        and not UNSAFE.search(value)
    )


base_ids = st.sampled_from(sorted(BASES))
scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.times(),
)
any_value = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=8), scalars, max_size=3),
)
idents = st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True)


def _edit_text(draw: Callable, text: str) -> str:
    inserted = st.text(
        alphabet=st.one_of(
            st.sampled_from(list("[]{}\"'=\n#.,\\ -_019aeTZ:+")), st.characters(codec="utf-8")
        ),
        min_size=1,
        max_size=6,
    )
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["delete", "insert", "replace"]))
        if op == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 8)) :]
        elif op == "insert":
            text = text[:position] + draw(inserted) + text[position:]
        else:
            new = draw(inserted)
            text = text[:position] + new + text[position + len(new) :]
    return text


@st.composite
def text_corruption(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    name = draw(st.sampled_from(GUIDE_FILES))
    base = REAL_TEXT[name] if guide_id == REAL_ID else dump_toml(DEMO_DATA[name])
    data = copy.deepcopy(BASES[guide_id])
    return guide_case("text", guide_id, data, False, {name: _edit_text(draw, base)})


@st.composite
def bad_utf8(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    name = draw(st.sampled_from(GUIDE_FILES))
    raw = dump_toml(BASES[guide_id][name]).encode("utf-8")
    bad = draw(
        st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80"])
    )
    position = draw(st.integers(0, len(raw)))
    raw = raw[:position] + bad + raw[position:]
    try:
        raw.decode("utf-8")
        broken = False
    except UnicodeDecodeError:
        broken = True
    return guide_case("utf8", guide_id, copy.deepcopy(BASES[guide_id]), broken, {name: raw})


@st.composite
def drop_key(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    if draw(st.integers(0, 9)) == 0:  # now and then, a whole file
        name = draw(st.sampled_from(GUIDE_FILES))
        return guide_case("drop", guide_id, data, True, {name: None})
    name = draw(st.sampled_from(GUIDE_FILES))
    keys = [p for p in paths(data[name]) if isinstance(p[-1], str)]
    path = draw(st.sampled_from(keys))
    parent = get(data[name], path[:-1])
    value = parent.pop(path[-1])
    optional = path[-1] in OPTIONAL_KEYS or (path[-1] == "check" and value is False)
    return guide_case("drop", guide_id, data, not optional)


@st.composite
def replace_type(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    name = draw(st.sampled_from(GUIDE_FILES))
    path = draw(st.sampled_from(list(paths(data[name]))))
    old = get(data[name], path)
    new = draw(any_value.filter(lambda v: kind(v) != kind(old)))
    get(data[name], path[:-1])[path[-1]] = new
    return guide_case("type", guide_id, data, True)


@st.composite
def duplicate_ids(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    guide = data["guide.toml"]
    devices, sources = guide["devices"], guide["sources"]
    how = draw(
        st.sampled_from(["device", "device-id", "source", "source-id", "step", "lang", "key"])
    )
    if how == "device":
        devices.insert(
            draw(st.integers(0, len(devices))), copy.deepcopy(draw(st.sampled_from(devices)))
        )
    elif how == "device-id":
        i, j = draw(st.permutations(range(len(devices))))[:2]
        devices[j]["id"] = devices[i]["id"]
    elif how == "source":
        sources.insert(
            draw(st.integers(0, len(sources))), copy.deepcopy(draw(st.sampled_from(sources)))
        )
    elif how == "source-id":
        i, j = draw(st.permutations(range(len(sources))))[:2]
        sources[j]["id"] = sources[i]["id"]
    elif how == "step":
        device = draw(st.sampled_from(devices))
        again = draw(st.sampled_from(device["steps"]))
        device["steps"].insert(draw(st.integers(0, len(device["steps"]) - 1)), again)
    elif how == "lang":
        guide["languages"].append(draw(st.sampled_from(guide["languages"])))
    else:  # the same key twice in one table: a TOML syntax error
        name = draw(st.sampled_from(GUIDE_FILES))
        text = dump_toml(data[name])
        lines = text.split("\n")
        keyed = [i for i, line in enumerate(lines) if re.match(r"^[A-Za-z0-9_\"-][^=]*=", line)]
        index = draw(st.sampled_from(keyed))
        lines.insert(index + 1, lines[index])
        return guide_case("duplicate", guide_id, data, True, {name: "\n".join(lines)})
    return guide_case("duplicate", guide_id, data, True)


@st.composite
def one_language_only(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    guide = data["guide.toml"]
    lang = draw(st.sampled_from(["en.toml", "fr.toml"]))
    other = "fr.toml" if lang == "en.toml" else "en.toml"
    existing = draw(st.sampled_from(sorted(guide["steps"])))
    how = draw(st.sampled_from(["text-only", "missing-in-one", "removed"]))
    if how == "text-only":  # words for a step that guide.toml does not have
        new = draw(
            st.one_of(idents, st.text(min_size=1, max_size=12)).filter(
                lambda s: s not in guide["steps"]
            )
        )
        data[lang]["steps"][new] = copy.deepcopy(data[lang]["steps"][existing])
    elif how == "missing-in-one":  # a new step with words in one language only
        new = draw(idents.filter(lambda s: s not in guide["steps"]))
        guide["steps"][new] = {"sources": [guide["sources"][0]["id"]], "check": False}
        device = draw(st.sampled_from(guide["devices"]))
        device["steps"].insert(draw(st.integers(0, len(device["steps"]) - 1)), new)
        data[lang]["steps"][new] = copy.deepcopy(data[lang]["steps"][existing])
        data[other]["steps"].pop(new, None)
    else:
        del data[lang]["steps"][existing]
    return guide_case("one-language", guide_id, data, True)


@st.composite
def unknown_device(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    known = {d["id"] for d in data["guide.toml"]["devices"]}
    lang = draw(st.sampled_from(["en.toml", "fr.toml"]))
    new = draw(st.one_of(idents, st.text(min_size=1, max_size=12)).filter(lambda s: s not in known))
    data[lang]["devices"][new] = {"name": draw(st.text(min_size=1)), "intro": "Somewhere else."}
    return guide_case("unknown-device", guide_id, data, True)


@st.composite
def bad_dates(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    how = draw(st.sampled_from(["value", "calendar", "offset"]))
    if how == "value":  # a value of TOML, but not a plain date
        data["guide.toml"]["last_verified"] = draw(
            st.one_of(
                st.datetimes(),
                st.times(),
                st.text(max_size=12),
                st.integers(),
                st.lists(st.dates(), max_size=2),
            )
        )
        return guide_case("dates", guide_id, data, True)
    text = dump_toml(data["guide.toml"])
    if how == "calendar":  # looks like a date, is not one: a TOML syntax error
        y, m, d = draw(
            st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).filter(
                _not_a_date
            )
        )
        literal = f"{y:04d}-{m:02d}-{d:02d}"
    else:
        zone = draw(st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]))
        literal = draw(st.datetimes(timezones=st.just(zone))).isoformat()
    text = re.sub(r"(?m)^last_verified = .*$", f"last_verified = {literal}", text)
    return guide_case("dates", guide_id, data, True, {"guide.toml": text})


def _not_a_date(ymd: tuple[int, int, int]) -> bool:
    try:
        date(*ymd)
    except ValueError:
        return True
    return False


BAD_LINKS = [
    "http://insecure.example",
    "javascript:alert(1)",
    "https://",
    "https:// evil.example",
    "HTTPS://EXAMPLE.ORG",
    "//example.org",
    "ftp://example.org",
    "file:///etc/passwd",
    "data:text/html,<b>x</b>",
    "mailto:a@example.org",
    "https:/example.org",
    "",
    " ",
    "https://example.org/\x1b[31m",
    "https://evil\u200b.example/",
    "https://example.org/\u2028next",
    "https://example.org/" + "a" * 481,
]


@st.composite
def bad_links(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    guide = data["guide.toml"]
    link = draw(
        st.one_of(st.sampled_from(BAD_LINKS), st.text(max_size=30)).filter(
            lambda v: not good_link(v)
        )
    )
    where = draw(st.sampled_from(["guide", "step", "source", "claim"]))
    if where == "guide":
        guide["link"] = link
    elif where == "step":
        guide["steps"][draw(st.sampled_from(sorted(guide["steps"])))]["link"] = link
    elif where == "source":
        draw(st.sampled_from(guide["sources"]))["url"] = link
    else:
        words = data[draw(st.sampled_from(["en.toml", "fr.toml"]))]
        section = draw(st.sampled_from(["covers", "not_covered", "dates", "next"]))
        draw(st.sampled_from(words[section]))["link"] = link
    return guide_case("links", guide_id, data, True)


@st.composite
def control_chars(draw: Callable) -> Case:
    guide_id = draw(base_ids)
    data = copy.deepcopy(BASES[guide_id])
    name = draw(st.sampled_from(GUIDE_FILES))
    texts = [p for p in paths(data[name]) if isinstance(get(data[name], p), str)]
    path = draw(st.sampled_from(texts))
    old = get(data[name], path)
    bad = draw(st.one_of(st.sampled_from(UNSAFE_CHARS), st.sampled_from(ESCAPES)))
    position = draw(st.integers(0, len(old)))
    get(data[name], path[:-1])[path[-1]] = old[:position] + bad + old[position:]
    return guide_case("control", guide_id, data, True)


CONTENT_FILES = (*UI_FILES, "regions.toml")


def content_folder(data: dict[str, Any], raw: dict[str, bytes] | None = None) -> Case:
    """A whole content folder: interface strings, regions and the demo guide (with a region)."""
    files = {n: dump_toml(v).encode("utf-8") for n, v in data.items() if n in CONTENT_FILES}
    files.update(raw or {})
    guide = {n: v for n, v in data.items() if n in GUIDE_FILES}
    demo = guide_case("content", "demo", guide, False)
    return Case("content", (*files.items(), *demo.files), ".", False)


def content_data() -> dict[str, Any]:
    data = {f"ui.{lang}.toml": copy.deepcopy(UI[lang]) for lang in UI}
    data["regions.toml"] = copy.deepcopy(REGIONS)
    data.update(copy.deepcopy(DEMO_DATA))
    for lang in ("en.toml", "fr.toml"):
        data[lang]["covers"].append({"text": "Only there.", "sources": [1], "regions": ["uk"]})
    return data


@st.composite
def content_files(draw: Callable) -> Case:
    """A content folder with broken interface strings, regions, or a claim's region."""
    data = content_data()
    name = draw(st.sampled_from(CONTENT_FILES))
    how = draw(
        st.sampled_from(
            ["drop", "extra", "placeholder", "control", "type", "text", "duplicate", "region"]
        )
    )
    must_fail = True
    raw: dict[str, bytes] = {}
    table = data[name]
    if how == "drop":
        keys = [p for p in paths(table) if isinstance(p[-1], str)]
        path = draw(st.sampled_from(keys))
        del get(table, path[:-1])[path[-1]]
        # A region's words and the `outside` words are optional (content/README.md), and so
        # is every form of a plural string but "other" ({ 0 = …, one = …, other = … }).
        plural_form = name in UI_FILES and len(path) == 2 and path[-1] != "other"
        must_fail = "words" not in path and "outside" not in path and not plural_form
    elif how == "extra" and name in UI_FILES:  # a key the English file does not have
        table[draw(st.text(min_size=1, max_size=12).filter(lambda k: k not in table))] = "extra"
    elif how == "placeholder" and name in UI_FILES:
        key = draw(st.sampled_from(sorted(k for k, v in table.items() if isinstance(v, str))))
        old = set(re.findall(r"\{([a-z_]+)\}", table[key]))
        new = draw(st.from_regex(r"[a-z_]{1,8}", fullmatch=True))
        value = re.sub(r"\{[a-z_]+\}", "", table[key]) + draw(st.sampled_from(["", f"{{{new}}}"]))
        table[key] = value
        must_fail = set(re.findall(r"\{([a-z_]+)\}", value)) != old
    elif how == "control":
        texts = [p for p in paths(table) if isinstance(get(table, p), str)]
        path = draw(st.sampled_from(texts))
        old_text = get(table, path)
        position = draw(st.integers(0, len(old_text)))
        bad = draw(st.sampled_from(UNSAFE_CHARS + ESCAPES))
        get(table, path[:-1])[path[-1]] = old_text[:position] + bad + old_text[position:]
    elif how == "type":
        path = draw(st.sampled_from(list(paths(table))))
        old_value = get(table, path)
        new = draw(any_value.filter(lambda v: kind(v) != kind(old_value)))
        get(table, path[:-1])[path[-1]] = new
    elif how == "duplicate":
        regions = data["regions.toml"]["regions"]
        regions.append(copy.deepcopy(draw(st.sampled_from(regions))))
    elif how == "region":  # a claim names a region that regions.toml does not have
        known = {r["id"] for r in data["regions.toml"]["regions"]}
        unknown = draw(idents.filter(lambda r: r not in known))
        lang = draw(st.sampled_from(["en.toml", "fr.toml"]))
        data[lang]["covers"][-1]["regions"] = [unknown]
    else:
        text = (CONTENT / name).read_text("utf-8") if name != "regions.toml" else REGIONS_TEXT
        raw[name] = _edit_text(draw, text).encode("utf-8")
        must_fail = False
    case = content_folder(data, raw)
    return Case("content", case.files, ".", must_fail)


NOT_A_REVISION = "²"  # str.isdigit() is true, int() refuses it


@st.composite
def changes_notes(draw: Callable) -> Case:
    """[changes]: a note per revision from 2 up to the guide's; the demo guide is at 2."""
    data = copy.deepcopy(DEMO_DATA)
    lang = draw(st.sampled_from(["en.toml", "fr.toml"]))
    changes = data[lang]["changes"]
    how = draw(st.sampled_from(["key", "drop", "revision", "table"]))
    if how == "key":
        key = draw(
            st.one_of(st.integers(-5, 50).map(str), st.text(min_size=1, max_size=6)).filter(
                lambda k: not (k.isdigit() and not k.isascii())  # the known bug, tested apart
            )
        )
        changes[key] = draw(st.sampled_from(["A note.", "", "\x1b[2J"]))
        fine = key.isascii() and key.isdigit() and int(key) == 2 and changes[key] == "A note."
        return guide_case("changes", "demo", data, not fine)
    if how == "drop":
        del changes["2"]
    elif how == "revision":  # a newer revision without a note for it
        data["guide.toml"]["revision"] = draw(st.integers(3, 10**6))
    else:
        data[lang]["changes"] = draw(any_value.filter(lambda v: not isinstance(v, dict)))
    return guide_case("changes", "demo", data, True)


STRATEGIES = {
    "text": text_corruption(),
    "utf8": bad_utf8(),
    "drop": drop_key(),
    "type": replace_type(),
    "duplicate": duplicate_ids(),
    "one-language": one_language_only(),
    "unknown-device": unknown_device(),
    "dates": bad_dates(),
    "links": bad_links(),
    "control": control_chars(),
    "content": content_files(),
    "changes": changes_notes(),
}
MUST_FAIL = st.one_of(*(s for n, s in STRATEGIES.items() if n not in ("text", "utf8"))).filter(
    lambda c: c.must_fail
)
FUZZ = settings(
    max_examples=PER_STRATEGY,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


# --------------------------------------------------------------------------- checking a case


def write_case(case: Case, root: Path) -> Path:
    for name, raw in case.files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    return (root / case.target).resolve() if case.target == "." else root / case.target


def syntax_problem(raw: bytes) -> bool:
    try:
        tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    return False


def read_by_validator(case: Case, name: str) -> bool:
    """Whether validate() opens this file: guide.toml always, a language file if listed."""
    files = dict(case.files)
    folder, _, leaf = name.rpartition("/")
    if folder == "" or leaf == "guide.toml":
        return True  # ui.*.toml of a content folder, or a guide's structure file
    guide_raw = files.get(f"{folder}/guide.toml")
    if guide_raw is None or syntax_problem(guide_raw):
        return False
    languages = tomllib.loads(guide_raw.decode("utf-8")).get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(v, str) for v in languages)
    ):
        return False
    return leaf.removesuffix(".toml") in languages


def check_case(case: Case, stats: Counter) -> list[ContentError]:
    with tempfile.TemporaryDirectory(prefix="optout-fuzz-") as tmp:
        root = Path(tmp).resolve()
        target = write_case(case, root)
        errors = validate(target)  # must never raise
        stats["inputs"] += 1
        if case.target != ".":  # a guide: loading it (--content) must give the same answer
            try:
                load_catalog([target])
                loaded: list[str] = []
            except ContentInvalid as exc:
                loaded = [str(e) for e in exc.errors]
            assert loaded == [str(e) for e in errors]
            stats["loaded with the same answer"] += 1
        assert isinstance(errors, list)
        for error in errors:
            assert isinstance(error, ContentError), error
            text = str(error)
            assert str(root) in text, text
            assert error.message.strip(), text
            assert text.endswith(error.message)
            if error.line is not None:
                lines = error.path.read_bytes().count(b"\n") + 1
                assert 1 <= error.line <= lines, (text, lines)
            if UNSAFE.search(text):
                stats["errors echoing control characters"] += 1
        stats["errors"] += len(errors)
        stats["inputs with errors"] += bool(errors)
        if case.must_fail:
            assert errors, f"{case.strategy}: nothing reported for a folder that breaks the rules"
        for name, raw in case.files:
            if not syntax_problem(raw) or not read_by_validator(case, name):
                continue
            stats["syntax errors"] += 1
            mine = [e for e in errors if e.path == root / name]
            syntax = [
                e
                for e in mine
                if e.message.startswith(("not valid TOML", "the file is not valid UTF-8"))
            ]
            assert syntax, (name, [str(e) for e in errors])
            for error in syntax:
                if error.line is None:
                    assert "end of document" in error.message, str(error)
                    stats["syntax errors at end of document (no line)"] += 1
                else:
                    stats["syntax errors with a line"] += 1
        if not errors and case.target != ".":
            render(target, stats)
    return errors


def render(folder: Path, stats: Counter) -> None:
    """A guide the validator accepts must load and print in every language it has."""
    errors: list[ContentError] = []
    guide = load_guide(folder, errors)
    assert guide is not None and not errors
    for lang in set(guide.languages) & set(UI):
        s = Strings(lang, UI[lang])
        devices = [d.id for d in guide.devices]
        lines = [*guide_lines(guide, lang, s, devices), *status_lines(guide, lang, s, {})]
        assert lines[0] == guide.text(lang).title
    stats["valid after mutation, rendered"] += 1


@pytest.fixture(scope="module", autouse=True)
def report_totals():
    yield
    print(
        f"\nfuzz totals ({'full' if FULL else 'default'} run): "
        + ", ".join(f"{k}: {v}" for k, v in sorted(TOTALS.items()))
    )


# --------------------------------------------------------------------------- the tests


def test_base_folders_are_valid():
    """The mutations start from valid folders, so every error found is the mutation's."""
    for guide_id, data in BASES.items():
        for serialise in (True, False):
            raw = {} if serialise else {n: REAL_TEXT[n] for n in GUIDE_FILES if guide_id == REAL_ID}
            case = guide_case("base", guide_id, copy.deepcopy(data), False, raw)
            stats: Counter[str] = Counter()
            assert check_case(case, stats) == []
            assert stats["valid after mutation, rendered"] == 1
    assert check_case(content_folder(content_data()), Counter()) == []


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_validate_never_raises(name):
    stats: Counter[str] = Counter()

    @FUZZ
    @given(case=STRATEGIES[name])
    def run(case: Case) -> None:
        check_case(case, stats)

    run()
    TOTALS.update(stats)
    # any exception from validate() fails the run above, so reaching here means none
    print(
        f"{name}: " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.items())) + ", exceptions: 0"
    )
    assert stats["inputs"] >= PER_STRATEGY * 0.8
    assert stats["errors"] > 0


def test_cli_validate_on_broken_folders():
    stats: Counter[str] = Counter()

    @settings(FUZZ, max_examples=CLI_SAMPLE)
    @given(case=MUST_FAIL)
    def run(case: Case) -> None:
        with tempfile.TemporaryDirectory(prefix="optout-fuzz-cli-") as tmp:
            target = write_case(case, Path(tmp).resolve())
            errors = validate(target)
            assert errors
            result = subprocess.run(
                [sys.executable, "-m", "tui", "validate", str(target)],
                capture_output=True,
                env=dict(os.environ),
                timeout=60,
            )
        stderr = result.stderr.decode("utf-8", "replace")
        stats["cli runs"] += 1
        stats["tracebacks"] += "Traceback" in stderr
        assert "Traceback" not in stderr, stderr
        assert result.returncode == 2, stderr
        assert result.stdout == b""
        for error in errors:
            assert str(error) in stderr
        assert stderr.endswith(f"{len(errors)} problem(s) found.\n")
        stats["cli errors"] += len(errors)

    run()
    TOTALS.update(stats)
    print(", ".join(f"{k}: {v}" for k, v in sorted(stats.items())))
    assert stats["cli runs"] >= CLI_SAMPLE * 0.8
    assert stats["tracebacks"] == 0


# --------------------------------------------------------------------------- known weaknesses


def _demo_folder(root: Path) -> Path:
    case = guide_case("demo", "demo", copy.deepcopy(DEMO_DATA), False)
    return write_case(case, root)


def test_truncated_file_without_position_is_still_an_error(tmp_path):
    folder = _demo_folder(tmp_path)
    (folder / "en.toml").write_text('title = "unterminated', "utf-8")
    errors = validate(folder)
    messages = [e.message for e in errors if e.path.name == "en.toml"]
    assert len(messages) == 1
    assert messages[0].startswith("not valid TOML: Unterminated string")


def test_truncated_file_error_has_a_line(tmp_path):
    folder = _demo_folder(tmp_path)
    text = dump_toml(DEMO_DATA["en.toml"])
    cut = text.index('"', text.index("summary")) + 5
    (folder / "en.toml").write_text(text[:cut], "utf-8")
    errors = [e for e in validate(folder) if e.path.name == "en.toml"]
    assert errors
    assert errors[0].line == text[:cut].count("\n") + 1, str(errors[0])


DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def test_deeply_nested_toml_is_an_error_not_a_crash(tmp_path):
    folder = _demo_folder(tmp_path)
    guide = folder / "guide.toml"
    guide.write_text(guide.read_text("utf-8") + DEEP, "utf-8")
    errors = validate(folder)
    assert [e.path for e in errors] == [guide]


@pytest.mark.parametrize("command", ["validate", "status"])
def test_deeply_nested_toml_through_the_cli(tmp_path, command):
    extra = tmp_path / "extra"
    folder = _demo_folder(extra)
    (folder / "fr.toml").write_text(dump_toml(DEMO_DATA["fr.toml"]) + DEEP, "utf-8")
    argv = (
        ["validate", str(folder)] if command == "validate" else ["--content", str(extra), "status"]
    )
    result = subprocess.run(
        [sys.executable, "-m", "tui", *argv], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 2


BAD_FORMATS = [
    "{date} {0}",
    "{date} {}",
    "{date}}",
    "{date} {",
    "{date.year}",
    "{date!x}",
    "{date:d}",
]


@pytest.mark.parametrize("value", BAD_FORMATS)
def test_ui_string_that_cannot_be_formatted_is_refused(tmp_path, value):
    for lang in UI:
        table = dict(UI[lang])
        if lang == "fr":
            table["verified_on"] = f"Faits vérifiés le {value}."
        (tmp_path / f"ui.{lang}.toml").write_text(dump_toml(table), "utf-8")
    _demo_folder(tmp_path)
    errors = validate(tmp_path)
    assert any("verified_on" in e.message for e in errors), [str(e) for e in errors]


@pytest.mark.parametrize("key", [NOT_A_REVISION, "٢"])
def test_changes_key_with_a_non_ascii_digit(tmp_path, key):
    folder = _demo_folder(tmp_path)
    en = folder / "en.toml"
    en.write_text(
        en.read_text("utf-8").replace("[changes]\n", f'[changes]\n"{key}" = "x"\n'), "utf-8"
    )
    assert f'"{key}" = "x"' in en.read_text("utf-8")
    errors = validate(folder)
    assert any(e.path == en and "[changes]" in e.message for e in errors), errors
