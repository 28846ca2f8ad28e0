"""OptOutApp: the store, the themes, the palette and the screen stack; nothing about one guide.

Each guide is a :class:`ChecklistScreen` that holds its own state; the catalog screen lies
under it. Every change to the person's progress goes through the :class:`Saver`, which
writes off the event loop and hands back what is on disk; the screens draw themselves
from that. Widgets never touch files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.reactive import reactive
from textual.theme import Theme

from ..catalog import DEFAULT_LANGUAGE, Catalog, ContentInvalid, Guide, load_catalog
from ..progress.events import Event
from ..progress.records import UNKNOWN_REGION, chosen_region
from ..progress.store import ProgressStore
from ..text.i18n import Strings, choose_language, next_language
from . import keys
from .palette import GuideCommands
from .saving import Saver
from .screens.catalog import CatalogScreen
from .screens.checklist import ChecklistScreen

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

    lang: reactive[str] = reactive(DEFAULT_LANGUAGE, init=False)
    region: reactive[str | None] = reactive(None, init=False)

    def __init__(
        self,
        catalog: Catalog | None = None,
        store: ProgressStore | None = None,
        lang: str | None = None,
        *,
        data_dir: Path | None = None,
        guide_id: str | None = None,
        events: tuple[Event, ...] = (),
    ) -> None:
        """``events``: what reading ``store`` found, when the caller (the CLI) read it."""
        super().__init__()
        # Calm and quick: no sliding underlines or fades (and Pilot need not wait for them).
        self.animation_level = "none"
        self.catalog = catalog or load_catalog()
        if store is None:
            store = ProgressStore(data_dir)
            events = store.read().events
        self.saver = Saver(self, store, events)
        progress = store.progress
        self.lang = lang or choose_language(self.catalog.ui, None, progress.language)
        self.region_id = progress.setting("region")  # as saved: may be "unknown"
        self.region = progress.region
        saved = progress.setting("guide")
        known = {g.id for g in self.catalog.guides}
        self.first_guide = guide_id or (saved if saved in known else self.catalog.guides[0].id)
        self._guide_screens: dict[str, ChecklistScreen] = {}
        self.register_theme(HIGH_CONTRAST)
        if progress.setting("theme") == HIGH_CONTRAST.name:
            self.theme = HIGH_CONTRAST.name

    @property
    def store(self) -> ProgressStore:
        return self.saver.store

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

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header line, built from ``Content`` so a guide's title is never markup."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), (" — ", "dim"), Content(sub_title).stylize("dim"))

    # ------------------------------------------------------------------ screens

    def on_mount(self) -> None:
        if not self.open_guide(self.first_guide, remember=False):
            self.exit(2, message=Content(self.s("content_invalid")))
            return
        self.saver.start()
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def guide_screens(self) -> list[ChecklistScreen]:
        """Every guide opened so far: kept (installed), so each keeps its tab and step."""
        return list(self._guide_screens.values())

    @property
    def guide(self) -> Guide:
        """The guide on screen (or the one the catalog was opened from)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ChecklistScreen):
                return screen.guide
        return self.catalog.guide(self.first_guide)

    def open_guide(self, guide_id: str, *, remember: bool = True) -> bool:
        """Show a guide, as it was left if it was open before; remembered for next time."""
        if guide_id not in self._guide_screens:
            try:
                guide = self.catalog.guide(guide_id)  # its full text is read now
            except ContentInvalid as exc:  # changed on disk since the index was read
                self.say(f"{self.s('content_invalid')}\n{exc}", "error", 30)
                return False
            self._guide_screens[guide_id] = ChecklistScreen(guide)
            self.install_screen(self._guide_screens[guide_id], f"guide:{guide_id}")
        if isinstance(self.screen, CatalogScreen):
            self.pop_screen()
        if isinstance(self.screen, ChecklistScreen):
            if self.screen.guide.id != guide_id:
                self.switch_screen(f"guide:{guide_id}")
        else:
            self.push_screen(f"guide:{guide_id}")
        self.first_guide = guide_id
        if remember:
            self.saver.setting("guide", guide_id)
        return True

    def show_catalog(self) -> None:
        if not isinstance(self.screen, CatalogScreen):
            self.push_screen(CatalogScreen())

    def close_catalog(self) -> None:
        """Back to the guide the catalog was opened from, as it was."""
        if isinstance(self.screen, CatalogScreen) and len(self.screen_stack) > 2:
            self.pop_screen()

    def show_progress(self) -> None:
        """Every screen redraws itself from what is now on disk."""
        for screen in self.guide_screens():
            screen.records = self.saver.guide(screen.guide.id)
        if isinstance(self.screen, CatalogScreen):
            self.screen.fill()

    def show_completion(self, guide: Guide, device_id: str) -> None:
        from .screens.completion import CompletionScreen

        state = self.saver.guide(guide.id).device(device_id)
        from ..text.plain import stamp_date

        date = stamp_date(state.completed or "", self.lang)
        name = guide.text(self.lang).devices[device_id].name
        self.push_screen(CompletionScreen(guide, self.lang, self.s, name, date, self.region))

    def get_system_commands(self, screen: Any) -> Any:
        """Textual's own system commands are English-only: ours come from GuideCommands."""
        return iter(())

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
        self.saver.setting("language", self.lang)

    def action_toggle_theme(self) -> None:
        self.theme = STANDARD_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def _theme_changed(self, theme: Theme) -> None:
        self.saver.setting("theme", theme.name)

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
        return self.region_id is not None

    def region_name(self, lang: str) -> str:
        saved = self.region_id
        if saved is None:
            return ""
        if saved == UNKNOWN_REGION:
            return self.strings_for(lang)("region_everything")
        return self.catalog.region_name(saved, lang)

    def ask_region(self) -> None:
        from .screens.region import RegionScreen

        self.push_screen(
            RegionScreen(self.catalog, self.lang, self.s, self.region_id), self._region_set
        )

    def _region_set(self, region: str | None) -> None:
        if region is None:
            return
        self.saver.setting("region", region)
        self.region_id = region  # takes effect at once, saved or not
        self.region = chosen_region(region)
        self.mutate_reactive(OptOutApp.region)
        self.say(self.s("region_saved", region=self.region_name(self.lang)))
