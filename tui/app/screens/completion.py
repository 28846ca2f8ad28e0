"""The calm view shown when every step of a device is ticked: the date, and the honest truth.

It says what the setting now stops, what it never stopped, and what a person can do next,
with the sources, so that "done" never reads as more than it is.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...catalog import Guide
from ...text.i18n import Strings
from ...text.plain import coverage_sections
from ..widgets.explanation import HEADING, claim_content


def completion_text(
    guide: Guide, lang: str, s: Strings, date: str, region: str | None = None
) -> Content:
    body = s("completion_body", date=date)
    done = guide.text(lang).done
    parts = [Content.styled(f"{body} {done}" if done else body, "$text-success")]
    for heading, claims in coverage_sections(guide, lang, s, region):
        parts += [Content(""), Content.styled(heading, HEADING)]
        parts += [claim_content(guide, claim) for claim in claims]
    parts += [Content(""), Content.styled(s("completion_recheck"), "$text-muted")]
    return Content("\n").join(parts)


class CompletionScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss(None)", "Close", id="close")]

    def __init__(
        self,
        guide: Guide,
        lang: str,
        s: Strings,
        device_name: str,
        date: str,
        region: str | None = None,
    ) -> None:
        super().__init__()
        self.guide, self.lang, self.s = guide, lang, s
        self.device_name, self.date, self.person_region = device_name, date, region

    def compose(self) -> ComposeResult:
        with Vertical(id="completion-box") as box:
            box.border_title = Content(self.s("completion_title", device=self.device_name))
            with VerticalScroll():
                yield Static(
                    completion_text(self.guide, self.lang, self.s, self.date, self.person_region),
                    markup=False,
                )
            yield Button(
                Content(self.s("completion_close")), id="completion-close", variant="success"
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
