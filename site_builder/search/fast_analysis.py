"""Whoosh's StemmingAnalyzer with CJK bigrams, indexed in one pass: the same terms and
positions, for less CPU.

Part of the whoosh adapter; a fork of whoosh internals matching whoosh-reloaded 2.7.5
(`whoosh.analysis.StemmingAnalyzer` and `whoosh.formats.Positions`), which pyproject.toml
pins to 2.7.x. The chain is whoosh's StemmingAnalyzer with one step of ours,
`cjk.CjkBigrams`, before the stemmer: a text without Chinese or Japanese characters
gets exactly StemmingAnalyzer's terms.

Why: whoosh turns a text into index terms through a chain of generators (tokenizer,
lower case, stop words, stemmer), each handing on one shared Token object, and then
groups the terms' positions: about a third of the CPU that indexing an article of 900
words costs. Here that is one loop over the words, with a cache from each word as
written to its term. It gives exactly the terms and positions the chain gives:
tests/search/test_fast_analysis.py compares them with whoosh's, and
tests/search/test_fast_writer.py the answers of a whole index. Only indexing takes the
short cut. Anything else that asks the analyzer for tokens (the query parser, the
highlighter, which wants character offsets and stop words) gets whoosh's own chain, so
queries and snippets cannot change.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from itertools import count
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

from site_builder.search.cjk import CjkBigrams, has_cjk, pieces

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
    """whoosh's StemmingAnalyzer(cachesize=-1) with CjkBigrams before its stemmer, and
    term_positions() for indexing.

    Called as an analyzer it is that very chain. term_positions() gives what the chain
    gives an indexing Positions format, through a cache from each word as written to
    its term, or None for a word the chain drops (one letter, or a stop word).
    """

    def __init__(self) -> None:
        super().__init__(
            RegexTokenizer(WORD_PATTERN),
            LowercaseFilter(),
            StopFilter(stoplist=STOP_WORDS, minsize=SHORTEST_WORD),
            CjkBigrams(),
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
        if has_cjk(text):
            return _cjk_positions(text, terms)
        word_terms = list(map(terms.__getitem__, WORD_PATTERN.findall(text)))
        kept = [term for term in word_terms if term is not None]
        positions: defaultdict[Any, list[int]] = defaultdict(list)
        if kept:
            first = next(place for place, term in enumerate(word_terms) if term is not None)
            deque(map(list.append, map(positions.__getitem__, kept), count(first)), maxlen=0)
        return positions


def _cjk_positions(text: str, terms: _WordTerms) -> dict[Any, list[int]]:
    """_positions of a text in which CjkBigrams cuts some words into several terms: the
    terms of the kept words are numbered one after another from the first kept word's
    place."""
    positions: defaultdict[Any, list[int]] = defaultdict(list)
    place: int | None = None
    for at, word in enumerate(WORD_PATTERN.findall(text)):
        if terms[word] is None:
            continue
        for term in terms.all_of(word):
            place = at if place is None else place + 1
            positions[term].append(place)
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

    def all_of(self, word: str) -> list[Any]:
        """The terms of a kept word: CjkBigrams's pieces of it, or its one term."""
        if not has_cjk(word):
            return [self[word]]
        cut = [stem(text) for _, text in pieces(word.lower())]
        return [text.encode("utf-8") for text in cut] if self._utf8 else cut


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
