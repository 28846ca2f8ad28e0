"""French lines never start with ":", ";", "?", "!" or "»", nor end with "«", in the app.

Textual breaks lines at any Unicode space, the no-break ones too; the app's own line
breaking (tui/app/widgets/wrap.py) keeps them, and this walks every French text of the
shipped guides at several widths.
"""

from __future__ import annotations

import pytest
from textual.content import Content

from tui.app.widgets.wrap import break_lines
from tui.catalog import load_catalog


def french_texts() -> list[str]:
    catalog = load_catalog(cache=False)
    texts: list[str] = []
    for listed in catalog.guides:
        guide = catalog.guide(listed.id)
        words = guide.text("fr")
        texts += [words.summary, *(claim.text for claim in words.claims())]
        for step in guide.steps.values():
            step_words = step.words("fr")
            texts += [step_words.do, step_words.why, step_words.note or "", step_words.expect or ""]
    return [t for t in texts if t]


@pytest.mark.parametrize("width", [24, 37, 52, 71])
def test_no_line_starts_with_closing_punctuation(width: int) -> None:
    texts = french_texts()
    assert any("\u00a0:" in t for t in texts), "no French spacing at all: the walk proves nothing"
    for text in texts:
        for line in break_lines(Content(text), width).plain.split("\n"):
            assert not line.startswith((":", ";", "?", "!", "»")), (width, line)
            assert not line.rstrip().endswith("«"), (width, line)


def test_lines_fit_and_words_and_styles_are_kept() -> None:
    content = Content.assemble(("Pourquoi\u00a0:", "bold"), " une phrase assez longue pour couper")
    broken = break_lines(content, 20)
    assert all(len(line) <= 20 for line in broken.plain.split("\n"))
    assert broken.plain.replace("\n", " ") == content.plain
    assert broken.spans and broken.spans[0].style == "bold"
    assert break_lines(content, 200) is content  # nothing to do: the very same object
