"""Which addresses count as the web: where a page came from, where its images live."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from courlan import normalize_url

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


# Hosts that serve the same pages under another name: "www.example.org" and
# "amp.example.org" are example.org (Google AMP pages and the www. prefix).
_SAME_HOST_PREFIXES = ("www.", "amp.")
# AMP copies of an article: ".../story/amp", "/amp/story", "story.amp" and
# "?amp=1" / "?outputType=amp" (the Guardian, WordPress' AMP plugin, BBC, WaPo).
_AMP_PATH_SEGMENT = "amp"
_AMP_SUFFIX = ".amp"
_AMP_QUERY_KEYS = frozenset({"amp", "outputtype", "amp_js_v", "usqp"})
# "%d0%b0" and "%D0%B0" are one character (RFC 3986, 6.2.2.1).
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def canonical_key(url: str) -> str:
    """The form under which two addresses of one document compare equal.

    Folded away: the scheme (http/https), a www. or amp. host prefix, AMP path and
    query variants, tracking parameters (utm_*, fbclid, gclid, mc_eid ... as courlan
    knows them), the fragment, a trailing slash, and the order of the query's parts.
    "https://www.example.org/a/?utm_source=x#top" gives "example.org/a". Anything but a
    web address is given back with its blanks stripped, so it still compares to itself.
    """
    stripped = _IGNORED_BY_BROWSERS.sub("", url)
    if not is_web_url(stripped):
        return url.strip()
    try:
        cleaned = urlsplit(normalize_url(stripped, trailing_slash=False))
    except ValueError:  # a malformed host or port: compare what there is
        cleaned = urlsplit(stripped.lower())
    query = [
        (key, value)
        for key, value in parse_qsl(cleaned.query, keep_blank_values=True)
        if key.lower() not in _AMP_QUERY_KEYS
    ]
    path = _PERCENT_ESCAPE.sub(_upper, _without_amp(cleaned.path).rstrip("/"))
    host = same_site_host(cleaned.netloc)
    return host + path + (f"?{urlencode(sorted(query))}" if query else "")


def same_site_host(host: str) -> str:
    """A host name without the prefixes that serve one site under two names."""
    host = host.lower().rstrip(".")
    for prefix in _SAME_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def same_site(url: str, other: str) -> bool:
    """Whether two web addresses are on one site: the same host, www./amp. aside, or one
    a subdomain of the other (news.example.org and example.org; not a.github.io and
    b.github.io, which belong to two people)."""
    first = same_site_host(urlsplit(url.strip()).hostname or "")
    second = same_site_host(urlsplit(other.strip()).hostname or "")
    if not first or not second:
        return False
    return first == second or first.endswith(f".{second}") or second.endswith(f".{first}")


def preferred_url(recorded: str | None, *declared: str | None) -> str | None:
    """The page's own address: the first it declares (rel=canonical, og:url ...) on the
    site the saver recorded, or else what the saver recorded.

    A declaration on another site is not trusted over the saver (a syndicated copy
    naming its original, or a template's leftover); nor is one naming the site's home
    page for an article deeper in it, which a misconfigured CMS writes on every page.
    Without a recorded address, the first declaration is all there is.
    """
    candidates = [url.strip() for url in declared if url and is_web_url(url)]
    if recorded is None or not is_web_url(recorded):
        return candidates[0] if candidates else recorded
    for candidate in candidates:
        if same_site(candidate, recorded) and not _home_page_for_article(candidate, recorded):
            return candidate
    return recorded


def _home_page_for_article(candidate: str, recorded: str) -> bool:
    return not urlsplit(candidate).path.strip("/") and bool(urlsplit(recorded).path.strip("/"))


def _upper(match: re.Match[str]) -> str:
    return match.group(0).upper()


def _without_amp(path: str) -> str:
    segments = path.split("/")
    if segments and segments[-1] in (_AMP_PATH_SEGMENT, ""):
        while segments and segments[-1] == "":
            segments.pop()
        if segments and segments[-1] == _AMP_PATH_SEGMENT:
            segments.pop()
    if len(segments) > 2 and segments[1] == _AMP_PATH_SEGMENT:
        del segments[1]
    if segments and segments[-1].endswith(_AMP_SUFFIX):
        segments[-1] = segments[-1][: -len(_AMP_SUFFIX)]
    return "/".join(segments)
