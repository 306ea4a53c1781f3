"""The built site in a real browser: search, links and layout as a reader meets them.

The sample archive is built once, served under /repo/ as GitHub Pages serves a project
site, and driven with Debian's chromium through Playwright. A Playwright browser download
cannot work here, so the suite never runs `playwright install`.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections import deque
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, sync_playwright

from site_builder import config, pipeline

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "Debian chromium is not installed: apt-get install chromium"
SAMPLE_SAVED = Path(__file__).resolve().parent.parent / "content" / "saved"
PREFIX = "/repo"
# Pagefind loads its index and WASM lazily; a few seconds is plenty on loopback.
TIMEOUT_MS = 15_000
PHONE = {"width": 360, "height": 740}

PUTIN_TITLE = "Putin says ready to help Belarus president militarily if necessary"
TINKERLAB_TITLE = "Watching files in Python"
SORLIN_TITLE = "À Sorlin"


# --- fixtures: one build, one server, one browser per module -----------------------------


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("SITE_BUILDER_REQUIRE_BROWSER") == "1":
            pytest.fail(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    return CHROMIUM


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-archive")
    saved = root / "content" / "saved"
    saved.mkdir(parents=True)
    for page in sorted(SAMPLE_SAVED.iterdir()):
        shutil.copyfile(page, saved / page.name)
    (root / "site.toml").write_text('title = "Browser Test Archive"\n', encoding="utf-8")
    report = pipeline.build(config.load_config(root / "site.toml"))
    assert report.failed == ()
    site = root / "output" / "site"
    assert (site / "index.html").is_file()
    return site


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at /repo/ only, like a GitHub Pages project site."""

    extensions_map = {  # noqa: RUF012 - the stdlib declares this as a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if url_path != PREFIX and not url_path.startswith(PREFIX + "/"):
            return ""  # outside the project site; send_head answers 404
        return super().translate_path(path[len(PREFIX) :] or "/")

    def send_head(self) -> object:
        if not self.translate_path(self.path):
            self.send_error(404, "outside the /repo/ project site")
            return None
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/repo/ serving the built site."""

    handler = functools.partial(_SubPathHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def _article_urls(site_dir: Path, base_url: str) -> list[str]:
    pages = sorted((site_dir / "articles").glob("*.html"))
    assert pages, "the build wrote no article pages"
    return [f"{base_url}articles/{p.name}" for p in pages]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _read(page: Page, url: str) -> None:
    """Open a page and bring each image into view, as a reader would, until all have settled.

    The load event alone is not enough: a lazy image is fetched only once it is in view.
    """
    page.goto(url)
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function("[...document.images].every(image => image.complete)")


def _search(page: Page, query: str) -> Locator:
    page.locator(".pagefind-ui__search-input").fill(query)
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    return results


def _result_titles(results: Locator) -> list[str]:
    return [text.strip() for text in results.all_inner_texts()]


# --- search ------------------------------------------------------------------------------


def test_search_finds_an_article_and_its_link_opens_it(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}search.html")
    results = _search(page, "Lukashenko")

    match = results.filter(has_text=PUTIN_TITLE)
    assert match.count() == 1, _result_titles(results)
    with page.expect_navigation() as navigation:
        match.click()

    response = navigation.value
    assert response is not None
    assert response.status == 200
    assert urlsplit(page.url).path.startswith(f"{PREFIX}/articles/"), page.url
    assert page.locator("h1").inner_text().strip() == PUTIN_TITLE


def test_query_in_the_address_runs_a_search_without_typing(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}search.html?q=debouncer")

    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    assert any(TINKERLAB_TITLE in title for title in _result_titles(results)), _result_titles(
        results
    )


def test_search_finds_the_french_article(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}search.html")
    results = _search(page, "navettes")

    assert any(title.startswith(SORLIN_TITLE) for title in _result_titles(results)), _result_titles(
        results
    )


# --- the site stays on its own origin, under its own prefix ------------------------------


def test_no_request_leaves_the_site(
    context: BrowserContext,
    page: Page,
    site_dir: Path,
    base_url: str,
) -> None:
    origin = _origin(base_url)
    requested: list[str] = []
    elsewhere: set[str] = set()

    def refuse(route: Route) -> None:
        # Routing sees every request before it is sent, however fast it fails, and keeps
        # the test from reaching real third-party hosts.
        elsewhere.add(route.request.url)
        route.abort()

    # The context sees requests from the page and from Pagefind's web worker alike.
    context.on("request", lambda request: requested.append(request.url))
    context.route(lambda url: _origin(url) != origin, refuse)

    # The one exception, by design: an article image that exists only on its original
    # site stays there, fetched lazily and without a referrer.
    quiet_remote_images: set[str] = set()
    for url in [f"{base_url}index.html", *_article_urls(site_dir, base_url)]:
        _read(page, url)
        quiet_remote_images.update(
            page.eval_on_selector_all(
                ".content img[loading='lazy'][referrerpolicy='no-referrer']",
                "images => images.map(image => image.src)",
            )
        )
    page.goto(f"{base_url}search.html")
    _search(page, "Lukashenko")

    assert any(url.endswith(".pf_fragment") for url in requested), "no search ran"
    elsewhere.update(url for url in requested if _origin(url) != origin)
    unexpected = sorted(elsewhere - quiet_remote_images)
    assert unexpected == [], "\n".join(unexpected)


def test_every_link_answers_and_stays_under_the_prefix(
    page: Page, site_dir: Path, base_url: str
) -> None:
    origin = _origin(base_url)
    seen = {f"{base_url}index.html"}
    queue = deque(seen)
    problems: list[str] = []

    while queue:
        url = queue.popleft()
        response = page.goto(url)
        assert response is not None
        if response.status != 200:
            problems.append(f"HTTP {response.status}: {url}")
            continue
        if "html" not in (response.headers.get("content-type") or ""):
            continue
        # Links out of the archive belong to the article: its text and its "Original:" line.
        links = page.eval_on_selector_all(
            "a[href]",
            "links => links.map(a => [a.getAttribute('href'), a.href,"
            " a.closest('article, .article-info') !== null])",
        )
        for raw, absolute, in_article in links:
            target, _fragment = urldefrag(absolute)
            scheme = urlsplit(target).scheme
            if scheme not in {"http", "https"}:
                continue
            if _origin(target) != origin:
                if not in_article:
                    problems.append(f"leaves the site outside the article: {raw} on {url}")
                continue
            if not urlsplit(target).path.startswith(f"{PREFIX}/"):
                problems.append(f"escapes {PREFIX}/: {raw} on {url}")
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)

    assert problems == [], "\n".join(problems)
    # Every article is reachable from the home page, and so is search.
    assert f"{base_url}search.html" in seen
    assert {unquote(url) for url in _article_urls(site_dir, base_url)} <= {
        unquote(url) for url in seen
    }


def test_paths_outside_the_prefix_are_not_served(base_url: str) -> None:
    """Guards the crawl: a link escaping /repo/ must fail here as it would on GitHub Pages."""
    with pytest.raises(HTTPError) as outside:
        urlopen(urljoin(base_url, "/index.html"), timeout=5)
    assert outside.value.code == 404
    with urlopen(f"{base_url}index.html", timeout=5) as inside:
        assert inside.status == 200


# --- search opened from disk -------------------------------------------------------------


def test_search_page_from_disk_explains_how_to_serve(page: Page, site_dir: Path) -> None:
    page.goto((site_dir / "search.html").as_uri())

    notice = page.locator("#search-unavailable")
    notice.wait_for(state="visible")
    assert "make serve" in notice.inner_text()


# --- no errors, and no sideways scrolling on a phone -------------------------------------


def test_pages_log_no_console_errors(page: Page, site_dir: Path, base_url: str) -> None:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"{page.url}: console: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: pageerror: {error}"))

    page.goto(f"{base_url}index.html", wait_until="networkidle")
    page.goto(_article_urls(site_dir, base_url)[0], wait_until="networkidle")
    page.goto(f"{base_url}search.html", wait_until="networkidle")
    _search(page, "Lukashenko")
    page.wait_for_load_state("networkidle")

    assert errors == [], "\n".join(errors)


def test_article_pages_fit_a_phone_screen(browser: Browser, site_dir: Path, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        too_wide: list[str] = []
        for url in _article_urls(site_dir, base_url):
            page.goto(url)
            scroll_width, inner_width = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll_width > inner_width:
                culprits = page.evaluate(_WIDER_THAN_VIEWPORT)
                too_wide.append(f"{url}: {scroll_width}px > {inner_width}px, from {culprits}")
    finally:
        context.close()

    assert too_wide == [], "\n".join(too_wide)


# The innermost elements that reach past the right edge: what to fix when the test fails.
_WIDER_THAN_VIEWPORT = """() => {
  const wide = [...document.body.querySelectorAll('*')].filter(
    el => el.getBoundingClientRect().right > window.innerWidth + 0.5);
  return wide
    .filter(el => ![...el.children].some(child => wide.includes(child)))
    .slice(0, 5)
    .map(el => `<${el.localName}${el.className ? '.' + el.className : ''}> `
      + (el.textContent || el.getAttribute('src') || '').trim().slice(0, 60));
}"""
