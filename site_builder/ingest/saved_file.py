"""A saved file as the format readers get it, and the pages they read from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.core.records import Resource, SavedKind, SavedPage


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedFile:
    """The bytes of a saved file, unwrapped from gzip, and where it lies."""

    path: Path
    data: bytes
    name: str  # the file name, less a ".gz" that was unwrapped
    source: str  # how articles name the file: relative to the content folder
    sha256: str  # of the file's bytes as saved, before unwrapping

    def page(
        self,
        kind: SavedKind,
        text: str,
        *,
        url: str | None = None,
        saved: str | None = None,
        resources: tuple[Resource, ...] = (),
        part: str | None = None,
        cut_off: bool = False,
    ) -> SavedPage:
        """A page read from this file; part names one of several (a WARC capture's address)."""
        return SavedPage(
            path=self.path,
            source=f"{self.source}#{part}" if part else self.source,
            sha256=self.sha256,
            kind=kind,
            text=text,
            url=url,
            saved=saved,
            resources=resources,
            cut_off=cut_off,
        )
