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
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from whoosh import columns, fields, index
from whoosh.filedb.filestore import FileStorage, StorageError
from whoosh.filedb.filetables import FileFormatError

from site_builder.core.files import fresh_staging, swap_into_place
from site_builder.core.records import IndexDocument, SearchHit
from site_builder.search.errors import SearchIndexError
from site_builder.search.fast_analysis import StemmingWords, stemmed_text_field
from site_builder.search.fast_writer import IndexWriter
from site_builder.search.language_stems import LanguageStems, stemmed_text
from site_builder.search.query import parse_query, period_start
from site_builder.search.snippets import Snippets

SortOrder = Literal["relevance", "date"]

# Tuning constants.
# A title word says more about an article than a body word; 2.0 ranks the Belarus
# test article first for "Lukashenko protest" without burying body-only matches.
TITLE_BOOST = 2.0
# Writer memory: the pool holds the postings of about 2,000 articles in 64 MB and spills
# the rest to temporary runs it joins at commit. Its flat postings make a run cheap:
# 10,000 articles took the same CPU at 64, 96 and 128 MB (6, 4 and 3 runs), and 64 MB
# keeps the build's peak lowest. One process: procs=2 was slower on 2 cores.
WRITER_MEMORY_MB = 64
# What a query word that the analyzer cuts into several terms (a Chinese word, into its
# character pairs) must match: its terms in a row. Measured on the judged multilingual
# archive (bench/results.md, issue 19): "phrase" and "and" found the same cases.
CJK_WORD_QUERY = "phrase"
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
class Indexing:
    """How documents reach the index: the analyzer and field of the stemmed text fields
    (title and body share one analyzer, and its cache), and the writer.

    `FAST_INDEXING`, the build's, gives the index whoosh's StemmingAnalyzer(cachesize=-1)
    and `ix.writer()` give, for less CPU; a test indexes both ways to prove it.
    """

    analyzer: Callable[[], Any]
    text_field: Callable[..., Any]  # (analyzer, *, stored, field_boost) -> a TEXT field
    writer: Callable[..., Any]  # (index, *, limitmb) -> its writer


FAST_INDEXING = Indexing(analyzer=StemmingWords, text_field=stemmed_text_field, writer=IndexWriter)


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncReport:
    """What one update of the index did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt_because: str | None = None  # why the old index was not usable, if it wasn't


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
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def offer(self, document: IndexDocument) -> None:
        if self._indexed.get(document.path) == document.fingerprint:
            return
        self._guarded(lambda: self._write().update_document(**_fields_of(document)))
        self._offered[document.path] = document.fingerprint

    def finish(
        self, fingerprints: Mapping[str, str], load: Callable[[str], IndexDocument]
    ) -> SyncReport:
        """Index what was not offered, drop what is gone, commit.

        fingerprints maps each article's page path to a hash of what it is made from;
        load makes the document for a path, and is called only for new and changed
        articles that were not offered. A missing, damaged or outdated index is rebuilt,
        and the reason is reported.
        """
        # An offered article that changed again or went away before the end of the build
        # (a second save of its page moved it among the versions): whoosh cannot take back
        # a document it has not committed, so it is taken back after the commit, rather
        # than every offered article being indexed again.
        stale = sorted(
            path for path, print_ in self._offered.items() if fingerprints.get(path) != print_
        )
        changed = sorted(
            path
            for path, print_ in fingerprints.items()
            if self._indexed.get(path) != print_ and path not in self._offered
        )
        removed = sorted(set(self._indexed) - set(fingerprints))
        if not (changed or removed or self._offered or self._rebuild_because):
            return SyncReport()

        def write_all() -> None:
            writer = self._write()
            for path in removed:
                writer.delete_by_term("path", path)
            for path in changed:
                writer.update_document(**_fields_of(load(path)))
            writer.commit()
            self._writer = None
            if self._staging is not None:
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
                writer.update_document(**_fields_of(load(path)))
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
        if _analysis(ix.schema) != _analysis(schema()):
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


def _analysis(fields_of: Any) -> list[tuple[object, ...]]:
    """How an index reads its fields: each field's name and type, how a query word with
    several terms is joined, and the steps of its analyzer. An index made another way
    would answer queries with the analysis it was made with, so it is rebuilt."""
    return sorted(
        (
            name,
            type(field).__name__,
            getattr(field, "multitoken_query", None),
            tuple(type(step).__name__ for step in getattr(field.analyzer, "items", ())),
        )
        for name, field in fields_of.items()
    )


def schema(indexing: Indexing = FAST_INDEXING) -> Any:
    """The fields of the index. Title and body are analysed as whoosh's StemmingAnalyzer
    with an unbounded stem cache; by default indexed in one pass rather than through its
    generator chain, which gives the same terms for less CPU (fast_analysis)."""
    words = indexing.analyzer()
    title = indexing.text_field(words, stored=True, field_boost=TITLE_BOOST)
    body = indexing.text_field(words, stored=True)
    title.multitoken_query = body.multitoken_query = CJK_WORD_QUERY
    return fields.Schema(
        title=title,
        body=body,
        site=fields.TEXT(stored=True),
        author=fields.TEXT(stored=True),
        tags=fields.KEYWORD(commas=True, lowercase=True, scorable=True, stored=True),
        # The publisher's keywords as words, so a plain search finds them (tags has them
        # whole, for tag:"New York").
        keywords=fields.TEXT(),
        # The reader's highlights and notes, for highlight:word and note:word, words as
        # the body's (notes are Markdown: its marks are not words).
        highlight=indexing.text_field(words, stored=False),
        note=indexing.text_field(words, stored=False),
        # Words in their forms in the article's own language (language_stems); not stored.
        stems=_language_stems_field(),
        # A keyword rather than an ID so that lang:FR finds "fr".
        language=fields.KEYWORD(stored=True, lowercase=True),
        # An undated article sorts as 0, the oldest; whoosh's default is the newest.
        published=fields.DATETIME(sortable=columns.NumericColumn("Q", default=0)),
        saved=fields.DATETIME(),
        # The dates as written, so a hit gives back exactly the string it was given.
        published_iso=fields.STORED(),
        saved_iso=fields.STORED(),
        url=fields.STORED(),
        # Both in columns too: a build reads every document's path and fingerprint from
        # them, not from the stored fields, which hold each article's whole body (reading
        # those for 100,000 articles took a rebuild's memory to 2.1 GB).
        path=fields.ID(unique=True, stored=True, sortable=columns.VarBytesColumn()),
        # What the document was made from, so a later build re-indexes only changes.
        fingerprint=fields.COLUMN(columns.VarBytesColumn()),
    )


def _language_stems_field() -> Any:
    # With positions: a quoted phrase is looked for in every default field. It never
    # matches here (its words' stems in every language make no phrase), and the text
    # fields find it.
    field = fields.TEXT(analyzer=LanguageStems())
    field.multitoken_query = "or"  # a query word's stems in each language: any of them
    return field


def _fields_of(document: IndexDocument) -> dict[str, object]:
    values: dict[str, object] = {
        "path": document.path,
        "fingerprint": document.fingerprint.encode("utf-8"),  # a bytes column
        "title": document.title,
        "body": document.body,
    }
    optional: dict[str, object | None] = {
        "site": document.site_name,
        "author": document.author,
        "language": document.language,
        "url": document.url,
        "published_iso": document.published,
        "saved_iso": document.saved,
        "published": _indexed_date(document.published),
        "saved": _indexed_date(document.saved),
        # Commas separate tags in the field, so a comma inside a tag would split it.
        "tags": ",".join(tag.replace(",", " ") for tag in document.tags) or None,
        "keywords": " ; ".join(document.keywords) or None,
        "highlight": document.highlights or None,
        "note": document.notes or None,
        "stems": stemmed_text(document.language, document.title, document.body),
    }
    values.update({name: value for name, value in optional.items() if value is not None})
    return values


def _indexed_date(iso: str | None) -> datetime | None:
    """The date to index, or None when there is none or it does not parse.

    An unreadable date only makes the article unfindable by date; failing the whole
    build for it would be worse. The time zone is dropped so that a query for a day
    means the day written in the article, not the same instant in UTC.
    """
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).replace(tzinfo=None)
    except ValueError:
        return period_start(iso)


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
