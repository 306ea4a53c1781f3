"""The Tags index of a 10,000-article archive, in Chromium: short, filterable, accessible.

The tags' groups are made straight from records (a Zipf spread of 16,000 tags over
10,000 articles, about four tags an article), and only the two tag lists are rendered,
through render_archive's own write_tag_index: no articles need building to see them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from site_builder.core.config import SiteConfig
from site_builder.render import STOCK_TEMPLATES, make_environment
from site_builder.render.archive import write_tag_index
from site_builder.render.listings import Group, PageLink, facet_slugs, tag_index
from site_builder.render.page_writer import NO_PAGE_CACHE, PageWriter
from site_builder.render.site_assets import copy_static
from tests import a11y
from tests.test_browser import (
    BLOCKING_IMPACTS,
    DESKTOP,
    TIMEOUT_MS,
    launch,
    require_chromium,
    serve,
    unavailable,
)

pytestmark = pytest.mark.browser

ARTICLES = 10_000
TAGS = 16_000
# Uses of the n-th most used tag: ZIPF_TOP / n, at least one (about 40,000 in all).
ZIPF_TOP = 4_000
# "Under about 20 screens on a desktop."
MAX_SCREENS = 20
AXE_ENTRIES = 600


def _groups() -> list[Group]:
    link = PageLink(
        title="An article",
        href="articles/a.html",
        site=None,
        published=None,
        published_display=None,
        year=None,
        month=None,
        excerpt="",
        reading_minutes=1,
        thumbnail=None,
        tags=(),
        language=None,
    )
    names = [f"Subject {n:05d}" for n in range(1, TAGS + 1)]
    slugs = facet_slugs(names, reserved=("index", "all"))
    counts = [max(1, ZIPF_TOP // n) for n in range(1, TAGS + 1)]
    assert sum(counts) > ARTICLES * 3
    return [
        Group(name=name, slug=slugs[name], entries=(link,) * count)
        for name, count in zip(names, counts, strict=True)
    ]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("tags") / "site"
    config = SiteConfig(templates_dir=STOCK_TEMPLATES, output_dir=site.parent / "out")
    writer = PageWriter(make_environment(config), site, config, NO_PAGE_CACHE)
    write_tag_index(writer, tag_index(_groups()))
    copy_static([STOCK_TEMPLATES / "static"], site)
    return site


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch(require_chromium()) as opened:
        yield opened


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def _desktop_page(browser: Browser, scheme: str = "light") -> Page:
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_the_index_fits_in_twenty_screens_with_the_rest_a_click_away(
    browser: Browser, base_url: str
) -> None:
    page = _desktop_page(browser)
    page.goto(f"{base_url}tags/index.html")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_SCREENS * DESKTOP["height"]
    top = page.locator("#tags > li > a").all_inner_texts()
    assert top[:2] == ["Subject 00001", "Subject 00002"]  # most used first
    more = page.locator("a[href$='tags/all.html']")
    assert "more tags, A to Z" in more.inner_text()
    more.click()
    page.wait_for_url("**/tags/all.html")
    names = page.locator("#all-tags > li > a").all_inner_texts()
    assert len(names) + len(top) == TAGS
    assert names == sorted(names)
    page.context.close()


def test_the_filter_box_narrows_the_list_without_a_server(browser: Browser, base_url: str) -> None:
    page = _desktop_page(browser)
    page.goto(f"{base_url}tags/index.html")
    box = page.get_by_label("Filter tags")
    box.fill("subject 0004")
    shown = page.locator("#tags > li:not([hidden]) > a").all_inner_texts()
    assert shown == [f"Subject {n:05d}" for n in range(40, 50)]
    assert page.locator("#tags-shown").inner_text() == "10 of 500 shown"
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_tag_lists_pass_axe(browser: Browser, base_url: str, scheme: str) -> None:
    try:
        source = a11y.axe_source()
    except a11y.AxeUnavailable as err:
        unavailable(f"axe-core: {err}")
    page = _desktop_page(browser, scheme)
    problems = []
    for path in ("tags/index.html", "tags/all.html"):
        page.goto(f"{base_url}{path}")
        # The A to Z list's 15,500 entries are alike; axe checks the first AXE_ENTRIES
        # (a minute of its time spared), with the page around them as it is.
        page.evaluate(
            f"document.querySelectorAll('ul > li:nth-child(n+{AXE_ENTRIES})')"
            ".forEach(function (item) { item.remove(); })"
        )
        page.evaluate(source)
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        problems += [
            f"{path} ({scheme}): {v['impact']} {v['id']}: {v['help']}"
            for v in results["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
    page.context.close()
    assert problems == []
