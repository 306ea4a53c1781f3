"""Ingest: find saved pages and read each into SavedPage records, whatever its format.

The format is decided by the bytes first (gzip, WARC, MHTML, HTML, known binaries) and by
the file's suffix only where the bytes don't say, so a page saved under the wrong name is
still read by the right reader, or refused with a clear reason.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import zlib
from collections.abc import Callable
from pathlib import Path

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import SavedPage
from site_builder.ingest.html import read_html
from site_builder.ingest.mhtml import MhtmlError, read_mhtml
from site_builder.ingest.record import PageParts, SavedFile
from site_builder.ingest.text import read_text
from site_builder.ingest.warc import WarcError, read_warc

Reader = Callable[[SavedFile], list[PageParts]]

READERS: dict[str, Reader] = {
    "html": read_html,
    "mhtml": read_mhtml,
    "warc": read_warc,
    "text": read_text,
}
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
# A saved page larger than this is not an article; 50 MB holds any real page with its
# images inlined (SingleFile) several times over.
_MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * _MB

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
_GZIP_MAGIC = b"\x1f\x8b"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


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
    # os.walk never descends into a linked folder; linked files are listed, and reading
    # one checks where it leads.
    for folder, subfolders, files in os.walk(saved_dir, followlinks=False):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and not d.endswith("_files")
        ]
        found += [Path(folder) / name for name in files if not name.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(saved_dir).as_posix())


def _is_asset_or_hidden(folder_name: str) -> bool:
    return folder_name.startswith(".") or folder_name.endswith("_files")


def read_saved_pages(
    path: Path,
    content_dir: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    confine_to: Path | None = None,
    raw: bytes | None = None,
) -> list[SavedPage]:
    """Read and decode the page(s) in one saved file; WARC files may hold several.

    With confine_to, a symbolic link that leads outside that folder is refused. Pass raw
    when the bytes were already read with read_saved_bytes.
    Raises IngestError naming the file and the reason.
    """
    if raw is None:
        raw = read_saved_bytes(path, max_bytes=max_bytes, confine_to=confine_to)
    saved = _unwrap_gzip(path, raw, max_bytes)
    reader = READERS[_sniff_format(saved)]
    try:
        parts = reader(saved)
    except (MhtmlError, WarcError) as err:
        raise IngestError(path, str(err)) from None
    source = source_path(path, content_dir)
    digest = hashlib.sha256(raw).hexdigest()
    return [
        SavedPage(
            path=path,
            source=f"{source}#{part.part}" if part.part else source,
            sha256=digest,
            kind=part.kind,
            text=part.text,
            url=part.url,
            saved=part.saved,
            resources=part.resources,
        )
        for part in parts
    ]


def read_saved_page(path: Path, content_dir: Path) -> SavedPage:
    """The one page in a saved file (the first, for a WARC file holding several)."""
    return read_saved_pages(path, content_dir)[0]


def source_path(
    path: Path,
    content_dir: Path,
    *,
    content_root: Path | None = None,
    real_folder: Callable[[Path], Path] = Path.resolve,
) -> str:
    """How an article's front matter names its saved page: relative to the content folder.

    content_root is content_dir resolved, when the caller has it (once for all files);
    real_folder resolves a folder, and a caller may remember its answers for a build.
    """
    resolved = path.resolve() if path.is_symlink() else real_folder(path.parent) / path.name
    try:
        return resolved.relative_to(content_root or content_dir.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()  # outside the archive, e.g. `site-builder extract`


def _check_link(path: Path, root: Path) -> None:
    if not path.is_symlink():
        return
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise IngestError(path, "a symbolic link that leads nowhere or in a loop") from None
    if not target.is_relative_to(root.resolve()):
        raise IngestError(path, "a symbolic link to outside the saved folder; not read")


def read_saved_bytes(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, confine_to: Path | None = None
) -> bytes:
    """A saved file's bytes, after the checks that keep a bad file from hurting the build."""
    check_saved_file(path, max_bytes=max_bytes, confine_to=confine_to)
    try:
        return path.read_bytes()
    except OSError as err:
        raise IngestError(path, f"cannot read: {err.strerror or err}") from None


# Saved files asked for ahead of the extraction processes (about 3 MB of typical pages):
# enough to keep the disk ahead of the cores, little enough to take no memory worth
# mentioning from a large archive. Of a large file (a WARC, an MHTML with its images)
# only the start is asked for, so 64 of them cannot fill the cache.
READ_AHEAD_FILES = 64
READ_AHEAD_BYTES = 1024 * 1024


def read_ahead(path: Path) -> None:
    """Ask the system to start reading a saved file that will be read soon, and return.

    A first build reads pages the system has not cached; asked ahead, the disk reads them
    while the cores work on earlier pages. Where the system cannot be asked, nothing.
    """
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return  # reading it will give the reason, with the file's name
    try:
        os.posix_fadvise(fd, 0, READ_AHEAD_BYTES, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


class ReadAhead:
    """Keeps the next READ_AHEAD_FILES saved files on their way from the disk.

    For the files extraction processes read in order: on a first build the files are
    seldom in the system's cache, and a process waiting on the disk leaves its core idle.
    """

    def __init__(self, paths: list[Path]) -> None:
        self._paths = paths
        self._asked = 0
        self.advance(0)

    def advance(self, done: int) -> None:
        """The first `done` files have been read."""
        until = min(done + READ_AHEAD_FILES, len(self._paths))
        for path in self._paths[self._asked : until]:
            read_ahead(path)
        self._asked = max(self._asked, until)


def check_saved_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, confine_to: Path | None = None
) -> os.stat_result:
    """The checks read_saved_bytes makes before reading; returns the file's status."""
    if confine_to is not None:
        _check_link(path, confine_to)
    try:
        status = path.stat()
    except OSError as err:
        raise IngestError(path, f"cannot read: {err.strerror or err}") from None
    if not stat.S_ISREG(status.st_mode):
        # Opening a FIFO would wait forever for a writer; a device may never end.
        raise IngestError(path, "not a regular file (a pipe, socket or device)")
    if status.st_size > max_bytes:
        raise IngestError(
            path,
            f"too large ({status.st_size / _MB:.1f} MB; the limit is {max_bytes / _MB:g} MB, "
            "set by max_page_mb in site.toml)",
        )
    return status


def _unwrap_gzip(path: Path, data: bytes, max_bytes: int) -> SavedFile:
    name = path.name
    if not data.startswith(_GZIP_MAGIC):
        return SavedFile(path=path, data=data, name=name)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            inner = unpacked.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise IngestError(path, f"broken gzip data: {err}") from None
    if len(inner) > max_bytes:
        raise IngestError(path, f"unpacks to over {max_bytes / _MB:g} MB (the max_page_mb limit)")
    if name.lower().endswith(".gz"):
        name = name[:-3]
    elif name.lower().endswith(".tgz"):
        name = name[:-4] + ".tar"
    return SavedFile(path=path, data=inner, name=name)


def _sniff_format(saved: SavedFile) -> str:
    head = saved.data[:_SNIFF_BYTES]
    if not head.removeprefix(_UTF8_BOM).strip() and not saved.data[_SNIFF_BYTES:].strip():
        raise IngestError(saved.path, "empty file")
    if head.startswith(b"WARC/"):
        return "warc"
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise IngestError(saved.path, f"this is {what}, not a saved web page")
    lowered = head.removeprefix(_UTF8_BOM).lstrip().lower()
    header_block = lowered.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if any(marker in header_block for marker in _MHTML_HEADERS) and b"<" not in header_block[:1]:
        return "mhtml"
    if lowered.startswith(_HTML_MARKERS):
        return "html"
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        raise IngestError(saved.path, "binary data, not a saved web page")
    suffix = Path(saved.name).suffix.lower()
    if suffix in FORMAT_BY_SUFFIX:
        return FORMAT_BY_SUFFIX[suffix]
    if b"<html" in lowered or b"<body" in lowered:
        return "html"  # an HTML page saved under an odd name
    if not suffix:
        return "text"  # no name to go by, no markup, no binary: a text save
    supported = ", ".join(sorted({*FORMAT_BY_SUFFIX, ".gz"}))
    raise IngestError(
        saved.path, f"unsupported file type {suffix or '(none)'!r}; supported: {supported}"
    )
