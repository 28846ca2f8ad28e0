"""One guide on screen: device tabs, the checklist, the explanation pane, and the keys for it.

The screen holds its state as reactive attributes (device, language, region, the saved
records, the highlighted step, the about view); the widgets follow them through
``data_bind`` and their own ``render``/``compute`` methods, so nothing is redrawn by hand.
A tick goes to the store off the event loop (a thread worker); its box turns ☑ when the
saved records come back from disk, so a box never shows a tick that a crash could lose.
"""

from __future__ import annotations

from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static, TabbedContent, TabPane

from ...catalog import DEFAULT_LANGUAGE, Guide, Step
from ...progress.records import NO_GUIDE, DeviceState, GuideRecord, device_state, start_device
from .. import keys, outside
from ..host import Host
from ..widgets.checklist import Checklist
from ..widgets.explanation import ExplanationPane
from ..widgets.keybar import KeyBar
from ..widgets.qr import QRCode
from ..widgets.status import DeviceIntro, Notice, ProgressLine, RegionLine

PHONE_DEVICE = "mobile"  # the tab that shows the QR code of the guide's link beside the list


class ChecklistScreen(Screen[None]):
    """Posts nothing: ticks and settings go through the app's store; state comes back here."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = keys.bindings(keys.CHECKLIST)
    AUTO_FOCUS = None  # the checklist takes focus itself, on its first unticked step

    device: reactive[str] = reactive("", init=False)
    lang: reactive[str] = reactive(DEFAULT_LANGUAGE, init=False)
    person_region: reactive[str | None] = reactive(None, init=False)
    region_asked: reactive[bool] = reactive(True, init=False)
    region_name: reactive[str] = reactive("", init=False)
    records: reactive[GuideRecord] = reactive(NO_GUIDE, init=False)
    step_id: reactive[str] = reactive("", init=False)
    about: reactive[bool] = reactive(False, init=False)

    def __init__(self, guide: Guide) -> None:
        super().__init__(id=f"guide-{guide.id}")
        self.guide = guide

    @property
    def optout(self) -> Host:
        return cast("Host", self.app)

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        app, guide = self.optout, self.guide
        self.records = app.saver.guide(guide.id)
        self.lang = app.lang
        self._follow_region()
        self.device = start_device(guide, self.records)
        text = guide.text(self.lang)
        yield Header(icon="☰")
        yield Notice(guide, id="notice").data_bind(
            ChecklistScreen.lang,
            ChecklistScreen.device,
            ChecklistScreen.records,
            ChecklistScreen.region_asked,
            ChecklistScreen.person_region,
        )
        with Horizontal(id="main"):
            with Vertical(id="steps-column"):
                with TabbedContent(id="devices", initial=f"tab-{self.device}"):
                    for device in guide.devices:
                        with TabPane(Content(text.devices[device.id].name), id=f"tab-{device.id}"):
                            yield Checklist(
                                device.id, guide.device_steps(device.id), id=f"list-{device.id}"
                            ).data_bind(ChecklistScreen.lang)
                yield ProgressLine(guide, id="progress").data_bind(
                    ChecklistScreen.lang, ChecklistScreen.device, ChecklistScreen.records
                )
                yield RegionLine(id="region-line").data_bind(
                    ChecklistScreen.lang, ChecklistScreen.region_name
                )
                if guide.link:
                    yield Static(id="qr-caption", classes="qr-beside", markup=False)
                    yield QRCode(guide.link, id="qr", classes="qr-beside")
                yield DeviceIntro(guide, id="device-intro").data_bind(
                    ChecklistScreen.lang, ChecklistScreen.device
                )
            yield ExplanationPane(guide, id="explanation").data_bind(
                ChecklistScreen.lang,
                ChecklistScreen.device,
                ChecklistScreen.step_id,
                ChecklistScreen.about,
                ChecklistScreen.person_region,
                ChecklistScreen.records,
            )
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._app_lang, init=False)
        self.watch(self.app, "region", lambda _: self._follow_region(), init=False)
        self._words()
        self._fill_lists()
        for checklist in self.query(Checklist):  # the saved ticks are in: the first to do
            checklist.highlighted = checklist.first_unticked()
        self._focus_list()
        step = self.checklist().current_step
        self.step_id = step.id if step else ""
        self._show_qr()

    def _show_qr(self) -> None:
        """The QR code and its caption on the phone tab only: the classes go on those few
        widgets (not on the screen, which would restyle everything at each tab switch)."""
        phone = self.device == PHONE_DEVICE
        for widget in self.query(".qr-beside, .qr-inline"):
            if isinstance(widget, QRCode):
                widget.show(phone)
            else:
                widget.set_class(phone, "-on")

    def _app_lang(self, lang: str) -> None:
        self.lang = lang

    def _follow_region(self) -> None:
        app = self.optout
        self.person_region = app.region
        self.region_asked = app.region_asked or not app.catalog.regions
        self.region_name = app.region_name(self.lang)

    # ------------------------------------------------------------------ state → widgets

    def watch_lang(self) -> None:
        self.region_name = self.optout.region_name(self.lang)
        if self.is_mounted:
            self._words()

    def _words(self) -> None:
        """The few texts Textual's own widgets hold (title, tab labels), as Content."""
        text = self.guide.text(self.lang)
        self.title = text.title
        self.sub_title = text.setting
        tabs = self.query_one("#devices", TabbedContent)
        for device in self.guide.devices:
            tabs.get_tab(f"tab-{device.id}").label = Content(text.devices[device.id].name)
        if self.guide.link:
            self.query_one("#qr-caption", Static).update(
                Content(self.optout.strings_for(self.lang)("qr_caption"))
            )

    def watch_records(self) -> None:
        self._fill_lists()

    def _fill_lists(self) -> None:
        for device in self.guide.devices:
            ticks = self.records.device(device.id).ticks
            for checklist in self.query(f"#list-{device.id}").results(Checklist):
                checklist.ticks = ticks

    def watch_device(self, device: str) -> None:
        self._show_qr()
        if self.is_mounted:
            self._focus_list()
            step = self.checklist().current_step
            self.step_id = step.id if step else ""

    # ------------------------------------------------------------------ what is on screen

    def checklist(self, device_id: str | None = None) -> Checklist:
        return self.query_one(f"#list-{device_id or self.device}", Checklist)

    @property
    def current_step(self) -> Step | None:
        return self.checklist().current_step if self.is_mounted else None

    def _focus_list(self) -> None:
        checklist = self.checklist()
        if checklist.highlighted is None:
            checklist.highlighted = checklist.first_unticked()
        checklist.focus()

    # ------------------------------------------------------------------ events

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        list_ = event.option_list
        # A redraw of the same list (another window's tick) re-highlights the same step:
        # only a move to another step leaves the about view.
        mine = isinstance(list_, Checklist) and list_.device_id == self.device
        if mine and event.option.id != self.step_id:
            self.about = False
            self.step_id = event.option.id or ""

    @on(TabbedContent.TabActivated, "#devices")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.device = (event.pane.id or "").removeprefix("tab-")

    @on(Checklist.Toggled)
    def _toggled(self, event: Checklist.Toggled) -> None:
        self.optout.saver.tick(self.guide, event.control.device_id, event.step_id, event.ticked)

    def device_state(self, device_id: str | None = None) -> DeviceState:
        device_id = device_id or self.device
        return device_state(self.guide, device_id, self.records.device(device_id))

    # ------------------------------------------------------------------ actions

    def action_device(self, step: int) -> None:
        ids = [d.id for d in self.guide.devices]
        self.action_device_at((ids.index(self.device) + step) % len(ids))

    def action_device_at(self, index: int) -> None:
        if 0 <= index < len(self.guide.devices):
            tabs = self.query_one("#devices", TabbedContent)
            tabs.active = f"tab-{self.guide.devices[index].id}"

    def action_scroll_explanation(self, direction: int) -> None:
        pane = self.query_one(ExplanationPane)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_about(self) -> None:
        self.about = not self.about

    def action_open_link(self) -> None:
        outside.open_link(self.optout, outside.step_link(self.current_step))

    def action_copy(self) -> None:
        outside.copy_for_step(self.optout, self.guide, self.current_step, self.lang)

    def action_qr(self) -> None:
        outside.show_qr(self.optout, self.guide, self.lang)

    def action_region(self) -> None:
        self.optout.ask_region()

    def action_check_again(self) -> None:
        """Archive the finished pass and start a fresh one, once the person says yes."""
        if self.device_state().done:
            from .confirm import ask_check_again

            ask_check_again(self.optout, self.guide, self.device, self.checklist().restart)

    def action_export(self) -> None:
        outside.export(self.optout, self.guide)

    def action_guides(self) -> None:
        self.optout.show_catalog()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would do nothing here are hidden from the bar, help and palette."""
        if action == "guides":
            return len(self.optout.catalog.guides) > 1
        if action == "qr":
            return bool(self.guide.link)
        return True
