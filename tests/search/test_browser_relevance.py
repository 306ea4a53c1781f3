"""The judged query sets for the browser search, in Debian chromium, answered by the
search page's own script (tests/search/browser_judged.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from site_builder.build import pipeline
from site_builder.core.config import load_config
from tests.conftest import REPO
from tests.search import multilingual
from tests.search.browser_judged import top_three
from tests.search.judged_queries import Case, sample_cases
from tests.search.multilingual import Judged
from tests.test_browser import PREFIX, launch, require_chromium, serve

pytestmark = pytest.mark.browser

# The multilingual archive's cases in the top 3: a ratchet, to be raised as search gets
# better, never lowered (issue 19's target is 97%). Pagefind, one index per (year,
# language) merged by raw score, had 212/300 and 69/100; one index over the archive,
# ranked as one (search/browser_index.py), has every case.
MULTILINGUAL_TUNED_FLOOR = 300 / 300
MULTILINGUAL_HELD_OUT_FLOOR = 100 / 100
ROOT = f"{PREFIX}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch(require_chromium()) as chromium:
        yield chromium


def _search_page(browser: Browser, site_dir: Path) -> Iterator[Page]:
    with serve(site_dir) as base:
        page = browser.new_page()
        page.goto(f"{base}search.html")
        yield page
        page.close()


@pytest.fixture(scope="module")
def search_page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    root = tmp_path_factory.mktemp("browser-relevance")
    shutil.copytree(REPO / "content" / "saved", root / "content" / "saved")
    (root / "site.toml").write_text('title = "Browser relevance"\n', encoding="utf-8")
    config = load_config(root / "site.toml")
    pipeline.build(config)
    yield from _search_page(browser, config.site_dir)


@pytest.fixture(scope="module")
def multilingual_page(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Page, list[tuple[Judged, Case]]]]:
    config, cases = multilingual.build(tmp_path_factory.mktemp("multilingual"))
    for page in _search_page(browser, config.site_dir):
        yield page, cases


@pytest.mark.parametrize("case", sample_cases(), ids=lambda c: c.query)
def test_sample_case_is_in_the_top_three(search_page: Page, case: Case) -> None:
    assert case.expect in top_three(search_page, ROOT, [case])[0]


def test_a_wrong_expectation_misses(search_page: Page) -> None:
    found = top_three(search_page, ROOT, [Case("Tsikhanouskaya", "x", "Tsikhanouskaya", {})])[0]
    assert found
    assert "2021-05-14-harbour-bridge-repairs-to-close-quay-street-for-six-weeks" not in found


def test_multilingual_cases_hold_their_rate(
    multilingual_page: tuple[Page, list[tuple[Judged, Case]]],
) -> None:
    page, cases = multilingual_page
    found = top_three(page, ROOT, [case for _, case in cases])
    results = [
        (judged, case.expect in top) for (judged, case), top in zip(cases, found, strict=True)
    ]
    report = multilingual.breakdown(results)
    assert multilingual.top3_rate(results, held_out=False) >= MULTILINGUAL_TUNED_FLOOR, report
    assert multilingual.top3_rate(results, held_out=True) >= MULTILINGUAL_HELD_OUT_FLOOR, report
