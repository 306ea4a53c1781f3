"""What a format reader returns before the registry adds path and hash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.core.records import Resource, SavedKind


@dataclass(frozen=True, slots=True, kw_only=True)
class PageParts:
    kind: SavedKind
    text: str
    url: str | None = None
    saved: str | None = None
    resources: tuple[Resource, ...] = ()
    # Containers with several pages (WARC) name each one; appended to the source path.
    part: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedFile:
    """The bytes of a saved file, unwrapped from gzip, and where it lies."""

    path: Path
    data: bytes
    name: str  # the file name, less a ".gz" that was unwrapped
