"""OptOutApp: the checklist, the device tabs and the explanation pane, wired to the store.

Widgets never touch files: every tick goes through :class:`ProgressStore`, which writes it
before the screen shows it as saved. The app only reads content it was given, so it can be
driven headless with no arguments (tests, benchmarks) or from the CLI with a chosen folder.
"""

from __future__ import annotations

import contextlib
import webbrowser
from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane

from .content import Catalog, Guide, load_catalog
from .i18n import Strings, choose_language, next_language
from .plain import device_counts, local_date
from .progress import ProgressError, ProgressStore, ReadOnlyError, UnsavedError
from .screens.completion import CompletionScreen
from .screens.help import HelpScreen
from .widgets.checklist import Checklist
from .widgets.explanation import ExplanationPane, guide_view, step_view

SYNC_SECONDS = 2.0  # how often to look (one stat call) for ticks made in another window

# Binding id -> interface string key, so the Footer speaks the person's language.
BINDING_TEXT = {
    "tick": "key_tick",
    "open": "key_open",
    "about": "key_about",
    "help": "key_help",
    "quit": "key_quit",
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
        Binding("o", "open_link", "Open link", id="open"),
        Binding("i", "about", "What it covers", id="about"),
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", show=False),
        Binding("q", "quit", "Quit", id="quit"),
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
        self.catalog = catalog or load_catalog()
        if store is None:
            store = ProgressStore(data_dir)
            store.load()
        self.store = store
        self.lang = lang or choose_language(self.catalog.ui, None, store.language)
        self.guide: Guide = self.catalog.guide(guide_id) if guide_id else self.catalog.guides[0]
        self.device_id = self._starting_device()
        self.showing_about = False

    # ------------------------------------------------------------------ helpers

    @property
    def s(self) -> Strings:
        return Strings(self.lang, self.catalog.ui[self.lang])

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

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        text = self.guide.text(self.lang)
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="steps-column"):
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
                yield Static(id="device-intro", markup=False)
            yield ExplanationPane(id="explanation")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_all()
        checklist = self._checklist()
        checklist.highlighted = self._first_unticked(checklist)
        checklist.focus()
        if self.store.recovered:
            rec = self.store.recovered
            self.notify(
                self.s("recovered", path=rec.path, moved_to=rec.moved_to, reason=rec.reason),
                severity="warning",
                timeout=20,
                markup=False,
            )
        if self.store.read_only:
            self.notify(self.s("read_only"), severity="warning", timeout=20, markup=False)
        self.set_interval(SYNC_SECONDS, self.sync_from_disk)

    def _first_unticked(self, checklist: Checklist) -> int:
        ticks = self._ticks(checklist.device_id)
        for index, step in enumerate(checklist.steps):
            if step.id not in ticks:
                return index
        return 0

    def refresh_all(self) -> None:
        """Redraw every word on screen in the current language (also after a switch)."""
        text = self.guide.text(self.lang)
        self.title = text.title
        self.sub_title = text.setting
        tabs = self.query_one("#devices", TabbedContent)
        for device in self.guide.devices:
            tabs.get_tab(f"tab-{device.id}").label = Content(text.devices[device.id].name)
            self._checklist(device.id).show(self.lang, self._ticks(device.id))
        self._translate_bindings()
        self.refresh_progress()
        self.explain()

    def _translate_bindings(self) -> None:
        s = self.s
        other = next_language(self.lang, self.catalog.ui)
        texts = {key: s(value) for key, value in BINDING_TEXT.items()}
        texts["language"] = self.catalog.ui[other]["language_name"]
        for node in [self, *self.query(Checklist)]:
            for key, bindings in node._bindings.key_to_bindings.items():
                node._bindings.key_to_bindings[key] = [
                    replace(b, description=texts[b.id]) if b.id in texts else b for b in bindings
                ]
        self.refresh_bindings()

    def refresh_progress(self) -> None:
        done, total = device_counts(self.guide, self.device_id, self._ticks())
        record = self.store.device(self.guide.id, self.device_id)
        if done == total and record.get("completed"):
            line = self.s("progress_complete", total=total, date=local_date(record["completed"]))
        else:
            line = self.s("progress_count", done=done, total=total)
        progress = self.query_one("#progress", Static)
        progress.update(Content(line))
        progress.set_class(done == total, "-complete")
        intro = self.guide.text(self.lang).devices[self.device_id].intro
        self.query_one("#device-intro", Static).update(Content(intro))

    def explain(self) -> None:
        pane = self.query_one(ExplanationPane)
        if self.showing_about:
            pane.show(guide_view(self.guide, self.lang, self.s))
            return
        checklist = self._checklist()
        step = checklist.current_step
        if step is None:
            return
        position = (checklist.steps.index(step) + 1, len(checklist.steps))
        ticked_at = self._ticks().get(step.id)
        pane.show(step_view(self.guide, step, self.lang, self.s, position, ticked_at))

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
        checklist = self._checklist()
        if checklist.highlighted is None:
            checklist.highlighted = self._first_unticked(checklist)
        checklist.focus()
        self.refresh_progress()
        self.explain()

    @on(Checklist.Toggled)
    def _toggled(self, event: Checklist.Toggled) -> None:
        self.toggle(event.checklist.device_id, event.step_id)

    def toggle(self, device_id: str, step_id: str) -> None:
        """Tick or untick, save at once, then show it; completion when the last box goes."""
        guide = self.guide
        ticked = step_id not in self._ticks(device_id)
        was_complete = self._complete(device_id)
        try:
            self.store.set_tick(guide.id, device_id, step_id, ticked, guide.revision)
        except ReadOnlyError:
            self.notify(self.s("read_only"), severity="warning", markup=False)
            return
        except UnsavedError as exc:
            self.notify(
                self.s("not_saved", reason=exc.reason), severity="error", timeout=15, markup=False
            )
        except ProgressError as exc:
            self.notify(str(exc), severity="error", timeout=15, markup=False)
            return
        checklist = self._checklist(device_id)
        checklist.show_step(step_id, self.lang, ticked)
        if ticked and checklist.current_step and checklist.current_step.id == step_id:
            checklist.highlighted = self._next_unticked(checklist)
        now_complete = self._complete(device_id)
        if now_complete != was_complete:
            self._record_completion(device_id, now_complete)
        self.refresh_progress()
        self.explain()

    def _next_unticked(self, checklist: Checklist) -> int | None:
        """After a tick, move on to the next step still to do (or stay on the last one)."""
        ticks = self._ticks(checklist.device_id)
        start = checklist.highlighted or 0
        order = list(range(start + 1, len(checklist.steps))) + list(range(start + 1))
        for index in order:
            if checklist.steps[index].id not in ticks:
                return index
        return start

    def _complete(self, device_id: str) -> bool:
        done, total = device_counts(self.guide, device_id, self._ticks(device_id))
        return done == total

    def _record_completion(self, device_id: str, complete: bool) -> None:
        try:
            if complete:
                self.store.mark_complete(self.guide.id, device_id, self.guide.revision)
            else:
                self.store.clear_complete(self.guide.id, device_id)
        except UnsavedError:
            pass  # already said by the tick that triggered it; retried with the next write
        except ProgressError as exc:
            self.notify(str(exc), severity="error", markup=False)
        if complete:
            self.show_completion(device_id)

    def show_completion(self, device_id: str | None = None) -> None:
        device_id = device_id or self.device_id
        record = self.store.device(self.guide.id, device_id)
        stamp = record.get("completed") or max(self._ticks(device_id).values())
        name = self.guide.text(self.lang).devices[device_id].name
        self.push_screen(CompletionScreen(self.guide, self.lang, self.s, name, local_date(stamp)))

    def sync_from_disk(self) -> None:
        """Show ticks made in another window; never while our own changes wait to be saved."""
        if self.store.unsaved or not self.store.changed_on_disk():
            return
        try:
            self.store.load()
        except ProgressError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        for device in self.guide.devices:
            self._checklist(device.id).show(self.lang, self._ticks(device.id))
        self.refresh_progress()
        self.explain()

    def on_app_focus(self) -> None:
        self.sync_from_disk()

    # ------------------------------------------------------------------ actions

    def action_device(self, step: int) -> None:
        ids = [d.id for d in self.guide.devices]
        self.action_device_at((ids.index(self.device_id) + step) % len(ids))

    def action_device_at(self, index: int) -> None:
        if 0 <= index < len(self.guide.devices):
            tabs = self.query_one("#devices", TabbedContent)
            tabs.active = f"tab-{self.guide.devices[index].id}"

    def action_language(self) -> None:
        self.lang = next_language(self.lang, self.catalog.ui)
        # The switch happens even if it cannot be saved; ticks report saving problems.
        with contextlib.suppress(ProgressError):
            self.store.set_language(self.lang)
        self.refresh_all()

    def action_about(self) -> None:
        self.showing_about = not self.showing_about
        self.explain()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.s, str(self.store.path)))

    def action_open_link(self) -> None:
        step = self._checklist().current_step
        url = step.link if step else None
        if url is None:
            self.notify(self.s("no_link"), markup=False)
            return
        if not url.startswith("https://"):
            return  # the validator refuses these; never hand anything else to a browser
        if open_in_browser(url):
            self.notify(self.s("opened_link", url=url), markup=False)
        else:
            self.notify(self.s("open_failed", url=url), timeout=20, markup=False)

    async def action_quit(self) -> None:
        self.exit(0)


def open_in_browser(url: str) -> bool:
    """Hand the link to a graphical browser; a console one would take over this terminal."""
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
