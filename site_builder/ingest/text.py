"""Plain-text saves: Firefox and Chrome "Save Page As: Text files"."""

from __future__ import annotations

from site_builder.ingest.decode import decode_text
from site_builder.ingest.record import PageParts, SavedFile


def read_text(saved: SavedFile) -> list[PageParts]:
    # A text save records neither the address nor the date; the extract stage finds
    # what it can in the text itself.
    return [PageParts(kind="text", text=decode_text(saved.data))]
