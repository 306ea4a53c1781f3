"""Pocket's export ZIP: `part_*.csv` (`title,url,time_added,tags,status`) and
`annotations/part_*.json` (`[{url, title, highlights: [{quote, created_at}]}]`).

Pocket kept no article text: its items are merged onto articles already in the archive,
and the rest listed in content/unsaved.csv.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from site_builder.core.records import Highlight, ImportedMeta
from site_builder.core.urls import is_web_url
from site_builder.library.bookmarks import unix_date
from site_builder.library.export_files import ExportError, ExportItem, ParsedExport
from site_builder.library.zip_members import read_members

SERVICE = "pocket"
ITEM_PART = re.compile(r"^(?:[^/]+/)?part_[^/]*\.csv$")
ANNOTATION_PART = re.compile(r"^(?:[^/]+/)?annotations/part_[^/]*\.json$")
_COLUMNS = ("title", "url", "time_added", "tags", "status")
# Pocket joins an item's tags with "|".
_TAG_SEPARATOR = "|"


def looks_like_pocket(names: list[str]) -> bool:
    return any(ITEM_PART.match(name) for name in names)


def read_pocket(path: Path) -> ParsedExport:
    members = read_members(path)
    highlights = _highlights(path, members)
    items: list[ExportItem] = []
    failed: list[tuple[str, str]] = []
    for name in sorted(n for n in members if ITEM_PART.match(n)):
        try:
            rows = list(csv.DictReader(io.StringIO(members[name].decode("utf-8-sig"))))
        except (UnicodeDecodeError, csv.Error) as err:
            raise ExportError(path, f"damaged Pocket export: {name}: {err}") from None
        if rows and not set(_COLUMNS) <= set(rows[0]):
            raise ExportError(path, f"damaged Pocket export: {name} lacks {', '.join(_COLUMNS)}")
        for number, row in enumerate(rows, 2):
            url = row.get("url") or ""
            if not is_web_url(url):
                failed.append((f"{name} line {number}", "no web address"))
                continue
            meta = ImportedMeta(
                url=url,
                title=(row.get("title") or "").strip() or None,
                tags=tuple(
                    t.strip() for t in (row.get("tags") or "").split(_TAG_SEPARATOR) if t.strip()
                ),
                saved=unix_date(row.get("time_added")),
                state="archived" if row.get("status") == "archive" else "unread",
                highlights=highlights.get(url, ()),
            )
            items.append(ExportItem(meta=meta, html=None, name=url))
    return ParsedExport(service=SERVICE, items=tuple(items), failed=tuple(failed))


def _highlights(path: Path, members: dict[str, bytes]) -> dict[str, tuple[Highlight, ...]]:
    found: dict[str, tuple[Highlight, ...]] = {}
    for name in sorted(n for n in members if ANNOTATION_PART.match(n)):
        try:
            entries = json.loads(members[name].decode("utf-8-sig"))
            for entry in entries:
                found[entry["url"]] = tuple(_highlight(mark) for mark in entry["highlights"])
        except (UnicodeDecodeError, ValueError, RecursionError, TypeError, KeyError) as err:
            raise ExportError(path, f"damaged Pocket export: {name}: {err!s}") from None
    return found


def _highlight(mark: Any) -> Highlight:
    return Highlight(
        quote=" ".join(str(mark["quote"]).split()), created=unix_date(mark.get("created_at"))
    )
