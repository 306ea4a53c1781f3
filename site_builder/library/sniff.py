"""Which service an export came from, told by its content, never by its name."""

from __future__ import annotations

from pathlib import Path

from site_builder.library import bookmarks, omnivore, pocket, wallabag
from site_builder.library.export_files import MAX_EXPORT_BYTES, ExportError, ParsedExport
from site_builder.library.zip_members import ZIP_MAGIC, member_names

KNOWN = "an Omnivore or Pocket export ZIP, a Wallabag JSON export, or a bookmarks file"


def read_export(path: Path) -> tuple[bytes, ParsedExport]:
    """The export's bytes and what they hold; raises ExportError for one that can't be read."""
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise ExportError(path, f"larger than {MAX_EXPORT_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as err:
        raise ExportError(path, f"cannot read: {err.strerror or err}") from None
    if data.startswith(ZIP_MAGIC):
        names = member_names(path)
        if omnivore.looks_like_omnivore(names):
            return data, omnivore.read_omnivore(path)
        if pocket.looks_like_pocket(names):
            return data, pocket.read_pocket(path)
        raise ExportError(path, f"a ZIP, but not an export this knows ({KNOWN})")
    if wallabag.looks_like_wallabag(data):
        return data, wallabag.read_wallabag(path, data)
    if bookmarks.looks_like_bookmarks(data):
        return data, bookmarks.read_bookmarks(path, data)
    raise ExportError(path, f"not an export this knows ({KNOWN})")
