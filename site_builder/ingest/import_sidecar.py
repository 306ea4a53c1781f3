"""Import sidecars: what a read-it-later export said of a saved page, kept beside it.

`site-builder import` turns each item of an export into a saved page,
`content/saved/imports/<service>/<export>/<item>.html`, and writes beside it
`<item>.import.json`: the item's tags, dates, read state, star and highlights. The page
then goes through ingest, extract and article like any other save (`build` and
`--reextract` included); this module reads the sidecar and attaches its record to the
page (`SavedPage.imported`), and the extract stage lays it over what it finds.

A sidecar is JSON: `{"format": SIDECAR_FORMAT, "version": 1, "service": "wallabag",
"items": [{"url": ..., "title": ..., "author": [...], "tags": [...], "saved": ...,
"published": ..., "state": "unread"|"archived", "starred": true, "highlights": [{"quote":
..., "note": ..., "created": ...}]}]}`. It lists items by address, so one sidecar also
serves a file holding several pages (a WARC), each taking the record of its address.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from site_builder.core.records import ARTICLE_STATES, Highlight, ImportedMeta, SavedPage
from site_builder.core.urls import canonical_key

SIDECAR_SUFFIX = ".import.json"
SIDECAR_FORMAT = "site-builder import sidecar"
SIDECAR_VERSION = 1
# The folder of content/saved/ that imports write into; in it only the files with a
# sidecar are saved pages (the rest are the exports as given).
IMPORTS_FOLDER = "imports"
# A sidecar is small (a page's metadata); anything larger is not one of ours.
MAX_SIDECAR_BYTES = 4 * 1024 * 1024


class SidecarError(ValueError):
    """A sidecar that can't be read; the message says why."""


def sidecar_of(page_path: Path) -> Path:
    """Where the sidecar of a saved page lies: `x.html` has `x.import.json`."""
    return page_path.with_name(page_path.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_text(service: str, items: tuple[ImportedMeta, ...]) -> str:
    """A sidecar's text, stable for the same items (so an import run twice writes the same)."""
    payload = {
        "format": SIDECAR_FORMAT,
        "version": SIDECAR_VERSION,
        "service": service,
        "items": [_item_value(item) for item in items],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def read_sidecar(path: Path) -> tuple[ImportedMeta, ...]:
    """The records of a sidecar; raises SidecarError for one that is damaged."""
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise SidecarError("import sidecar too large")
        payload = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise SidecarError(f"import sidecar {path.name} unreadable: {err}") from None
    if (
        not isinstance(payload, dict)
        or payload.get("format") != SIDECAR_FORMAT
        or payload.get("version") != SIDECAR_VERSION
        or not isinstance(payload.get("items"), list)
    ):
        raise SidecarError(f"{path.name} is not an import sidecar of version {SIDECAR_VERSION}")
    return tuple(_item(value, path) for value in payload["items"])


def with_imported(pages: list[SavedPage], items: tuple[ImportedMeta, ...]) -> list[SavedPage]:
    """Each page with the record of its address (or a file's only record) attached; the
    record's address and save date stand in for marks the page itself lacks."""
    by_key = {canonical_key(item.url): item for item in items}
    attached = []
    for page in pages:
        item = by_key.get(canonical_key(page.url)) if page.url else None
        if item is None and len(items) == 1 and len(pages) == 1:
            item = items[0]
        if item is not None:
            page = replace(page, imported=item, url=page.url or item.url, saved=item.saved)
        attached.append(page)
    return attached


def _item_value(item: ImportedMeta) -> dict[str, Any]:
    value = asdict(item)
    value["highlights"] = [
        {key: text for key, text in asdict(mark).items() if text} for mark in item.highlights
    ]
    return {key: text for key, text in value.items() if text not in (None, "", [], (), False)}


def _item(value: Any, path: Path) -> ImportedMeta:
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        raise SidecarError(f"{path.name}: an item without an address")
    state = value.get("state")
    if state is not None and state not in ARTICLE_STATES:
        raise SidecarError(f"{path.name}: state {state!r} is not unread or archived")
    try:
        return ImportedMeta(
            url=value["url"],
            title=_text(value.get("title")),
            author=tuple(_texts(value.get("author"))),
            tags=tuple(_texts(value.get("tags"))),
            saved=_text(value.get("saved")),
            published=_text(value.get("published")),
            state=state,
            starred=value.get("starred") is True,
            highlights=tuple(
                Highlight(
                    quote=str(mark["quote"]),
                    note=str(mark.get("note") or ""),
                    created=_text(mark.get("created")),
                )
                for mark in value.get("highlights") or ()
            ),
        )
    except (TypeError, KeyError, AttributeError):
        raise SidecarError(f"{path.name}: a malformed item for {value['url']}") from None


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
        raise TypeError(value)
    return value
