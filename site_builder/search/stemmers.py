"""Each language's stemmer, from whoosh: part of the whoosh adapter.

whoosh-reloaded ships Snowball stemmers for fifteen languages and the Porter stemmer
that its StemmingAnalyzer, and so `site-builder search`, applies to every text. The
browser index stems each article in its own language; an article in a language with no
stemmer, or with no language at all, gets the Porter stemmer, as the command line does.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh.analysis import STOP_WORDS
from whoosh.lang import has_stemmer, stemmer_for_language
from whoosh.lang.porter import stem as porter_stem

# The words both searches leave out: whoosh's English list, the StopFilter default.
STOP_WORDS_ANY_LANGUAGE: frozenset[str] = frozenset(STOP_WORDS)

Stemmer = Callable[[str], str]


def primary_language(language: str | None) -> str | None:
    """ "pt-BR" -> "pt"; None or "" -> None."""
    if not language:
        return None
    return language.replace("_", "-").split("-")[0].strip().lower() or None


def stemmer_for(language: str | None) -> Stemmer:
    """The stemmer for a language tag: Snowball where whoosh has one, else Porter."""
    primary = primary_language(language)
    porter: Stemmer = porter_stem
    if primary is None or primary == "en" or not has_stemmer(primary):
        return porter
    found: Stemmer = stemmer_for_language(primary)
    return found
