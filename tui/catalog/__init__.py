"""Guides as data: what a guide is (model), how files are read (reading), the field rules
(fields, checks, shared, crosscheck) and the validated, cached catalog (index). No Textual or
Rich anywhere in this package.

The field rules are imported only when a file has to be checked (a guide changed, or a
guide is opened), so ``status`` reading the cached index imports little.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .index import (
    Cache,
    builtin_content_dir,
    check,
    collect,
    content_folders,
    load_catalog,
    validate,
)
from .model import (
    DEFAULT_LANGUAGE,
    Catalog,
    Claim,
    ContentError,
    ContentInvalid,
    Device,
    Guide,
    GuideListing,
    GuideText,
    Platform,
    Region,
    Source,
    Step,
    StepText,
    in_language,
)

if TYPE_CHECKING:
    from .reading import ParseCache


def load_guide(
    folder: Path, errors: list[ContentError], cache: ParseCache | None = None
) -> Guide | None:
    """One guide folder, checked on its own (see ``checks.load_guide``)."""
    from .checks import load_guide as load

    return load(folder, errors, cache)


def load_ui(folder: Path, errors: list[ContentError]) -> dict[str, dict[str, str]]:
    """Every ``ui.<lang>.toml`` of a folder, checked (see ``shared.load_ui``)."""
    from .shared import load_ui as load

    return load(folder, errors)


__all__ = [
    "DEFAULT_LANGUAGE",
    "Cache",
    "Catalog",
    "Claim",
    "ContentError",
    "ContentInvalid",
    "Device",
    "Guide",
    "GuideListing",
    "GuideText",
    "Platform",
    "Region",
    "Source",
    "Step",
    "StepText",
    "builtin_content_dir",
    "check",
    "collect",
    "content_folders",
    "in_language",
    "load_catalog",
    "load_guide",
    "load_ui",
    "validate",
]
