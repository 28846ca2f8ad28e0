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

from ...catalog import DEFAULT_LANGUAGE, Claim, Guide, Step
from ...progress.records import NO_GUIDE, GuideRecord
from ...text.i18n import Strings, quote
from ...text.plain import coverage_sections, guide_age_lines, stamp_date
from .wrap import break_lines

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


def guide_view(
    guide: Guide,
    lang: str,
    s: Strings,
    region: str | None = None,
    related: tuple[str, ...] = (),
) -> Content:
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
    if related:  # other guides the facts name as related (titles, in the catalog: g)
        parts += [Content(""), Content.styled(s("related_heading"), HEADING)]
        parts += [Content.assemble("• ", title) for title in related]
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
    """Scrolls. Shows the highlighted step of the device on screen, or the guide as a whole,
    following the state the screen binds in; a new step or view starts at the top, while a
    redraw of the same one (another window's tick) keeps its place.

    With a link, a QR code of it follows the text; the screen's CSS shows it only on the
    phone tab where it does not fit beside the list (breakpoint classes, not Python)."""

    lang: reactive[str] = reactive(DEFAULT_LANGUAGE, init=False)
    device: reactive[str] = reactive("", init=False)
    step_id: reactive[str] = reactive("", init=False)
    about: reactive[bool] = reactive(False, init=False)
    person_region: reactive[str | None] = reactive(None, init=False)
    records: reactive[GuideRecord] = reactive(NO_GUIDE, init=False)

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.guide = guide
        self._view = ""
        self._drawn: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="explanation-text", markup=False)
        if self.guide.link:
            from .qr import QRCode

            yield Static(id="qr-inline-caption", classes="qr-inline", markup=False)
            yield QRCode(self.guide.link, id="qr-inline", classes="qr-inline")

    def on_mount(self) -> None:
        self._draw()

    def watch_lang(self) -> None:
        self._draw()

    def watch_device(self) -> None:
        self._draw()

    def watch_step_id(self) -> None:
        self._draw()

    def watch_about(self) -> None:
        self._draw()

    def watch_person_region(self) -> None:
        self._draw()

    def watch_records(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()  # lines are broken here for the width (see ``wrap``)

    def _draw(self) -> None:
        if not self.is_mounted or not self.device:
            return
        guide, lang = self.guide, self.lang
        steps = guide.device(self.device).steps
        ticked = self.records.device(self.device).ticks.get(self.step_id)
        width = self.scrollable_content_region.width
        drawn = (lang, self.device, self.step_id, self.about, self.person_region, ticked, width)
        if drawn == self._drawn:
            return  # another step's tick, or the same state again: nothing to redraw
        self._drawn = drawn
        s: Strings = self.app.strings_for(lang)  # type: ignore[attr-defined]
        if self.about:
            catalog = self.app.catalog  # type: ignore[attr-defined]
            listed = {g.id: g for g in catalog.guides}
            related = tuple(listed[r].listing(lang).title for r in guide.related if r in listed)
            content = guide_view(guide, lang, s, self.person_region, related)
            view = "about"
        elif self.step_id in steps:
            step = guide.steps[self.step_id]
            ticked_at = self.records.device(self.device).ticks.get(step.id)
            position = (steps.index(step.id) + 1, len(steps))
            content = step_view(guide, step, lang, s, position, ticked_at)
            view = f"{self.device}/{step.id}"
        else:
            return
        self.query_one("#explanation-text", Static).update(break_lines(content, width))
        if guide.link:
            self.query_one("#qr-inline-caption", Static).update(Content(s("qr_caption")))
        if view != self._view:
            self._view = view
            self.scroll_home(animate=False)
