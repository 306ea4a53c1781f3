"""The site's search page (search.js over the archive's static index) in Debian chromium,
on an archive of articles written by hand: any file name, several languages and years."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from site_builder.build import pipeline
from site_builder.core.config import load_config
from site_builder.search import browser_index
from tests.test_browser import RESULT_LINKS, TIMEOUT_MS, launch, require_chromium, serve

pytestmark = pytest.mark.browser

# file name -> (title, language, published, a word found in that article alone)
NOTES = {
    "harbour-log.md": ("Harbour log", "en", "2023-05-01", "zephyrquill"),
    "notiz-zur-muehle.md": ("Notiz zur Mühle", "de", "2023-06-01", "kornblumenfeld"),
    "old-tide-tables.md": ("Old tide tables", "en", "2020-02-02", "brackwater"),
    "reading-list.md": ("Reading list", None, None, "quillmossen"),
}


def _note(title: str, language: str | None, published: str | None, word: str) -> str:
    front = [f"title: {title}"]
    if language:
        front.append(f"language: {language}")
    if published:
        front.append(f"published: '{published}'")
    body = (
        f"A note kept by hand about {word}, written in the archive itself, with enough "
        "words around it for the search to give an excerpt of the passage."
    )
    return "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hand-written")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "saved").mkdir()
    for name, fields in NOTES.items():
        (articles / name).write_text(_note(*fields), encoding="utf-8")
    (root / "site.toml").write_text('title = "Notes"\nlanguage = "en"\n', encoding="utf-8")
    report = pipeline.build(load_config(root / "site.toml"))
    assert report.failed == ()
    return root / "output" / "site"


def test_articles_written_by_hand_are_in_one_index_of_every_year_and_language(
    archive: Path,
) -> None:
    manifest = json.loads((archive / "search" / "index.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == len(NOTES)
    cards = browser_index.cards_folder(archive).glob("*.json")
    shown = sorted(
        (document["t"], document["d"])
        for document in (json.loads(path.read_text(encoding="utf-8")) for path in cards)
    )
    assert shown == sorted((title, published or "") for title, _, published, _ in NOTES.values())
    assert not (archive / "pagefind").exists()


@pytest.fixture(scope="module")
def search_page(archive: Path) -> Iterator[tuple[Page, str]]:
    chromium = require_chromium()
    with serve(archive) as base, launch(chromium) as browser:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page, base


@pytest.mark.parametrize(
    ("word", "title"),
    # The German note is found from the English page: one index holds every language.
    [(fields[3], fields[0]) for fields in NOTES.values()],
)
def test_the_search_page_finds_every_article_written_by_hand(
    search_page: tuple[Page, str], word: str, title: str
) -> None:
    page, base = search_page
    page.goto(f"{base}search.html?q={word}")
    expect(page.locator(RESULT_LINKS)).to_have_text([title])
    expect(page.locator("#search-status")).to_have_text("1 article.")
    # The word is marked where it stands in the excerpt.
    expect(page.locator("#search-results .excerpt mark")).to_have_text([word])


def test_a_result_shows_its_date_and_links_to_its_article(search_page: tuple[Page, str]) -> None:
    page, base = search_page
    page.goto(f"{base}search.html?q=zephyrquill")
    link = page.locator(RESULT_LINKS)
    expect(link).to_have_text(["Harbour log"])
    expect(page.locator("#search-results .meta")).to_have_text(["2023-05-01"])
    assert link.get_attribute("href") == f"{urlsplit(base).path}articles/harbour-log.html"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("note year:2023", ["Harbour log", "Notiz zur Mühle"]),
        ("note published:2020", ["Old tide tables"]),
        ("note lang:de", ["Notiz zur Mühle"]),
        ("note -zephyrquill -brackwater", ["Notiz zur Mühle", "Reading list"]),
        ("zephyr*", ["Harbour log"]),
        ("muhle", ["Notiz zur Mühle"]),  # a reader may leave the accents out
    ],
)
def test_the_query_syntax_picks_the_articles(
    search_page: tuple[Page, str], query: str, titles: list[str]
) -> None:
    page, base = search_page
    page.goto(f"{base}search.html")
    page.locator("#search-input").fill(query)
    page.locator("#search-input").press("Enter")
    page.locator(RESULT_LINKS).first.wait_for()
    assert sorted(page.locator(RESULT_LINKS).all_inner_texts()) == titles


def test_the_article_with_every_word_comes_first(search_page: tuple[Page, str]) -> None:
    # A phrase is searched as its words: articles with some of them follow.
    page, base = search_page
    page.goto(f"{base}search.html?q=%22kept+by+hand+about+brackwater%22")
    expect(page.locator(RESULT_LINKS).first).to_have_text("Old tide tables")
    expect(page.locator("#search-status")).to_have_text("4 articles, 1 with every word.")


def test_newest_first_puts_the_undated_article_last(search_page: tuple[Page, str]) -> None:
    page, base = search_page
    page.goto(f"{base}search.html")
    page.locator(".search-sort input[value='date']").check()
    page.locator("#search-input").fill("note")
    page.locator("#search-input").press("Enter")
    expect(page.locator(RESULT_LINKS)).to_have_text(
        ["Notiz zur Mühle", "Harbour log", "Old tide tables", "Reading list"]
    )
    expect(page.locator("#search-status")).to_have_text("4 articles.")


def test_a_query_that_matches_nothing_says_so(search_page: tuple[Page, str]) -> None:
    page, base = search_page
    page.goto(f"{base}search.html?q=nowhereword")
    expect(page.locator("#search-status")).to_have_text("No articles match.")
    expect(page.locator(RESULT_LINKS)).to_have_count(0)
    expect(page.locator("#search-more")).to_be_hidden()


def test_a_query_asked_again_while_its_results_load_shows_them_once(
    search_page: tuple[Page, str],
) -> None:
    page, base = search_page
    page.goto(f"{base}search.html")

    def slowly(route: Route) -> None:
        page.wait_for_timeout(400)  # the result cards arrive after the query is asked again
        route.continue_()

    page.route("**/search/docs/*", slowly)
    try:
        page.locator("#search-input").fill("zephyrquill")
        page.locator("#search-input").press("Enter")
        page.wait_for_timeout(150)
        page.locator("#search-input").press("Enter")
        page.locator(RESULT_LINKS).first.wait_for()
        page.wait_for_timeout(800)
        assert page.locator(RESULT_LINKS).all_inner_texts() == ["Harbour log"]
    finally:
        page.unroute("**/search/docs/*")
