"""Highlighted code in chromium: coloured by the site's CSS, large enough, and passing axe
in both themes. Writes output/screenshots/code-{light,dark}.png for people to look at
(docs/screenshots/code-light.png in the README is a copy of the light one)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from site_builder.build import pipeline
from site_builder.core import config
from tests.test_browser import (
    SAMPLE_SAVED,
    SCREENSHOTS,
    blocking_axe_violations,
    launch,
    require_chromium,
    serve,
    themed_page,
)

pytestmark = pytest.mark.browser

CODE_PAGE = "Watching files in Python_ debouncing without losing events _ TinkerLab.html"
CODE_ARTICLE = "articles/2023-09-18-watching-files-in-python-debouncing-without-losing-events.html"
# The issue: code at least 0.9 times the size of the body text.
MIN_CODE_SCALE = 0.9


@pytest.fixture(scope="module")
def code_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample's article with Python code, built and served; yields its address."""
    root = tmp_path_factory.mktemp("code-archive")
    (root / "content" / "saved").mkdir(parents=True)
    shutil.copyfile(SAMPLE_SAVED / CODE_PAGE, root / "content" / "saved" / CODE_PAGE)
    (root / "site.toml").write_text('title = "Code Archive"\n', encoding="utf-8")
    pipeline.build(config.load_config(root / "site.toml"))
    with serve(root / "output" / "site") as url:
        yield url + CODE_ARTICLE


@pytest.fixture(scope="module")
def code_browser() -> Iterator[Browser]:
    with launch(require_chromium()) as browser:
        yield browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlighted_code_is_coloured_readable_and_passes_axe(
    code_browser: Browser, code_site: str, scheme: str
) -> None:
    with themed_page(code_browser, code_site, scheme) as (page, axe):
        block = page.locator("pre code.language-python").first
        keyword = block.locator("span.hl-k").first
        assert keyword.inner_text() in {"import", "from", "def", "class", "for", "if"}
        plain_colour = block.evaluate("e => getComputedStyle(e).color")
        assert keyword.evaluate("e => getComputedStyle(e).color") != plain_colour

        body_px = page.locator(".content p").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        code_px = block.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert code_px >= MIN_CODE_SCALE * body_px, (code_px, body_px)

        assert blocking_axe_violations(page, axe, "pre") == []

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"code-{scheme}.png"
        # The article's short block (the watchdog handler): a small picture for the README.
        short_block = page.locator("pre:has(code.language-python)").nth(1)
        short_block.screenshot(path=shot, animations="disabled")
        assert shot.read_bytes().startswith(b"\x89PNG")
