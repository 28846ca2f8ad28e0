"""The right-hand pane: what the highlighted step does and why, or the guide as a whole.

Everything is assembled as ``Content`` from plain strings, so text from a guide file is
shown exactly as written. Links are also terminal hyperlinks, for terminals that know them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widgets import Static

from ...catalog import Claim, Guide, Step
from ...text.i18n import Strings, quote
from ...text.plain import coverage_sections, guide_age_lines, stamp_date

HEADING = "bold $accent"
LABEL = "bold $text-primary"


def _link(url: str) -> Content:
    """A link on its own line, so it is never split between words of the text around it."""
    return Content.styled(url, Style(underline=True, link=url))


def _cites(guide: Guide, numbers: tuple[int, ...]) -> str:
    return " ".join(f"[{n}]" for n in numbers if n in guide.sources)


def step_view(
    guide: Guide,
    step: Step,
    lang: str,
    s: Strings,
    position: tuple[int, int],
    ticked_at: str | None,
) -> Content:
    words = step.words(lang)
    kind = f" · {s('check_step')}" if step.check else ""
    parts: list[Content] = [
        Content.styled(s("step_of", n=position[0], total=position[1]) + kind, "$text-muted"),
        Content.styled(words.title, HEADING),
        Content(""),
        Content(words.do),
    ]
    if words.label:
        parts += [
            Content(""),
            Content.assemble((s("label") + " ", "bold"), (quote(words.label, lang), LABEL)),
        ]
    if words.also:
        also = ", ".join(quote(a, lang) for a in words.also)
        parts.append(Content.assemble((s("also_seen") + s("colon"), "italic"), also))
    if words.note:
        parts += [
            Content(""),
            Content.assemble((s("note") + s("colon"), "bold $warning"), words.note),
        ]
    parts += [Content(""), Content.assemble((s("why") + s("colon"), "bold"), words.why)]
    if words.expect:
        parts += [Content(""), Content.assemble((s("expect") + s("colon"), "bold"), words.expect)]
    if step.link:
        parts += [
            Content(""),
            Content.styled(s("link") + s("colon"), "bold"),
            _link(step.link),
            Content.styled(s("open_hint"), "$text-muted"),
        ]
    parts += [
        Content(""),
        Content.assemble((s("sources") + s("colon"), "bold"), _cites(guide, step.sources)),
    ]
    for number in step.sources:
        source = guide.sources[number]
        parts.append(Content.assemble(f"[{number}] ", source.title))
        if source.url:
            parts.append(_link(source.url))
    if ticked_at:
        parts += [
            Content(""),
            Content.styled(s("done_on", date=stamp_date(ticked_at, lang)), "$text-success"),
        ]
    parts += [Content(""), Content.styled(s("about_hint"), "$text-muted")]
    return Content("\n").join(parts)


def guide_view(guide: Guide, lang: str, s: Strings, region: str | None = None) -> Content:
    text = guide.text(lang)
    parts: list[Content] = [
        Content.styled(text.title, HEADING),
        Content(""),
        Content(text.summary),
    ]
    if text.not_offered:  # who the procedure is for, and what others can do
        parts += [
            Content(""),
            Content.styled(s("where_offered"), HEADING),
            Content(text.not_offered),
        ]
    # How old the facts are, and past the guide's threshold what to do if screens differ.
    parts += [
        Content(""),
        *(Content.styled(line, "$text-muted") for line in guide_age_lines(guide, lang, s)),
    ]
    for heading, claims in coverage_sections(guide, lang, s, region):
        parts += [Content(""), Content.styled(heading, HEADING)]
        parts += [claim_content(guide, claim) for claim in claims]
    parts += [Content(""), Content.styled(s("sources"), HEADING)]
    for number, source in sorted(guide.sources.items()):
        parts.append(Content.assemble(f"[{number}] ", (source.title, "bold")))
        if source.url:
            parts.append(_link(source.url))
        parts.append(Content("    " + source.supports_in(lang)))
    parts += [Content(""), Content.styled(s("back_hint"), "$text-muted")]
    return Content("\n").join(parts)


def claim_content(guide: Guide, claim: Claim) -> Content:
    line = Content.assemble("• ", claim.text, " ", (_cites(guide, claim.sources), "$text-muted"))
    if claim.link:
        line = Content.assemble(line, "\n", _link(claim.link))
    return line


class ExplanationPane(VerticalScroll):
    """Scrolls. Shows ``content``, which the screen computes from its state; a new step or
    view starts at the top, a redraw of the same one (another window's tick) keeps its place.

    With a link, a QR code of it follows the text; the screen's CSS shows it only on the
    phone tab where it does not fit beside the list (breakpoint classes, not Python)."""

    content: reactive[Content] = reactive(Content(""), init=False)
    qr_caption: reactive[str] = reactive("", init=False)
    view: reactive[str] = reactive("", init=False)  # which step or view: a change scrolls home

    def __init__(self, *, qr: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.qr = qr

    def compose(self) -> ComposeResult:
        yield Static(id="explanation-text", markup=False)
        if self.qr:
            from .qr import qr_content

            yield Static(id="qr-inline-caption", classes="qr-inline", markup=False)
            yield Static(qr_content(self.qr), id="qr-inline", classes="qr-inline")

    def watch_content(self, content: Content) -> None:
        self.query_one("#explanation-text", Static).update(content)

    def watch_qr_caption(self, caption: str) -> None:
        if self.qr:
            self.query_one("#qr-inline-caption", Static).update(Content(caption))

    def watch_view(self) -> None:
        self.scroll_home(animate=False)
