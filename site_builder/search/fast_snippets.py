"""Whoosh's snippet fragments for a StemmingWords text, found without re-analysing every word.

Part of the whoosh adapter; a fork of whoosh internals matching whoosh-reloaded 2.7.5
(`Highlighter.highlight_hit` when it retokenizes, `set_matched_filter`,
`Highlighter._merge_matched_tokens` and `ContextFragmenter.fragment_tokens`), which
pyproject.toml pins to 2.7.x.

Why: to mark the matched words of a hit, whoosh runs the whole stored body through the
analyzer chain again, one Token at a time, and then walks every token through the
fragmenter: about 12 ms an article of 900 words, 80% of a query's time. Here the words
are found by one regular expression, each distinct word is analysed once (and
remembered), and the fragmenter's state machine jumps over the runs of unmatched words
between fragments, where all it does is remember the last few start offsets.

It gives exactly the fragments whoosh gives; whoosh scores, picks and formats them as
before. tests/search/test_fast_snippets.py compares the two on random texts;
test_whoosh_index.py compares the snippets of real searches with whoosh's Highlighter, and
test_fast_writer.py every judged query's hits against an index whoosh highlights itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import compress, count
from typing import Any

from whoosh.analysis import STOP_WORDS, Token
from whoosh.highlight import DEFAULT_CHARLIMIT, Fragment, mkfrag
from whoosh.lang.porter import stem

from site_builder.search.cjk import has_cjk, pieces
from site_builder.search.fast_analysis import SHORTEST_WORD, WORD_PATTERN

# Distinct words remembered with their analysed text. The 50 bench queries on 10,000
# generated articles meet 10,500; a long-running preview server meets the archive's
# vocabulary. At about 150 bytes a word this bound holds the cache under 30 MB.
REMEMBERED_WORDS = 200_000


class _HighlightTexts(dict[str, str]):
    """Each word as written -> the text whoosh's StemmingAnalyzer chain gives its token
    when stop words are kept, as the highlighter asks: a stop word (or a one-letter
    word) stays lower case, any other word is stemmed."""

    def __missing__(self, word: str) -> str:
        lowered = word.lower()
        text = lowered
        if len(lowered) >= SHORTEST_WORD and lowered not in STOP_WORDS:
            text = stem(lowered)
        if len(self) >= REMEMBERED_WORDS:
            self.clear()
        self[word] = text
        return text


_TEXTS = _HighlightTexts()


def context_fragments(
    text: str, words: frozenset[str], *, maxchars: int, surround: int
) -> list[Fragment]:
    """The fragments ContextFragmenter(maxchars, surround) makes of text when the tokens
    whose analysed text is in words are matched, as Highlighter.highlight_hit makes them
    for a StemmingWords field."""
    if not words:
        return []
    if has_cjk(text):
        texts, starts, ends, matched = _cjk_tokens(text, words)
        token_text: Callable[[int], str] = texts.__getitem__
    else:
        # map() and compress() keep the per-word work in C; Python runs once per distinct
        # word (and only the first time it is seen) and once per token inside a fragment.
        found = list(WORD_PATTERN.finditer(text))
        written = list(map(re.Match.group, found))
        forms = list(set(written))
        matched_forms = set(
            compress(forms, map(words.__contains__, map(_TEXTS.__getitem__, forms)))
        )
        matched = list(compress(count(), map(matched_forms.__contains__, written)))
        starts = list(map(re.Match.start, found))
        ends = list(map(re.Match.end, found))

        def token_text(index: int) -> str:
            return _TEXTS[written[index]]

    if not matched:
        return []
    # whoosh stops at the first token that ends past the limit.
    usable = bisect_right(ends, DEFAULT_CHARLIMIT)
    walk = _Walk(text, token_text, starts, ends, maxchars=maxchars, surround=surround)
    return walk.fragments(matched, usable)


def _cjk_tokens(
    text: str, words: frozenset[str]
) -> tuple[list[str], list[int], list[int], list[int]]:
    """(texts, starts, ends, matched) of the tokens the highlighter walks in a text with
    CJK characters: a cut word's pieces as CjkBigrams gives them, and each run of
    matched tokens that overlap merged into one, as Highlighter._merge_matched_tokens
    merges them (slips included), so a word found by its pairs is marked whole."""
    tokens: list[tuple[str, int, int]] = []
    for found in WORD_PATTERN.finditer(text):
        word, start = found.group(), found.start()
        lowered = word.lower()
        # CjkBigrams cuts a word the stop filter keeps.
        if has_cjk(word) and len(lowered) >= SHORTEST_WORD and lowered not in STOP_WORDS:
            tokens.extend(
                (stem(piece), start + at, start + at + len(piece)) for at, piece in pieces(lowered)
            )
        else:
            tokens.append((_TEXTS[word], start, found.end()))
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    matched: list[int] = []
    merging = False  # whether the last token kept is a run of matched ones being merged
    for token_text, start, end in tokens:
        if token_text not in words:
            merging = False
        elif merging and start <= ends[-1]:
            if end > ends[-1]:
                texts[-1] += token_text[ends[-1] - end :]
                ends[-1] = end
            continue
        else:
            # whoosh keeps a matched token that does not overlap the run alone, and
            # starts a new run only with the matched token after it.
            merging = not merging
            matched.append(len(texts))
        texts.append(token_text)
        starts.append(start)
        ends.append(end)
    return texts, starts, ends, matched


class _Walk:
    """ContextFragmenter.fragment_tokens over the tokens of one text, step for step
    inside fragments and in one jump over each run of unmatched tokens."""

    def __init__(
        self,
        text: str,
        token_text: Callable[[int], str],
        starts: list[int],
        ends: list[int],
        *,
        maxchars: int,
        surround: int,
    ) -> None:
        self.text, self.token_text, self.starts, self.ends = text, token_text, starts, ends
        self.maxchars, self.surround = maxchars, surround

    def fragments(self, matched: list[int], usable: int) -> list[Fragment]:
        starts, ends, surround, maxchars = self.starts, self.ends, self.surround, self.maxchars
        is_matched = set(matched)
        found: list[Fragment] = []
        first: int | None = None
        countdown = -1
        tokens: list[Any] = []
        currentlen = 0
        run_start = 0  # where the current run outside any fragment began
        index = 0
        while index < usable:
            if countdown < 0 and index not in is_matched:
                # Outside a fragment whoosh only keeps the start offsets of the tokens
                # within `surround` characters: jump to the next matched token.
                following = bisect_left(matched, index)
                index = matched[following] if following < len(matched) else usable
                continue
            start, end = starts[index], ends[index]
            length = end - start
            if currentlen + length > maxchars:
                countdown = 0
            elif index in is_matched:
                countdown = surround
                if first is None:
                    first = self._context_start(run_start, index)
                    if first is None:
                        first = start
                        countdown += surround
                tokens.append(self._token(index))
            if countdown >= 0:
                currentlen += length
                countdown -= length
                if countdown <= 0:
                    found.append(mkfrag(self.text, tokens, startchar=first, endchar=end))
                    tokens, first, currentlen, run_start = [], None, 0, index + 1
            index += 1
        if tokens:
            # The end offset of the last token looked at, the one past the limit included.
            last = usable if usable < len(ends) else len(ends) - 1
            found.append(mkfrag(self.text, tokens, startchar=first, endchar=ends[last]))
        return found

    def _context_start(self, run_start: int, index: int) -> int | None:
        """The first start offset whoosh kept before the matched token at index: of the
        unmatched tokens since run_start, the first starting within `surround`
        characters of the end of the token before index."""
        if index <= run_start:
            return None
        earliest = bisect_left(self.starts, self.ends[index - 1] - self.surround, run_start, index)
        return self.starts[earliest] if earliest < index else None

    def _token(self, index: int) -> Any:
        return Token(
            text=self.token_text(index),
            startchar=self.starts[index],
            endchar=self.ends[index],
            boost=1.0,
        )
