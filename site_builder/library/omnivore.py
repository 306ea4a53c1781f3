"""Omnivore's export ZIP: `metadata_*.json` batches, `content/<slug>.html`, and
`highlights/<slug>.md`.

Each metadata item has `id`, `slug`, `title`, `description`, `author`, `url`, `state`,
`readingProgress`, `labels`, `savedAt` and `publishedAt`. A highlights file is Omnivore's
Markdown: each highlight a `> quote [⤴️](link)` paragraph, its note the paragraphs after.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from site_builder.core.dates import parse_date
from site_builder.core.records import Highlight, ImportedMeta
from site_builder.core.urls import is_web_url
from site_builder.library.export_files import ExportError, ExportItem, ParsedExport
from site_builder.library.zip_members import read_members

SERVICE = "omnivore"
METADATA_BATCH = re.compile(r"^(?:[^/]+/)?metadata_[^/]*\.json$")
# The link back to the highlight in Omnivore that ends each quote.
_BACK_LINK = re.compile(r"\s*\[[^\]]*\]\(https?://[^)]*\)\s*$")
_SLUG = re.compile(r"^[^/\\]{1,200}$")


def looks_like_omnivore(names: list[str]) -> bool:
    return any(METADATA_BATCH.match(name) for name in names)


def read_omnivore(path: Path) -> ParsedExport:
    members = read_members(path)
    root = _root_folder(members)
    items: list[ExportItem] = []
    failed: list[tuple[str, str]] = []
    for name in sorted(n for n in members if METADATA_BATCH.match(n)):
        try:
            batch = json.loads(members[name].decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError) as err:
            raise ExportError(path, f"damaged Omnivore export: {name}: {err}") from None
        if not isinstance(batch, list):
            raise ExportError(path, f"damaged Omnivore export: {name} is not a list")
        for entry in batch:
            label = str(entry.get("slug") or entry.get("id")) if isinstance(entry, dict) else name
            try:
                items.append(_item(entry, members, root))
            except (TypeError, ValueError, UnicodeDecodeError) as err:
                failed.append((label, str(err) or "malformed item"))
    return ParsedExport(service=SERVICE, items=tuple(items), failed=tuple(failed))


def _root_folder(members: dict[str, bytes]) -> str:
    """ "" or the one folder the export's files were zipped in ("omnivore-export/")."""
    batch = next((n for n in sorted(members) if METADATA_BATCH.match(n)), "")
    return batch.rsplit("/", 1)[0] + "/" if "/" in batch else ""


def _item(entry: Any, members: dict[str, bytes], root: str) -> ExportItem:
    if not isinstance(entry, dict):
        raise ValueError("not an item")
    url, slug = entry.get("url"), entry.get("slug")
    if not isinstance(url, str) or not is_web_url(url):
        raise ValueError("no web address")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise ValueError(f"{url}: no slug")
    content = members.get(f"{root}content/{slug}.html")
    if content is None:
        raise ValueError(f"{url}: no content/{slug}.html in the export")
    marks = members.get(f"{root}highlights/{slug}.md", b"").decode("utf-8")
    labels = entry.get("labels") or []
    if not isinstance(labels, list):
        raise ValueError(f"{url}: labels must be a list")
    state = str(entry.get("state") or "").lower()
    meta = ImportedMeta(
        url=url,
        title=_text(entry.get("title")),
        author=(author,) if (author := _text(entry.get("author"))) else (),
        tags=tuple(" ".join(label.split()) for label in labels if isinstance(label, str)),
        saved=_date(entry.get("savedAt")),
        published=_date(entry.get("publishedAt")),
        state="archived" if state == "archived" else "unread",
        highlights=highlights_of(marks),
    )
    return ExportItem(meta=meta, html=content.decode("utf-8"), name=slug)


def highlights_of(markdown: str) -> tuple[Highlight, ...]:
    """The highlights of an Omnivore highlights file: each quote, with the note after it."""
    found: list[Highlight] = []
    for block in re.split(r"\n\s*\n", markdown.replace("\r\n", "\n")):
        block = block.strip()
        if block.startswith(">"):
            lines = [line.lstrip(">").strip() for line in block.splitlines()]
            quote = _BACK_LINK.sub("", " ".join(lines)).strip()
            if quote:
                found.append(Highlight(quote=quote))
        elif block and found and not block.startswith("#"):
            last = found[-1]
            note = f"{last.note}\n\n{block}" if last.note else block
            found[-1] = Highlight(quote=last.quote, note=note, created=last.created)
    return tuple(found)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    return parse_date(value) if isinstance(value, str) else None
