"""Guides as data: what a guide is (model), how files are read (reading), the field rules
(checks) and the validated catalog (index). No Textual or Rich anywhere in this package."""

from .checks import load_guide, load_ui
from .index import builtin_content_dir, collect, load_catalog, validate
from .model import (
    DEFAULT_LANGUAGE,
    Catalog,
    Claim,
    ContentError,
    ContentInvalid,
    Device,
    Guide,
    Region,
    Source,
    Step,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "Catalog",
    "Claim",
    "ContentError",
    "ContentInvalid",
    "Device",
    "Guide",
    "Region",
    "Source",
    "Step",
    "builtin_content_dir",
    "collect",
    "load_catalog",
    "load_guide",
    "load_ui",
    "validate",
]
