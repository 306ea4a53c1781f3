"""Whoosh's indexing work at a lower CPU cost per article: the same index, less work.

Part of the whoosh adapter: only ``search_index`` imports this module.

Analysis: whoosh turns a text into index terms through a chain of generators
(tokenizer, lower case, stop words, stemmer), each handing on one shared Token object,
and then groups the terms' positions: about a third of the CPU that indexing an article
of 900 words costs. Here that is one loop over the words, with a cache from each word as
written to its term; it takes about a third of the time, and indexing costs 0.80x the
CPU a document (bench/whoosh_cost.py). It gives exactly the terms and positions the
chain gives: tests/test_search_indexing.py compares them, and ``whoosh_cost.py --check``
does on an archive. Only indexing takes the short cut. Anything else that asks the
analyzer for tokens (the query parser, the highlighter, which wants character offsets
and stop words) gets whoosh's own chain, so queries and snippets cannot change.

Writing: `IndexWriter` is whoosh's writer, adding documents and committing them for
less (see there).
"""

from __future__ import annotations

import heapq
import pickle
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from itertools import chain, count, groupby, repeat
from operator import itemgetter
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import (
    STOP_WORDS,
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter import stem
from whoosh.writing import PostingPool, SegmentWriter

# whoosh's default word pattern (whoosh.analysis.tokenizers.default_pattern) with its
# group made non-capturing, so findall() gives whole words; a group does not change
# what a pattern matches, and tokens are the whole match.
WORD_PATTERN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
# StemmingAnalyzer's default: one-letter words are dropped like stop words.
SHORTEST_WORD = 2
# Terms seen once in an article, the most common kind, are encoded through a cache
# keyed by their position; positions past this bound are rare and left uncached, so
# one enormous article cannot grow the cache without limit.
CACHED_POSITIONS = 20_000


class StemmingWords(CompositeAnalyzer):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's StemmingAnalyzer(cachesize=-1), with term_positions() for indexing.

    Called as an analyzer it is that very chain. term_positions() gives what the chain
    gives an indexing Positions format, through a cache from each word as written to
    its term, or None for a word the chain drops (one letter, or a stop word).
    """

    def __init__(self) -> None:
        super().__init__(
            RegexTokenizer(WORD_PATTERN),
            LowercaseFilter(),
            StopFilter(stoplist=STOP_WORDS, minsize=SHORTEST_WORD),
            StemFilter(stemfn=stem, cachesize=-1),
        )
        self._terms = _WordTerms(utf8=False)
        self._utf8_terms = _WordTerms(utf8=True)

    def __getstate__(self) -> dict[str, Any]:
        # The schema, this analyzer included, is pickled into the index at every
        # commit; the caches would make that file as big as the vocabulary.
        return {
            name: value
            for name, value in self.__dict__.items()
            if name not in ("_terms", "_utf8_terms")
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._terms = _WordTerms(utf8=False)
        self._utf8_terms = _WordTerms(utf8=True)

    def term_positions(self, text: str) -> dict[str, list[int]]:
        """Each term of text with the positions the chain would give it, in text order.

        As StopFilter renumbers them: the first kept word keeps its place among all
        words, and each later kept word comes one after the kept word before it.
        """
        positions: dict[str, list[int]] = self._positions(text, self._terms)
        return positions

    def utf8_term_positions(self, text: str) -> dict[bytes, list[int]]:
        """term_positions with each term in UTF-8, as whoosh's postings hold it."""
        positions: dict[bytes, list[int]] = self._positions(text, self._utf8_terms)
        return positions

    def _positions(self, text: str, terms: _WordTerms) -> dict[Any, list[int]]:
        # The loop over the words runs in C (map and list.append), Python running only for
        # a word not seen before: a Python loop took 2.4 s of CPU for 3,000 articles.
        word_terms = list(map(terms.__getitem__, WORD_PATTERN.findall(text)))
        kept = [term for term in word_terms if term is not None]
        positions: defaultdict[Any, list[int]] = defaultdict(list)
        if kept:
            first = next(place for place, term in enumerate(word_terms) if term is not None)
            deque(map(list.append, map(positions.__getitem__, kept), count(first)), maxlen=0)
        return positions


class _WordTerms(dict[str, Any]):
    """Each word as written -> its term (or its term in UTF-8), None for a word dropped;
    a word is analysed the first time it is looked up."""

    def __init__(self, *, utf8: bool) -> None:
        super().__init__()
        self._utf8 = utf8

    def __missing__(self, word: str) -> Any:
        term: Any = _term_of(word)
        if self._utf8 and term is not None:
            term = term.encode("utf-8")
        self[word] = term
        return term


def _term_of(word: str) -> str | None:
    lowered = word.lower()
    if len(lowered) < SHORTEST_WORD or lowered in STOP_WORDS:
        return None
    stemmed: str = stem(lowered)
    return stemmed


class StemmedPositions(formats.Positions):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's Positions format, reading the terms of a StemmingWords text in one pass.

    Its postings are byte for byte those of formats.Positions: the same terms in the
    same order, frequency, weight, and positions encoded by Positions.encode.
    """

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(field_boost=field_boost)
        self._single_codes: dict[int, bytes] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Pickled with the schema, like StemmingWords, and for the same reason.
        return {name: value for name, value in self.__dict__.items() if name != "_single_codes"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._single_codes = {}

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:  # term, frequency, weight, positions
        # Whoosh indexes with mode="index" only; a word list or other options would
        # mean some other caller, which gets whoosh's own way.
        if (
            not isinstance(analyzer, StemmingWords)
            or not isinstance(value, str)
            or kwargs.keys() - {"mode"}
        ):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        field_boost = self.field_boost
        for term, positions in analyzer.term_positions(value).items():
            count = len(positions)
            # Whoosh sums a boost of 1.0 per token: float(count), exactly.
            yield term, count, float(count) * field_boost, self._encoded(positions)

    def _encoded(self, positions: list[int]) -> bytes:
        if len(positions) != 1 or positions[0] >= CACHED_POSITIONS:
            code: bytes = self.encode(positions)
            return code
        try:
            return self._single_codes[positions[0]]
        except KeyError:
            code = self._single_codes[positions[0]] = self.encode(positions)
            return code

    def encoded_all(self, term_positions: Iterable[list[int]]) -> list[bytes]:
        """_encoded for each list of positions, the single positions looked up inline."""
        single, encoded = self._single_codes, self._encoded
        return [
            single.get(positions[0]) or encoded(positions)
            if len(positions) == 1
            else encoded(positions)
            for positions in term_positions
        ]


def stemmed_text_field(words: StemmingWords, *, stored: bool, field_boost: float = 1.0) -> Any:
    """A TEXT field with phrase positions, analysed as StemmingAnalyzer(cachesize=-1).

    Fields may share one StemmingWords, and with it the cache of the words it has seen.
    """
    field = fields.TEXT(analyzer=words, stored=stored, field_boost=field_boost)
    field.format = StemmedPositions(field_boost=field_boost)
    return field


# Postings pickled together (with their terms) when a run is written to disk. Whoosh
# pickles each posting on its own: indexing 3,000 articles under cProfile, two runs of a
# million postings took 5.8 s of 15 to write and read back. Runs are temporary files read
# only by their pool.
RUN_BATCH = 10_000


class IndexWriter(SegmentWriter):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's SegmentWriter (what `ix.writer()` gives), cheaper to add to and commit.

    The same index: a stemmed text field's postings reach the pool in one call, postings
    spilled to disk are pickled a batch at a time, each field's lengths, which whoosh
    reads back from the new segment for every posting it writes, are read once, and a
    term's postings go into whoosh's blocks a block at a time. The bulk adding and block
    filling took 0.9 times the CPU an article (1,000 benchmark articles, commit included);
    the term pool (`_TermPool`) then 0.89 times again (5,000 articles, with spills). Its
    flat lists of postings then 0.75 times again in bench/whoosh_cost.py (3,600 articles;
    0.80 through offers), mostly work taken off Python's collector: 0.90 with it off, and
    about 0.95 in a build, which keeps it off what the build holds (10,000 articles).
    """

    def __init__(self, ix: Any, *, limitmb: int) -> None:
        super().__init__(ix, limitmb=limitmb)
        self.pool = _TermPool(self._tempstorage, self.newsegment, limitmb=limitmb)
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
        step = limit * _POSTING_ITEMS
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
    docnums, weights, values = _columns(postings)
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


# Most runs a merge reads at once (whoosh's own default for its pool).
MAX_OPEN_RUNS = 128


class _TermPool(PostingPool):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's PostingPool, holding each term's postings together.

    whoosh's pool keeps one tuple (field, term, docnum, weight, value) per posting and
    sorts them all, in memory and again when it merges the runs it spilled: at 10,000
    articles about five million tuples, sorted more than once. Here postings are kept by
    term, in one flat list a term (docnum, weight, value, docnum, ...; no tuple a posting:
    the postings of 10,000 articles took 339 MB instead of 554), and only the terms are
    sorted.
    A writer adds documents in order, so each term's postings come in document order,
    and runs, written one after another, merge by joining a term's parts in run order;
    postings added out of order are sorted, as whoosh would. It gives the postings in
    whoosh's order, and spills runs when its estimate of their memory passes the limit.
    """

    runs: list[str]  # the runs on disk, set by whoosh's pool

    def __init__(self, tempstore: Any, segment: Any, *, limitmb: int) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        # Postings by field, then by term: a term's key is its bytes, whose hash Python
        # keeps, where a (field, term) key would be made and hashed for every posting.
        self._by_field: dict[str, defaultdict[bytes, list[Any]]] = {}
        # Whether every term's postings came in document order (each document once).
        self._in_order = True
        # The newest document of each field, of any field, and the newest in the runs:
        # runs are spilled only when a new document starts, so a run holds whole
        # documents, all older than those still in memory.
        self._last_document: dict[str, int] = {}
        self._newest_document = -1
        self._spilled_through = -1

    def _field_terms(self, fieldname: str) -> defaultdict[bytes, list[Any]]:
        try:
            return self._by_field[fieldname]
        except KeyError:
            self.fieldnames.add(fieldname)
            by_term = self._by_field[fieldname] = defaultdict(list)
            return by_term

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self._spill_if_full(docnum)
        postings = self._field_terms(fieldname)[tbytes]
        last = self._last_document.get(fieldname, -1)
        if (
            docnum < last
            or docnum <= self._spilled_through
            or (postings and postings[-_POSTING_ITEMS] == docnum)  # a term again
        ):
            self._in_order = False
        self._last_document[fieldname] = max(docnum, last)
        self._newest_document = max(docnum, self._newest_document)
        postings += (docnum, weight, vbytes)
        self.currentsize += _POSTING_SIZE + len(tbytes) + len(vbytes or b"")

    def add_document_terms(
        self,
        fieldname: str,
        docnum: int,
        terms: list[bytes],
        weights: list[float],
        values: list[bytes],
    ) -> None:
        """`add` for each term of one field of one document, with its weight and value.

        The terms are different from each other, as a document's terms are."""
        if not len(terms) == len(weights) == len(values):
            raise ValueError("a weight and a value for each term")
        self._spill_if_full(docnum)
        last = self._last_document.get(fieldname, -1)
        if docnum <= last or docnum <= self._spilled_through:  # (this field again: ==)
            self._in_order = False
        self._last_document[fieldname] = max(docnum, last)
        self._newest_document = max(docnum, self._newest_document)
        term_postings = map(self._field_terms(fieldname).__getitem__, terms)
        postings = zip(repeat(docnum), weights, values)
        deque(map(list.extend, term_postings, postings), maxlen=0)  # in C, term by term
        self.currentsize += (
            _POSTING_SIZE * len(terms) + sum(map(len, terms)) + sum(map(len, values))
        )

    def _spill_if_full(self, docnum: int) -> None:
        """A run spilled when memory is full and a new document starts (any time, once
        postings came out of order)."""
        if self.currentsize > self.limit and (docnum > self._newest_document or not self._in_order):
            self.save()

    def save(self) -> None:
        if self._by_field:
            path, file = self._new_run()
            self._write_run(file, self._sorted_terms())
            self._add_run(path)
            self._by_field = {}
            self._spilled_through = self._newest_document
        self.currentsize = 0

    def term_postings(
        self, maxfiles: int = MAX_OPEN_RUNS
    ) -> Iterator[tuple[tuple[str, bytes], list[Any]]]:
        """((field, term), postings) for every term in order, each term's postings in
        document order."""
        if not self.runs:
            yield from self._sorted_terms()
            self._by_field = {}
            return
        self.save()
        while len(self.runs) > maxfiles:  # as whoosh's pool does: merge runs into runs
            merged_path, file = self._new_run()
            # The oldest runs, merged into one that takes their place: runs stay in the
            # order their documents were added.
            oldest, self.runs = self.runs[:maxfiles], self.runs[maxfiles:]
            self._write_run(file, self._merged(oldest))
            self.runs.insert(0, merged_path)
        runs, self.runs = self.runs, []
        yield from self._merged(runs)

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, tbytes), postings in self.term_postings():
            for docnum, weight, vbytes in zip(*_columns(postings), strict=True):
                yield fieldname, tbytes, docnum, weight, vbytes

    def _sorted_terms(self) -> Iterator[tuple[tuple[str, bytes], list[Any]]]:
        for fieldname in sorted(self._by_field):
            by_term = self._by_field[fieldname]
            for tbytes in sorted(by_term):
                postings = by_term[tbytes]
                yield (fieldname, tbytes), postings if self._in_order else _sorted(postings)

    def _merged(self, paths: list[str]) -> Iterator[tuple[tuple[str, bytes], list[Any]]]:
        runs = [self._read_run(path) for path in paths]
        for key, parts in groupby(heapq.merge(*runs, key=_TERM_KEY), _TERM_KEY):
            lists = [postings for _, postings in parts]
            if len(lists) == 1:
                yield key, lists[0]
                continue
            joined = list(chain.from_iterable(lists))  # runs are read in document order
            yield key, joined if self._in_order else _sorted(joined)

    def _write_run(self, file: Any, items: Iterable[Any]) -> None:
        # A batch ends after RUN_BATCH postings, not terms: a merge holds one batch of
        # every run in memory at once.
        batch: list[Any] = []
        postings = 0
        for term in items:
            batch.append(term)
            postings += len(term[1]) // _POSTING_ITEMS
            if postings >= RUN_BATCH:
                pickle.dump(batch, file, pickle.HIGHEST_PROTOCOL)
                batch, postings = [], 0
        if batch:
            pickle.dump(batch, file, pickle.HIGHEST_PROTOCOL)
        file.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        file = self._open_run(path)
        try:
            while True:
                try:
                    batch = pickle.load(file)  # noqa: S301  # a run this pool wrote
                except EOFError:
                    return
                yield from batch
        finally:
            file.close()
            self._remove_run(path)


# A posting's items in a term's flat list: document number, weight, value.
_POSTING_ITEMS = 3
# An estimate of a posting's bytes in memory, but for its term and value: its three
# slots in the term's list, with room for the list to grow, and its weight.
_POSTING_SIZE = 60
_TERM_KEY = itemgetter(0)


def _columns(postings: list[Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """A term's flat postings as its document numbers, weights and values."""
    return postings[0::3], postings[1::3], postings[2::3]


def _sorted(postings: list[Any]) -> list[Any]:
    """Flat postings in whoosh's order, by document number, then weight and value."""
    return list(chain.from_iterable(sorted(zip(*_columns(postings), strict=True))))


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
