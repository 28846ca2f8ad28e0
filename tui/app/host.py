"""What the screens, the palette, the saver and ``outside`` may ask of the app.

They are given the app; typing them against this Protocol instead of ``OptOutApp`` keeps
every import pointing down the house (``app`` imports them, never the other way round),
and it lists in one place the small surface the rest of the app relies on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.geometry import Size

from ..catalog import Catalog, Guide
from ..progress import changes
from ..progress.events import Outcome
from ..progress.records import GuideRecord
from ..text.i18n import Strings
from .keys import KeyTexts


class Saving(Protocol):
    """The saver, as the screens use it (see ``saving.Saver``)."""

    def tick(self, guide: Guide, device_id: str, step_id: str, ticked: bool) -> None: ...

    def write(
        self, change: changes.Change | None, after: Callable[[Outcome], None] | None = None
    ) -> None: ...

    def guide(self, guide_id: str) -> GuideRecord: ...

    def setting(self, key: str, value: str) -> None: ...


class Host(Protocol):
    """The app: its words, its catalog, its saver, and a few things only it may do."""

    catalog: Catalog
    lang: str
    region: str | None

    @property
    def saver(self) -> Saving: ...

    @property
    def s(self) -> Strings: ...

    @property
    def key_texts(self) -> KeyTexts: ...

    @property
    def region_asked(self) -> bool: ...

    @property
    def guide(self) -> Guide: ...

    @property
    def size(self) -> Size: ...

    def strings_for(self, lang: str) -> Strings: ...

    def say(self, message: str, severity: str = ..., timeout: float = ...) -> None: ...

    def region_name(self, lang: str) -> str: ...

    def ask_region(self) -> None: ...

    def open_guide(self, guide_id: str, *, remember: bool = ...) -> bool: ...

    def show_catalog(self) -> None: ...

    def close_catalog(self) -> None: ...

    def show_progress(self) -> None: ...

    def show_completion(self, guide: Guide, device_id: str) -> None: ...

    # Textual's own, used by the saver and ``outside``
    def push_screen(self, screen: Any, callback: Any = ...) -> Any: ...

    def copy_to_clipboard(self, text: str) -> None: ...

    def run_worker(
        self,
        work: Callable[[], None],
        name: str | None = ...,
        group: str = ...,
        description: str = ...,
        exit_on_error: bool = ...,
        start: bool = ...,
        exclusive: bool = ...,
        thread: bool = ...,
    ) -> Any: ...

    def call_from_thread(self, callback: Any, *args: Any, **kwargs: Any) -> Any: ...

    def set_interval(self, interval: float, callback: Any) -> Any: ...

    async def run_action(self, action: str, default_namespace: Any = ...) -> bool: ...
