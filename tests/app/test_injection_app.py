"""Text from a guide file is shown as text: Rich/Textual markup in it is never interpreted.

A guide can come from anyone (``--content DIR``). These tests put markup into every kind of
field and check the app shows the brackets literally, in the checklist, the explanation
pane, the header and the about view.
"""

from __future__ import annotations

from pathlib import Path

from conftest import settle
from seen import flat, titles
from textual.widgets import Static

from tui.app.app import OptOutApp
from tui.app.widgets.checklist import Checklist
from tui.catalog import collect

MARKUP = "[bold red]loud[/] [link=https://evil.example]click[/link] [@click=app.quit]x[/]"


def _inject(folder: Path) -> None:
    en = folder / "linkedin-genai" / "en.toml"
    text = en.read_text("utf-8")
    escaped = MARKUP.replace('"', '\\"')
    text = text.replace('title = "', f'title = "{escaped} ', 2)  # guide title, first step
    text = text.replace('do = "', f'do = "{escaped} ', 1)
    text = text.replace('label = "', f'label = "{escaped} ', 1)
    text = text.replace('text = "', f'text = "{escaped} ', 1)
    en.write_text(text, "utf-8")
    guide = folder / "linkedin-genai" / "guide.toml"
    structure = guide.read_text("utf-8")
    guide.write_text(structure.replace('title = "', f'title = "{escaped} ', 1), "utf-8")


async def test_markup_in_content_is_shown_literally(content_copy: Path) -> None:
    _inject(content_copy)
    catalog, errors = collect([content_copy])
    assert errors == []
    app = OptOutApp(catalog=catalog, lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert titles(app)[0].startswith(MARKUP)
        prompt = app.screen.query_one("#list-desktop", Checklist).get_option_at_index(0).prompt
        assert MARKUP in flat(prompt.plain)  # a long title wraps, indented
        explanation = app.screen.query_one("#explanation-text", Static).content.plain
        assert explanation.count(MARKUP) >= 2  # the step title and what to do
        # No style from the markup leaked in: no span carries a link to evil.example.
        content = app.screen.query_one("#explanation-text", Static).content
        assert not any("evil.example" in str(span.style) for span in content.spans)
        await pilot.press("i")
        about = app.screen.query_one("#explanation-text", Static).content.plain
        assert MARKUP in about
        await pilot.press("space")
        await settle(pilot)
        assert app.is_running  # "[@click=app.quit]" did not quit anything
