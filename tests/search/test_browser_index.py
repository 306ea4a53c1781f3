"""The browser search's index: what browser_terms makes of an article, the files
browser_index writes, and search.js reading them as Python wrote them."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from site_builder.core.records import IndexDocument
from site_builder.search import browser_index
from site_builder.search.browser_index import shard_of
from site_builder.search.browser_terms import DocumentTerms, TermAnalyzer, fold, words_of
from site_builder.search.cjk import pieces
from tests.search.browser_files import postings_of as _postings
from tests.search.browser_files import read_shard as _read_shard
from tests.test_browser import launch, require_chromium, serve

FRENCH = IndexDocument(
    path="articles/2023-06-07-navettes.html",
    title="Des navettes électriques",
    body="Les navettes électriques traverseront le lac. 北京大学 a dit oui.",
    language="fr",
    published="2023-06-07",
    site_name="Le Courrier",
    tags=("Lac Léman",),
)
ENGLISH = IndexDocument(
    path="articles/undated-protests.html",
    title="Protests in Minsk",
    body="Protesters were protesting in the square, and the protests went on.",
    language="en-GB",
)


def _terms(*documents: IndexDocument) -> list[DocumentTerms]:
    analyzer = TermAnalyzer()
    return [analyzer.document_terms(document) for document in documents]


def test_an_article_is_stemmed_in_its_own_language_and_weighed_by_field() -> None:
    french, english = _terms(FRENCH, ENGLISH)
    # Snowball's French stemmer; the vocabulary keys the words without accents.
    assert french.words["navettes"] == ["navet"]
    assert french.words["electriques"] == ["électr"]
    # A title word counts twice, a site word half.
    assert french.weights["navet"] == 2.0 + 1.0
    assert french.weights["courri"] == 0.5
    # Chinese: the pairs of characters are terms, looked up by search.js without the
    # vocabulary.
    assert {"北京", "京大", "大学"} <= french.weights.keys()
    assert "北京大学" not in french.words
    assert french.filters == (
        "site:le",
        "site:courrier",
        "tag:lac leman",
        "year:2023",
        "lang:fr",
    )
    # English: Porter, as the command line; stop words and one-letter words are out.
    assert english.words["protesting"] == ["protest"]
    assert english.words["protests"] == ["protest"]
    assert "the" not in english.words and "and" not in english.words
    assert english.filters == ("lang:en",)


def _write(site: Path, documents: dict[int, DocumentTerms], cap: int = 20_000) -> None:
    """The index of documents by number, as build/browser_search.py hands it over."""
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, document in sorted(documents.items()):
        for term, weight in document.impacts().items():
            postings.setdefault(term, []).append((number, weight))
    shards = browser_index.shard_count(10**6)  # several shards, to check shard_of
    by_shard: dict[int, bytes] = {}
    for term, entries in sorted(postings.items()):
        encoded = browser_index.encode_term(
            term,
            array("I", (n for n, _ in entries)),
            array("B", (w for _, w in entries)),
            cap,
        )
        shard = shard_of(term, shards)
        by_shard[shard] = by_shard.get(shard, b"") + encoded
    days = [0] * (max(documents) + 1)
    for number, document in documents.items():
        days[number] = browser_index.publication_day(document.published)
    browser_index.write_generation(
        site,
        documents=len(documents),
        posting_shards=shards,
        postings=sorted(by_shard.items()),
        word_shards=1,
        vocabulary=[
            (
                0,
                browser_index.encode_vocabulary(
                    {w: t for d in documents.values() for w, t in d.words.items()}
                ),
            )
        ],
        days=days,
    )


def test_the_index_holds_each_term_with_its_articles_and_weights(tmp_path: Path) -> None:
    french, english = _terms(FRENCH, ENGLISH)
    _write(tmp_path, {0: french, 7: english})
    postings = _postings(tmp_path)
    assert postings["protest"] == (1, [7], [english.impacts()["protest"]])
    assert postings["lang:fr"] == (1, [0], [1])
    manifest = json.loads((tmp_path / "search" / "index.json").read_text(encoding="utf-8"))
    generation = tmp_path / "search" / manifest["generation"]
    vocabulary = json.loads((generation / "w" / "0.json").read_text(encoding="utf-8"))
    # 0: the word is its own term; one other term is spelled out.
    assert vocabulary["lac"] == 0
    assert vocabulary["protesting"] == "protest"
    # Publication days, for "newest first": 0 is undated; the numbers between are empty.
    days = (generation / "t" / "0.bin").read_bytes()
    assert len(days) == 2 * 8
    assert int.from_bytes(days[0:2], "little") == browser_index.publication_day("2023-06-07")
    assert int.from_bytes(days[14:16], "little") == 0


def test_a_result_card_holds_what_a_result_shows() -> None:
    (english,) = _terms(ENGLISH)
    assert json.loads(browser_index.card(english)) == {
        "p": "articles/undated-protests.html",
        "t": "Protests in Minsk",
        "s": "",
        "d": "",
        "x": ENGLISH.body,
    }


def test_a_longer_article_weighs_a_word_less_and_more_uses_weigh_more() -> None:
    analyzer = TermAnalyzer()

    def weight(body: str) -> int:
        document = IndexDocument(path="articles/a.html", title="Note", body=body)
        return analyzer.document_terms(document).impacts()["harbour"]

    filler = " lantern" * 600
    assert weight("harbour" + filler) < weight("harbour")
    assert weight("harbour harbour" + filler) > weight("harbour" + filler)
    assert weight("harbour" + filler * 20) >= 1 and weight("harbour " * 500) <= 255


def test_a_common_term_keeps_its_best_weighted_articles_and_its_true_count() -> None:
    numbers = array("I", range(6))
    impacts = array("B", [10, 50, 20, 90, 30, 40])
    encoded = browser_index.encode_term("harbour", numbers, impacts, cap=2)
    assert _read_shard(encoded) == {"harbour": (6, [1, 3], [50, 90])}


def test_a_new_generation_replaces_the_old_one(tmp_path: Path) -> None:
    french, english = _terms(FRENCH, ENGLISH)
    _write(tmp_path, {0: french})
    _write(tmp_path, {0: english})
    folders = [p.name for p in (tmp_path / "search").iterdir() if p.is_dir()]
    manifest = json.loads((tmp_path / "search" / "index.json").read_text(encoding="utf-8"))
    assert folders == [manifest["generation"]]


# Words search.js must split, fold and shard exactly as Python does: accents, capitals,
# Cyrillic, Greek, Korean, Chinese and Japanese, digits, an astral character.
AGREEMENT_TEXT = (
    "Électriques CAFÉ naïve Straße Трамваях Ἀθῆναι 서울에서 北京大学の2020年 "
    "ｶﾀｶﾅ snake_case 3.14 𝔘nicode İstanbul"
)


@pytest.fixture(scope="module")
def search_script_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    site = tmp_path_factory.mktemp("script")
    (site / "static").mkdir()
    script = Path(__file__).resolve().parents[2] / "templates" / "static" / "search.js"
    (site / "static" / "search.js").write_bytes(script.read_bytes())
    (site / "index.html").write_text(
        '<!doctype html><script src="static/search.js"></script>', encoding="utf-8"
    )
    with launch(require_chromium()) as browser, serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}index.html")
        yield page
        page.close()


@pytest.mark.browser
def test_search_js_splits_folds_and_shards_as_python(search_script_page: Page) -> None:
    words = words_of(AGREEMENT_TEXT)
    in_browser = search_script_page.evaluate(
        """(text) => {
          const api = window.archiveSearch;
          const words = api.wordsOf(text);
          return {
            words: words,
            folded: words.map(api.fold),
            pieces: words.map((w) => api.pieces(w)),
            shards: words.map((w) => api.shardOf(api.fold(w), 1024)),
          };
        }""",
        AGREEMENT_TEXT,
    )
    assert in_browser["words"] == words
    assert in_browser["folded"] == [fold(word) for word in words]
    assert in_browser["pieces"] == [[text for _, text in pieces(word.lower())] for word in words]
    assert in_browser["shards"] == [shard_of(fold(word), 1024) for word in words]
