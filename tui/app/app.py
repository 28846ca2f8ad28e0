"""OptOutApp: the checklist, the device tabs and the explanation pane, wired to the store.

Widgets never touch files: every tick goes through :class:`ProgressStore`, which writes it
at once; a tick that cannot be written is said so on the spot, and one that must not be
(a read-only file) is taken back off the screen. The app only reads content it was given,
so it can be driven headless with no arguments (tests, benchmarks) or from the CLI.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Header, OptionList, Static, TabbedContent, TabPane

from ..catalog import Catalog, Guide, load_catalog
from ..progress.records import (
    UNKNOWN_REGION,
    DeviceState,
    changes_since,
    chosen_region,
    device_state,
)
from ..progress.store import ProgressError, ProgressStore, ReadOnlyError, UnsavedError
from ..text.i18n import Strings, choose_language, next_language
from ..text.plain import local_date
from .widgets.checklist import Checklist
from .widgets.explanation import ExplanationPane, guide_view, step_view
from .widgets.keybar import KeyBar
from .widgets.qr import qr_content

SYNC_SECONDS = 2.0  # how often to look (one stat call) for ticks made in another window
PHONE_DEVICE = "mobile"  # the tab that offers a QR code of the guide's link
# The QR sits under the list only where all of it fits (19 rows plus the list above it);
# anywhere smaller it follows the step's explanation, which scrolls.
QR_BESIDE_MIN = Size(100, 40)
HIGH_CONTRAST = Theme(
    name="optout-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
)
STANDARD_THEME = "textual-dark"

# Binding id -> interface string key, so the Footer speaks the person's language.
BINDING_TEXT = {
    "tick": "key_tick",
    "about": "key_about",
    "guides": "key_guides",
    "help": "key_help",
    "quit": "key_quit",
}
# The key bar: binding id -> the key as shown (the id is also the action a click runs).
KEY_SHOWN = {
    "tick": "space",
    "language": "l",
    "about": "i",
    "guides": "g",
    "help": "f1",
    "quit": "q",
}


class OptOutApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "optout-tui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("left", "device(-1)", show=False),
        Binding("right", "device(1)", show=False),
        Binding("1", "device_at(0)", show=False),
        Binding("2", "device_at(1)", show=False),
        Binding("l", "language", "Language", id="language"),
        Binding("i", "about", "What it covers", id="about"),
        Binding("g", "guides", "Guides", id="guides"),
        Binding("f1", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", show=False),
        Binding("o", "open_link", show=False),
        Binding("c", "copy_link", show=False),
        Binding("r", "region", show=False),
        Binding("a", "check_again", show=False),
        Binding("t", "toggle_theme", show=False),
    ]

    def __init__(
        self,
        catalog: Catalog | None = None,
        store: ProgressStore | None = None,
        lang: str | None = None,
        *,
        data_dir: Path | None = None,
        guide_id: str | None = None,
    ) -> None:
        super().__init__()
        # Calm and quick: no sliding underlines or fades (and Pilot need not wait for them).
        self.animation_level = "none"
        self.catalog = catalog or load_catalog()
        if store is None:
            store = ProgressStore(data_dir)
            store.load()
        self.store = store
        self.lang = lang or choose_language(self.catalog.ui, None, store.language)
        saved_guide = store.setting("guide")
        known = {g.id for g in self.catalog.guides}
        chosen = guide_id or (saved_guide if saved_guide in known else None)
        self.guide: Guide = self.catalog.guide(chosen) if chosen else self.catalog.guides[0]
        self.device_id = self._starting_device()
        self.showing_about = False
        self._stale: set[str] = set()  # device lists to refill when their tab is shown
        self._qr_was_beside: bool | None = None  # where the QR went at the last resize
        self.register_theme(HIGH_CONTRAST)
        if store.setting("theme") == HIGH_CONTRAST.name:
            self.theme = HIGH_CONTRAST.name

    # ------------------------------------------------------------------ helpers

    @property
    def s(self) -> Strings:
        return Strings(self.lang, self.catalog.ui[self.lang])

    @property
    def region(self) -> str | None:
        """The person's region, or None when they have not said (everything is shown)."""
        return chosen_region(self.store.setting("region"))

    def _starting_device(self) -> str:
        """The device the person last ticked on, so a restart continues where they were."""
        latest: tuple[str, str] | None = None
        for device in self.guide.devices:
            for stamp in self.store.ticks(self.guide.id, device.id).values():
                if latest is None or stamp > latest[0]:
                    latest = (stamp, device.id)
        return latest[1] if latest else self.guide.devices[0].id

    def _checklist(self, device_id: str | None = None) -> Checklist:
        return self.query_one(f"#list-{device_id or self.device_id}", Checklist)

    def _ticks(self, device_id: str | None = None) -> dict[str, str]:
        return self.store.ticks(self.guide.id, device_id or self.device_id)

    def _state(self, device_id: str | None = None) -> DeviceState:
        device_id = device_id or self.device_id
        return device_state(self.guide, device_id, self.store.device(self.guide.id, device_id))

    def _say(self, message: str, severity: str = "information", timeout: float = 6) -> None:
        self.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        text = self.guide.text(self.lang)
        yield Header()
        yield Static(id="notice", markup=False)
        with Horizontal(id="main"):
            with VerticalScroll(id="steps-column", can_focus=False):
                with TabbedContent(id="devices", initial=f"tab-{self.device_id}"):
                    for device in self.guide.devices:
                        name = Content(text.devices[device.id].name)
                        with TabPane(name, id=f"tab-{device.id}"):
                            yield Checklist(
                                device.id,
                                self.guide.device_steps(device.id),
                                id=f"list-{device.id}",
                            )
                yield Static(id="progress", markup=False)
                yield Static(id="qr-caption", markup=False)
                yield Static(id="qr", markup=False)
                yield Static(id="device-intro", markup=False)
            yield ExplanationPane(id="explanation")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.refresh_all()
        self._focus_checklist()
        if self.store.recovered:
            rec = self.store.recovered
            self._say(
                self.s("recovered", path=rec.path, moved_to=rec.moved_to, reason=rec.reason),
                "warning",
                20,
            )
        if self.store.read_only:
            self._say(self.s("read_only"), "warning", 20)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(SYNC_SECONDS, self.sync_from_disk)

    def _focus_checklist(self) -> None:
        checklist = self._checklist()
        if checklist.highlighted is None:
            checklist.highlighted = checklist.first_unticked()
        checklist.focus()

    def refresh_all(self) -> None:
        """Redraw every word on screen in the current language (also after a switch)."""
        text = self.guide.text(self.lang)
        self.title = text.title
        self.sub_title = text.setting
        tabs = self.query_one("#devices", TabbedContent)
        for device in self.guide.devices:
            tabs.get_tab(f"tab-{device.id}").label = Content(text.devices[device.id].name)
        self._redraw_lists()
        texts = self._key_texts()
        self._translate_bindings(texts)
        self._show_keys(texts)
        self.refresh_progress()
        self.explain()

    def _redraw_lists(self) -> None:
        """Fill the visible list now; hidden tabs are filled when first shown."""
        self._checklist().show(self.lang, self._ticks())
        self._stale = {d.id for d in self.guide.devices} - {self.device_id}

    def _key_texts(self) -> dict[str, str]:
        """Binding id -> what the key does, in the current language: one source for both the
        key bar and the bindings (which Textual's palette and key panel read)."""
        texts = {key: self.s(value) for key, value in BINDING_TEXT.items()}
        other = next_language(self.lang, self.catalog.ui)
        texts["language"] = self.catalog.ui[other]["language_name"]
        return texts

    def _translate_bindings(self, texts: dict[str, str]) -> None:
        for node in [self, *self.query(Checklist)]:
            for key, bindings in node._bindings.key_to_bindings.items():
                node._bindings.key_to_bindings[key] = [
                    replace(b, description=texts[b.id]) if b.id in texts else b for b in bindings
                ]
        self.refresh_bindings()

    def _show_keys(self, texts: dict[str, str]) -> None:
        shown = ["tick", "language", "about"]
        if len(self.catalog.guides) > 1:
            shown.append("guides")
        shown += ["help", "quit"]
        self.query_one(KeyBar).show([(KEY_SHOWN[i], texts[i], f"app.{i}") for i in shown])

    def refresh_progress(self) -> None:
        """The count under the list, the device's intro, the QR code, and the notice bar."""
        s, state = self.s, self._state()
        if state.complete and state.completed:
            line = s("progress_complete", total=state.total, date=local_date(state.completed))
            days = state.checked_days_ago()
            if days:
                line += f" ({s('checked_ago', days=days)})"
        else:
            line = s("progress_count", done=state.done, total=state.total)
        progress = self.query_one("#progress", Static)
        _set(progress, Content(line))
        progress.set_class(state.complete, "-complete")
        intro = self.guide.text(self.lang).devices[self.device_id].intro
        _set(self.query_one("#device-intro", Static), Content(intro))
        self.refresh_qr()
        self.refresh_notice()

    def _qr_beside(self, size: Size | None = None) -> bool:
        size = size or self.size
        return size.width >= QR_BESIDE_MIN.width and size.height >= QR_BESIDE_MIN.height

    def refresh_qr(self, size: Size | None = None) -> None:
        """One QR at a time: under the list when it fits, else in the explanation."""
        url = self._phone_link()
        beside = url is not None and self._qr_beside(size)
        _set(self.query_one("#qr-caption", Static), Content(self.s("qr_caption")))
        _set(self.query_one("#qr", Static), qr_content(url) if beside and url else Content(""))
        for widget_id in ("#qr-caption", "#qr"):
            self.query_one(widget_id).display = beside

    def _phone_link(self) -> str | None:
        return self.guide.link if self.device_id == PHONE_DEVICE else None

    def refresh_notice(self) -> None:
        s, state, message = self.s, self._state(), ""
        if state.outdated and state.completed_revision is not None:
            notes = " ".join(changes_since(self.guide, self.lang, state.completed_revision))
            message = s(
                "changed_banner", old=state.completed_revision, new=self.guide.revision, notes=notes
            )
        elif self.store.setting("region") is None and self.catalog.regions:
            message = s("region_banner")
        notice = self.query_one("#notice", Static)
        _set(notice, Content(message))
        notice.display = bool(message)
        notice.set_class(state.outdated, "-changed")

    def explain(self, size: Size | None = None) -> None:
        pane = self.query_one(ExplanationPane)
        if self.showing_about:
            pane.show(guide_view(self.guide, self.lang, self.s, self.region))
            return
        checklist = self._checklist()
        step = checklist.current_step
        if step is None:
            return
        position = (checklist.steps.index(step) + 1, len(checklist.steps))
        ticked_at = self._ticks().get(step.id)
        content = step_view(self.guide, step, self.lang, self.s, position, ticked_at)
        url = self._phone_link()
        if url and not self._qr_beside(size):
            content = Content("\n").join(
                [content, Content(""), Content(self.s("qr_caption")), qr_content(url)]
            )
        pane.show(content)

    # ------------------------------------------------------------------ events

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self._checklist():
            self.showing_about = False
            self.explain()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = event.pane.id or ""
        self.device_id = pane_id.removeprefix("tab-")
        if self.device_id in self._stale:
            self._stale.discard(self.device_id)
            self._checklist().show(self.lang, self._ticks())
        self._focus_checklist()
        with self.batch_update():
            self.refresh_progress()
            self.explain()

    @on(Checklist.Toggled)
    def _toggled(self, event: Checklist.Toggled) -> None:
        self.save_tick(event.checklist.device_id, event.step_id, event.ticked)

    def on_resize(self, event: events.Resize) -> None:
        # Decide from the new size: the screen's breakpoint classes change a moment later.
        beside = self._qr_beside(event.size)
        if beside != self._qr_was_beside:
            self._qr_was_beside = beside
            self.refresh_qr(event.size)
            self.explain(event.size)

    def save_tick(self, device_id: str, step_id: str, ticked: bool) -> None:
        """Save the state the checklist now shows; completion when the last box goes."""
        guide = self.guide
        was_complete = self._state(device_id).all_ticked
        try:
            self.store.set_tick(guide.id, device_id, step_id, ticked, guide.revision)
        except UnsavedError as exc:
            self._say(self.s("not_saved", reason=exc.reason), "error", 15)
        except ProgressError as exc:
            # Read-only or unreadable: show what is really saved, not what was asked.
            message = self.s("read_only") if isinstance(exc, ReadOnlyError) else str(exc)
            self._say(message, "warning", 15)
            self._checklist(device_id).show(self.lang, self._ticks(device_id))
            return
        now_complete = self._state(device_id).all_ticked
        if now_complete != was_complete:
            self._record_completion(device_id, now_complete)
        with self.batch_update():
            self.refresh_progress()
            self.explain()

    def _record_completion(self, device_id: str, complete: bool) -> None:
        try:
            if complete:
                self.store.mark_complete(self.guide.id, device_id, self.guide.revision)
            else:
                self.store.clear_complete(self.guide.id, device_id)
        except UnsavedError:
            pass  # already said by the tick that triggered it; retried with the next write
        except ProgressError as exc:
            self._say(str(exc), "error")
        if complete:
            self.show_completion(device_id)

    def show_completion(self, device_id: str | None = None) -> None:
        device_id = device_id or self.device_id
        state = self._state(device_id)
        stamp = state.completed or state.last_tick or ""
        name = self.guide.text(self.lang).devices[device_id].name
        from .screens.completion import CompletionScreen

        self.push_screen(
            CompletionScreen(self.guide, self.lang, self.s, name, local_date(stamp), self.region)
        )

    def sync_from_disk(self) -> None:
        """Show ticks made in another window; never while our own changes wait to be saved."""
        if self.store.unsaved or not self.store.changed_on_disk():
            return
        try:
            self.store.load()
        except ProgressError as exc:
            self._say(str(exc), "error")
            return
        self._redraw_lists()
        self.refresh_progress()
        self.explain()

    def on_app_focus(self) -> None:
        self.sync_from_disk()

    def _theme_changed(self, theme: Theme) -> None:
        with contextlib.suppress(ProgressError):
            self.store.set_setting("theme", theme.name)

    def _save(self, key: str, value: str) -> None:
        """Save a choice; it still takes effect now if it cannot be saved."""
        try:
            self.store.set_setting(key, value)
        except UnsavedError as exc:
            self._say(self.s("not_saved", reason=exc.reason), "error", 15)
        except ProgressError:
            pass  # read-only: already said at start

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the guide picker's key while there is only one guide."""
        return not (action == "guides" and len(self.catalog.guides) < 2)

    def action_tick(self) -> None:
        """For a click on "space" in the key bar: the same as the key in the list."""
        self._checklist().action_select()

    def action_device(self, step: int) -> None:
        ids = [d.id for d in self.guide.devices]
        self.action_device_at((ids.index(self.device_id) + step) % len(ids))

    def action_device_at(self, index: int) -> None:
        if 0 <= index < len(self.guide.devices):
            tabs = self.query_one("#devices", TabbedContent)
            tabs.active = f"tab-{self.guide.devices[index].id}"

    def action_language(self) -> None:
        self.lang = next_language(self.lang, self.catalog.ui)
        self._save("language", self.lang)
        self.refresh_all()

    def action_about(self) -> None:
        self.showing_about = not self.showing_about
        self.explain()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.s, str(self.store.path)))

    def action_region(self) -> None:
        current = self.store.setting("region")
        from .screens.region import RegionScreen

        self.push_screen(RegionScreen(self.catalog, self.lang, self.s, current), self._region_set)

    def _region_set(self, region: str | None) -> None:
        if region is None:
            return
        self._save("region", region)
        name = (
            self.s("region_everything")
            if region == UNKNOWN_REGION
            else self.catalog.region_name(region, self.lang)
        )
        self._say(self.s("region_saved", region=name))
        self.refresh_progress()
        self.explain()

    def action_guides(self) -> None:
        if len(self.catalog.guides) < 2:
            return
        choices = []
        for guide in self.catalog.guides:
            text = guide.text(self.lang)
            counts = []
            for device in guide.devices:
                state = device_state(guide, device.id, self.store.device(guide.id, device.id))
                counts.append(f"{text.devices[device.id].name} {state.done}/{state.total}")
            choices.append((guide.id, text.title, " · ".join(counts)))
        from .screens.guides import GuidePicker

        picker = GuidePicker(self.s("guides_title"), choices, self.guide.id)
        self.push_screen(picker, self._guide_chosen)

    def _guide_chosen(self, guide_id: str | None) -> None:
        if guide_id is not None and guide_id != self.guide.id:
            self.call_later(self.switch_guide, guide_id)

    async def switch_guide(self, guide_id: str) -> None:
        self.guide = self.catalog.guide(guide_id)
        self.device_id = self._starting_device()
        self.showing_about = False
        self._save("guide", guide_id)
        await self.recompose()
        self.refresh_all()
        self._focus_checklist()

    def action_check_again(self) -> None:
        """Archive the finished pass and start a fresh one (nothing is deleted)."""
        state = self._state()
        if state.done == 0:
            return
        try:
            self.store.check_again(self.guide.id, self.device_id)
        except UnsavedError as exc:
            self._say(self.s("not_saved", reason=exc.reason), "error", 15)
        except ProgressError as exc:
            self._say(str(exc), "error")
            return
        checklist = self._checklist()
        checklist.show(self.lang, self._ticks())
        checklist.highlighted = checklist.first_unticked()
        self._say(self.s("check_again_done"))
        self.refresh_progress()
        self.explain()

    def action_open_link(self) -> None:
        url = self._current_link()
        if url is None:
            self._say(self.s("no_link"))
            return
        if open_in_browser(url):
            self._say(self.s("opened_link", url=url))
        else:
            self._say(self.s("open_failed", url=url), timeout=20)

    def action_copy_link(self) -> None:
        url = self._current_link() or self.guide.link
        if url is None:
            self._say(self.s("no_link"))
            return
        self.copy_to_clipboard(url)  # OSC 52: works over SSH too, where the terminal allows
        self._say(self.s("copied", url=url), timeout=10)

    def _current_link(self) -> str | None:
        step = self._checklist().current_step
        url = step.link if step else None
        # The validator refuses anything else; never hand another scheme to a browser.
        return url if url and url.startswith("https://") else None

    def action_toggle_theme(self) -> None:
        self.theme = STANDARD_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def action_export(self) -> None:
        from ..text import export as record

        guide = self.guide
        records = {d.id: self.store.device(guide.id, d.id) for d in guide.devices}
        data = record.build(self.catalog, guide, records, self.lang, self.region)
        path = self.store.dir / record.default_filename(guide, "md")
        try:
            self.store.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.write_text(record.to_markdown(data, self.s), encoding="utf-8")
        except OSError as exc:
            self._say(self.s("not_saved", reason=exc.strerror or str(exc)), "error", 15)
            return
        self._say(self.s("exported", path=path), timeout=15)

    async def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The Ctrl+P palette, in the person's language (Textual's own are English-only)."""
        s, text = self.s, self.guide.text(self.lang)
        other = self.catalog.ui[next_language(self.lang, self.catalog.ui)]["language_name"]
        for index, device in enumerate(self.guide.devices):
            name = text.devices[device.id].name
            yield SystemCommand(
                s("cmd_device", device=name), name, lambda i=index: self.action_device_at(i)
            )
        yield SystemCommand(s("cmd_language", language=other), "l", self.action_language)
        yield SystemCommand(s("cmd_region"), s("help_region"), self.action_region)
        if len(self.catalog.guides) > 1:
            for guide in self.catalog.guides:
                title = guide.text(self.lang).title
                yield SystemCommand(
                    s("cmd_guide", guide=title),
                    s("help_guides"),
                    lambda g=guide.id: self.call_later(self.switch_guide, g),
                )
        yield SystemCommand(s("cmd_again"), s("help_again"), self.action_check_again)
        yield SystemCommand(s("cmd_copy"), s("help_copy"), self.action_copy_link)
        yield SystemCommand(s("cmd_export"), s("cmd_export"), self.action_export)
        yield SystemCommand(s("cmd_theme"), s("help_theme"), self.action_toggle_theme)
        yield SystemCommand(s("cmd_help"), "F1", self.action_help)
        yield SystemCommand(s("cmd_quit"), "q", self.exit)


def _set(widget: Static, content: Content) -> None:
    """Update only on a real change: each update costs a layout pass of the whole screen."""
    if widget.content != content:
        widget.update(content)


def open_in_browser(url: str) -> bool:
    """Hand the link to a graphical browser; a console one would take over this terminal."""
    import webbrowser  # only when a link is opened: it is slow to import

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
        browser, webbrowser.BackgroundBrowser
    ):
        return False
    try:
        return bool(browser.open(url, new=2))
    except Exception:  # a broken browser setup must not crash the checklist
        return False
