"""The site's search page (search.js over the Pagefind bundles) in Debian chromium, on an
archive of articles written by hand: any file name, several languages and years."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from site_builder.build import pipeline
from site_builder.core.config import load_config
from tests.test_browser import TIMEOUT_MS, launch, require_chromium, serve

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


def test_articles_written_by_hand_get_bundles_by_their_year(archive: Path) -> None:
    manifest = json.loads((archive / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert manifest == {
        "bundles": [
            {"path": "2023", "languages": ["de", "en"]},
            {"path": "2020", "languages": ["en"]},
            {"path": "undated", "languages": ["en"]},
        ]
    }


@pytest.fixture(scope="module")
def search_page(archive: Path) -> Iterator[tuple[Page, str]]:
    chromium = require_chromium()
    with serve(archive) as base, launch(chromium) as browser:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page, base


@pytest.mark.parametrize(
    ("word", "title"),
    # The German note shares the newest year's bundle with an English one, and the page
    # is in English: its index is merged in, not dropped as a repeat of the first.
    [(fields[3], fields[0]) for fields in NOTES.values()],
)
def test_the_search_page_finds_every_article_written_by_hand(
    search_page: tuple[Page, str], word: str, title: str
) -> None:
    page, base = search_page
    page.goto(f"{base}search.html?q={word}")
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    assert [text.strip() for text in results.all_inner_texts()] == [title]
