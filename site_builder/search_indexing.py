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

Commit: `IndexWriter` is whoosh's writer with a cheaper commit (see there).
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterable, Iterator
from itertools import islice
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
        self._terms: dict[str, str | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        # The schema, this analyzer included, is pickled into the index at every
        # commit; the cache would make that file as big as the vocabulary.
        return {name: value for name, value in self.__dict__.items() if name != "_terms"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._terms = {}

    def term_positions(self, text: str) -> dict[str, list[int]]:
        """Each term of text with the positions the chain would give it, in text order.

        As StopFilter renumbers them: the first kept word keeps its place among all
        words, and each later kept word comes one after the kept word before it.
        """
        terms = self._terms
        positions: dict[str, list[int]] = {}
        position = -1
        for place, word in enumerate(WORD_PATTERN.findall(text)):
            try:
                term = terms[word]
            except KeyError:
                term = terms[word] = self._term_of(word)
            if term is None:
                continue
            position = place if position < 0 else position + 1
            try:
                positions[term].append(position)
            except KeyError:
                positions[term] = [position]
        return positions

    @staticmethod
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


def stemmed_text_field(words: StemmingWords, *, stored: bool, field_boost: float = 1.0) -> Any:
    """A TEXT field with phrase positions, analysed as StemmingAnalyzer(cachesize=-1).

    Fields may share one StemmingWords, and with it the cache of the words it has seen.
    """
    field = fields.TEXT(analyzer=words, stored=stored, field_boost=field_boost)
    field.format = StemmedPositions(field_boost=field_boost)
    return field


# Postings pickled together when a sorted run is written to disk. Whoosh pickles each
# one on its own: indexing 3,000 articles under cProfile, two runs of a million postings
# took 5.8 s of 15 to write and read back. Runs are temporary files read only by their pool.
RUN_BATCH = 10_000


class IndexWriter(SegmentWriter):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's SegmentWriter (what `ix.writer()` gives), with a cheaper commit.

    The same index: postings spilled to disk are pickled a batch at a time, and each
    document's field length, which whoosh reads back from the new segment for every
    posting it writes, is read once.
    """

    def __init__(self, ix: Any, *, limitmb: int) -> None:
        super().__init__(ix, limitmb=limitmb)
        self.pool = _BatchedPostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self) -> None:
        # whoosh's own, with the lengths remembered.
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        postings = self.pool.iter_postings()
        remembered = _RememberedLengths(lengths) if lengths else lengths
        self.fieldwriter.add_postings(self.schema, remembered, postings)
        self.fieldwriter.close()
        if lengths:
            lengths.close()


class _BatchedPostingPool(PostingPool):  # type: ignore[misc]  # whoosh has no type hints
    def _write_run(self, file: Any, items: Iterable[Any]) -> None:
        postings = iter(items)  # a sorted list, or merged runs
        while batch := list(islice(postings, RUN_BATCH)):
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
