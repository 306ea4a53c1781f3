"""The full-text index of the archive: the only module that imports whoosh (and its helper
search_indexing, which does whoosh's indexing work at a lower cost).

It owns the schema, the query syntax users may type, and every way whoosh can fail,
and turns those failures into ``SearchIndexError`` or ``QueryError`` with a one-line
message. Dates in queries are read here too (``published:2020``,
``published:[2020-01 to 2020-06]``), because whoosh's own date readers either
misread ISO months inside ranges or fail silently.
"""

from __future__ import annotations

import pickle
import re
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from whoosh import columns, fields, highlight, index, qparser
from whoosh.filedb.filestore import StorageError
from whoosh.filedb.filetables import FileFormatError
from whoosh.qparser import syntax
from whoosh.qparser.dateparse import DateRangeNode
from whoosh.query import NullQuery

from site_builder.core.records import IndexDocument, SearchHit
from site_builder.search.whoosh_writer import IndexWriter, StemmingWords, stemmed_text_field

SortOrder = Literal["relevance", "date"]

# Tuning constants.
# A title word says more about an article than a body word; 2.0 ranks the Belarus
# test article first for "Lukashenko protest" without burying body-only matches.
TITLE_BOOST = 2.0
# Author and site are searched without a field prefix too, but a word there should
# count for less than the same word in the text.
METADATA_BOOST = 0.5
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

# The fields users may name before a colon, and the other names they may use.
_FIELD_ALIASES = {
    "title": [],
    "body": [],
    "author": [],
    "site": [],
    "tags": ["tag"],
    "language": ["lang"],
    "published": [],
    "saved": [],
}
_QUERY_FIELDS = frozenset(_FIELD_ALIASES).union(*_FIELD_ALIASES.values())
_DATE_FIELDS = frozenset({"published", "saved"})
_QUERY_EXAMPLE = (
    'e.g. lukashenko protest, "exact phrase", russia -ukraine, protest*, '
    'lukashnko~, tag:belarus, site:"business standard", published:[2020-01 to 2020-06]'
)
_GROUP_EXAMPLE = "group words like (russia OR belarus) protest"
_DATE_EXAMPLE = (
    "write dates as published:2020, published:2020-08, published:2020-08-16 "
    "or published:[2020-01 to 2020-06]"
)

# An ISO date that names a year, a month or a day: "2020", "2020-08", "2020-08-16".
_ISO_PERIOD = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
# A field prefix: a name starting with a letter at the start of a word, so times
# ("17:45") and URLs ("https://") are not mistaken for fields.
_FIELD_PREFIX = re.compile(r"(?<![\w.])(?P<name>[A-Za-z]\w*):(?!//)(?P<next>\S?)")
# "-word" excludes a word; a hyphen inside a word ("re-election") does not.
_MINUS = r"(?<!\S)-(?=\S)"
_PLUS = r"(?<!\S)\+(?=\S)"
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


class SearchIndexError(Exception):
    """The index could not be written or read; the message is one line for the user."""


class QueryError(SearchIndexError):
    """The query could not be read; the message says what is wrong and shows valid syntax."""


class _UnreadableQueryDate(ValueError):
    """A date in a query that is not an ISO year, month or day."""


# ---------------------------------------------------------------------------
# Building


def rebuild_index(index_dir: Path, documents: Iterable[IndexDocument]) -> int:
    """Create a fresh index in index_dir and return how many documents it holds.

    The folder is created if needed; an index already there is replaced (whoosh
    drops its files once the new one is committed; other files are left alone).
    A failed build leaves an empty index, so the pipeline builds into a staging
    folder and swaps it in.
    """
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), _schema())
        writer = _writer(ix)
        count = 0
        try:
            for document in documents:
                writer.add_document(**_fields_of(document))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    except OSError as error:
        raise SearchIndexError(f"{index_dir}: could not write the search index: {error}") from error
    return count


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

    def __init__(self, index_dir: Path) -> None:
        self._index_dir = index_dir
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
                ix = index.create_in(str(self._index_dir), _schema())
            else:
                ix = index.open_dir(str(self._index_dir))
            self._writer = _writer(ix)
        return self._writer

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except _UNREADABLE_INDEX_ERRORS as error:
            self.__exit__()
            raise SearchIndexError(
                f"{self._index_dir}: could not update the search index: {error}"
            ) from error


def _indexed_fingerprints(index_dir: Path) -> tuple[dict[str, str], str | None]:
    """(path -> fingerprint) of the index, or the reason it can't be updated in place."""
    try:
        if not index.exists_in(str(index_dir)):
            return {}, "there was no search index yet"
        ix = index.open_dir(str(index_dir), readonly=True)
        if sorted(ix.schema.names()) != sorted(_schema().names()):
            return {}, "the index was made by another version of site_builder"
        with ix.searcher() as searcher:
            return {
                stored["path"]: stored.get("fingerprint", "")
                for stored in searcher.all_stored_fields()
            }, None
    except _UNREADABLE_INDEX_ERRORS as error:
        return {}, f"the search index was damaged ({_reason(error)})"


def _writer(ix: Any) -> Any:
    """What `ix.writer(limitmb=WRITER_MEMORY_MB)` gives, with a cheaper commit."""
    return IndexWriter(ix, limitmb=WRITER_MEMORY_MB)


def _schema() -> Any:
    # Whoosh's StemmingAnalyzer with an unbounded stem cache, indexed in one pass rather
    # than through its generator chain: the same terms, 0.80x the CPU a document
    # (search_indexing, bench/whoosh_cost.py).
    words = StemmingWords()
    return fields.Schema(
        title=stemmed_text_field(words, stored=True, field_boost=TITLE_BOOST),
        body=stemmed_text_field(words, stored=True),
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
        match = _ISO_PERIOD.fullmatch(iso.strip())
        return _date_span(match)[0] if match else None


# ---------------------------------------------------------------------------
# Searching


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
            f"{index_dir}: there is no search index here; run `site-builder build` to create it"
        )
    parsed = _parse(query)
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
            f"{index_dir}: no readable search index here ({_reason(error)}); "
            "run `site-builder build` to create it"
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


# ---------------------------------------------------------------------------
# Query parsing


def _parse(text: str) -> Any:
    """The whoosh query for a user's text, or QueryError saying what is wrong."""
    _check_syntax(text)
    schema = _schema()
    parser = qparser.MultifieldParser(
        # Not tags: their analyzer keeps stop words, so "Lukashenko and protest"
        # would demand a tag named "and".
        ["title", "body", "author", "site"],
        schema,
        fieldboosts={"author": METADATA_BOOST, "site": METADATA_BOOST},
        # Every word must match: what people expect when they type two names.
        group=qparser.AndGroup,
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=_PLUS, minusexpr=_MINUS))
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(_FIELD_ALIASES))
    parser.add_plugin(_IsoDatePlugin())
    try:
        parsed = parser.parse(text, normalize=False)
    except _UnreadableQueryDate as error:
        raise QueryError(f"cannot read the date {error}; {_DATE_EXAMPLE}") from error
    except qparser.QueryParserError as error:
        raise QueryError(f"cannot read the query ({error}); {_QUERY_EXAMPLE}") from error
    # Whoosh reports some problems by returning an "error query" instead of raising.
    problem = next(_errors_in(parsed), None)
    if problem is not None:
        raise QueryError(f"cannot read the query ({problem}); {_QUERY_EXAMPLE}")
    normalized = parsed.normalize()
    if normalized is NullQuery:
        raise QueryError(
            "the query has nothing to search for (common words such as 'the' are not indexed); "
            + _QUERY_EXAMPLE
        )
    return normalized


def _errors_in(parsed: Any) -> Iterator[str]:
    error = getattr(parsed, "error", None)
    if error:
        yield str(error)
    for child in parsed.children():
        yield from _errors_in(child)


def _check_syntax(text: str) -> None:
    """Catch what whoosh would silently read as plain words: unclosed quotes,
    brackets and groups, and field prefixes that are unknown or lead nowhere."""
    if not text.strip():
        raise QueryError(f"the query is empty; type some words, {_QUERY_EXAMPLE}")
    if text.count('"') % 2:
        raise QueryError(
            'a quotation mark is not closed; quote whole phrases, e.g. "military assistance"'
        )
    outside_quotes = re.sub(r'"[^"]*"', '""', text)
    _check_brackets(outside_quotes)
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        name, following = match["name"], match["next"]
        if name in _QUERY_FIELDS and following in ("", ")"):
            raise QueryError(
                f'{name}: needs a word after it, e.g. {name}:word or {name}:"two words"'
            )
        # An unknown name followed by a space is just a word ending in a colon.
        if name not in _QUERY_FIELDS and following:
            known = ", ".join(f"{field}:" for field in sorted(_QUERY_FIELDS))
            raise QueryError(f"unknown field {name}: (fields are {known}); {_QUERY_EXAMPLE}")


def _check_brackets(text: str) -> None:
    groups = 0
    in_range = False
    for char in text:
        if char == "(":
            groups += 1
        elif char == ")":
            groups -= 1
            if groups < 0:
                raise QueryError(f"a ')' has no matching '('; {_GROUP_EXAMPLE}")
        elif char in "[{":
            if in_range:
                raise QueryError(f"a range opens inside another range; {_DATE_EXAMPLE}")
            in_range = True
        elif char in "]}":
            if not in_range:
                raise QueryError(
                    f"a '{char}' closes a range that was never opened; {_DATE_EXAMPLE}"
                )
            in_range = False
    if groups > 0:
        raise QueryError(f"a '(' is not closed; {_GROUP_EXAMPLE}")
    if in_range:
        raise QueryError(f"a range is not closed; {_DATE_EXAMPLE}")


class _IsoDatePlugin(qparser.Plugin):  # type: ignore[misc]  # whoosh has no type hints
    """Turns `published:2020-08` and `published:[2020-01 to 2020-06]` into date ranges.

    A day, month or year means the whole of it; an exclusive bound (`{`, `}`, `<`,
    `>`) leaves out the whole period it names, so `published:<2021` ends with 2020.
    """

    # After field names are attached (100) and before unfielded words are spread
    # over the default fields (110).
    _PRIORITY = 105

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        return [(self._convert, self._PRIORITY)]

    def _convert(self, parser: Any, group: Any) -> Any:
        for position, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[position] = self._convert(parser, node)
            elif node.has_fieldname and node.fieldname in _DATE_FIELDS:
                group[position] = self._date_node(node)
        return group

    @staticmethod
    def _date_node(node: Any) -> Any:
        if isinstance(node, syntax.RangeNode):
            start = end = None
            if node.start:
                first, last = _query_date_span(node.start)
                start = last + timedelta(microseconds=1) if node.startexcl else first
            if node.end:
                first, last = _query_date_span(node.end)
                end = first - timedelta(microseconds=1) if node.endexcl else last
        elif node.has_text:
            start, end = _query_date_span(node.text)
        else:
            raise _UnreadableQueryDate(f"after {node.fieldname}:")
        converted = DateRangeNode(node.fieldname, start, end)
        converted.startchar, converted.endchar = node.startchar, node.endchar
        return converted


def _query_date_span(text: str) -> tuple[datetime, datetime]:
    match = _ISO_PERIOD.fullmatch(text.strip())
    if match is None:
        raise _UnreadableQueryDate(repr(text))
    try:
        return _date_span(match)
    except ValueError as error:
        raise _UnreadableQueryDate(f"{text!r} ({error})") from error


def _date_span(match: re.Match[str]) -> tuple[datetime, datetime]:
    """First and last instant of the year, month or day the match names."""
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    first = datetime(year, month, day)
    if match["day"]:
        after = first + timedelta(days=1)
    elif match["month"]:
        after = datetime(year + month // 12, month % 12 + 1, 1)
    else:
        after = datetime(year + 1, 1, 1)
    return first, after - timedelta(microseconds=1)
