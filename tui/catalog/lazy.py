"""A guide's full text behind read-only mappings that read its files on first use.

The cached catalog index knows each guide's titles, devices and revision; the steps, sources
and claims are read (and checked) only when a screen or command first looks at them. The
three mappings of one guide share one :class:`GuideLoader`, so its files are read once.
Nothing here knows what a guide is: the loader is given a function that returns the parts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any


class LazyPart(Mapping[Any, Any]):
    """A read-only mapping of a guide's full text, read (and checked) on first use.

    Its :class:`GuideLoader` returns the three parts of the full guide (steps, sources,
    texts), or raises ``ContentInvalid`` when the files no longer pass the checks. The three
    mappings of one guide share one loader, so the files are read once.
    """

    __slots__ = ("_loader", "_part")

    def __init__(self, loader: GuideLoader, part: int) -> None:
        self._loader = loader
        self._part = part

    def load(self) -> Mapping[Any, Any]:
        """Read and check the guide now, if not done yet; ContentInvalid if it fails."""
        return self._loader.parts()[self._part]

    def _data(self) -> Mapping[Any, Any]:
        return self.load()

    def __getitem__(self, key: Any) -> Any:
        return self._data()[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __repr__(self) -> str:
        return f"LazyPart({self._loader.path}, {self._part})"


Parts = tuple[Mapping[Any, Any], Mapping[Any, Any], Mapping[Any, Any]]  # steps, sources, texts


class GuideLoader:
    """Reads one guide's full text once, when a screen or command first needs it."""

    __slots__ = ("_open", "_parts", "path")

    def __init__(self, path: Path, open_parts: Callable[[], Parts]) -> None:
        self.path = path
        self._open = open_parts
        self._parts: Parts | None = None

    def parts(self) -> Parts:
        if self._parts is None:
            self._parts = self._open()
        return self._parts

    @property
    def loaded(self) -> bool:
        return self._parts is not None


def lazy_parts(loader: GuideLoader) -> tuple[LazyPart, LazyPart, LazyPart]:
    return LazyPart(loader, 0), LazyPart(loader, 1), LazyPart(loader, 2)
