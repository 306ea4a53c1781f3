"""fast_snippets cuts a text into the very passages whoosh's highlighter cuts it into."""

from __future__ import annotations

import random
from typing import Any

import pytest
from whoosh import highlight

from site_builder.search.fast_analysis import StemmingWords
from site_builder.search.fast_snippets import context_fragments
from tests.search.test_fast_analysis import TRICKY_TEXTS

ANALYZER = StemmingWords()
# The snippet's own sizes, a short passage with no context, and context wider than it.
SIZES = [(200, 60), (200, 20), (50, 10), (30, 40), (100, 0)]
WORDS = ["protests", "protesting", "Lukashenko", "Paris", "re-election", "3.5", "e.g", "x"]
WORDS += ["the", "a", "I", "of", "stop", "İstanbul", "Ünïcode", "foo_bar", "**", "glaciers"]
WORDS += ["abcdefghijklmnopqrstuvwxyz" * 3]  # longer than some passages
WORDS += ["北京大学", "東京は日本の首都です", "2020年8月", "猫", "大学生", "北京"]
SEPARATORS = [" ", "  ", ", ", ". ", "\n\n", "-", "... ", "? "]
# Analysed texts: stems, stop words (the highlighter keeps them), a one-letter word.
MATCHES = ["protest", "lukashenko", "pari", "the", "a", "x", "stop", "re", "election", "3.5"]
MATCHES += ["glacier", "ünïcode", "abcdefghijklmnopqrstuvwxyz" * 3]
MATCHES += ["北京", "京大", "大学", "日本", "年", "学生", "首都"]


def whoosh_fragments(text: str, words: frozenset[str], maxchars: int, surround: int) -> list[Any]:
    """What Highlighter.highlight_hit hands to top_fragments when it retokenizes."""
    tokens = ANALYZER(text, positions=True, chars=True, mode="index", removestops=False)
    tokens = highlight.set_matched_filter(tokens, words)
    tokens = highlight.Highlighter._merge_matched_tokens(tokens)
    fragmenter = highlight.ContextFragmenter(maxchars=maxchars, surround=surround)
    return list(fragmenter.fragment_tokens(text, tokens))


def described(fragments: list[Any]) -> list[Any]:
    """Everything whoosh's scorer and formatter read from a fragment."""
    return [
        (
            f.startchar,
            f.endchar,
            f.matched_terms,
            [(t.text, t.startchar, t.endchar, t.boost) for t in f.matches],
        )
        for f in fragments
    ]


def assert_same(text: str, words: frozenset[str], maxchars: int, surround: int) -> None:
    ours = context_fragments(text, words, maxchars=maxchars, surround=surround)
    assert described(ours) == described(whoosh_fragments(text, words, maxchars, surround)), (
        text[:200],
        words,
        maxchars,
        surround,
    )


@pytest.mark.parametrize(("maxchars", "surround"), SIZES)
def test_tricky_texts(maxchars: int, surround: int) -> None:
    words = frozenset(
        ["run", "lukashenko", "protest", "appl", "the", "café", "日本", "の首", "京大", "年"]
    )
    for text in TRICKY_TEXTS:
        assert_same(text, words, maxchars, surround)


@pytest.mark.parametrize("seed", range(4))
def test_random_texts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(1500):
        text = "".join(
            rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, 200))
        )
        if rng.random() < 0.03:
            text *= 100  # past the 32 KB whoosh stops highlighting at
        words = frozenset(rng.sample(MATCHES, rng.randint(0, 4)))
        assert_same(text, words, *rng.choice(SIZES))


def test_the_comparison_sees_passages_and_their_matches() -> None:
    # A test that could not fail would prove nothing: check what it compares.
    text = "Protests grew. " + "Quiet words here. " * 20 + "The protesters and Lukashenko."
    fragments = context_fragments(
        text, frozenset(["protest", "lukashenko"]), maxchars=200, surround=20
    )
    assert [text[f.startchar : f.endchar] for f in fragments] == [
        "Protests grew. Quiet words here. Quiet words here",
        # whoosh's quirk, kept: a passage that ends with its countdown at exactly 0
        # gives an empty one from the start of the text, which scores nothing.
        "Protests grew. Quiet words here. Quiet words here. Quiet",
        "words here. The protesters and Lukashenko",
    ]
    assert [[t.text for t in f.matches] for f in fragments] == [
        ["protest"],
        [],
        ["protest", "lukashenko"],
    ]
    assert context_fragments(text, frozenset(["absent"]), maxchars=200, surround=20) == []
