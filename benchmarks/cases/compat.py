"""What differs between the checkouts the children can measure: 2.0 and the last 1.x (3f55a06).

The runner's ``--root`` puts another checkout first on ``PYTHONPATH``; the children import
``tui`` from there and ask this module for the few things whose names moved, so every case
does the same work, measured the same way, on either version. Nothing here is imported
before the clock of a case starts except through the case itself.

2.0: ``tui.app`` is a package; ``OptOutApp`` is thin and each guide is a ``ChecklistScreen``
(``app.screen``) holding the device and the saved records; a tick is saved by a thread worker
and its box turns ☑ when the saved records come back. 1.x: ``tui.app`` is a module; the app
holds the device (``device_id``), its checklists (``_checklist()``) and reads ticks from the
store (``_ticks()``); a tick is written on the event loop before the key press returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any


def is_v2() -> bool:
    """2.0 has the ``tui.catalog`` package; 1.x had ``tui.content``."""
    from importlib.util import find_spec

    return find_spec("tui.catalog") is not None


def optout_app() -> Any:
    """The ``OptOutApp`` class of the checkout under test."""
    if is_v2():
        from tui.app.app import OptOutApp
    else:
        from tui.app import OptOutApp
    return OptOutApp


def load_catalog(extra: Iterable[Path]) -> Any:
    """The built-in content plus ``--content`` folders, exactly as the app's start loads them
    (2.0: through the index in ``$OPTOUT_TUI_CACHE_DIR``; 1.x: its parse cache there)."""
    if is_v2():
        from tui.catalog import load_catalog as load
    else:
        from tui.content import load_catalog as load
    return load(list(extra))


def checklist(app: Any) -> Any:
    """The checklist widget of the device on screen."""
    return app.screen.checklist() if is_v2() else app._checklist()


def device(app: Any) -> str:
    return str(app.screen.device if is_v2() else app.device_id)


def saved_ticks(app: Any) -> Mapping[str, str]:
    """The ticks of the device on screen as the app last had them back from the store."""
    if is_v2():
        screen = app.screen
        return screen.records.device(screen.device).ticks
    return app._ticks()


def first_step_title(app: Any) -> str:
    """The title of the first step of the checklist on screen, in the app's language."""
    if is_v2():
        step = checklist(app).steps[0]
        return str(step.words(app.lang).title)
    step = app.guide.device_steps(app.device_id)[0]
    return str(step.text[app.lang].title)


def store_ticker(
    folder: Path, guide: str, device: str, step: str, revision: int, steps: tuple[str, ...]
) -> Callable[[bool], None]:
    """A function ``tick(ticked)`` that saves one tick durably, as the app's save does.

    2.0: ``ProgressStore.save(changes.tick(...))``, what the app's save worker calls (with the
    device's ``steps``, so completion is judged in the same write). 1.x: ``set_tick``, which
    the app called on the event loop.
    """
    if is_v2():
        from tui.progress import changes
        from tui.progress.store import ProgressStore

        store = ProgressStore(folder)
        store.read()

        def tick2(ticked: bool) -> None:
            store.save(changes.tick(guide, device, step, ticked, revision, steps=steps))

        return tick2
    from tui.progress import ProgressStore as OldStore  # 1.x: a module

    old = OldStore(folder)
    old.load()

    def tick1(ticked: bool) -> None:
        old.set_tick(guide, device, step, ticked, revision)

    return tick1
