"""Netscape bookmarks HTML: what every browser exports and imports (and Pocket's older
`ril_export.html`, the same links with `time_added` and `tags`); read and written here.

A bookmark is `<A HREF="..." ADD_DATE="unix seconds" TAGS="a,b">title</A>`.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

from site_builder.core.records import ArticleMeta, ImportedMeta
from site_builder.core.urls import is_web_url
from site_builder.library.export_files import ExportError, ExportItem, ParsedExport

SERVICE = "bookmarks"
NETSCAPE_DOCTYPE = "<!DOCTYPE NETSCAPE-Bookmark-file-1>"
# Pocket's ril_export.html is a plain HTML list whose links carry these attributes.
_POCKET_LIST_MARK = b"time_added="


def looks_like_bookmarks(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"netscape-bookmark-file" in head or (
        b"<a " in data.lower() and _POCKET_LIST_MARK in data.lower()
    )


def read_bookmarks(path: Path, data: bytes) -> ParsedExport:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExportError(path, "damaged bookmarks file: not UTF-8 text") from None
    parser = _BookmarkParser()
    parser.feed(text)
    parser.close()
    items, failed = [], []
    for number, (attrs, title) in enumerate(parser.links, 1):
        url = attrs.get("href") or ""
        if not is_web_url(url):
            failed.append((f"link {number}", f"not a web address: {url[:80]!r}"))
            continue
        meta = ImportedMeta(
            url=url,
            title=" ".join(title.split()) or None,
            tags=tuple(t.strip() for t in (attrs.get("tags") or "").split(",") if t.strip()),
            saved=unix_date(attrs.get("add_date") or attrs.get("time_added")),
        )
        items.append(ExportItem(meta=meta, html=None, name=url))
    return ParsedExport(service=SERVICE, items=tuple(items), failed=tuple(failed))


def bookmarks_file(articles: list[ArticleMeta], *, title: str) -> str:
    """A Netscape bookmarks file of the articles, with their tags and save dates."""
    lines = [
        NETSCAPE_DOCTYPE,
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
        f"<TITLE>{html.escape(title)}</TITLE>",
        f"<H1>{html.escape(title)}</H1>",
        "<DL><p>",
    ]
    for meta in articles:
        if not meta.url or not is_web_url(meta.url):
            continue
        attrs = f'HREF="{html.escape(meta.url)}"'
        if (stamp := _unix(meta.saved or meta.published)) is not None:
            attrs += f' ADD_DATE="{stamp}"'
        if meta.tags:
            attrs += f' TAGS="{html.escape(",".join(meta.tags))}"'
        lines.append(f"    <DT><A {attrs}>{html.escape(meta.title)}</A>")
    lines.append("</DL><p>")
    return "\n".join(lines) + "\n"


def unix_date(value: object) -> str | None:
    """An ISO 8601 date-time from Unix seconds (as text or a number); None if it isn't one."""
    try:
        seconds = int(str(value).strip())
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _unix(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


class _BookmarkParser(HTMLParser):
    """Every link's attributes and text, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[dict[str, str], str]] = []
        self._open: tuple[dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._end_link()
            self._open = ({k: v or "" for k, v in attrs}, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._end_link()

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def close(self) -> None:
        super().close()
        self._end_link()

    def _end_link(self) -> None:
        if self._open is not None:
            self.links.append((self._open[0], "".join(self._open[1])))
            self._open = None
