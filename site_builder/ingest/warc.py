"""WARC captures (.warc, .warc.gz): one page per HTML response, images from the others."""

from __future__ import annotations

import io

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from site_builder.core.config import DEFAULT_MAX_PAGE_MB, MEGABYTE
from site_builder.core.image_types import image_type
from site_builder.core.records import Resource, SavedPage
from site_builder.ingest.decode import decode_html
from site_builder.ingest.saved_file import SavedFile

# Bodies past the size of the largest saved page are not article pages or article images;
# skipping them keeps one giant capture from filling memory.
_MAX_RECORD_BYTES = DEFAULT_MAX_PAGE_MB * MEGABYTE


class WarcError(ValueError):
    """The WARC file is unreadable or holds no HTML page."""


def read_warc(saved: SavedFile) -> list[SavedPage]:
    pages: list[tuple[str, str, str | None, str | None]] = []  # uri, html, date, charset
    resources: list[Resource] = []
    seen: set[str] = set()
    try:
        for record in ArchiveIterator(io.BytesIO(saved.data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            status = record.http_headers.get_statuscode()
            if not uri or status != "200" or uri in seen:
                continue
            body = record.content_stream().read(_MAX_RECORD_BYTES + 1)
            if len(body) > _MAX_RECORD_BYTES:
                continue
            seen.add(uri)
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            media_type = image_type(body)
            if media_type is not None:
                resources.append(Resource(url=uri, media_type=media_type, data=body))
            elif "html" in content_type:
                charset = _charset(content_type)
                date = record.rec_headers.get_header("WARC-Date")
                pages.append((uri, decode_html(body, declared=charset), date, charset))
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as err:
        raise WarcError(f"not a readable WARC file ({' '.join(str(err).split())[:200]})") from None
    if not pages:
        raise WarcError("no HTML page (an HTTP 200 text/html response) in the WARC file")
    shared = tuple(resources)
    return [
        saved.page("html", html, url=uri, saved=_iso(date), resources=shared, part=uri)
        for uri, html, date, _ in pages
    ]


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.strip().partition("=")
        if name.strip() == "charset" and value:
            return value.strip().strip("\"'")
    return None


def _iso(warc_date: str | None) -> str | None:
    if not warc_date:
        return None
    return warc_date.replace("Z", "+00:00")
