"""An export into content/: saved pages with their sidecars, merges, and unsaved.csv.

Everything is read and decided before anything is written, so a damaged export changes
nothing. Then:

1. the export is kept as given, with a saved page and an import sidecar for each new
   item, in `saved/imports/<service>/<sha256[:12]>/`, staged in a hidden folder beside
   it and renamed into place whole;
2. an item whose address (`core.urls.canonical_key`) an article already has is merged
   onto it: its record goes into the sidecar beside that article's saved page (so a
   `--reextract` keeps it), and the article's front matter is updated only when the
   build wrote the file; a file edited by hand is never overwritten (the item is
   counted as skipped, and merges the day the reader deletes their edit);
3. items with no text and no article (Pocket, bookmarks) are added to content/unsaved.csv.

Running it again finds every item imported, merged or listed already: nothing changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path

from site_builder.article import store
from site_builder.core.config import SiteConfig
from site_builder.core.records import Highlight, ImportedMeta
from site_builder.core.slugs import slugify
from site_builder.core.urls import canonical_key
from site_builder.ingest.import_sidecar import (
    IMPORTS_FOLDER,
    SidecarError,
    is_sidecar,
    read_sidecar,
    sidecar_of,
    sidecar_text,
)
from site_builder.library.export_files import ExportError, ExportItem, ParsedExport
from site_builder.library.sniff import read_export

UNSAVED_FILE = "unsaved.csv"
# Services whose exports hold no article text: their new items are listed, not imported.
TEXT_LESS_SERVICES = frozenset({"pocket", "bookmarks"})
UNSAVED_COLUMNS = ("url", "title", "tags", "saved", "service")
# How many characters of an export's hash name its folder: unique among a reader's few.
EXPORT_ID_LENGTH = 12
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportSummary:
    """What one import did: its counts, and each failure with its reason."""

    service: str
    imported: int
    merged: int
    skipped: int
    unsaved: int
    failed: tuple[tuple[str, str], ...]
    text_less: bool  # the service kept no text: its new items go to unsaved.csv

    def line(self) -> str:
        counts = f"{self.imported} imported, {self.merged} merged, {self.skipped} skipped"
        if self.text_less:
            counts += f", {self.unsaved} listed in {UNSAVED_FILE}"
        failures = "; ".join(f"{item}: {reason}" for item, reason in self.failed)
        return f"{self.service}: {counts}, {len(self.failed)} failed" + (
            f" ({failures})" if failures else ""
        )


@dataclass(slots=True)
class _Plan:
    new: list[ExportItem] = field(default_factory=list)
    merges: dict[Path, ImportedMeta] = field(default_factory=dict)  # article file -> record
    unsaved: list[ImportedMeta] = field(default_factory=list)
    skipped: int = 0


def import_export(path: Path, config: SiteConfig) -> ImportSummary:
    """Import one export; raises ExportError (nothing written) for one that can't be read."""
    data, parsed = read_export(path)
    articles = _articles_by_address(config.articles_dir)
    plan = _plan(parsed, articles, _imported_addresses(config.saved_dir), _listed(config))
    merges = _merge_writes(plan.merges, config)
    plan.skipped += len(plan.merges) - len(merges)
    _write_export(path, data, parsed.service, plan.new, config)
    for writes in merges:
        for target, text in writes:
            store.write_text_atomic(target, text)
    if plan.unsaved:
        _append_unsaved(config, parsed.service, plan.unsaved)
    return ImportSummary(
        service=parsed.service,
        imported=len(plan.new),
        merged=len(merges),
        skipped=plan.skipped,
        unsaved=len(plan.unsaved),
        failed=parsed.failed,
        text_less=parsed.service in TEXT_LESS_SERVICES,
    )


def _plan(
    parsed: ParsedExport,
    articles: dict[str, Path],
    imported: set[str],
    listed: set[str],
) -> _Plan:
    plan = _Plan()
    for item in parsed.items:
        key = canonical_key(item.meta.url)
        if key in articles:
            plan.merges[articles[key]] = _merged(plan.merges.get(articles[key]), item.meta)
        elif key in imported or key in listed:
            plan.skipped += 1
        elif item.html is not None:
            plan.new.append(item)
        else:
            plan.unsaved.append(item.meta)
        (imported if item.html is not None else listed).add(key)  # once per export too
    return plan


def _articles_by_address(articles_dir: Path) -> dict[str, Path]:
    """The article file of each address the archive's articles have (unreadable ones aside)."""
    found: dict[str, Path] = {}
    for path in store.article_files(articles_dir):
        try:
            meta = store.load(path).article.meta
        except store.StoreError:
            continue
        for url in (meta.url, meta.saved_url):
            if url:
                found.setdefault(canonical_key(url), path)
    return found


def _imported_addresses(saved_dir: Path) -> set[str]:
    folder = saved_dir / IMPORTS_FOLDER
    keys: set[str] = set()
    for sidecar in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if is_sidecar(sidecar) and not any(p.startswith(".") for p in sidecar.parts):
            try:
                keys.update(canonical_key(item.url) for item in read_sidecar(sidecar))
            except SidecarError:
                continue
    return keys


def _merged(before: ImportedMeta | None, item: ImportedMeta) -> ImportedMeta:
    """A merge record keeps what the service knew of the reader, not of the page."""
    after = ImportedMeta(
        url=item.url,
        tags=item.tags,
        state=item.state,
        starred=item.starred,
        highlights=item.highlights,
    )
    return after if before is None else _combined(before, after)


def _combined(before: ImportedMeta, after: ImportedMeta) -> ImportedMeta:
    quotes = {mark.quote for mark in before.highlights}
    return replace(
        before,
        tags=tuple(dict.fromkeys(before.tags + after.tags)),
        state=after.state or before.state,
        starred=before.starred or after.starred,
        highlights=before.highlights + tuple(m for m in after.highlights if m.quote not in quotes),
    )


_Writes = tuple[tuple[Path, str], ...]


def _merge_writes(merges: dict[Path, ImportedMeta], config: SiteConfig) -> list[_Writes]:
    """The (file, text) pairs to write for each merge that changes something: the sidecar
    beside the article's saved page, then the article, which the build wrote."""
    writes: list[_Writes] = []
    for article_path, record in sorted(merges.items()):
        stored = store.load(article_path)
        meta = stored.article.meta
        merged_meta = replace(
            meta,
            tags=tuple(dict.fromkeys(meta.tags + record.tags)),
            state=record.state or meta.state,
            starred=meta.starred or record.starred,
            highlights=_combined_marks(meta.highlights, record.highlights),
        )
        saved = (config.content_dir / meta.source.split("#")[0]) if meta.source else None
        if stored.edited or merged_meta == meta or saved is None or not saved.is_file():
            continue
        sidecar = sidecar_of(saved)
        try:
            earlier = read_sidecar(sidecar) if sidecar.is_file() else ()
        except SidecarError as err:  # found before anything is written
            raise ExportError(sidecar, str(err)) from None
        records = tuple(r for r in earlier if canonical_key(r.url) != canonical_key(record.url))
        mine = next((r for r in earlier if canonical_key(r.url) == canonical_key(record.url)), None)
        whole = record if mine is None else _combined(mine, record)
        article = replace(stored.article, meta=merged_meta)
        writes.append(
            (
                (sidecar, sidecar_text("merged", (*records, whole))),
                (article_path, store.serialize(article)),
            )
        )
    return writes


def _combined_marks(
    before: tuple[Highlight, ...], added: tuple[Highlight, ...]
) -> tuple[Highlight, ...]:
    quotes = {mark.quote for mark in before}
    return before + tuple(mark for mark in added if mark.quote not in quotes)


def _write_export(
    path: Path, data: bytes, service: str, new: list[ExportItem], config: SiteConfig
) -> None:
    """The export as given and a saved page with its sidecar per new item, in a folder
    staged beside its place and renamed into it whole."""
    service_dir = config.saved_dir / IMPORTS_FOLDER / service
    final = service_dir / hashlib.sha256(data).hexdigest()[:EXPORT_ID_LENGTH]
    if final.exists() and not new:
        return
    staging = service_dir / f".{final.name}.partial"
    if staging.exists():
        shutil.rmtree(staging)  # left by an interrupted import
    if final.exists():
        shutil.copytree(final, staging)
    else:
        staging.mkdir(parents=True)
        (staging / _safe_name(path.name)).write_bytes(data)
    names: set[str] = {p.name for p in staging.iterdir()}
    for item in new:
        stem = _free_stem(slugify(item.name)[:80] or "item", names)
        (staging / f"{stem}.html").write_text(_saved_page(item), encoding="utf-8")
        sidecar = sidecar_of(staging / f"{stem}.html")
        sidecar.write_text(sidecar_text(service, (item.meta,)), encoding="utf-8")
        names.update({f"{stem}.html", sidecar.name})
    if final.exists():
        shutil.rmtree(final)
    staging.rename(final)


def _saved_page(item: ExportItem) -> str:
    """The item's readable HTML as a page of its own (untrusted: the pipeline sanitises it)."""
    title = escape(item.meta.title or item.meta.url)
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>\n'
        f'<link rel="canonical" href="{escape(item.meta.url)}"></head>\n'
        f"<body><article>\n{item.html}\n</article></body></html>\n"
    )


def _free_stem(stem: str, taken: set[str]) -> str:
    candidate, number = stem, 2
    while f"{candidate}.html" in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def _safe_name(name: str) -> str:
    return _SAFE_NAME.sub("_", name).lstrip(".") or "export"


def _listed(config: SiteConfig) -> set[str]:
    return {canonical_key(row["url"]) for row in _unsaved_rows(config) if row.get("url")}


def _unsaved_rows(config: SiteConfig) -> list[dict[str, str]]:
    path = config.content_dir / UNSAVED_FILE
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _append_unsaved(config: SiteConfig, service: str, items: list[ImportedMeta]) -> None:
    rows = _unsaved_rows(config) + [
        {
            "url": item.url,
            "title": item.title or "",
            "tags": ", ".join(item.tags),
            "saved": item.saved or "",
            "service": service,
        }
        for item in items
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=UNSAVED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    store.write_text_atomic(config.content_dir / UNSAVED_FILE, out.getvalue())
