"""What an export from a read-it-later service holds, once read."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import ImportedMeta

# An export larger than this is refused before it is read (a year of a heavy reader's
# Omnivore export with its HTML is about 300 MB).
MAX_EXPORT_BYTES = 1024 * 1024 * 1024


class ExportError(SiteBuilderError):
    """An export that can't be imported as a whole: damaged, truncated or unknown."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportItem:
    """One page the service kept: what it said of it, and its readable HTML if it kept one."""

    meta: ImportedMeta
    html: str | None  # None for services that keep no text (Pocket, bookmarks)
    name: str  # the service's name for the item, for its saved page's file name


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedExport:
    """Every item of an export that could be read, and why the others could not."""

    service: str  # "wallabag", "omnivore", "pocket", "bookmarks"
    items: tuple[ExportItem, ...]
    failed: tuple[tuple[str, str], ...] = ()  # (item, reason)
