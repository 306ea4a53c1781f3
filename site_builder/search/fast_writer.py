"""Whoosh's segment writer, cheaper to add to and commit: the same index, less work.

Part of the whoosh adapter; a fork of whoosh internals matching whoosh-reloaded 2.7.5
(`whoosh.writing.SegmentWriter.add_document` and `_flush_segment`, and
`whoosh.codec.base.FieldWriter.add_postings` with the whoosh3 codec's
`W3PostingsWriter.add_posting`), which pyproject.toml pins to 2.7.x. `whoosh_index`
writes every index with it.

Why: adding an article and committing it are most of what a build pays Whoosh for, and
most of that cost is whoosh handling one posting at a time. `IndexWriter` hands a
stemmed text field's postings to its pool in one call, keeps them in a `TermPool`, reads
each field's lengths once, and fills whoosh's posting blocks a block at a time.
tests/search/test_fast_writer.py proves the index is the one whoosh's own writer makes:
the same postings and statistics, and the same hits, scores and snippets for every
judged query.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from site_builder.search.fast_analysis import StemmedPositions, StemmingWords
from site_builder.search.term_pool import POSTING_ITEMS, TermPool, posting_columns

# Posting blocks are written as they are, where whoosh compresses each with zlib (level
# 3): most of an archive's terms are in one or two articles, and compressing and reading
# back their small blocks costs more than their bytes. Measured on 2,000 devset articles
# (bench/results.md): offering and committing 2.82 -> 2.09 ms an article, a query's
# median 27 -> 11 ms, the local index 26.6 -> 45.5 MB (it is not published). Readers
# take either kind of block.
POSTING_COMPRESSION = 0


class IndexWriter(SegmentWriter):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's SegmentWriter (what `ix.writer()` gives), cheaper to add to and commit.

    The same index: a stemmed text field's postings reach the pool in one call, postings
    spilled to disk are pickled a batch at a time, each field's lengths, which whoosh
    reads back from the new segment for every posting it writes, are read once, and a
    term's postings go into whoosh's blocks a block at a time.
    """

    def __init__(self, ix: Any, *, limitmb: int) -> None:
        codec = W3Codec(compression=POSTING_COMPRESSION)
        super().__init__(ix, limitmb=limitmb, codec=codec)
        self.pool = TermPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        # Spelling words and term vectors are left to whoosh's own add_document.
        self._plain_schema = not any(
            field.separate_spelling() or field.vector for _, field in self.schema.items()
        )

    def add_document(self, **fields: Any) -> None:
        # whoosh 2.7's own, step for step, but for a stemmed text field: its postings go to
        # the pool in one call, made in one comprehension, where whoosh passes each one
        # through two generators and a call (a third of adding an article).
        if not self._plain_schema:
            super().add_document(**fields)
            return
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    length = self._index_field(field, fieldname, value, fieldboost)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(
                    fieldname, field, customval if field.stored else None, length
                )
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _index_field(self, field: Any, fieldname: str, value: Any, fieldboost: float) -> int:
        """Add a field's postings to the pool; the field's length, if it is scorable."""
        docnum = self.docnum
        length = 0
        format_ = field.format
        if (
            isinstance(format_, StemmedPositions)
            and isinstance(field.analyzer, StemmingWords)
            and isinstance(value, str)
        ):
            terms = field.analyzer.utf8_term_positions(value)
            boost = format_.field_boost
            counts = list(map(len, terms.values()))
            if boost == 1.0 and fieldboost == 1.0:
                weights = list(map(float, counts))  # what float(count) * 1.0 * 1.0 gives
            else:
                weights = [float(count) * boost * fieldboost for count in counts]
            values = format_.encoded_all(terms.values())
            self.pool.add_document_terms(fieldname, docnum, list(terms), weights, values)
            return sum(counts) if field.scorable else 0
        add_post = self.pool.add
        for tbytes, freq, weight, vbytes in field.index(value):
            weight *= fieldboost
            if field.scorable:
                length += freq
            add_post((fieldname, tbytes, docnum, weight, vbytes))
        return length

    def _flush_segment(self) -> None:
        # whoosh's own, with the lengths remembered.
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        remembered = _RememberedLengths(lengths) if lengths else lengths
        if remembered is not None and self._plain_schema:
            terms = self.pool.term_postings()
            _add_postings(self.fieldwriter, self.schema, remembered, terms, self.docnum)
        else:
            self.fieldwriter.add_postings(self.schema, remembered, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths:
            lengths.close()


def _add_postings(
    fieldwriter: Any,
    schema: Any,
    lengths: _RememberedLengths,
    terms: Iterable[tuple[tuple[str, bytes], list[Any]]],
    doc_count: int,
) -> None:
    """whoosh's `FieldWriter.add_postings` for its whoosh3 codec, a block at a time.

    whoosh hands each posting to `W3PostingsWriter.add_posting`, which checks its types
    and updates the block's statistics one posting at a time. Here each term's postings
    fill the block buffer a block at a time, with the same contents and statistics, and
    whoosh writes the blocks and the term as before. terms come from the pool in
    whoosh's order, and hold no spelling entries (the schema has no spelling field).
    """
    for fieldname, in_field in groupby(terms, _field_of_term):
        fieldwriter.start_field(fieldname, schema[fieldname])
        postwriter = fieldwriter._postwriter
        limit = postwriter._blocklimit
        field_lengths = lengths.of_field(fieldname, doc_count)
        step = limit * POSTING_ITEMS
        for (_, btext), postings in in_field:
            fieldwriter.start_term(btext)
            for start in range(0, len(postings), step):
                if start:
                    postwriter._write_block()  # add_posting writes a full block on the next
                _fill_block(postwriter, postings[start : start + step], field_lengths)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


def _field_of_term(term: tuple[tuple[str, bytes], list[Any]]) -> str:
    return term[0][0]


def _fill_block(postwriter: Any, postings: list[Any], field_lengths: list[int]) -> None:
    """`add_posting` for each docnum, weight, value (laid out flat), into an empty block
    buffer."""
    docnums, weights, values = posting_columns(postings)
    postwriter._ids.extend(docnums)
    postwriter._weights.extend(weights)
    heaviest = max(weights)
    if heaviest > postwriter._maxweight:
        postwriter._maxweight = heaviest
    postwriter._values.extend(filter(None, values))  # add_posting keeps only values given
    lengths = list(filter(None, map(field_lengths.__getitem__, docnums)))
    if lengths:
        postwriter._minlength = min(lengths)
        postwriter._maxlength = max(lengths)


class _RememberedLengths:
    """A per-document reader's field lengths, each read once (all add_postings asks)."""

    def __init__(self, lengths: Any) -> None:
        self._lengths = lengths
        self._known: dict[tuple[int, str], int] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        key = (docnum, fieldname)
        try:
            return self._known[key]
        except KeyError:
            length: int = self._lengths.doc_field_length(docnum, fieldname, default)
            self._known[key] = length
            return length

    def of_field(self, fieldname: str, doc_count: int) -> list[int]:
        """The field's length in each document of the segment, by document number."""
        read = self._lengths.doc_field_length
        return [read(docnum, fieldname, 0) for docnum in range(doc_count)]
