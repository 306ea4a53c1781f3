"""The full-text index of the archive: the only module that opens a Whoosh index.

It owns the schema, updates (`IndexUpdate`, which the build uses) and searching, and
every way whoosh can fail, which it turns into a one-line `SearchIndexError` naming the
index folder. The query language is `query`; the work of indexing is done at a lower
cost by `fast_analysis` and `fast_writer`, which give the index whoosh's own would.
"""

from __future__ import annotations

import pickle
import re
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from whoosh import columns, fields, highlight, index
from whoosh.filedb.filestore import StorageError
from whoosh.filedb.filetables import FileFormatError

from site_builder.core.records import IndexDocument, SearchHit
from site_builder.search.errors import SearchIndexError
from site_builder.search.fast_analysis import StemmingWords, stemmed_text_field
from site_builder.search.fast_writer import IndexWriter
from site_builder.search.query import parse_query, period_start

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
# About two lines of a result list; long enough to show a match in its sentence.
SNIPPET_CHARS = 200
# Context around the matched words. Chosen by eye on a Reuters-length article:
# 20 gave 50-70 character snippets, 100 overran SNIPPET_CHARS by half.
SNIPPET_CONTEXT_CHARS = 60

_HIGHLIGHT_OPEN = "[["
_HIGHLIGHT_CLOSE = "]]"
_ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")

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
    """

    def __init__(self, index_dir: Path, *, indexing: Indexing = FAST_INDEXING) -> None:
        self._index_dir = index_dir
        self._indexing = indexing
        self._indexed, self._rebuild_because = _indexed_fingerprints(index_dir)
        self._offered: dict[str, str] = {}  # path -> fingerprint, in the open writer
        self._writer: Any = None

    def __enter__(self) -> IndexUpdate:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

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
        if any(fingerprints.get(path) != print_ for path, print_ in self._offered.items()):
            # An offered article changed again or went away before the end of the build;
            # whoosh cannot take back a document it has not committed, so start over.
            self.__exit__()
            self._offered.clear()
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

        self._guarded(write_all)
        self._writer = None
        touched = [*changed, *self._offered]
        new = sum(1 for path in touched if path not in self._indexed)
        if self._rebuild_because is not None:
            return SyncReport(added=len(touched), rebuilt_because=self._rebuild_because)
        return SyncReport(added=new, updated=len(touched) - new, removed=len(removed))

    def _write(self) -> Any:
        if self._writer is None:
            if self._rebuild_because is not None:
                self._index_dir.mkdir(parents=True, exist_ok=True)
                ix = index.create_in(str(self._index_dir), schema(self._indexing))
            else:
                ix = index.open_dir(str(self._index_dir))
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
        ix = index.open_dir(str(index_dir), readonly=True)
        if sorted(ix.schema.names()) != sorted(schema().names()):
            return {}, "the index was made by another version of site_builder"
        with ix.searcher() as searcher:
            return {
                stored["path"]: stored.get("fingerprint", "")
                for stored in searcher.all_stored_fields()
            }, None
    except _UNREADABLE_INDEX_ERRORS as error:
        return {}, f"the search index was damaged ({_reason(error)})"


def schema(indexing: Indexing = FAST_INDEXING) -> Any:
    """The fields of the index. Title and body are analysed as whoosh's StemmingAnalyzer
    with an unbounded stem cache; by default indexed in one pass rather than through its
    generator chain, which gives the same terms for less CPU (fast_analysis)."""
    words = indexing.analyzer()
    return fields.Schema(
        title=indexing.text_field(words, stored=True, field_boost=TITLE_BOOST),
        body=indexing.text_field(words, stored=True),
        site=fields.TEXT(stored=True),
        author=fields.TEXT(stored=True),
        tags=fields.KEYWORD(commas=True, lowercase=True, scorable=True, stored=True),
        # A keyword rather than an ID so that lang:FR finds "fr".
        language=fields.KEYWORD(stored=True, lowercase=True),
        # An undated article sorts as 0, the oldest; whoosh's default is the newest.
        published=fields.DATETIME(sortable=columns.NumericColumn("Q", default=0)),
        saved=fields.DATETIME(),
        # The dates as written, so a hit gives back exactly the string it was given.
        published_iso=fields.STORED(),
        saved_iso=fields.STORED(),
        url=fields.STORED(),
        path=fields.ID(unique=True, stored=True),
        # What the document was made from, so a later build re-indexes only changes.
        fingerprint=fields.STORED(),
    )


def _fields_of(document: IndexDocument) -> dict[str, object]:
    values: dict[str, object] = {
        "path": document.path,
        "fingerprint": document.fingerprint,
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
    if not index_dir.is_dir():
        raise SearchIndexError(
            index_dir, "there is no search index here; run `site-builder build` to create it"
        )
    parsed = parse_query(query, schema())
    # The whole search sits in the try: a damaged file can surface while reading
    # postings or stored fields, not only when the index is opened.
    try:
        ix = index.open_dir(str(index_dir), readonly=True)
        with ix.searcher() as searcher:
            # terms=True records which words each hit matched (after stemming, prefix
            # and fuzzy expansion), which is what the snippet highlights.
            results = searcher.search(parsed, limit=None if sort == "date" else limit, terms=True)
            results.highlighter = highlight.Highlighter(
                fragmenter=highlight.ContextFragmenter(
                    maxchars=SNIPPET_CHARS, surround=SNIPPET_CONTEXT_CHARS
                ),
                formatter=_MarkerFormatter(),
            )
            hits = _newest_first(searcher, results)[:limit] if sort == "date" else list(results)
            return [_hit_of(hit) for hit in hits]
    except _UNREADABLE_INDEX_ERRORS as error:
        raise SearchIndexError(
            index_dir,
            f"no readable search index here ({_reason(error)}); "
            "run `site-builder build` to create it",
        ) from error


def _newest_first(searcher: Any, results: Any) -> list[Any]:
    """All hits, newest published first, undated last, equal dates by relevance.

    Whoosh's own sorting would report sort keys instead of scores, so sort here.
    """
    published = searcher.reader().column_reader("published", translate=False)
    return sorted(results, key=lambda hit: (published[hit.docnum], hit.score), reverse=True)


def _reason(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "an index file is missing"
    if isinstance(error, index.EmptyIndexError):
        return "the folder holds no index"
    return f"{type(error).__name__}: {error}".splitlines()[0]


def _hit_of(hit: Any) -> SearchHit:
    stored = hit.fields()
    return SearchHit(
        title=stored["title"],
        path=stored["path"],
        site_name=stored.get("site"),
        published=stored.get("published_iso"),
        url=stored.get("url"),
        snippet=_snippet(hit, stored.get("body", "")),
        score=float(hit.score),
    )


def _snippet(hit: Any, body: str) -> str:
    highlighted: str = hit.highlights("body", top=1)
    if highlighted:
        return _WHITESPACE.sub(" ", highlighted).strip()
    # Nothing matched in the body (a title or tag match): show how the article starts.
    start = _WHITESPACE.sub(" ", body).strip()
    if len(start) <= SNIPPET_CHARS:
        return start
    cut = start.rfind(" ", 0, SNIPPET_CHARS)
    return start[: cut if cut > 0 else SNIPPET_CHARS] + _ELLIPSIS


class _MarkerFormatter(highlight.Formatter):  # type: ignore[misc]  # whoosh has no type hints
    """Plain text with matched words as [[word]], and … where the text was cut."""

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"{_HIGHLIGHT_OPEN}{highlight.get_text(text, token, replace)}{_HIGHLIGHT_CLOSE}"

    def format_fragment(self, fragment: Any, replace: bool = False) -> str:
        formatted: str = super().format_fragment(fragment, replace=replace)
        before = _ELLIPSIS if fragment.startchar > 0 else ""
        after = _ELLIPSIS if fragment.endchar < len(fragment.text) else ""
        return f"{before}{formatted.strip()}{after}"
