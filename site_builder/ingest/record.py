"""What a format reader returns before the registry adds path and hash."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.models import SavedKind


@dataclass(frozen=True, slots=True, kw_only=True)
class PageParts:
    kind: SavedKind
    text: str
    url: str | None = None
    saved: str | None = None
