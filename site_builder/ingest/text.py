"""Plain-text saves: Firefox and Chrome "Save Page As: Text files"."""

from __future__ import annotations

from site_builder.core.records import SavedPage
from site_builder.ingest.decode import decode_text
from site_builder.ingest.saved_file import SavedFile


def read_text(saved: SavedFile) -> list[SavedPage]:
    # A text save records neither the address nor the date; the extract stage finds
    # what it can in the text itself.
    return [saved.page("text", decode_text(saved.data))]
