"""Which addresses count as the web: where a page came from, where its images live."""

from __future__ import annotations

import re

# Browsers ignore ASCII whitespace and control characters inside an address
# ("java\tscript:", " https://"), so an address is judged without them.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20]")
_WEB_SCHEMES = ("http://", "https://")


def is_web_url(url: str) -> bool:
    """Whether url is an absolute http(s) address, read as a browser reads it.

    Only such an address may stand for a page's original, its canonical address or its
    lead image: a saver's mark, a page's metadata and a hand-edited front matter can all
    hold anything else (about:internet, file:, javascript:, a relative path).
    """
    return _IGNORED_BY_BROWSERS.sub("", url).lower().startswith(_WEB_SCHEMES)
