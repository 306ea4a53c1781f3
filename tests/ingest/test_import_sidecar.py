"""Import sidecars: an imported page's export record, read with the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.core.records import Highlight, ImportedMeta
from site_builder.ingest import IngestError, find_saved_files, read_saved_pages
from site_builder.ingest.import_sidecar import read_sidecar, sidecar_of, sidecar_text

ITEM = ImportedMeta(
    url="https://example.org/a",
    title="Ünïcode title",
    tags=("one", "two"),
    saved="2024-05-01T10:00:00+00:00",
    state="archived",
    starred=True,
    highlights=(Highlight(quote="a passage", note="why", created="2024-05-02"),),
)
PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Text.</p></body></html>"


def _imported_page(content: Path) -> Path:
    folder = content / "saved" / "imports" / "wallabag" / "0123456789ab"
    folder.mkdir(parents=True)
    (folder / "export.json").write_text("[]", "utf-8")  # the export as given
    page = folder / "11-a.html"
    page.write_text(PAGE, "utf-8")
    sidecar_of(page).write_text(sidecar_text("wallabag", (ITEM,)), "utf-8")
    return page


def test_a_sidecar_round_trips_its_records(tmp_path: Path) -> None:
    path = tmp_path / "x.import.json"
    path.write_text(sidecar_text("wallabag", (ITEM, ImportedMeta(url="https://b.example/"))))
    assert read_sidecar(path) == (ITEM, ImportedMeta(url="https://b.example/"))
    assert sidecar_of(tmp_path / "x.html") == path


def test_under_imports_only_pages_with_a_sidecar_are_found_and_sidecars_never(
    tmp_path: Path,
) -> None:
    page = _imported_page(tmp_path)
    found = find_saved_files(tmp_path / "saved")
    assert found.pages == [page]
    assert found.skipped == []


def test_reading_an_imported_page_attaches_its_record(tmp_path: Path) -> None:
    page = _imported_page(tmp_path)
    [saved] = read_saved_pages(page, tmp_path)
    assert saved.imported == ITEM
    assert (saved.url, saved.saved) == (ITEM.url, ITEM.saved)


def test_a_damaged_sidecar_fails_its_page_with_the_reason(tmp_path: Path) -> None:
    page = _imported_page(tmp_path)
    sidecar_of(page).write_text('{"format": "something else"}', "utf-8")
    with pytest.raises(IngestError, match=r"11-a\.import\.json is not an import sidecar"):
        read_saved_pages(page, tmp_path)
