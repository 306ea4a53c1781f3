"""Reading one saved file into SavedPage records: the checks, gzip, the format's reader."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from site_builder.core.config import DEFAULT_MAX_PAGE_MB, MEGABYTE
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import SavedPage
from site_builder.ingest.find import source_path
from site_builder.ingest.html import read_html
from site_builder.ingest.import_sidecar import SidecarError, read_sidecar, sidecar_of, with_imported
from site_builder.ingest.mhtml import MhtmlError, read_mhtml
from site_builder.ingest.saved_file import SavedFile
from site_builder.ingest.sniff import NotASavedPage, sniff_format
from site_builder.ingest.text import read_text
from site_builder.ingest.warc import WarcError, read_warc

Reader = Callable[[SavedFile], list[SavedPage]]

READERS: dict[str, Reader] = {
    "html": read_html,
    "mhtml": read_mhtml,
    "warc": read_warc,
    "text": read_text,
}
# For callers without settings: max_page_mb's default.
DEFAULT_MAX_BYTES = DEFAULT_MAX_PAGE_MB * MEGABYTE
_GZIP_MAGIC = b"\x1f\x8b"


class IngestError(SiteBuilderError):
    """A saved page could not be read."""


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
    saved = _unwrap_gzip(
        SavedFile(
            path=path,
            data=raw,
            name=path.name,
            source=source_path(path, content_dir),
            sha256=hashlib.sha256(raw).hexdigest(),
        ),
        max_bytes,
    )
    try:
        pages = READERS[sniff_format(saved)](saved)
        sidecar = sidecar_of(path)
        if sidecar.is_file():  # an imported item: its export's tags, dates and state
            pages = with_imported(pages, read_sidecar(sidecar))
    except (NotASavedPage, MhtmlError, WarcError, SidecarError) as err:
        raise IngestError(path, str(err)) from None
    return pages


def read_saved_bytes(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, confine_to: Path | None = None
) -> bytes:
    """A saved file's bytes, after the checks that keep a bad file from hurting the build."""
    check_saved_file(path, max_bytes=max_bytes, confine_to=confine_to)
    try:
        return path.read_bytes()
    except OSError as err:
        raise IngestError(path, f"cannot read: {err.strerror or err}") from None


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
            f"too large ({status.st_size / MEGABYTE:.1f} MB; the limit is "
            f"{max_bytes / MEGABYTE:g} MB, set by max_page_mb in site.toml)",
        )
    return status


def _check_link(path: Path, root: Path) -> None:
    if not path.is_symlink():
        return
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise IngestError(path, "a symbolic link that leads nowhere or in a loop") from None
    if not target.is_relative_to(root.resolve()):
        raise IngestError(path, "a symbolic link to outside the saved folder; not read")


def _unwrap_gzip(saved: SavedFile, max_bytes: int) -> SavedFile:
    if not saved.data.startswith(_GZIP_MAGIC):
        return saved
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(saved.data)) as unpacked:
            inner = unpacked.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise IngestError(saved.path, f"broken gzip data: {err}") from None
    if len(inner) > max_bytes:
        raise IngestError(
            saved.path, f"unpacks to over {max_bytes / MEGABYTE:g} MB (the max_page_mb limit)"
        )
    name = saved.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    elif name.lower().endswith(".tgz"):
        name = name[:-4] + ".tar"
    return replace(saved, data=inner, name=name)
