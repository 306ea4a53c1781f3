"""The full-text index of the archive: the only module that opens a Whoosh index.

It owns the schema, updates (`IndexUpdate`, which the build uses) and searching
(`search`, and `SearchIndex` for a process that answers many queries), and every way
whoosh can fail, which it turns into a one-line `SearchIndexError` naming the index
folder. The query language is `query` and the snippets of hits `snippets`; the work of
indexing is done at a lower cost by `fast_analysis` and `fast_writer`, which give the
index whoosh's own would, and the snippets' by `fast_snippets`, which gives whoosh's.
"""

from __future__ import annotations

import os
import pickle
import shutil
import struct
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from whoosh import index
from whoosh.filedb.filestore import FileStorage, StorageError
from whoosh.filedb.filetables import FileFormatError

from site_builder.core.files import fresh_staging, swap_into_place
from site_builder.core.records import IndexDocument, SearchHit
from site_builder.search.errors import SearchIndexError
from site_builder.search.query import parse_query
from site_builder.search.snippets import Snippets
from site_builder.search.whoosh_schema import (
    FAST_INDEXING,
    Indexing,
    analysis_of,
    fields_of,
    schema,
)

# Where the index is described (whoosh_schema); named here too for its users.
__all__ = [
    "FAST_INDEXING",
    "REBUILD_ASKED",
    "IndexUpdate",
    "Indexing",
    "SearchIndex",
    "SortOrder",
    "SyncReport",
    "open_for_search",
    "schema",
    "search",
]

SortOrder = Literal["relevance", "date"]

# Tuning constants.
# Writer memory: the pool holds the postings of about 2,000 articles in 64 MB and spills
# the rest to temporary runs it joins at commit. Its flat postings make a run cheap:
# 10,000 articles took the same CPU at 64, 96 and 128 MB (6, 4 and 3 runs), and 64 MB
# keeps the build's peak lowest. One process: procs=2 was slower on 2 cores.
WRITER_MEMORY_MB = 64
# Why an index is made anew when the caller asked for it (`build --reindex`).
REBUILD_ASKED = "asked to rebuild the search index"

# What whoosh raises when the files of an index are missing, truncated or not an
# index at all; it has no single error type for "this folder is not a usable index".
_UNREADABLE_INDEX_ERRORS = (
    index.IndexError,
    StorageError,
    FileFormatError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    TypeError,  # an empty table-of-contents file
    struct.error,
    pickle.UnpicklingError,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncReport:
    """What one update of the index did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt_because: str | None = None  # why the old index was not usable, if it wasn't


def _go_on() -> None:
    """Nothing to wait for before the index is seen."""


class IndexUpdate:
    """Brings the index in line with the archive, touching only what changed.

    It comes in two halves, so documents can be indexed while others are still made.
    offer() indexes a document at once if the index lacks it (the build offers each
    article as it is written, while the extraction processes work on the next pages);
    finish() indexes the other changed articles, removes the gone ones and commits.
    Leaving the with-block without finish() discards everything offered.

    An index made anew (rebuild, or one missing, damaged or outdated) is written in a
    staging folder beside index_dir and swapped into place at its commit, so a build
    stopped before then leaves the last index searchable, not an empty one.
    """

    def __init__(
        self, index_dir: Path, *, rebuild: bool = False, indexing: Indexing = FAST_INDEXING
    ) -> None:
        self._index_dir = index_dir
        self._indexing = indexing
        indexed, because = ({}, REBUILD_ASKED) if rebuild else _indexed_fingerprints(index_dir)
        self._indexed: dict[str, str] = indexed
        self._rebuild_because: str | None = because
        self._offered: dict[str, str] = {}  # path -> fingerprint, in the open writer
        self._writer: Any = None
        self._staging: Path | None = None  # where a new index is written until its commit

    def __enter__(self) -> IndexUpdate:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._writer is not None:
                writer, self._writer = self._writer, None
                try:
                    writer.cancel()  # may fail on a writer stopped mid-commit
                finally:
                    # whoosh leaves the files of the segment it was writing; the table of
                    # contents never named them, and only a later commit would delete them.
                    for name in writer.newsegment.list_files(writer.storage):
                        writer.storage.delete_file(name)
        finally:
            if self._staging is not None:
                shutil.rmtree(self._staging, ignore_errors=True)
                self._staging = None

    def offer(self, document: IndexDocument) -> None:
        if self._indexed.get(document.path) == document.fingerprint:
            return
        self._guarded(lambda: self._write().update_document(**fields_of(document)))
        self._offered[document.path] = document.fingerprint

    def finish(
        self,
        fingerprints: Mapping[str, str],
        load: Callable[[str], IndexDocument],
        *,
        before_seen: Callable[[], None] = _go_on,
    ) -> SyncReport:
        """Index what was not offered, drop what is gone, commit.

        fingerprints maps each article's page path to a hash of what it is made from;
        load makes the document for a path, and is called only for the paths to_load()
        names. A missing, damaged or outdated index is rebuilt, and the reason is
        reported. before_seen is called once, if the index changes, before searches can
        see the change: a new index is committed in its staging folder first, an index
        updated in place is not. What raises from it leaves the index as it was.
        """
        stale = self._stale(fingerprints)
        changed = self._changed(fingerprints)
        removed = sorted(set(self._indexed) - set(fingerprints))
        if not (changed or removed or self._offered or self._rebuild_because):
            return SyncReport()

        def write_all() -> None:
            writer = self._write()
            for path in removed:
                writer.delete_by_term("path", path)
            for path in changed:
                writer.update_document(**fields_of(load(path)))
            if self._staging is None:
                before_seen()
            writer.commit()
            self._writer = None
            if self._staging is not None:
                before_seen()
                swap_into_place(self._staging, self._index_dir)
                self._staging = None
            if stale:
                self._take_back(stale, fingerprints, load)

        self._guarded(write_all)
        touched = [*changed, *(path for path in self._offered if path in fingerprints)]
        new = sum(1 for path in touched if path not in self._indexed)
        if self._rebuild_because is not None:
            return SyncReport(added=len(touched), rebuilt_because=self._rebuild_because)
        return SyncReport(added=new, updated=len(touched) - new, removed=len(removed))

    def start_finish(
        self, fingerprints: Mapping[str, str], load: Callable[[str], IndexDocument]
    ) -> Callable[[], SyncReport]:
        """finish(), when the call returned is made. An update run in another process
        commits while its caller works, and is seen once the call is made; this one
        does all of its work in that call."""
        return lambda: self.finish(fingerprints, load)

    def to_load(self, fingerprints: Mapping[str, str]) -> list[str]:
        """The paths finish(fingerprints, load) will call load for."""
        stale = (path for path in self._stale(fingerprints) if path in fingerprints)
        return sorted({*self._changed(fingerprints), *stale})

    def _stale(self, fingerprints: Mapping[str, str]) -> list[str]:
        # An offered article that changed again or went away before the end of the build
        # (a second save of its page moved it among the versions): whoosh cannot take back
        # a document it has not committed, so it is taken back after the commit, rather
        # than every offered article being indexed again.
        return sorted(
            path for path, print_ in self._offered.items() if fingerprints.get(path) != print_
        )

    def _changed(self, fingerprints: Mapping[str, str]) -> list[str]:
        return sorted(
            path
            for path, print_ in fingerprints.items()
            if self._indexed.get(path) != print_ and path not in self._offered
        )

    def _take_back(
        self,
        stale: Sequence[str],
        fingerprints: Mapping[str, str],
        load: Callable[[str], IndexDocument],
    ) -> None:
        """Index the stale offered articles as they ended, in a second commit: each one
        again if it is still there, else deleted."""
        writer = self._write(anew=False)  # the index just committed, in place
        for path in stale:
            if path in fingerprints:
                writer.update_document(**fields_of(load(path)))
            else:
                writer.delete_by_term("path", path)
        writer.commit()
        self._writer = None

    def _write(self, *, anew: bool | None = None) -> Any:
        """The open writer, or one opened: on a new index in a staging folder when the
        index is rebuilt (anew, by default when it must be), else on the index in place."""
        anew = self._rebuild_because is not None if anew is None else anew
        if self._writer is None:
            if anew:
                if self._index_dir.exists() and not self._index_dir.is_dir():
                    raise NotADirectoryError(f"{self._index_dir} is not a folder")
                self._staging = fresh_staging(self._index_dir)
                ix = _storage(self._staging).create_index(schema(self._indexing))
            else:
                ix = _storage(self._index_dir).open_index()
            self._writer = self._indexing.writer(ix, limitmb=WRITER_MEMORY_MB)
        return self._writer

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except _UNREADABLE_INDEX_ERRORS as error:
            self.__exit__()
            raise SearchIndexError(
                self._index_dir, f"could not update the search index: {error}"
            ) from error


def _indexed_fingerprints(index_dir: Path) -> tuple[dict[str, str], str | None]:
    """(path -> fingerprint) of the index, or the reason it can't be updated in place."""
    try:
        if not index.exists_in(str(index_dir)):
            return {}, "there was no search index yet"
        ix = _storage(index_dir, readonly=True).open_index()
        if analysis_of(ix.schema) != analysis_of(schema()):
            return {}, "the index was made by another version of site_builder"
        with ix.reader() as reader:
            paths = reader.column_reader("path")
            fingerprints = reader.column_reader("fingerprint")
            return {
                _text(paths[doc]): _text(fingerprints[doc]) for doc in reader.all_doc_ids()
            }, None
    except _UNREADABLE_INDEX_ERRORS as error:
        return {}, f"the search index was damaged ({_reason(error)})"


def _text(value: bytes | str) -> str:
    """A column's value: whoosh gives an ID column's back as text, a plain column's as bytes."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def search(
    index_dir: Path,
    query: str,
    *,
    limit: int = 10,
    sort: SortOrder = "relevance",
) -> list[SearchHit]:
    """Run a user's query against the index in index_dir and return the best hits."""
    with SearchIndex(index_dir) as opened:
        return opened.search(query, limit=limit, sort=sort)


class SearchIndex:
    """The index in one folder, opened once and searched many times.

    For a process that answers many queries (the preview server's search API): it
    keeps whoosh's searcher between searches, which saves opening the index and
    reading its table of stored documents each time (about 3 ms a query at 10,000
    articles), and opens it again when a build has changed the files on disk. Searches
    from several threads take turns: the searcher reads through one file handle.
    """

    def __init__(self, index_dir: Path) -> None:
        self._index_dir = index_dir
        self._lock = threading.Lock()
        self._searcher: Any = None
        self._files: object = None  # what the index files were when it was opened

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._close()

    def search(
        self, query: str, *, limit: int = 10, sort: SortOrder = "relevance"
    ) -> list[SearchHit]:
        """The best hits for a user's query, as `search` gives them."""
        if not self._index_dir.is_dir():
            raise SearchIndexError(
                self._index_dir,
                "there is no search index here; run `site-builder build` to create it",
            )
        parsed = parse_query(query, schema())
        # The whole search sits in the try: a damaged file can surface while reading
        # postings or stored fields, not only when the index is opened.
        with self._lock:
            try:
                return _hits(self._current(), parsed, limit=limit, sort=sort)
            except _UNREADABLE_INDEX_ERRORS as error:
                self._close()
                raise SearchIndexError(
                    self._index_dir,
                    f"no readable search index here ({_reason(error)}); "
                    "run `site-builder build` to create it",
                ) from error

    def _current(self) -> Any:
        files = _index_files(self._index_dir)
        if self._searcher is None or files != self._files:
            self._close()
            self._searcher = open_for_search(self._index_dir).searcher()
            self._files = files
        return self._searcher

    def _close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = self._files = None


def _index_files(index_dir: Path) -> object:
    """Name, size and modification time of each file in index_dir. A commit writes a
    new table of contents and segment, and a rebuild starts the numbering again, so
    whoosh's own generation number could not tell a rebuilt index from the old one."""
    with os.scandir(index_dir) as entries:
        stats = [(entry.name, entry.stat()) for entry in entries]
    return sorted((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


def _hits(searcher: Any, parsed: Any, *, limit: int, sort: SortOrder) -> list[SearchHit]:
    # terms=True records which words each hit matched (after stemming, prefix and
    # fuzzy expansion), which is what the snippet highlights.
    results = searcher.search(parsed, limit=None if sort == "date" else limit, terms=True)
    # results[:], not list(results): list() asks len(results), and whoosh answers
    # that by running the query again to count every match.
    hits = results[:]
    if sort == "date":
        hits = _newest_first(searcher, hits)[:limit]
    snippets = Snippets(results)
    return [_hit_of(hit, snippets) for hit in hits]


def open_for_search(index_dir: Path) -> Any:
    """The index in index_dir, opened to be searched."""
    return _storage(index_dir, readonly=True).open_index()


def _storage(index_dir: Path, *, readonly: bool = False) -> FileStorage:
    """The folder of an index, read as plain files and never through whoosh's memory map.

    Through the map, whoosh copies each file it opens out of it whole (a BytesIO of the
    mapped bytes): about 50 ms a query for the postings and terms of 10,000 articles, and
    716 MB held by a build that only read the paths and fingerprints of 100,000 (its
    peak). Read as a plain file, it reads only what it needs.
    """
    return FileStorage(str(index_dir), supports_mmap=False, readonly=readonly)


def _newest_first(searcher: Any, hits: list[Any]) -> list[Any]:
    """All hits, newest published first, undated last, equal dates by relevance.

    Whoosh's own sorting would report sort keys instead of scores, so sort here.
    """
    published = searcher.reader().column_reader("published", translate=False)
    return sorted(hits, key=lambda hit: (published[hit.docnum], hit.score), reverse=True)


def _reason(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "an index file is missing"
    if isinstance(error, index.EmptyIndexError):
        return "the folder holds no index"
    return f"{type(error).__name__}: {error}".splitlines()[0]


def _hit_of(hit: Any, snippets: Snippets) -> SearchHit:
    stored = hit.fields()
    return SearchHit(
        title=stored["title"],
        path=stored["path"],
        site_name=stored.get("site"),
        published=stored.get("published_iso"),
        url=stored.get("url"),
        snippet=snippets.of(hit, stored.get("body", "")),
        score=float(hit.score),
    )
