"""MHTML saves (.mhtml, .mht): a MIME multipart/related message, read with `email`.

Chrome writes the page's address in `Snapshot-Content-Location` and the save time in
`Date`; the first text/html part is the page, and image parts carry the address the page
uses for them in `Content-Location`.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
from email.errors import CloseBoundaryNotFoundDefect
from email.message import Message

from site_builder.core.image_types import image_type
from site_builder.core.records import Resource, SavedPage
from site_builder.core.urls import is_web_url
from site_builder.ingest.decode import decode_html
from site_builder.ingest.saved_file import SavedFile


class MhtmlError(ValueError):
    """The file looked like MHTML but holds no HTML part."""


def read_mhtml(saved: SavedFile) -> list[SavedPage]:
    message = email.message_from_bytes(saved.data, policy=email.policy.compat32)
    snapshot_url = _header(message, "Snapshot-Content-Location")
    html_part: Message | None = None
    html_bytes = b""
    resources: list[Resource] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        location = _header(part, "Content-Location")
        content_type = part.get_content_type()
        if (
            content_type == "text/html"
            and html_part is None
            and (snapshot_url is None or location in (None, snapshot_url))
        ):
            html_part, html_bytes = part, payload
            continue
        media_type = image_type(payload)
        if media_type is not None:
            for url in _addresses(part, location):
                resources.append(Resource(url=url, media_type=media_type, data=payload))
    if html_part is None:
        raise MhtmlError("no text/html part in the MHTML file")
    text = decode_html(html_bytes, declared=html_part.get_content_charset())
    page_url = snapshot_url or _header(html_part, "Content-Location")
    original = page_url if page_url and is_web_url(page_url) else None
    # A file cut short (a save or a copy that stopped) never reaches its closing boundary.
    cut_off = any(isinstance(d, CloseBoundaryNotFoundDefect) for d in message.defects)
    return [
        saved.page(
            "html",
            text,
            url=original,
            saved=_date(message),
            resources=tuple(resources),
            cut_off=cut_off,
        )
    ]


def _addresses(part: Message, location: str | None) -> list[str]:
    addresses = [location] if location else []
    content_id = _header(part, "Content-ID")
    if content_id:
        addresses.append(f"cid:{content_id.strip('<>')}")
    return addresses


def _date(message: Message) -> str | None:
    value = _header(message, "Date")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, with the sender's own zone unknown (RFC 5322)
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat()


def _header(message: Message, name: str) -> str | None:
    value = message.get(name)
    return " ".join(str(value).split()) if value else None
