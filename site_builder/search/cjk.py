"""Words in Chinese and Japanese, which are written without spaces: character bigrams.

Whoosh's word pattern keeps a run of Han, Hiragana or Katakana characters as one token,
a whole clause, so a word inside it can never be found (issue 19). `CjkBigrams` is a
whoosh filter that cuts such a token into its overlapping pairs of characters, a run of
one character standing as itself; a query word goes through the same analyzer, and the
schema makes it a phrase of its pairs, so "北京大学" finds the text that holds 北京,
京大 and 大学 in a row. The usual way for these scripts without a dictionary (Lucene's
CJKBigramFilter does the same).

A token with none of these characters passes through untouched, so every other text has
exactly the terms and positions it had. Hangul is left alone: Korean puts spaces
between its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Filter

# Han (the unified ideographs, extension A, the compatibility block, the supplementary
# planes' extensions), Hiragana, Katakana (with its phonetic extensions and the
# half-width forms) and the iteration mark 々: the characters the word pattern matches
# in runs without spaces.
_CJK = (
    "\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
CJK_CHARACTER = re.compile(f"[{_CJK}]")
# A token cut into its runs of CJK characters and the pieces between them.
_RUNS = re.compile(f"[{_CJK}]+|[^{_CJK}]+")


def has_cjk(text: str) -> bool:
    """Whether text has a character CjkBigrams cuts into pairs."""
    return CJK_CHARACTER.search(text) is not None


def pieces(word: str) -> list[tuple[int, str]]:
    """The terms a word with CJK characters becomes, each with its offset in the word.

    A run of CJK characters gives its overlapping pairs (one character: itself); what
    lies between the runs ("2020" in "2020年") stays whole, as one piece.
    """
    found: list[tuple[int, str]] = []
    for run in _RUNS.finditer(word):
        start, text = run.start(), run.group()
        if len(text) < 2 or not CJK_CHARACTER.match(text):
            found.append((start, text))
        else:
            found.extend((start + at, text[at : at + 2]) for at in range(len(text) - 1))
    return found


class CjkBigrams(Filter):  # type: ignore[misc]  # whoosh has no type hints
    """Cuts each token with CJK characters into pieces(), numbered one after another;
    the tokens after it move up by as many places as the pieces added.

    It goes after the stop filter, so a pair is never dropped as a short word, and
    before the stemmer, which leaves CJK characters as they are.
    """

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        added = 0  # the places the pieces so far have added
        for token in tokens:
            if token.positions:
                token.pos += added
            if token.stopped or not has_cjk(token.text):
                yield token
                continue
            first_pos = token.pos if token.positions else 0
            first_char = token.startchar if token.chars else 0
            cut = pieces(token.text)
            for place, (offset, text) in enumerate(cut):
                token.text = text
                if token.positions:
                    token.pos = first_pos + place
                if token.chars:
                    token.startchar = first_char + offset
                    token.endchar = token.startchar + len(text)
                yield token
            added += len(cut) - 1
