"""Words in Chinese and Japanese, written without spaces, are found (issue 19)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh import fields
from whoosh.analysis import StemmingAnalyzer

from site_builder.core.records import IndexDocument
from site_builder.search.cjk import has_cjk
from site_builder.search.fast_analysis import StemmingWords
from site_builder.search.whoosh_index import Indexing, SyncReport, search
from tests.search.documents import ARCHIVE, index_documents, paths

LIBRARY = IndexDocument(
    path="articles/2021-04-02-library.html",
    title="城市新闻",
    body=(
        "昨天下午，市政府宣布将在河边建设一座新的公共图书馆，预计明年秋天开放。"
        "市民们对这个消息表示欢迎。"
    ),
    language="zh",
)
# Shares many characters with LIBRARY, and has 图书 and 书馆, but not 图书馆 in a row.
BOOKSHOP = IndexDocument(
    path="articles/2021-05-09-bookshop.html",
    title="旧书店",
    body="这家书店卖很多图书，馆长说市民们下午常来。书馆两个字写在门口。",
    language="zh",
)
TEMPLE = IndexDocument(
    path="articles/2022-01-03-temple.html",
    title="京都の旅",
    body="私たちは昨日、京都の古い寺院を訪れて、美しい庭園をゆっくり見学しました。",
    language="ja",
)
# English and Chinese in one text: the English words must be the terms they always were.
MIXED = (
    "The Shanghai museum 上海博物馆展出了新的青铜器 reopened on Monday, "
    "and visitors 游客们 were running to see the bronzes."
)
DOCUMENTS = [*ARCHIVE, LIBRARY, BOOKSHOP, TEMPLE]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cjk") / "whoosh"
    index_documents(folder, DOCUMENTS)
    return folder


@pytest.mark.parametrize(
    ("query", "expect"),
    [("图书馆", LIBRARY), ("公共图书馆", LIBRARY), ("庭園", TEMPLE), ("寺院を訪れて", TEMPLE)],
)
def test_a_word_from_the_middle_of_a_sentence_finds_its_article_first(
    index_dir: Path, query: str, expect: IndexDocument
) -> None:
    assert paths(index_dir, query)[0] == expect.path


def test_a_word_is_found_as_its_characters_in_a_row(index_dir: Path) -> None:
    # BOOKSHOP has the pairs of 图书馆 apart, not the word.
    assert paths(index_dir, "图书馆") == [LIBRARY.path]


@pytest.mark.parametrize(("query", "marked"), [("图书馆", "图书馆"), ("庭園", "庭園")])
def test_the_snippet_marks_the_word(index_dir: Path, query: str, marked: str) -> None:
    [hit] = search(index_dir, query)
    assert f"[[{marked}]]" in hit.snippet


def test_english_words_beside_chinese_are_the_terms_they_were() -> None:
    ours = StemmingWords().term_positions(MIXED)
    plain = [token.text for token in StemmingAnalyzer(cachesize=-1)(MIXED)]
    assert [term for term in ours if not has_cjk(term)] == [
        term for term in dict.fromkeys(plain) if not has_cjk(term)
    ]
    assert {"shanghai", "museum", "visitor", "bronz", "上海", "博物", "物馆"} <= set(ours)


def _old_text_field(analyzer: Any, *, stored: bool, field_boost: float = 1.0) -> Any:
    return fields.TEXT(analyzer=analyzer, stored=stored, field_boost=field_boost)


def _old_writer(ix: Any, *, limitmb: int) -> Any:
    return ix.writer(limitmb=limitmb)


def test_an_index_made_without_cjk_pairs_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "whoosh"
    # The analysis before issue 19: StemmingAnalyzer without CjkBigrams.
    before = Indexing(
        analyzer=lambda: StemmingAnalyzer(cachesize=-1),
        text_field=_old_text_field,
        writer=_old_writer,
    )
    index_documents(folder, DOCUMENTS, indexing=before)
    assert paths(folder, "图书馆") == []
    report = index_documents(folder, DOCUMENTS)
    assert report == SyncReport(
        added=len(DOCUMENTS),
        rebuilt_because="the index was made by another version of site_builder",
    )
    assert paths(folder, "图书馆") == [LIBRARY.path]
    assert index_documents(folder, DOCUMENTS) == SyncReport()
