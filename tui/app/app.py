"""OptOutApp: the store, the themes, the palette and the screen stack; nothing about one guide.

Each guide is a :class:`ChecklistScreen` that holds its own state; the catalog screen lies
under it. The app owns the one :class:`ProgressStore`: every change goes through
:meth:`OptOutApp.write`, which runs in a thread worker (a write never blocks the interface)
and hands the saved records back to the screens, which draw themselves from them. What the
store reports (a damaged file moved aside, unsaved changes, another window's ticks) is said
to the person whenever it happens. Widgets never touch files.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.reactive import reactive
from textual.theme import Theme

from ..catalog import Catalog, Guide, load_catalog
from ..progress.records import UNKNOWN_REGION, chosen_region, device_state
from ..progress.store import ProgressError, ProgressStore, ReadOnlyError, UnsavedError
from ..text.i18n import Strings, choose_language, next_language
from . import keys
from .palette import GuideCommands
from .screens.catalog import CatalogScreen
from .screens.checklist import ChecklistScreen
from .widgets.status import Records

SYNC_SECONDS = 2.0  # how often to look (one stat call) for ticks made in another window
RETRY_SECONDS = 5.0  # how often to try again to save changes that could not be saved
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


class OptOutApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "optout-tui"
    COMMANDS = {GuideCommands}
    BINDINGS = [Binding("ctrl+c", "help_quit", show=False), *keys.bindings(keys.APP)]

    lang: reactive[str] = reactive("en", init=False)
    region: reactive[str | None] = reactive(None, init=False)

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
        self._write_lock = threading.Lock()  # one write at a time, in order
        self.lang = lang or choose_language(self.catalog.ui, None, store.language)
        self.region = chosen_region(store.setting("region"))
        saved = store.setting("guide")
        known = {g.id for g in self.catalog.guides}
        chosen = guide_id or (saved if saved in known else None)
        self.first_guide = chosen or self.catalog.guides[0].id
        self.register_theme(HIGH_CONTRAST)
        if store.setting("theme") == HIGH_CONTRAST.name:
            self.theme = HIGH_CONTRAST.name

    # ------------------------------------------------------------------ words

    def strings_for(self, lang: str) -> Strings:
        return Strings(lang, self.catalog.ui[lang])

    @property
    def s(self) -> Strings:
        return self.strings_for(self.lang)

    @property
    def key_texts(self) -> keys.KeyTexts:
        other = self.catalog.ui[next_language(self.lang, self.catalog.ui)]["language_name"]
        return keys.KeyTexts(self.s, other)

    def say(self, message: str, severity: str = "information", timeout: float = 6) -> None:
        """A notification; always literal text, never markup."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ screens

    def on_mount(self) -> None:
        self.push_screen(CatalogScreen())
        self.push_screen(ChecklistScreen(self.catalog.guide(self.first_guide)))
        self._report_load()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(SYNC_SECONDS, self.sync_from_disk)
        self.set_interval(RETRY_SECONDS, self._retry)

    @property
    def guide(self) -> Guide:
        """The guide on screen (or the one the catalog was opened from)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ChecklistScreen):
                return screen.guide
        return self.catalog.guide(self.first_guide)

    def guide_screens(self) -> list[ChecklistScreen]:
        return [s for s in self.screen_stack if isinstance(s, ChecklistScreen)]

    def open_guide(self, guide_id: str) -> None:
        """Show a guide over the catalog, remembered for next time."""
        if isinstance(self.screen, ChecklistScreen):
            self.pop_screen()
        self.push_screen(ChecklistScreen(self.catalog.guide(guide_id)))
        self.save_setting("guide", guide_id)

    def show_catalog(self) -> None:
        if isinstance(self.screen, ChecklistScreen):
            self.pop_screen()

    def action_command_palette(self) -> None:
        """Ctrl+P, with its placeholder in the person's language."""
        if not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(placeholder=self.s("palette_placeholder"), id="--command-palette")
            )

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the person's language, which key quits."""
        self.say(self.s("ctrl_c_quit"))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, str(self.store.path)))

    def action_language(self) -> None:
        self.lang = next_language(self.lang, self.catalog.ui)
        self.save_setting("language", self.lang)

    def action_toggle_theme(self) -> None:
        self.theme = STANDARD_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def _theme_changed(self, theme: Theme) -> None:
        self.save_setting("theme", theme.name)

    async def action_quit(self) -> None:
        """Quit; with changes that could not be saved, say so and ask first."""
        if not self.store.unsaved:
            self.exit(0)
            return
        from .screens.confirm import ConfirmScreen

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(0)

        self.push_screen(
            ConfirmScreen(self.s("unsaved_quit_title"), self.s("unsaved_quit_body")), answered
        )

    # ------------------------------------------------------------------ region

    @property
    def region_asked(self) -> bool:
        return self.store.setting("region") is not None

    def region_name(self, lang: str) -> str:
        saved = self.store.setting("region")
        if saved is None:
            return ""
        if saved == UNKNOWN_REGION:
            return self.strings_for(lang)("region_everything")
        return self.catalog.region_name(saved, lang)

    def ask_region(self) -> None:
        from .screens.region import RegionScreen

        current = self.store.setting("region")
        self.push_screen(RegionScreen(self.catalog, self.lang, self.s, current), self._region_set)

    def _region_set(self, region: str | None) -> None:
        if region is None:
            return
        self.save_setting("region", region)
        self.region = chosen_region(region)
        self.mutate_reactive(OptOutApp.region)
        self.say(self.s("region_saved", region=self.region_name(self.lang)))

    # ------------------------------------------------------------------ progress

    def records_for(self, guide: Guide) -> Records:
        return {d.id: dict(self.store.device(guide.id, d.id)) for d in guide.devices}

    def starting_device(self, guide: Guide) -> str:
        """The device the person last ticked on, so a restart continues where they were."""
        latest: tuple[str, str] | None = None
        for device in guide.devices:
            for stamp in self.store.ticks(guide.id, device.id).values():
                if latest is None or stamp > latest[0]:
                    latest = (stamp, device.id)
        return latest[1] if latest else guide.devices[0].id

    def write(self, change: Callable[[], Any], after: Callable[[], None] | None = None) -> None:
        """Run one store change in a thread worker; then every screen shows what is on disk."""

        def work() -> None:
            with self._write_lock:
                problem = self._attempt(change)
            self.call_from_thread(self._written, problem, after)

        self.run_worker(work, thread=True, group="write", exit_on_error=False)

    def _attempt(self, change: Callable[[], Any]) -> tuple[str, str] | None:
        try:
            change()
        except UnsavedError as exc:
            return ("error", self.s("not_saved", reason=exc.reason))
        except ReadOnlyError:
            return ("warning", self.s("read_only"))
        except ProgressError as exc:
            return ("error", str(exc))
        return None

    def _written(self, problem: tuple[str, str] | None, after: Callable[[], None] | None) -> None:
        if problem is not None:
            self.say(problem[1], problem[0], 15)
        self._report_load()
        self.show_saved()
        if after is not None and problem is None:
            after()

    def show_saved(self) -> None:
        for screen in self.guide_screens():
            screen.records = self.records_for(screen.guide)

    def save_tick(self, guide: Guide, device_id: str, step_id: str, ticked: bool) -> None:
        """Save a tick; finishing a device records the date and opens the completion view."""
        finished: list[bool] = []

        def change() -> None:
            store = self.store
            before = device_state(guide, device_id, store.device(guide.id, device_id))
            store.set_tick(guide.id, device_id, step_id, ticked, guide.revision)
            after = device_state(guide, device_id, store.device(guide.id, device_id))
            if after.all_ticked and not before.all_ticked:
                store.mark_complete(guide.id, device_id, guide.revision)
                finished.append(True)
            elif before.all_ticked and not after.all_ticked:
                store.clear_complete(guide.id, device_id)

        self.write(change, lambda: self._show_completion(guide, device_id) if finished else None)

    def _show_completion(self, guide: Guide, device_id: str) -> None:
        from .screens.completion import CompletionScreen

        screen = next((s for s in self.guide_screens() if s.guide is guide), None)
        date = screen.completed_on(device_id) if screen else ""
        name = guide.text(self.lang).devices[device_id].name
        self.push_screen(CompletionScreen(guide, self.lang, self.s, name, date, self.region))

    def check_again(self, guide: Guide, device_id: str) -> None:
        """Archive the finished pass and start a fresh one, once the person says yes."""
        from .screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    lambda: self.store.check_again(guide.id, device_id),
                    lambda: self.say(self.s("check_again_done")),
                )

        self.push_screen(
            ConfirmScreen(self.s("check_again_title"), self.s("check_again_body")), answered
        )

    def save_setting(self, key: str, value: str) -> None:
        """Save a choice; it takes effect now even if it cannot be saved."""
        with contextlib.suppress(ProgressError):
            self.store.set_setting(key, value)

    def sync_from_disk(self) -> None:
        """Show ticks made in another window; never while our own changes wait to be saved."""
        if self.store.unsaved or not self.store.changed_on_disk():
            return
        try:
            self.store.load()
        except ProgressError as exc:
            self.say(str(exc), "error")
            return
        self._report_load()
        self.show_saved()

    def on_app_focus(self) -> None:
        self.sync_from_disk()

    def _retry(self) -> None:
        if self.store.unsaved:
            self.write(lambda: self.store.update(lambda data: None))

    def _report_load(self) -> None:
        """Say once what the store found on reading: a damaged file moved aside, read-only."""
        recovered = self.store.recovered
        if recovered is not None and recovered is not getattr(self, "_told_recovered", None):
            self._told_recovered = recovered
            self.say(
                self.s(
                    "recovered",
                    path=recovered.path,
                    moved_to=recovered.moved_to,
                    reason=recovered.reason,
                ),
                "warning",
                20,
            )
        if self.store.read_only and not getattr(self, "_told_read_only", False):
            self._told_read_only = True
            self.say(self.s("read_only"), "warning", 20)

    # ------------------------------------------------------------------ links and records

    def open_link(self, url: str | None) -> None:
        if url is None:
            self.say(self.s("no_link"))
        elif open_in_browser(url):
            self.say(self.s("opened_link", url=url))
        else:
            self.say(self.s("open_failed", url=url), timeout=20)

    def copy_link(self, url: str | None) -> None:
        if url is None:
            self.say(self.s("no_link"))
            return
        self.copy_to_clipboard(url)  # OSC 52: works over SSH too, where the terminal allows
        self.say(self.s("copied", url=url), timeout=15)

    def copy_text(self, text: str) -> None:
        self.copy_to_clipboard(text)
        self.say(self.s("copied_text", text=text), timeout=20)

    def export(self, guide: Guide) -> None:
        """Write the dated record into the current folder and show where, whole."""
        from ..text import export as record

        records = {d.id: self.store.device(guide.id, d.id) for d in guide.devices}
        data = record.build(self.catalog, guide, records, self.lang, self.region)
        path = Path.cwd() / record.default_filename(guide, "md")
        try:
            write_new_file(path, record.to_markdown(data, self.s))
        except OSError as exc:
            self.say(self.s("not_saved", reason=exc.strerror or str(exc)), "error", 15)
            return
        from .screens.confirm import MessageScreen

        self.push_screen(MessageScreen(self.s("exported_title"), str(path)))

    def guide_states(self) -> Mapping[str, Records]:
        return {g.id: self.records_for(g) for g in self.catalog.guides}

    def get_system_commands(self, screen: Any) -> Iterable[Any]:
        """Textual's own system commands are English-only: ours come from GuideCommands."""
        return ()

    def format_title(self, title: str, sub_title: str) -> Content:
        return Content.assemble(
            Content(title), (" — ", "dim"), Content(sub_title).stylize("dim")
        ) if sub_title else Content(title)


def write_new_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet, never through a planted symbolic link."""
    import os

    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


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
