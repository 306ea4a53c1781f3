"""What the browser search knows of one article: its terms, weighted by field, and the
words a reader may type for each.

A term is a word's stem in the article's own language (`stemmers`), or a pair of
Chinese or Japanese characters (`cjk`). The browser has no stemmer: it looks a typed
word up in the archive's vocabulary, which maps each word as written, folded, to its
terms. search.js splits and folds text as `words_of` and `fold` do here; its tests
check the two agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from site_builder.core.records import IndexDocument
from site_builder.search.cjk import has_cjk, pieces
from site_builder.search.stemmers import STOP_WORDS_ANY_LANGUAGE, Stemmer, stemmer_for

# Letters, digits and the underscore: Python's \w, and search.js's [\p{L}\p{N}_].
WORD = re.compile(r"\w+")
# The accents a reader may leave out ("cafe" for "café"): the combining diacritics
# Latin, Greek and Cyrillic letters decompose into. Marks of other scripts are part of
# their letters and stay.
_ACCENTS = re.compile("[\u0300-\u036f]")
SHORTEST_WORD = 2  # one-letter words are dropped, as whoosh's StemmingAnalyzer does
# How much a word counts in each field, as the command line weighs them
# (whoosh_schema.TITLE_BOOST and query.METADATA_BOOST); tags count like body words.
TITLE_WEIGHT = 2.0
METADATA_WEIGHT = 0.5
# The text kept for the results' excerpts: most articles whole, a long one's first
# part, so a result costs a few kilobytes to show.
EXCERPT_CHARS = 12_000
# BM25's constants, whoosh's defaults, so both searches weigh words alike.
BM25_K1 = 1.2
BM25_B = 0.75
# BM25 weighs a word by the article's length against the average length; here against
# a typical news article's, so that an article's weights never change when others come
# and go (adding one article rewrites only its own terms' postings, issue 19).
TYPICAL_ARTICLE_WORDS = 600
FILTER_PREFIXES = ("site", "tag", "year", "lang")


def fold(word: str) -> str:
    """A word as the vocabulary keys it: lower case, without Latin accents."""
    return unicodedata.normalize(
        "NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", word.lower()))
    )


def words_of(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text))


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentTerms:
    """One article as the browser index takes it."""

    path: str  # its page inside the site
    title: str
    site_name: str | None
    published: str | None  # ISO 8601
    excerpt: str
    length: int  # words in its searched fields
    weights: dict[str, float] = field(default_factory=dict)  # term -> weighted count
    words: dict[str, list[str]] = field(default_factory=dict)  # folded word -> terms
    filters: tuple[str, ...] = ()  # "site:word", "tag:name", "year:2020", "lang:fr"

    def impacts(self) -> dict[str, int]:
        """Each term's BM25 weight in the article as a byte, 1-255; a filter's is 1."""
        norm = BM25_K1 * (1 - BM25_B + BM25_B * self.length / TYPICAL_ARTICLE_WORDS)
        found = {
            term: max(1, min(255, round(255 * weight / (weight + norm))))
            for term, weight in self.weights.items()
        }
        found.update(dict.fromkeys(self.filters, 1))
        return found


class TermAnalyzer:
    """Turns documents into DocumentTerms, remembering each word's terms per language
    (an archive repeats its words; stemming each one once saves most of the work)."""

    def __init__(self) -> None:
        self._terms: dict[str | None, dict[str, tuple[tuple[str, ...], str | None]]] = {}
        self._stemmers: dict[str | None, Stemmer] = {}

    def document_terms(self, document: IndexDocument) -> DocumentTerms:
        weights: defaultdict[str, float] = defaultdict(float)
        words: dict[str, set[str]] = {}
        length = 0
        fields = (
            (document.title, TITLE_WEIGHT),
            (document.body, 1.0),
            (" ".join(document.tags), 1.0),
            (document.author or "", METADATA_WEIGHT),
            (document.site_name or "", METADATA_WEIGHT),
        )
        for text, weight in fields:
            length += self._count_into(text, weight, document.language, weights, words)
        return DocumentTerms(
            path=document.path,
            title=document.title,
            site_name=document.site_name,
            published=document.published,
            excerpt=document.body[:EXCERPT_CHARS],
            length=length,
            weights=dict(weights),
            words={word: sorted(terms) for word, terms in words.items()},
            filters=filters_of(document),
        )

    def _count_into(
        self,
        text: str,
        weight: float,
        language: str | None,
        weights: defaultdict[str, float],
        words: dict[str, set[str]],
    ) -> int:
        # Each distinct word is looked at once (an article repeats most of its words),
        # with its terms and folded form remembered across the archive: looking at every
        # word as it came was most of the browser index's time on real pages.
        known = self._terms.setdefault(language, {})
        counted = 0
        for word, times in Counter(words_of(text)).items():
            seen = known.get(word)
            if seen is None:
                seen = known[word] = self._analyse(word, language)
            terms, folded = seen
            if not terms:
                continue
            counted += times
            for term in terms:
                weights[term] += weight * times
            if folded is not None:
                words.setdefault(folded, set()).update(terms)
        return counted

    def _analyse(self, word: str, language: str | None) -> tuple[tuple[str, ...], str | None]:
        """word's terms, and the folded form the vocabulary keys it by (None for a CJK
        word: search.js cuts it into its terms itself)."""
        lowered = word.lower()
        if has_cjk(lowered):
            return tuple(text for _, text in pieces(lowered)), None
        if len(lowered) < SHORTEST_WORD or lowered in STOP_WORDS_ANY_LANGUAGE:
            return (), None
        stemmer = self._stemmers.get(language)
        if stemmer is None:
            stemmer = self._stemmers[language] = stemmer_for(language)
        return (stemmer(lowered),), fold(word)


# has:highlights and has:notes: the articles the reader marked or wrote a note on.
HAS_HIGHLIGHTS = "highlights"
HAS_NOTES = "notes"


def filters_of(document: IndexDocument) -> tuple[str, ...]:
    """The terms a query's site:, tag:, year:, lang: and has: look for."""
    found: list[str] = []
    found.extend(f"site:{fold(word)}" for word in words_of(document.site_name or ""))
    found.extend(f"tag:{' '.join(words_of(fold(tag)))}" for tag in document.tags)
    if document.published and document.published[:4].isdigit():
        found.append(f"year:{document.published[:4]}")
    if document.language:
        found.append(f"lang:{document.language.split('-')[0].lower()}")
    if document.highlights:
        found.append(f"has:{HAS_HIGHLIGHTS}")
    if document.notes:
        found.append(f"has:{HAS_NOTES}")
    return tuple(dict.fromkeys(term for term in found if not term.endswith(":")))
