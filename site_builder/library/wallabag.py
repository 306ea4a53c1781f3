"""Wallabag's JSON export: an array of entries, each with its readable HTML.

Fields read: `content`, `url` (or `given_url`, `origin_url`), `title`, `tags`,
`is_archived`, `is_starred`, `created_at`, `published_at`, `published_by`, and
`annotations` (`{quote, text, ranges}`), which become highlights with their notes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from site_builder.core.dates import parse_date
from site_builder.core.records import Highlight, ImportedMeta
from site_builder.core.slugs import slugify
from site_builder.core.urls import is_web_url
from site_builder.library.export_files import ExportError, ExportItem, ParsedExport

SERVICE = "wallabag"
_ADDRESS_FIELDS = ("url", "given_url", "origin_url")


def looks_like_wallabag(data: bytes) -> bool:
    """A JSON array whose first entry has Wallabag's `is_archived` and `content`."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[") and b'"is_archived"' in data and b'"content"' in data


def read_wallabag(path: Path, data: bytes) -> ParsedExport:
    try:
        entries = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise ExportError(path, f"damaged Wallabag export: {err}") from None
    if not isinstance(entries, list):
        raise ExportError(path, "damaged Wallabag export: not a list of entries")
    items: list[ExportItem] = []
    failed: list[tuple[str, str]] = []
    for number, entry in enumerate(entries, 1):
        label = f"entry {number}"
        try:
            items.append(_item(entry, number))
        except (TypeError, ValueError, KeyError) as err:
            failed.append((label, str(err) or "malformed entry"))
    return ParsedExport(service=SERVICE, items=tuple(items), failed=tuple(failed))


def _item(entry: Any, number: int) -> ExportItem:
    if not isinstance(entry, dict):
        raise ValueError("not an entry")
    url = next((entry[f] for f in _ADDRESS_FIELDS if _is_address(entry.get(f))), None)
    if url is None:
        raise ValueError("no web address")
    content = entry.get("content")
    if not isinstance(content, str) or not content.strip():
        raise ValueError(f"{url}: no content")
    title = _optional_text(entry.get("title"))
    meta = ImportedMeta(
        url=url,
        title=title,
        author=tuple(_texts(entry.get("published_by"))),
        tags=tuple(_texts(entry.get("tags"))),
        saved=_date(entry.get("created_at")),
        published=_date(entry.get("published_at")),
        state="archived" if entry.get("is_archived") in (1, True) else "unread",
        starred=entry.get("is_starred") in (1, True),
        highlights=tuple(_highlight(note) for note in entry.get("annotations") or ()),
    )
    entry_id = entry.get("id", number)
    name = f"{entry_id}-{slugify(title or url)}" if isinstance(entry_id, int) else str(number)
    return ExportItem(meta=meta, html=content, name=name)


def _highlight(annotation: Any) -> Highlight:
    if not isinstance(annotation, dict) or not isinstance(annotation.get("quote"), str):
        raise ValueError("an annotation without a quote")
    return Highlight(
        quote=" ".join(annotation["quote"].split()),
        note=_optional_text(annotation.get("text")) or "",
        created=_date(annotation.get("created_at")),
    )


def _is_address(value: Any) -> bool:
    return isinstance(value, str) and is_web_url(value)


def _optional_text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"text expected, not {type(value).__name__}")
    return value.strip() or None


def _texts(value: Any) -> list[str]:
    """A list of names, or of Wallabag tag objects ({label: ...})."""
    if not value:
        return []
    if not isinstance(value, list):
        raise ValueError("a list expected")
    texts = [item.get("label") if isinstance(item, dict) else item for item in value]
    return [" ".join(text.split()) for text in texts if isinstance(text, str) and text.strip()]


def _date(value: Any) -> str | None:
    return parse_date(value) if isinstance(value, str) else None
