"""Ingest: find saved pages and read each into a SavedPage, whatever its format.

The registry below is explicit: a suffix names a reader, and the bytes are sniffed so that
a file with the wrong suffix is read by the right reader or refused with a clear reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from site_builder.ingest.html import read_html
from site_builder.ingest.record import PageParts
from site_builder.ingest.text import read_text
from site_builder.models import SavedPage, SiteBuilderError

Reader = Callable[[bytes], PageParts]

READERS_BY_SUFFIX: dict[str, Reader] = {
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".shtml": read_html,
    ".txt": read_text,
}

# Enough of the start of a file to tell markup from text and text from binary.
_SNIFF_BYTES = 4096
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!-- saved from")
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


class IngestError(SiteBuilderError):
    """A saved page could not be read."""


def find_saved_pages(saved_dir: Path) -> list[Path]:
    """Every file under saved_dir that may be a saved page, in a stable order.

    Hidden files and the `NAME_files/` folders of "complete" saves are skipped: they hold
    the page's assets, not pages.
    """
    if not saved_dir.is_dir():
        return []
    found = []
    for path in saved_dir.rglob("*"):
        relative = path.relative_to(saved_dir)
        if any(part.startswith(".") or part.endswith("_files") for part in relative.parts[:-1]):
            continue
        if path.name.startswith(".") or not path.is_file():
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(saved_dir).as_posix())


def read_saved_page(path: Path, content_dir: Path) -> SavedPage:
    """Read and decode one saved page. Raises IngestError naming the file and the reason."""
    reader = READERS_BY_SUFFIX.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS_BY_SUFFIX))
        raise IngestError(
            path, f"unsupported file type {path.suffix or '(none)'!r}; supported: {supported}"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(path, f"cannot read: {err.strerror or err}") from None
    reader = _sniffed_reader(path, data, reader)
    parts = reader(data)
    return SavedPage(
        path=path,
        source=_relative_source(path, content_dir),
        sha256=hashlib.sha256(data).hexdigest(),
        kind=parts.kind,
        text=parts.text,
        url=parts.url,
        saved=parts.saved,
    )


def _sniffed_reader(path: Path, data: bytes, by_suffix: Reader) -> Reader:
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if not head.strip() and not data[_SNIFF_BYTES:].strip():
        raise IngestError(path, "empty file")
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise IngestError(path, f"this is {what}, not a saved web page")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(path, "binary data, not a saved web page")
    lowered = head.lstrip().lower()
    if by_suffix is read_text and lowered.startswith(_HTML_MARKERS):
        return read_html  # an HTML page saved with a .txt name
    return by_suffix


def _relative_source(path: Path, content_dir: Path) -> str:
    try:
        return path.resolve().relative_to(content_dir.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()  # outside the archive, e.g. `site-builder extract`


def source_path(path: Path, content_dir: Path) -> str:
    """How an article's front matter names its saved page: relative to the content folder."""
    return _relative_source(path, content_dir)
