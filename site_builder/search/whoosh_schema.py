"""The fields of the Whoosh index, and what a document puts in each.

Part of the whoosh adapter (whoosh_index opens the index; this module only describes
it): the schema, how its stemmed text is indexed (`Indexing`), the document's fields
(`fields_of`) and the analysis an index is checked against (`analysis_of`), so an index
made another way is rebuilt rather than answering queries with its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from whoosh import columns, fields

from site_builder.core.records import IndexDocument
from site_builder.search.fast_analysis import StemmingWords, stemmed_text_field
from site_builder.search.fast_writer import IndexWriter
from site_builder.search.language_stems import LanguageStems, stemmed_text
from site_builder.search.query import period_start

# Tuning constants.
# A title word says more about an article than a body word; 2.0 ranks the Belarus
# test article first for "Lukashenko protest" without burying body-only matches.
TITLE_BOOST = 2.0
# What a query word that the analyzer cuts into several terms (a Chinese word, into its
# character pairs) must match: its terms in a row. Measured on the judged multilingual
# archive (bench/results.md, issue 19): "phrase" and "and" found the same cases.
CJK_WORD_QUERY = "phrase"


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


def analysis_of(fields_of: Any) -> list[tuple[object, ...]]:
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


def fields_of(document: IndexDocument) -> dict[str, object]:
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
