"""fast_analysis gives exactly what whoosh's StemmingAnalyzer with CjkBigrams before its
stemmer gives: the terms and positions indexed, and the tokens every other caller asks
for; and, for a text without CJK characters, what StemmingAnalyzer itself gives."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from whoosh import fields
from whoosh.analysis import (
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)

from site_builder.search.cjk import CjkBigrams, has_cjk
from site_builder.search.fast_analysis import StemmingWords, stemmed_text_field

TRICKY_TEXTS = [
    "",
    "   \n\t ",
    "Don't stop believing: O'Neil's dog’s bone, rock ’n’ roll",
    "3.141 1,000,000 v2.0 COVID-19 2020-08-16 17:45 4x4 10th 1990s $5.99 50%",
    "Café naïve façade résumé Ünïcödé Ångström cafe\u0301 Straße STRASSE",
    "İstanbul ǅungla ΣΊΣΥΦΟΣ Ωμέγα Ёлка ЕЛКА",
    "The and a of to be is it I x y z A B: not for with on at by, an or",
    "https://example.org/path/to-page?q=1&x=y#frag www.example.com e.g. i.e. U.S.A. a.b.c",
    "user@example.com under_score wild*card **bold** C++ C# .NET node.js",
    "東京は日本の首都です。中文分词测试 한국어 텍스트 ﾊﾝｶｸ",
    "The 2020年8月 report: 北京大学 and a 猫, İ東京 x a猫 AB北京 of 々 the dogs running",
    "Running runs ran runner RUNNING Running. running, connection connected CONNECTS",
    "Apple apple APPLE aPPLE apples Apples' apple's",
    "emoji 🙂 between 👍🏽 words \u200b zero\u200bwidth soft\u00adhyphen",
    "supercalifragilisticexpialidocious " * 3 + "x" * 300,
    "the the the start, then words after many stops: of of of end",
    "Lukashenko's re-election; Lukashenko protests — protested “quoted” «guillemets»",
]

# How whoosh calls an analyzer: indexing (through the format), the query parser,
# range queries (tokenize=False), the highlighter (chars, stop words kept), spelling.
CALLS: list[dict[str, Any]] = [
    {"positions": True, "boosts": True, "mode": "index"},
    {"mode": "query"},
    {"mode": "query", "tokenize": False, "removestops": False},
    {"chars": True, "mode": "query", "removestops": False},
    {"positions": True, "chars": True, "mode": "index", "removestops": False},
    {"positions": True, "chars": True, "start_pos": 5, "start_char": 7},
    {"no_morph": True},
]
TOKEN_ATTRIBUTES = ("text", "pos", "startchar", "endchar", "stopped", "boost")


def whoosh_chain() -> Any:
    """whoosh_chain() built from whoosh's own steps, CjkBigrams added
    before its stemmer: what StemmingWords must give, the plain way."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter()
        | CjkBigrams()
        | StemFilter(cachesize=-1)
    )


def _tokens(analyzer: Any, text: str, call: dict[str, Any]) -> list[tuple[object, ...]]:
    return [
        tuple(getattr(token, name, None) for name in TOKEN_ATTRIBUTES)
        for token in analyzer(text, **call)
    ]


def test_indexed_postings_are_those_of_stemming_analyzer() -> None:
    # One field for all texts, as in a build, so its caches carry from text to text.
    ours = stemmed_text_field(StemmingWords(), stored=True, field_boost=2.0)
    theirs = fields.TEXT(analyzer=whoosh_chain(), stored=True, field_boost=2.0)
    for _ in range(2):  # the second time every word comes from the caches
        for text in TRICKY_TEXTS:
            assert list(ours.index(text)) == list(theirs.index(text)), text


def test_the_comparison_sees_terms_positions_and_stop_words() -> None:
    # A test that could not fail would prove nothing: check what it compares.
    ours = stemmed_text_field(StemmingWords(), stored=True)
    postings = {term: encoded for term, _, _, encoded in ours.index("The runner runs and runs")}
    assert set(postings) == {b"runner", b"run"}
    theirs = fields.TEXT(analyzer=whoosh_chain())
    same_places = {term: encoded for term, _, _, encoded in theirs.index("x runner runs x runs")}
    other_places = {term: encoded for term, _, _, encoded in theirs.index("runner runs x runs")}
    assert postings[b"run"] == same_places[b"run"] != other_places[b"run"]


@pytest.mark.parametrize("call", CALLS, ids=lambda call: ",".join(sorted(call)))
def test_tokens_are_those_of_stemming_analyzer(call: dict[str, Any]) -> None:
    ours, theirs = StemmingWords(), whoosh_chain()
    for text in TRICKY_TEXTS:
        assert _tokens(ours, text, call) == _tokens(theirs, text, call), text


@pytest.mark.parametrize("call", CALLS, ids=lambda call: ",".join(sorted(call)))
def test_text_without_cjk_gets_the_tokens_of_stemming_analyzer_itself(
    call: dict[str, Any],
) -> None:
    plain = [text for text in TRICKY_TEXTS if not has_cjk(text)]
    assert len(plain) == len(TRICKY_TEXTS) - 2
    for text in plain:
        assert _tokens(StemmingWords(), text, call) == _tokens(
            StemmingAnalyzer(cachesize=-1), text, call
        ), text


def test_a_chinese_run_becomes_its_character_pairs() -> None:
    assert StemmingWords().term_positions("The 北京大学 students, 2020年 runs 猫") == {
        "北京": [1],
        "京大": [2],
        "大学": [3],
        "student": [4],
        "2020": [5],
        "年": [6],
        "run": [7],
    }
    query = [token.text for token in StemmingWords()("北京大学的猫", mode="query")]
    assert query == ["北京", "京大", "大学", "学的", "的猫"]


def test_term_positions_renumber_after_stop_words_as_whoosh_does() -> None:
    assert StemmingWords().term_positions("The cats and the dogs, a cat") == {
        "cat": [1, 3],
        "dog": [2],
    }


def test_a_word_list_is_indexed_the_whoosh_way() -> None:
    ours = stemmed_text_field(StemmingWords(), stored=False)
    theirs = fields.TEXT(analyzer=whoosh_chain())
    words = ["Running", "the", "dogs"]
    assert list(ours.index(words)) == list(theirs.index(words))


def test_the_pickled_schema_leaves_the_caches_out() -> None:
    words = StemmingWords()
    field = stemmed_text_field(words, stored=True)
    empty = len(pickle.dumps(field))
    list(field.index(" ".join(f"word{number}" for number in range(2000))))
    assert len(pickle.dumps(field)) == empty
    restored = pickle.loads(pickle.dumps(field))  # noqa: S301 - a pickle this test just made
    assert list(restored.index("Running dogs")) == list(field.index("Running dogs"))
    assert _tokens(restored.analyzer, "Running dogs", CALLS[3]) == _tokens(
        words, "Running dogs", CALLS[3]
    )
