"""The plain CLI must not load Textual or Rich (idea from harlequin's test_import_hygiene).

``status`` may run from a shell prompt or a cron job, so it must cost little more than
starting Python. Each check runs in a fresh interpreter (this pytest process has long since
imported Textual through other tests), runs the command through ``tui.cli.main`` and prints
``sorted(sys.modules)`` as JSON for the test to inspect. A positive control proves the check
can fail: importing ``tui.app`` does load both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("textual", "rich")

PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys
    {body}
    print("@@MODULES@@" + json.dumps(sorted(sys.modules)))
    """
)

RUN_MAIN = textwrap.dedent(
    """
    import tui.cli
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = tui.cli.main({argv!r})
        except SystemExit as exc:
            code = exc.code
    print("@@CODE@@" + json.dumps([code, out.getvalue(), err.getvalue()]))
    """
)


def probe(body: str) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body)],
        capture_output=True,
        text=True,
        env=dict(os.environ),  # OPTOUT_TUI_DATA_DIR from the autouse fixture
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("@@MODULES@@"))
    modules = json.loads(line.removeprefix("@@MODULES@@"))
    assert "json" in modules and "tui" in modules  # the probe really ran
    return modules, result


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize(
    ("argv", "expected_code"),
    [
        (["status"], 1),
        (["guide"], 0),
        (["guide", "--lang", "fr", "--device", "mobile"], 0),
        (["validate"], 0),
        (["locate"], 0),
        (["reset", "--yes"], 0),
        (["export"], 0),
        (["export", "--format", "json", "--lang", "fr"], 0),
        (["status", "--guide", "nope"], 2),
        (["--version"], 0),
        (["--lang", "fr", "--help"], 0),
        (["--lang", "fr", "status", "--max-age", "x"], 2),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_plain_commands_load_no_textual_nor_rich(argv, expected_code, data_dir):
    modules, result = probe(RUN_MAIN.format(argv=argv))
    line = next(x for x in result.stdout.splitlines() if x.startswith("@@CODE@@"))
    code, out, err = json.loads(line.removeprefix("@@CODE@@"))
    assert code == expected_code, (out, err)
    assert "tui.cli" in modules
    assert heavy(modules) == []
    assert "tui.app" not in modules
    assert "tui.app.app" not in modules
    print(f"{' '.join(argv)}: {len(modules)} modules, textual/rich: {len(heavy(modules))}")


def test_core_modules_load_no_textual_nor_rich():
    modules, _ = probe(
        "import tui.catalog, tui.progress.store, tui.progress.records, tui.text.i18n, "
        "tui.text.plain, tui.text.export, tui.text.dates, tui.text.terminal, tui.text.names, "
        "tui.text.argparse_words, tui.text.early"
    )
    assert {"tui.catalog", "tui.progress.store", "tui.text.i18n", "tui.text.plain"} <= set(modules)
    assert heavy(modules) == []


def test_positive_control_app_loads_textual_and_rich():
    modules, _ = probe("import tui.app.app")
    found = heavy(modules)
    assert "textual" in found
    assert "rich" in found
    print(f"tui.app: {len(found)} textual/rich modules")
