"""HTML saves: "Save Page As: Web page, HTML only" and the HTML of "complete" saves."""

from __future__ import annotations

import re

from site_builder.ingest.decode import decode_html
from site_builder.ingest.record import PageParts

# Internet Explorer and Chrome write this mark so that the saved copy keeps the security
# zone of its origin: <!-- saved from url=(0045)https://... --> where the number is the
# URL's length. It is the most reliable record of where a page came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\s*\d+\s*\)\s*(\S+?)\s*-->", re.I)
_MARK_SEARCH_CHARS = 2048


def read_html(data: bytes) -> PageParts:
    text = decode_html(data)
    match = _SAVED_FROM.search(text[:_MARK_SEARCH_CHARS])
    url = match.group(1) if match and match.group(1).startswith(("http://", "https://")) else None
    return PageParts(kind="html", text=text, url=url)
