"""Words in their forms in each article's language, for `site-builder search`: part of the
whoosh adapter.

The body and title fields stem every text with Porter, an English stemmer: "трамвай" does
not find "трамваях", nor "canción" "canciones". An article in a language whoosh has a
Snowball stemmer for also gets a `stems` field: its words stemmed in its own language,
written out by `stemmed_text`. A query word is looked for there in every stem it has in
any of those languages (`LanguageStems` in query mode), so it meets the article's words
whatever language the reader forgot to say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.lang import has_stemmer, languages, stemmer_for_language

from site_builder.search.cjk import has_cjk
from site_builder.search.stemmers import STOP_WORDS_ANY_LANGUAGE, primary_language

# Letters and digits, as the browser search splits words; CJK words are found by their
# character pairs in the body field instead.
_WORD = re.compile(r"\w+")
SHORTEST_WORD = 2
# Languages whose articles get the field: whoosh's Snowball stemmers, but English, whose
# words the body field already stems.
SNOWBALL_LANGUAGES = tuple(sorted(code for code in languages if code != "en" and has_stemmer(code)))
# Stemming a word is the cost of indexing an article in these languages; archives repeat
# their words, so each (language, word) is stemmed once.
_CACHED_WORDS = 200_000


@lru_cache(maxsize=_CACHED_WORDS)
def _stem(language: str, word: str) -> str:
    stemmed: str = stemmer_for_language(language)(word)
    return stemmed


def _kept(word: str) -> bool:
    return len(word) >= SHORTEST_WORD and word not in STOP_WORDS_ANY_LANGUAGE and not has_cjk(word)


def stemmed_text(language: str | None, *texts: str) -> str | None:
    """The words of texts stemmed in language, space-separated; None for English, no
    language, or one whoosh cannot stem."""
    primary = primary_language(language)
    if primary not in SNOWBALL_LANGUAGES:
        return None
    words = (word for text in texts for word in _WORD.findall(text.lower()) if _kept(word))
    return " ".join(_stem(primary, word) for word in words) or None


def query_stems(word: str) -> list[str]:
    """A query word's stems in every Snowball language, each once."""
    lowered = word.lower()
    if not _kept(lowered):
        return []
    return list(dict.fromkeys(_stem(language, lowered) for language in SNOWBALL_LANGUAGES))


class LanguageStems(Analyzer):  # type: ignore[misc]  # whoosh has no type hints
    """The `stems` field's analyzer. Indexing, its value is already stemmed
    (stemmed_text): each word is a term. In a query, each word gives its query_stems, all
    at the word's position, which the field's multitoken_query "or" makes alternatives."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageStems)

    def __hash__(self) -> int:
        return hash(LanguageStems)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if mode == "query":
            matches = [(match, query_stems(match.group())) for match in _WORD.finditer(value)]
        else:
            matches = [(match, [match.group()]) for match in re.finditer(r"\S+", value)]
        for place, (match, terms) in enumerate(matches):
            for term in terms:
                token.text = term
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = match.group()
                if positions:
                    token.pos = start_pos + place
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token
