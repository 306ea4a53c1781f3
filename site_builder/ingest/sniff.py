"""Telling a saved file's format: by its bytes first, by its name only where they don't say.

So a page saved under the wrong name is still read by the right reader, and an image or
an archive dropped among the pages is refused with what it is.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.ingest.saved_file import SavedFile

FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".warc": "warc",
    ".txt": "text",
}

# Enough of the start of a file to tell the formats apart.
_SNIFF_BYTES = 4096
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!-- saved from", b"<?xml")
_MHTML_HEADERS = (b"mime-version:", b"snapshot-content-location:", b"content-type: multipart/")
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class NotASavedPage(ValueError):
    """The file is empty, binary, or of a type no reader knows; the message says which."""


def sniff_format(saved: SavedFile) -> str:
    """The reader for saved (a key of FORMAT_BY_SUFFIX's values), or NotASavedPage."""
    head = saved.data[:_SNIFF_BYTES]
    if not head.removeprefix(_UTF8_BOM).strip() and not saved.data[_SNIFF_BYTES:].strip():
        raise NotASavedPage("empty file")
    if head.startswith(b"WARC/"):
        return "warc"
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise NotASavedPage(f"this is {what}, not a saved web page")
    lowered = head.removeprefix(_UTF8_BOM).lstrip().lower()
    header_block = lowered.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if any(marker in header_block for marker in _MHTML_HEADERS) and b"<" not in header_block[:1]:
        return "mhtml"
    if lowered.startswith(_HTML_MARKERS):
        return "html"
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        raise NotASavedPage("binary data, not a saved web page")
    suffix = Path(saved.name).suffix.lower()
    if suffix in FORMAT_BY_SUFFIX:
        return FORMAT_BY_SUFFIX[suffix]
    if b"<html" in lowered or b"<body" in lowered:
        return "html"  # an HTML page saved under an odd name
    if not suffix:
        return "text"  # no name to go by, no markup, no binary: a text save
    if suffix == ".gz":  # gzip data is unpacked before this, and named without the .gz
        raise NotASavedPage("named .gz, but not gzip data, nor a page of a known format")
    supported = ", ".join(sorted({*FORMAT_BY_SUFFIX, ".gz"}))
    raise NotASavedPage(f"unsupported file type {suffix or '(none)'!r}; supported: {supported}")
