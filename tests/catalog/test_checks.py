"""Guide content: the shipped guides validate, and every broken file is reported precisely.

Each error case starts from a valid guide (``helpers.minimal.write_minimal_guide``, or a copy
of the real content), breaks exactly one thing with a text edit on real files in a temporary
folder, and checks the message, the file and the line the validator reports. Lines are found
by searching the edited file (``line_of``), never hard-coded. Everything here is fast: there
is no slow variant, so OPTOUT_TUI_FULL makes no difference to this file.
"""

from __future__ import annotations

import shutil
import string
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from helpers.minimal import edit, line_of, write_minimal_guide, write_ui

from tui.catalog import (
    Catalog,
    ContentError,
    ContentInvalid,
    Guide,
    builtin_content_dir,
    collect,
    load_catalog,
    load_ui,
    validate,
)

GUIDE = "linkedin-genai"


# --------------------------------------------------------------------------- helpers


def show(errors: list[ContentError]) -> None:
    print(f"{len(errors)} error(s):")
    for error in errors:
        print(f"  {error}")


def find(
    errors: list[ContentError], path: Path, message: str, *, prefix: bool = False
) -> ContentError:
    """The one error about ``path`` with ``message`` (or starting with it)."""
    show(errors)
    hits = [
        e
        for e in errors
        if e.path == path and (e.message.startswith(message) if prefix else e.message == message)
    ]
    assert hits, f"no error {message!r} for {path}; got {[str(e) for e in errors]}"
    assert len(hits) == 1, f"{message!r} reported {len(hits)} times: {hits}"
    return hits[0]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A content folder holding one valid minimal guide ('demo', en + fr) and ui files."""
    folder = tmp_path / "content"
    folder.mkdir()
    write_minimal_guide(folder)
    catalog, errors = collect([folder])
    assert errors == [], errors  # every case below starts from a valid folder
    assert [g.id for g in catalog.guides] == ["demo"]
    return folder


# --------------------------------------------------------------------------- real content


def test_builtin_content_validates() -> None:
    folder = builtin_content_dir()
    catalog, errors = collect([folder])
    show(errors)
    assert errors == []
    guide = catalog.guide(GUIDE)
    steps = sum(len(d.steps) for d in guide.devices)
    print(
        f"guides={len(catalog.guides)} languages={catalog.languages} devices="
        f"{[d.id for d in guide.devices]} device-steps={steps} sources={len(guide.sources)}"
    )
    assert catalog.languages == ("en", "fr")
    assert set(guide.languages) == {"en", "fr"}
    for step in guide.steps.values():
        assert set(step.text) == {"en", "fr"}, step.id
        assert step.sources, step.id
    for source in guide.sources.values():
        assert set(source.supports) == {"en", "fr"}, source.id
    for device in guide.devices:
        assert guide.steps[device.steps[-1]].check, device.id
    assert validate(folder / GUIDE) == []
    assert validate(folder) == []


def test_load_catalog_builtin() -> None:
    catalog = load_catalog()
    assert isinstance(catalog, Catalog)
    assert GUIDE in [g.id for g in catalog.guides]
    assert set(catalog.ui["en"]) == set(catalog.ui["fr"])
    with pytest.raises(KeyError):
        catalog.guide("nope")


def test_guide_is_frozen_and_falls_back_to_english() -> None:
    guide = load_catalog().guide(GUIDE)
    with pytest.raises(AttributeError):
        guide.revision = 99  # type: ignore[misc]
    with pytest.raises(AttributeError):
        guide.devices[0].id = "x"  # type: ignore[misc]
    step = next(iter(guide.steps.values()))
    with pytest.raises(AttributeError):
        step.check = True  # type: ignore[misc]
    with pytest.raises(AttributeError):
        step.text["en"].title = "x"  # type: ignore[misc]
    assert isinstance(guide.devices, tuple)
    assert guide.text("de") is guide.texts["en"]
    assert guide.text("fr") is guide.texts["fr"]
    assert guide.text("fr") != guide.text("en")
    assert isinstance(guide.last_verified, date)
    assert [s.id for s in guide.device_steps("desktop")] == list(guide.device("desktop").steps)
    with pytest.raises(KeyError):
        guide.device("tablet")


def test_guide_mappings_are_read_only() -> None:
    guide = load_catalog().guide(GUIDE)
    with pytest.raises(TypeError):
        guide.steps["injected"] = guide.steps["sign-in"]  # type: ignore[index]


def test_real_content_copy_reports_real_file_and_line(content_copy: Path) -> None:
    """The same checks on a copy of the shipped guide: the line is the one edited."""
    en = content_copy / GUIDE / "en.toml"
    edit(en, 'title = "Open the Me menu"', 'title = "Open the \\u001b[2J Me menu"')
    fr = content_copy / GUIDE / "fr.toml"
    text = fr.read_text(encoding="utf-8")
    start = text.index("[steps.open-me]")
    end = text.index("[steps.", start + 1)
    fr.write_text(text[:start] + text[end:], encoding="utf-8")
    _, errors = collect([content_copy])
    error = find(errors, en, "'steps.open-me.title' contains a control or escape character")
    assert error.line == line_of(en, "\\u001b[2J")
    error = find(errors, fr, "missing [steps.open-me]: step 'open-me' has no fr text")
    assert error.line is None
    assert len(errors) == 2


# --------------------------------------------------------------------------- one-edit cases


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # relative to the content folder
    old: str
    new: str
    message: str
    line: str | None  # a text on the line the error must name; None: no line
    nth: int = 1
    prefix: bool = False


G, EN, FR, UIF = "demo/guide.toml", "demo/en.toml", "demo/fr.toml", "ui.fr.toml"
DEVICES = (
    '[[devices]]\nid = "desktop"\nsteps = ["step-1", "step-2", "step-3"]\n\n'
    '[[devices]]\nid = "mobile"\nsteps = ["step-1", "step-2", "step-3"]\n\n'
)
STEPS = (
    '[steps.step-1]\nsources = [1]\nlink = "https://example.com/step"\ncheck = false\n\n'
    "[steps.step-2]\nsources = [1, 2]\ncheck = false\n\n"
    "[steps.step-3]\nsources = [1]\ncheck = true\n\n"
)
SOURCES = (
    '[[sources]]\nid = 1\ntitle = "Example help page"\nurl = "https://example.com/help"\n'
    'kind = "primary"\n\n[[sources]]\nid = 2\ntitle = "A newspaper without a public address"\n'
    'kind = "news"\n'
)
FR_STEP_2 = (
    '[steps.step-2]\ntitle = "fr: title of step-2"\ndo = "fr: do step-2."\n'
    'why = "fr: why step-2."\nlabel = "fr: label step-2"\n\n'
)
FR_MOBILE = '[devices.mobile]\nname = "fr: mobile"\nintro = "fr: intro for mobile."\n\n'
FR_PROGRESS = (
    'progress_count = { one = "{done} étape faite sur {total}", '
    'other = "{done} étapes faites sur {total}" }'
)

CASES = [
    # guide.toml: syntax
    Case("toml-syntax", G, "revision = 1", "revision = = 1", "not valid TOML: ", "= = 1",
         prefix=True),
    # guide.toml: missing keys
    Case("missing-schema", G, "schema = 1\n", "", "'schema' must be 1, not None", None),
    Case("missing-id", G, 'id = "demo"\n', "", "missing text 'id'", None),
    Case("missing-revision", G, "revision = 1\n", "", "missing 'revision'", None),
    Case("missing-last-verified", G, "last_verified = 2026-11-23\n", "",
         "'last_verified' must be a date like 2026-11-23", None),
    Case("missing-languages", G, 'languages = ["en", "fr"]\n', "",
         '\'languages\' must be a list of language codes, like ["en", "fr"]', None),
    Case("missing-devices", G, DEVICES, "", "a guide needs at least one [[devices]] table", None),
    Case("missing-steps", G, STEPS, "", "missing table [steps]", None),
    Case("missing-sources", G, SOURCES, "",
         "a guide needs a [[sources]] list: every claim must be checkable", None),
    # guide.toml: wrong values and types
    Case("schema-2", G, "schema = 1", "schema = 2", "'schema' must be 1, not 2", "schema ="),
    Case("revision-string", G, "revision = 1", 'revision = "1"',
         "'revision' must be a whole number from 1 up", "revision ="),
    Case("revision-zero", G, "revision = 1", "revision = 0",
         "'revision' must be a whole number from 1 up", "revision ="),
    Case("revision-bool", G, "revision = 1", "revision = true",
         "'revision' must be a whole number from 1 up", "revision ="),
    Case("last-verified-string", G, "last_verified = 2026-11-23", 'last_verified = "2026-11-23"',
         "'last_verified' must be a date like 2026-11-23", "last_verified"),
    Case("last-verified-datetime", G, "last_verified = 2026-11-23",
         "last_verified = 2026-11-23T10:00:00Z",
         "'last_verified' must be a date like 2026-11-23", "last_verified"),
    Case("last-verified-local-datetime", G, "last_verified = 2026-11-23",
         "last_verified = 2026-11-23T10:00:00",
         "'last_verified' must be a date like 2026-11-23", "last_verified"),
    Case("languages-not-list", G, 'languages = ["en", "fr"]', 'languages = "en"',
         '\'languages\' must be a list of language codes, like ["en", "fr"]', "languages ="),
    Case("languages-empty", G, 'languages = ["en", "fr"]', "languages = []",
         '\'languages\' must be a list of language codes, like ["en", "fr"]', "languages ="),
    Case("languages-bad-code", G, 'languages = ["en", "fr"]', 'languages = ["en", "FR"]',
         "not a language code: 'FR'", "languages ="),
    Case("languages-twice", G, 'languages = ["en", "fr"]', 'languages = ["en", "fr", "en"]',
         "a language is listed twice", "languages ="),
    Case("languages-no-english", G, 'languages = ["en", "fr"]', 'languages = ["fr"]',
         "every guide needs 'en', the fallback language", "languages ="),
    Case("id-mismatch", G, 'id = "demo"', 'id = "other"',
         "id 'other' must match the folder name 'demo'", 'id = "other"'),
    Case("id-uppercase", G, 'id = "demo"', 'id = "Demo"',
         "'id' must be lower-case letters, digits and -", 'id = "Demo"'),
    Case("device-id-bad", G, 'id = "desktop"', 'id = "Desk top"',
         "'devices[0].id' must be lower-case letters, digits and -", 'id = "Desk top"'),
    Case("device-twice", G, 'id = "mobile"', 'id = "desktop"',
         "device 'desktop' is listed twice", 'id = "desktop"', nth=2),
    Case("device-steps-not-list", G, 'steps = ["step-1", "step-2", "step-3"]',
         'steps = "step-1"', "'steps' must be a non-empty list of step ids", 'steps = "step-1"'),
    Case("device-step-twice", G, 'steps = ["step-1", "step-2", "step-3"]',
         'steps = ["step-1", "step-1", "step-2", "step-3"]',
         "a step is listed twice for the same device", '"step-1", "step-1"'),
    Case("device-step-without-table", G, 'id = "mobile"\nsteps = ["step-1"',
         'id = "mobile"\nsteps = ["ghost", "step-1"',
         "step 'ghost' has no [steps.ghost]", '"ghost"'),
    Case("step-table-unused", G, "[[sources]]",
         "[steps.orphan]\nsources = [1]\ncheck = false\n\n[[sources]]",
         "step 'orphan' is not used by any device", "[steps.orphan]"),
    Case("step-id-bad", G, "[[sources]]", "[steps.Bad]\nsources = [1]\n\n[[sources]]",
         "step id 'Bad' must be lower-case letters, digits and -", "[steps.Bad]"),
    Case("last-step-not-check", G, "check = true", "check = false",
         "the last step of 'desktop' must be a check step (check = true)", "[steps.step-3]"),
    Case("check-not-bool", G, 'link = "https://example.com/step"\ncheck = false',
         'link = "https://example.com/step"\ncheck = "no"',
         "'check' must be true or false", 'check = "no"'),
    Case("step-sources-not-numbers", G, "sources = [1, 2]", 'sources = ["1", 2]',
         "'steps.step-2.sources' must be a list of numbers", 'sources = ["1", 2]'),
    Case("step-sources-bools", G, "sources = [1, 2]", "sources = [true]",
         "'steps.step-2.sources' must be a list of numbers", "sources = [true]"),
    Case("step-sources-not-list", G, "sources = [1, 2]", "sources = 1",
         "'steps.step-2.sources' must be a list of numbers", "sources = 1"),
    Case("step-sources-empty", G, "sources = [1, 2]", "sources = []",
         "'steps.step-2.sources' needs at least one source", "sources = []"),
    Case("step-sources-missing", G, "[steps.step-2]\nsources = [1, 2]\n", "[steps.step-2]\n",
         "'steps.step-2.sources' needs at least one source", "[steps.step-2]"),
    Case("step-unknown-source", G, "sources = [1, 2]", "sources = [1, 99]",
         "source 99 is not listed in [[sources]]", "sources = [1, 99]"),
    Case("source-twice", G, "id = 2", "id = 1", "source 1 is listed twice", "id = 1", nth=2),
    Case("source-id-not-number", G, "id = 2", 'id = "two"',
         "'sources[1].id' must be a whole number from 1 up", 'id = "two"'),
    Case("source-kind", G, 'kind = "news"', 'kind = "blog"',
         "'kind' must be one of primary, regulator, news, code, not 'blog'", 'kind = "blog"'),
    Case("source-title-missing", G, 'title = "A newspaper without a public address"\n', "",
         "missing text 'sources[1].title'", "[[sources]]", nth=2),
    Case("guide-link-http", G, 'link = "https://example.com/settings"',
         'link = "http://example.com/settings"',
         "'link' must be an https:// link, not 'http://example.com/settings'", "http://"),
    Case("step-link-javascript", G, 'link = "https://example.com/step"',
         'link = "javascript:alert(1)"',
         "'steps.step-1.link' must be an https:// link, not 'javascript:alert(1)'", "javascript"),
    Case("step-link-bare-scheme", G, 'link = "https://example.com/step"', 'link = "https://"',
         "'steps.step-1.link' must be an https:// link, not 'https://'", 'link = "https://"'),
    Case("step-link-space", G, 'link = "https://example.com/step"',
         'link = "https://example.com/a b"',
         "'steps.step-1.link' must be an https:// link, not 'https://example.com/a b'", "a b"),
    Case("source-url-http", G, 'url = "https://example.com/help"', 'url = "http://example.com/help"',
         "'sources[0].url' must be an https:// link, not 'http://example.com/help'", "http://"),
    # <lang>.toml
    Case("lang-toml-syntax", FR, 'title = "fr: demo guide"', 'title = "fr: demo guide',
         "not valid TOML: ", 'title = "fr: demo guide', prefix=True),
    Case("lang-missing-setting", FR, 'setting = "fr: Demo setting"\n', "",
         "missing text 'setting'", None),
    Case("lang-setting-not-text", FR, 'setting = "fr: Demo setting"', "setting = 3",
         "'setting' must be text in quotes, not a number", "setting = 3"),
    Case("lang-summary-empty", FR, 'summary = "fr: what the demo guide does."',
         'summary = "   "', "'summary' is empty", 'summary = "   "'),
    Case("lang-missing-device", FR, FR_MOBILE, "",
         "missing [devices.mobile]: device 'mobile' has no fr text", None),
    Case("lang-missing-device-intro", FR, 'intro = "fr: intro for mobile."\n', "",
         "missing text 'devices.mobile.intro'", "[devices.mobile]"),
    Case("lang-extra-device", FR, "[steps.step-1]",
         '[devices.tablet]\nname = "x"\nintro = "x"\n\n[steps.step-1]',
         "device 'tablet' is not in guide.toml", "[devices.tablet]"),
    Case("lang-missing-step", FR, FR_STEP_2, "",
         "missing [steps.step-2]: step 'step-2' has no fr text", None),
    Case("lang-missing-step-do", FR, 'do = "fr: do step-2."\n', "",
         "missing text 'steps.step-2.do'", "[steps.step-2]"),
    Case("lang-extra-step", FR, "[[covers]]",
         '[steps.extra]\ntitle = "x"\ndo = "x"\nwhy = "x"\n\n[[covers]]',
         "step 'extra' is not in guide.toml", "[steps.extra]"),
    Case("lang-also-not-list", FR, 'label = "fr: label step-2"',
         'label = "fr: label step-2"\nalso = "x"', "'also' must be a list of labels", "also ="),
    Case("lang-also-escape", FR, 'label = "fr: label step-2"',
         'label = "fr: label step-2"\nalso = ["ok", "\\u001b]8;;x"]',
         "'also' contains a control or escape character", "also ="),
    Case("lang-missing-covers", FR, '[[covers]]\ntext = "fr: covers claim."\nsources = [1]\n\n',
         "", "missing [[covers]]: at least one entry is needed", None),
    Case("lang-missing-not-covered", FR,
         '[[not_covered]]\ntext = "fr: not_covered claim."\nsources = [1]\n\n', "",
         "missing [[not_covered]]: at least one entry is needed", None),
    Case("lang-missing-dates", FR, '[[dates]]\ntext = "fr: dates claim."\nsources = [1]\n\n',
         "", "missing [[dates]]: at least one entry is needed", None),
    Case("lang-missing-next", FR,
         '[[next]]\ntext = "fr: next claim."\nsources = [1]\nlink = "https://example.com/next"\n\n',
         "", "missing [[next]]: at least one entry is needed", None),
    Case("claim-missing-text", FR, 'text = "fr: dates claim."\n', "",
         "missing text 'dates[0].text'", "[[dates]]"),
    Case("claim-missing-sources", FR, 'text = "fr: covers claim."\nsources = [1]\n',
         'text = "fr: covers claim."\n', "'covers[0].sources' needs at least one source",
         "[[covers]]"),
    Case("claim-unknown-source", FR, 'text = "fr: dates claim."\nsources = [1]',
         'text = "fr: dates claim."\nsources = [1, 9]',
         "source 9 is not listed in [[sources]]", "sources = [1, 9]"),
    Case("claim-link-http", FR, 'link = "https://example.com/next"',
         'link = "http://example.com/next"',
         "'next[0].link' must be an https:// link, not 'http://example.com/next'", "http://"),
    Case("lang-missing-supports", FR, '2 = "fr: what source 2 supports."\n', "",
         "missing text 'sources.2'", "[sources]"),
    Case("lang-extra-supports", FR, '2 = "fr: what source 2 supports."',
         '2 = "fr: what source 2 supports."\n3 = "x"', "source 3 is not in guide.toml", '3 = "x"'),
    # ui.<lang>.toml
    Case("ui-missing-key", UIF, 'colon = " : "\n', "", "missing interface string 'colon'", None),
    Case("ui-extra-key", UIF, 'colon = " : "', 'colon = " : "\nbogus = "x"',
         "'bogus' is not in ui.en.toml", 'bogus = "x"'),
    Case("ui-placeholder-renamed", UIF, FR_PROGRESS, FR_PROGRESS.replace("{total}", "{totale}"),
         "'progress_count' must use the placeholders ['done', 'total']", "progress_count"),
    Case("ui-placeholder-dropped", UIF, FR_PROGRESS, FR_PROGRESS.replace(" sur {total}", ""),
         "'progress_count' must use the placeholders ['done', 'total']", "progress_count"),
    Case("ui-not-text", UIF, 'yes_short = "o"', "yes_short = 1",
         "'yes_short' must be text in quotes, not a number", "yes_short = 1"),
    Case("ui-empty", UIF, 'yes_short = "o"', 'yes_short = ""', "'yes_short' is empty",
         "yes_short ="),
    Case("ui-escape", UIF, 'colon = " : "', 'colon = "\\u001b[31m : "',
         "'colon' contains a control or escape character", "colon ="),
    Case("ui-toml-syntax", UIF, 'colon = " : "', "colon = : ", "not valid TOML: ", "colon = : ",
         prefix=True),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_error(root: Path, case: Case) -> None:
    path = root / case.file
    edit(path, case.old, case.new)
    _, errors = collect([root])
    error = find(errors, path, case.message, prefix=case.prefix)
    expected = None if case.line is None else line_of(path, case.line, case.nth)
    print(f"reported: {error}  (expected line {expected})")
    assert error.line == expected
    # validate() on the folder gives the same answer as collect(), as the CLI does
    assert [str(e) for e in validate(root)] == [str(e) for e in errors]


# --------------------------------------------------------------------------- unsafe text


@pytest.mark.parametrize(
    "escape",
    ["\\u001b[31m", "\\u0007", "\\u0000", "\\u007f", "\\u009b", "\\r", "\\u202e", "\\u2066"],
    ids=["ESC", "BEL", "NUL", "DEL", "CSI", "CR", "RLO", "LRI"],
)
def test_control_and_bidi_characters_refused(root: Path, escape: str) -> None:
    en = root / "demo" / "en.toml"
    edit(en, 'do = "en: do step-2."', f'do = "en: do {escape} step-2."')
    _, errors = collect([root])
    error = find(errors, en, "'steps.step-2.do' contains a control or escape character")
    assert error.line == line_of(en, 'do = "en: do \\')


def test_literal_bidi_override_refused(root: Path) -> None:
    """Written as the character itself (TOML allows it raw), not as an escape."""
    fr = root / "demo" / "fr.toml"
    edit(fr, 'title = "fr: demo guide"', 'title = "fr: \u202eediug omed"')
    _, errors = collect([root])
    error = find(errors, fr, "'title' contains a control or escape character")
    assert error.line == line_of(fr, "\u202e")


def test_tab_and_newline_are_allowed(root: Path) -> None:
    en = root / "demo" / "en.toml"
    edit(en, 'do = "en: do step-2."', 'do = "en: first\\tsecond\\nthird"')
    catalog, errors = collect([root])
    show(errors)
    assert errors == []
    assert catalog.guide("demo").steps["step-2"].text["en"].do == "en: first\tsecond\nthird"


@pytest.mark.parametrize("blank", ["\\n", "\\t"], ids=["newline", "tab"])
def test_link_with_other_whitespace_refused(root: Path, blank: str) -> None:
    guide = root / "demo" / "guide.toml"
    edit(
        guide,
        'link = "https://example.com/step"',
        f'link = "https://example.com/{blank}https://evil.example"',
    )
    _, errors = collect([root])
    find(errors, guide, "'steps.step-1.link' must be an https:// link", prefix=True)


# --------------------------------------------------------------------------- files and folders


def test_not_utf8(root: Path) -> None:
    fr = root / "demo" / "fr.toml"
    raw = fr.read_bytes()
    fr.write_bytes(raw.replace(b'title = "fr: title of step-1"', b'title = "fr: \xff\xfe"'))
    _, errors = collect([root])
    error = find(errors, fr, "the file is not valid UTF-8 text")
    assert error.line == raw.split(b"\n").index(b'title = "fr: title of step-1"') + 1


def test_missing_language_file(root: Path) -> None:
    fr = root / "demo" / "fr.toml"
    fr.unlink()
    _, errors = collect([root])
    error = find(errors, fr, "cannot read the file: ", prefix=True)
    assert "No such file" in error.message
    assert error.line is None


def test_step_text_in_one_language_only(root: Path) -> None:
    """A step added to guide.toml and en.toml, forgotten in fr.toml."""
    guide, en, fr = (root / "demo" / name for name in ("guide.toml", "en.toml", "fr.toml"))
    edit(guide, '"step-2", "step-3"]', '"step-2", "step-2b", "step-3"]', count=2)
    edit(guide, "[steps.step-3]", "[steps.step-2b]\nsources = [2]\n\n[steps.step-3]")
    edit(en, "[[covers]]", '[steps.step-2b]\ntitle = "t"\ndo = "d"\nwhy = "w"\n\n[[covers]]')
    _, errors = collect([root])
    error = find(errors, fr, "missing [steps.step-2b]: step 'step-2b' has no fr text")
    assert error.line is None
    assert len(errors) == 1


def test_device_errors_point_at_their_own_table(root: Path) -> None:
    """A control: with the first device valid, the second device's error names its line."""
    guide = root / "demo" / "guide.toml"
    edit(guide, 'id = "mobile"\nsteps = ["step-1"', 'id = "mobile"\nsteps = ["ghost", "step-1"')
    _, errors = collect([root])
    error = find(errors, guide, "step 'ghost' has no [steps.ghost]")
    assert error.line == line_of(guide, '"ghost"')


def test_device_error_line_after_an_invalid_device(root: Path) -> None:
    guide = root / "demo" / "guide.toml"
    edit(guide, 'id = "desktop"', 'id = "Desktop"')
    edit(guide, 'id = "mobile"\nsteps = ["step-1"', 'id = "mobile"\nsteps = ["ghost", "step-1"')
    _, errors = collect([root])
    error = find(errors, guide, "step 'ghost' has no [steps.ghost]")
    assert error.line == line_of(guide, '"ghost"')


def test_missing_ui_en(root: Path) -> None:
    (root / "ui.en.toml").unlink()
    _, errors = collect([root])
    error = find(errors, root / "ui.en.toml", "missing")
    assert error.line is None


def test_bad_ui_file_name(root: Path) -> None:
    shutil.copyfile(root / "ui.en.toml", root / "ui.english.toml")
    _, errors = collect([root])
    error = find(errors, root / "ui.english.toml", "'english' is not a language code")
    assert error.line is None


def test_guide_language_without_ui_file(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    guide = write_minimal_guide(folder, languages=("en", "fr", "de"), ui=False)
    write_ui(folder, ["en", "fr"])
    _, errors = collect([folder])
    error = find(errors, guide / "guide.toml", "no ui.de.toml for 'de'")
    assert error.line is None
    assert len(errors) == 1


def test_folder_without_guides(tmp_path: Path) -> None:
    folder = tmp_path / "only-ui"
    folder.mkdir()
    write_ui(folder, ["en", "fr"])
    (folder / "not-a-guide").mkdir()  # a folder without guide.toml is not a guide
    catalog, errors = collect([folder])
    assert catalog.guides == ()
    error = find(errors, folder, "no guides found")
    assert error.line is None


def test_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    _, errors = collect([folder])
    assert errors, "an empty folder must not validate"
    find(errors, folder, "no ui.<lang>.toml interface strings")


def test_missing_folder(tmp_path: Path) -> None:
    _, errors = collect([tmp_path / "nowhere"])
    find(errors, tmp_path / "nowhere", "no such folder")


def test_validate_one_guide_folder(root: Path) -> None:
    guide = root / "demo"
    assert validate(guide) == []
    edit(guide / "guide.toml", "revision = 1", 'revision = "1"')
    errors = validate(guide)
    error = find(errors, guide / "guide.toml", "'revision' must be a whole number from 1 up")
    assert error.line == line_of(guide / "guide.toml", "revision =")


def test_every_error_is_collected_in_one_run(root: Path) -> None:
    """A translator sees every mistake at once: one per file here, all reported."""
    edit(root / "demo" / "guide.toml", "revision = 1", "revision = 0")
    edit(root / "demo" / "en.toml", 'setting = "en: Demo setting"\n', "")
    edit(root / "demo" / "fr.toml", 'link = "https://example.com/next"', 'link = "http://x"')
    edit(root / "ui.fr.toml", 'colon = " : "\n', "")
    _, errors = collect([root])
    show(errors)
    assert sorted(e.path.name for e in errors) == ["en.toml", "fr.toml", "guide.toml", "ui.fr.toml"]


def test_load_catalog_raises_with_every_error(root: Path) -> None:
    edit(root / "demo" / "guide.toml", "revision = 1", "revision = 0")
    edit(root / "demo" / "en.toml", 'setting = "en: Demo setting"\n', "")
    with pytest.raises(ContentInvalid) as info:
        load_catalog([root])
    errors = info.value.errors
    show(errors)
    assert len(errors) == 2
    assert str(info.value).splitlines() == [str(e) for e in errors]
    find(errors, root / "demo" / "guide.toml", "'revision' must be a whole number from 1 up")
    find(errors, root / "demo" / "en.toml", "missing text 'setting'")


def test_load_catalog_adds_extra_guides(root: Path) -> None:
    builtin = [g.id for g in load_catalog().guides]
    catalog = load_catalog([root])
    assert sorted(g.id for g in catalog.guides) == sorted([*builtin, "demo"])
    guide: Guide = catalog.guide("demo")
    assert guide.path == root / "demo"
    assert [d.id for d in guide.devices] == ["desktop", "mobile"]


def test_same_guide_twice(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    shutil.copytree(builtin_content_dir() / GUIDE, extra / GUIDE)
    with pytest.raises(ContentInvalid) as info:
        load_catalog([extra])
    show(info.value.errors)
    find(info.value.errors, extra / GUIDE / "guide.toml", f"guide {GUIDE!r} twice")


def test_content_error_str() -> None:
    path = Path("content") / "demo" / "guide.toml"
    assert str(ContentError(path, 12, "bad")) == f"{path}:12: bad"
    assert str(ContentError(path, None, "bad")) == f"{path}: bad"


# --------------------------------------------------------------------------- placeholders


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_ui_string_formats() -> None:
    """Each shipped string fills with exactly its English placeholders, in every language."""
    errors: list[ContentError] = []
    ui = load_ui(builtin_content_dir(), errors)
    assert errors == []
    checked = 0
    for lang, table in ui.items():
        for key, text in table.items():
            names = _fields(ui["en"][key])
            assert _fields(text) == names, (lang, key)
            text.format(**dict.fromkeys(names, "X"))
            checked += 1
    print(f"ui strings formatted: {checked}")
    assert checked == sum(len(t) for t in ui.values())


@pytest.mark.parametrize("bad", ["{Total}", "{}", "{0}", "{"])
def test_placeholder_typos_refused(root: Path, bad: str) -> None:
    ui = root / "ui.fr.toml"
    edit(ui, FR_PROGRESS, FR_PROGRESS.replace(" sur {total}", f" sur {{total}} {bad}"))
    _, errors = collect([root])
    show(errors)
    line = line_of(ui, "progress_count")
    assert [e for e in errors if e.path == ui and e.line == line], "the typo was not reported"
