"""Whoosh updated in two halves: documents offered while the build runs, then finish()."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from site_builder.core.records import IndexDocument
from site_builder.search.whoosh_index import IndexUpdate, SyncReport, rebuild_index, search

from .test_search_index import ARCHIVE, BELARUS, FARMERS


def fingerprints(documents: Sequence[IndexDocument]) -> dict[str, str]:
    return {document.path: document.fingerprint for document in documents}


def loader(documents: Sequence[IndexDocument], calls: list[str]) -> Callable[[str], IndexDocument]:
    by_path = {document.path: document for document in documents}

    def load(path: str) -> IndexDocument:
        calls.append(path)
        return by_path[path]

    return load


def found(folder: Path, query: str) -> list[str]:
    return [hit.path for hit in search(folder, query)]


def test_offered_documents_are_indexed_and_not_loaded_again(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    with IndexUpdate(folder) as update:
        update.offer(BELARUS)
        update.offer(FARMERS)
        report = update.finish(fingerprints(ARCHIVE), loader(ARCHIVE, calls))
    assert sorted(calls) == sorted(d.path for d in ARCHIVE if d not in (BELARUS, FARMERS))
    assert report == SyncReport(added=len(ARCHIVE), rebuilt_because="there was no search index yet")
    assert found(folder, "lukashenko protest")[0] == BELARUS.path
    assert len(list(search(folder, "*", limit=100))) == len(ARCHIVE)


def test_offering_what_is_indexed_already_writes_nothing(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    rebuild_index(folder, ARCHIVE)
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    with IndexUpdate(folder) as update:
        update.offer(BELARUS)
        assert update.finish(fingerprints(ARCHIVE), loader(ARCHIVE, calls)) == SyncReport()
    assert calls == []
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_a_document_changed_after_its_offer_is_indexed_as_it_ends(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    rebuild_index(folder, ARCHIVE)
    draft = replace(BELARUS, body="A draft about zeppelins.", fingerprint="draft")
    final = replace(BELARUS, body="The final text, about lighthouses.", fingerprint="final")
    documents = [final if document is BELARUS else document for document in ARCHIVE]
    with IndexUpdate(folder) as update:
        update.offer(draft)
        report = update.finish(fingerprints(documents), loader(documents, calls))
    assert calls == [BELARUS.path]
    assert report == SyncReport(updated=1)
    assert found(folder, "lighthouses") == [BELARUS.path]
    assert found(folder, "zeppelins") == []


def test_an_update_left_unfinished_changes_nothing(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    rebuild_index(folder, ARCHIVE)
    with pytest.raises(RuntimeError, match="the build failed"), IndexUpdate(folder) as update:
        update.offer(replace(BELARUS, body="Zeppelins.", fingerprint="new"))
        raise RuntimeError("the build failed")
    assert found(folder, "zeppelins") == []
    # The cancelled writer let go of the index: the next build can update it.
    changed = [replace(FARMERS, body="Zeppelins over the fields.", fingerprint="next")]
    documents = [*changed, *(d for d in ARCHIVE if d is not FARMERS)]
    with IndexUpdate(folder) as update:
        update.offer(changed[0])
        assert update.finish(fingerprints(documents), loader(documents, calls)) == SyncReport(
            updated=1
        )
    assert found(folder, "zeppelins") == [FARMERS.path]
