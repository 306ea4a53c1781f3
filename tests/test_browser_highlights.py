"""The site's search in Chromium: has:highlights keeps the articles the reader marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_browser import (
    RESULT_LINKS,
    _result_titles,
    build_site,
    launch,
    require_chromium,
    serve,
    wait_for_results,
)

pytestmark = pytest.mark.browser


def test_has_highlights_keeps_only_the_marked_articles(tmp_path: Path) -> None:
    chromium = require_chromium()
    site = build_site(
        tmp_path,
        "Marks",
        [
            ("2021-03-04-marked", "Marked harbour", "The ==harbour wall== was rebuilt."),
            ("2021-03-05-plain", "Plain harbour", "The harbour reopened to boats."),
            ("2021-03-06-noted", "Noted bridge", "The bridge ==closed==^[for six weeks]."),
        ],
    )

    with serve(site) as url, launch(chromium) as browser:
        page = browser.new_page()

        def titles(query: str) -> list[str]:
            page.goto(f"{url}search.html")
            page.locator("#search-input").fill(query)
            page.locator("#search-input").press("Enter")
            return sorted(_result_titles(wait_for_results(page)))

        assert titles("harbour") == ["Marked harbour", "Plain harbour"]
        assert titles("harbour has:highlights") == ["Marked harbour"]
        assert titles("has:highlights") == ["Marked harbour", "Noted bridge"]

        # The check box does the same for a reader who would not type it, and the
        # page's address keeps it.
        page.goto(f"{url}search.html")
        page.locator("#search-marked").check()
        expect(page.locator(RESULT_LINKS)).to_have_count(2)
        assert sorted(_result_titles(page.locator(RESULT_LINKS))) == [
            "Marked harbour",
            "Noted bridge",
        ]
        page.locator("#search-input").fill("harbour")
        expect(page.locator(RESULT_LINKS)).to_have_count(1)
        assert _result_titles(page.locator(RESULT_LINKS)) == ["Marked harbour"]
        assert "marked=1" in page.url
