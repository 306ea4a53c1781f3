"""Ingest: find saved pages and read each into SavedPage records, whatever its format.

- find: the saved pages of an archive, and how articles name them;
- read: one file's checks (size, links, a regular file), gzip, and its format's reader;
- sniff: the format, told by the bytes first and by the file's name only where they don't;
- html, mhtml, warc, text: one reader per format; decode: bytes to text for all of them.
"""

from site_builder.ingest.find import SavedFolder, find_saved_files, find_saved_pages, source_path
from site_builder.ingest.read import (
    DEFAULT_MAX_BYTES,
    READERS,
    IngestError,
    check_saved_file,
    read_saved_bytes,
    read_saved_pages,
)
from site_builder.ingest.sniff import FORMAT_BY_SUFFIX

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_BY_SUFFIX",
    "READERS",
    "IngestError",
    "SavedFolder",
    "check_saved_file",
    "find_saved_files",
    "find_saved_pages",
    "read_saved_bytes",
    "read_saved_pages",
    "source_path",
]
