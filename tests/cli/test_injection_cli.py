"""Injection: content text is shown as written, and terminal escapes never get in.

Guides may come from someone else (``--content DIR``). Two promises are checked here through
the real CLI (a subprocess, real files):

* Rich markup in any text (``[bold]``, ``[link=...]``, ``[/]``) is plain text: the plain
  ``guide``, ``status`` and ``export`` output print it literally.
* The validator refuses what a terminal would act on: ANSI colour (``ESC [``), OSC 8
  hyperlinks (``ESC ]8;;...BEL``), BEL, C1 controls such as CSI (U+009B) and bidirectional
  overrides (U+202E), exit 2 with ``path:line: message``. Links must be ``https://``.

Escapes are written into TOML as ``\\u001b``-style escapes (and, where TOML allows it, as the
raw character), the way a hostile guide would carry them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli

from tui.catalog import load_catalog, validate

GUIDE = load_catalog(cache=False).guide("linkedin-genai")  # read only, writes nothing
TEXT_KEYS = ("title", "do", "why", "label", "expect", "note", "name", "intro", "summary", "text")
# the text of each key, prefixed by markup that names the key, so each field can be traced
MARKUP = "[bold]{k}[/bold] [link=https://evil.example]{k}[/link] [/] "
# TOML text -> what must not reach a terminal
ESCAPES = {
    "ansi": "\\u001b[31m",
    "osc8": "\\u001b]8;;https://evil\\u0007",
    "bel": "\\u0007",
    "c1-csi": "\\u009b",
    "c1-csi-raw": "\u009b",
    "bidi": "\\u202e",
    "bidi-raw": "\u202e",
    "nul": "\\u0000",
    "del": "\\u007f",
    "cr": "\\r",
}
# (file, key, which occurrence): the guide title, a step title, a label, a claim, ...
FIELDS = [
    ("en.toml", "title", 0),
    ("en.toml", "title", 1),
    ("en.toml", "do", 2),
    ("fr.toml", "why", 0),
    ("en.toml", "label", 0),
    ("fr.toml", "note", 0),
    ("en.toml", "name", 1),
    ("en.toml", "text", 0),
    ("fr.toml", "also", 0),
    ("en.toml", "1", 0),
    ("guide.toml", "title", 3),
]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    result = run_cli(*args, **kwargs)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def copy_guide(tmp_path: Path, new_id: str) -> Path:
    """A folder of extra guides holding the built-in guide under ``new_id``."""
    extra = tmp_path / "extra"
    folder = extra / new_id
    shutil.copytree(CONTENT / GUIDE.id, folder)
    toml = folder / "guide.toml"
    text = toml.read_text("utf-8").replace(f'id = "{GUIDE.id}"', f'id = "{new_id}"', 1)
    toml.write_text(text, "utf-8")
    return extra


def key_lines(text: str, key: str) -> list[int]:
    """Indexes of the lines that set ``key`` to a string or a list of strings."""
    pattern = re.compile(rf'^{re.escape(key)} = \[?"')
    return [i for i, line in enumerate(text.split("\n")) if pattern.match(line)]


def inject(path: Path, key: str, occurrence: int, payload: str) -> int:
    """Put ``payload`` (TOML text) at the start of a string value; returns its line number."""
    lines = path.read_text("utf-8").split("\n")
    index = key_lines("\n".join(lines), key)[occurrence]
    quote = lines[index].index('"')
    lines[index] = lines[index][: quote + 1] + payload + lines[index][quote + 1 :]
    path.write_text("\n".join(lines), "utf-8")
    return index + 1


# --------------------------------------------------------------------------- markup is text


@pytest.fixture
def markup_guide(tmp_path: Path) -> Path:
    extra = copy_guide(tmp_path, "markup-guide")
    folder = extra / "markup-guide"
    for name in ("en.toml", "fr.toml"):
        path = folder / name
        lines = path.read_text("utf-8").split("\n")
        for i, line in enumerate(lines):
            match = re.match(r'^(\w+|\d+) = (\[?)"', line)
            if match and (match.group(1) in (*TEXT_KEYS, "also") or match.group(1).isdigit()):
                key = "source" if match.group(1).isdigit() else match.group(1)
                cut = match.end()
                lines[i] = line[:cut] + MARKUP.format(k=key) + line[cut:]
        path.write_text("\n".join(lines), "utf-8")
    guide = folder / "guide.toml"
    text = guide.read_text("utf-8")
    guide.write_text(
        re.sub(r'(?m)^title = "', 'title = "' + MARKUP.format(k="cite"), text), "utf-8"
    )
    assert validate(folder) == [], "markup is plain text: the validator accepts it"
    return extra


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_guide_prints_markup_literally(markup_guide, lang):
    result = run("--content", str(markup_guide), "--lang", lang, "guide", "--guide", "markup-guide")
    assert result.returncode == 0
    out = result.stdout
    counts = {}
    for key in (*TEXT_KEYS, "also", "source", "cite"):
        literal = MARKUP.format(k=key)
        counts[key] = out.count(literal)
        assert counts[key] > 0, key
    assert out.splitlines()[0] == MARKUP.format(k="title") + GUIDE.text(lang).title
    numbered = [line for line in out.splitlines() if re.match(r"^\d+\. ", line)]
    assert len(numbered) == sum(len(d.steps) for d in GUIDE.devices)
    assert all(re.match(r"^\d+\. \[bold\]title\[/bold\] \[link=", line) for line in numbered)
    cites = [line for line in out.splitlines() if re.match(r"^\[\d+\] ", line)]
    assert len(cites) == len(GUIDE.sources)
    assert all(line.split("] ", 1)[1].startswith(MARKUP.format(k="cite")) for line in cites)
    assert "\x1b" not in out
    print(f"{lang}: literal markup per field: {counts}")


def test_status_and_export_print_markup_literally(markup_guide):
    result = run("--content", str(markup_guide), "status", "--guide", "markup-guide")
    assert result.returncode == 1
    assert result.stdout.startswith(MARKUP.format(k="title"))
    assert f"  {MARKUP.format(k='name')}" in result.stdout
    result = run("--content", str(markup_guide), "export", "--guide", "markup-guide")
    assert result.returncode == 0
    assert result.stdout.startswith("# " + MARKUP.format(k="title"))
    assert MARKUP.format(k="cite") in result.stdout


# --------------------------------------------------------------------------- escapes are refused


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
@pytest.mark.parametrize(("name", "key", "occurrence"), FIELDS)
def test_validator_refuses_escapes_in_process(tmp_path, escape, name, key, occurrence):
    folder = copy_guide(tmp_path, "hostile") / "hostile"
    line = inject(folder / name, key, occurrence, escape)
    errors = validate(folder)
    assert [(e.path.name, e.line) for e in errors] == [(name, line)], [str(e) for e in errors]
    assert "control or escape character" in errors[0].message


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_validate_cli_refuses_escapes(tmp_path, escape):
    folder = copy_guide(tmp_path, "hostile") / "hostile"
    lines = [inject(folder / name, key, n, escape) for name, key, n in FIELDS[:3]]
    result = run("validate", str(folder))
    assert result.returncode == 2
    for (name, _, _), line in zip(FIELDS[:3], lines, strict=True):
        assert f"{folder / name}:{line}: " in result.stderr
    assert result.stderr.count("control or escape character") == 3
    assert "3 problem(s) found." in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("escape", ["\\u001b[31m", "\\u202e"], ids=["ansi", "bidi"])
def test_hostile_extra_content_is_refused_by_every_command(tmp_path, escape):
    extra = copy_guide(tmp_path, "hostile")
    line = inject(extra / "hostile" / "en.toml", "title", 1, escape)
    for args in (("status",), ("guide", "--guide", "hostile"), ("export",), ("locate",)):
        result = run("--content", str(extra), *args)
        assert result.returncode == 2, args
        assert f"{extra / 'hostile' / 'en.toml'}:{line}: " in result.stderr
        assert result.stdout == ""


# --------------------------------------------------------------------------- links


LINKS = {
    "http": "http://insecure.example",
    "javascript": "javascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "no-host": "https://",
    "space": "https://example.org/a b",
    "newline": "https://example.org/\\nFake: line",
    "tab": "https://example.org/\\tx",
    "osc8-in-link": "https://example.org/\\u001b]8;;https://evil\\u0007",
}
LINK_FIELDS = [
    ("guide.toml", "link", 0),  # the guide's shortcut
    ("guide.toml", "link", 1),  # a step link
    ("guide.toml", "url", 0),  # a source
    ("en.toml", "link", 0),  # a claim in [[next]]
]


@pytest.mark.parametrize("link", LINKS.values(), ids=LINKS.keys())
@pytest.mark.parametrize(("name", "key", "occurrence"), LINK_FIELDS)
def test_validate_refuses_links_that_are_not_https(tmp_path, link, name, key, occurrence):
    folder = copy_guide(tmp_path, "hostile") / "hostile"
    path = folder / name
    lines = path.read_text("utf-8").split("\n")
    index = key_lines("\n".join(lines), key)[occurrence]
    lines[index] = f'{key} = "{link}"'
    path.write_text("\n".join(lines), "utf-8")
    errors = validate(folder)
    assert [(e.path.name, e.line) for e in errors] == [(name, index + 1)], [str(e) for e in errors]


@pytest.mark.parametrize("link", ["http://insecure.example", "javascript:alert(1)"])
def test_validate_cli_refuses_step_link(tmp_path, link):
    folder = copy_guide(tmp_path, "hostile") / "hostile"
    path = folder / "guide.toml"
    lines = path.read_text("utf-8").split("\n")
    index = key_lines("\n".join(lines), "link")[1]
    lines[index] = f'link = "{link}"'
    path.write_text("\n".join(lines), "utf-8")
    result = run("validate", str(folder))
    assert result.returncode == 2
    assert f"{path}:{index + 1}: " in result.stderr
    assert "must be an https:// link" in result.stderr
    assert repr(link) in result.stderr


# --------------------------------------------------------------------------- messages stay safe


@pytest.mark.parametrize("where", ["sources-key", "device-step"])
def test_validator_messages_do_not_replay_escapes(tmp_path, where):
    folder = copy_guide(tmp_path, "hostile") / "hostile"
    if where == "sources-key":  # [sources] is the last table of en.toml
        path = folder / "en.toml"
        path.write_text(path.read_text("utf-8") + '"\\u001b]8;;https://evil\\u0007x" = "y"\n')
    else:
        path = folder / "guide.toml"
        text = path.read_text("utf-8")
        path.write_text(text.replace('"sign-in",', '"sign-in", "\\u001b[2Jx",', 1), "utf-8")
    result = run("validate", str(folder))
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
