"""The site's search in Chromium when a part of its index fails to arrive."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .test_browser import (
    RESULT_LINKS,
    _result_titles,
    _SubPathHandler,
    build_site,
    launch,
    require_chromium,
    serve,
)

pytestmark = pytest.mark.browser

DID_NOT_ARRIVE = "Part of the search index did not arrive. Search again in a moment."


class _BusyPostings(_SubPathHandler):
    """Answers 503 (a server's passing error) to the first `failures` requests for each
    of the index's posting shards; every other file as it is."""

    failures = 1
    asked: dict[str, int]

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if "/search/" in path and "/p/" in path:
            self.asked[path] = self.asked.get(path, 0) + 1
            if self.asked[path] <= self.failures:
                self.send_error(503, "busy")
                return
        super().do_GET()


def _busy(failures: int) -> type[_BusyPostings]:
    """A handler class of its own for one test, so its count starts empty."""

    class Busy(_BusyPostings):
        pass

    Busy.failures = failures
    Busy.asked = {}
    return Busy


@pytest.mark.parametrize("failures", [1, 2])
def test_a_part_of_the_index_that_failed_is_asked_for_again(tmp_path: Path, failures: int) -> None:
    # Once: the search asks again after a moment and shows its results. Twice: this
    # search says the index did not arrive (not that it is damaged: the server said it
    # was busy), and the next one asks again rather than failing for good.
    chromium = require_chromium()
    handler = _busy(failures)
    site = build_site(
        tmp_path,
        "Harbour",
        [
            ("2021-03-04-wall", "Harbour wall", "The harbour wall was rebuilt."),
            ("2021-03-05-boats", "Harbour boats", "The harbour reopened to boats."),
        ],
    )
    with serve(site, handler_class=handler) as url, launch(chromium) as browser:
        page = browser.new_page()
        page.goto(f"{url}search.html")
        page.locator("#search-input").fill("harbour")
        page.locator("#search-input").press("Enter")
        if failures > 1:
            expect(page.locator("#search-status")).to_have_text(DID_NOT_ARRIVE)
            expect(page.locator(RESULT_LINKS)).to_have_count(0)
            page.locator("#search-input").press("Enter")
        expect(page.locator(RESULT_LINKS)).to_have_count(2)
        assert sorted(_result_titles(page.locator(RESULT_LINKS))) == [
            "Harbour boats",
            "Harbour wall",
        ]
        assert set(handler.asked.values()) == {failures + 1}
