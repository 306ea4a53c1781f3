"""The built site in a real browser: search, links and layout as a reader meets them.

The sample archive is built once, served under /repo/ as GitHub Pages serves a project
site, and driven with Debian's chromium through Playwright. A Playwright browser download
cannot work here, so the suite never runs `playwright install`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from site_builder.build import pipeline
from site_builder.core import config
from site_builder.search import browser_index
from tests import a11y

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
# The search page fetches its index's shards as a query needs them; a few seconds is
# plenty on loopback.
TIMEOUT_MS = 15_000
POLL_MS = 50
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
REQUIRE_BROWSER = os.environ.get("SITE_BUILDER_REQUIRE_BROWSER") == "1"
# Screenshots of the built site, kept as test artefacts for a human to look at.
SCREENSHOTS = Path(__file__).resolve().parent.parent / "output" / "screenshots"

PUTIN_TITLE = "Putin says ready to help Belarus president militarily if necessary"
TINKERLAB_TITLE = "Watching files in Python"
SORLIN_TITLE = "À Sorlin"


# --- fixtures: one build, one server, one browser per module -----------------------------


def unavailable(reason: str) -> None:
    """A missing browser tool skips the test locally and fails it in CI."""
    if REQUIRE_BROWSER:
        pytest.fail(reason)
    pytest.skip(reason)


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        unavailable(MISSING_CHROMIUM)
    return CHROMIUM


def build_site(folder: Path, title: str, articles: Iterable[tuple[str, str, str]]) -> Path:
    """Build a site titled title under folder from (file stem, title, Markdown body)
    articles, each published on the date its stem starts with; the built site's folder."""
    written = folder / "content" / "articles"
    written.mkdir(parents=True)
    for stem, heading, body in articles:
        text = f"---\ntitle: {heading}\npublished: '{stem[:10]}'\n---\n\n{body}\n"
        (written / f"{stem}.md").write_text(text, encoding="utf-8")
    (folder / "site.toml").write_text(f'title = "{title}"\n', encoding="utf-8")
    pipeline.build(config.load_config(folder / "site.toml"))
    return folder / "output" / "site"


@contextlib.contextmanager
def serve(
    site_dir: Path, *, under: str = PREFIX, handler_class: type[_SubPathHandler] | None = None
) -> Iterator[str]:
    """Serve a built site at http://127.0.0.1:PORT{under}/ and yield that address.

    Under /repo/ by default, as GitHub Pages serves a project site; under="" at the root.
    handler_class, a _SubPathHandler of a test's own, can answer some requests otherwise.
    """
    handler = functools.partial(
        handler_class or _SubPathHandler, directory=str(site_dir), prefix=under
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{under}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def launch(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    return require_chromium()


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
    """Serves the site folder under prefix only ("/repo": like a GitHub Pages project site)."""

    extensions_map = {  # noqa: RUF012 - the stdlib declares this as a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
    }

    def __init__(self, *args: Any, prefix: str, **options: Any) -> None:
        self.prefix = prefix  # set first: the base class answers the request in __init__
        super().__init__(*args, **options)

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if url_path != self.prefix and not url_path.startswith(self.prefix + "/"):
            return ""  # outside the project site; send_head answers 404
        return super().translate_path(path[len(self.prefix) :] or "/")

    def send_head(self) -> object:
        if not self.translate_path(self.path):
            self.send_error(404, f"outside the {self.prefix}/ project site")
            return None
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/repo/ serving the built site."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with launch(chromium_path) as browser:
        yield browser


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
    _wait_for(page, "[...document.images].every(image => image.complete)")


# Each result's title link, as search.js draws the results.
RESULT_LINKS = "#search-results > li h2 a"


def _search(page: Page, query: str) -> Locator:
    """Type a query into the search box, send it, and wait for its first results."""
    page.locator("#search-input").fill(query)
    page.locator("#search-input").press("Enter")
    return wait_for_results(page)


def wait_for_results(page: Page) -> Locator:
    """The search page's result links, once the first shows. When none shows, the
    failure says what the page showed instead: a rare timeout in full runs of the suite
    (never alone) needs that to be explained."""
    results = page.locator(RESULT_LINKS)
    try:
        results.first.wait_for()
    except PlaywrightTimeoutError as timeout:
        status = page.locator("#search-status").inner_text()
        query = page.locator("#search-input").input_value()
        shown = page.locator("#search-form").is_visible()
        raise AssertionError(
            f"no results for {query!r} at {page.url}: status {status!r}, form shown {shown}"
        ) from timeout
    return results


def _result_titles(results: Locator) -> list[str]:
    return [text.strip() for text in results.all_inner_texts()]


# A word in two sample articles, so search shows a list of results.
SEARCH_WORD = "summer"
RICH_ARTICLE = "watching-files-in-python"  # code, a table, a figure: the most to lay out
# For the screenshots: a news story whose first screen is all text, so a picture left on
# its original site (and not fetched) does not show as a gap.
SCREENSHOT_ARTICLE = "what-the-bats-heard"


def _page_kinds(site_dir: Path, base_url: str) -> dict[str, str]:
    """One page of every kind the site has, by name."""

    def first(folder: str, *, last: bool = False) -> str:
        pages = sorted(
            p.name
            for p in (site_dir / folder).glob("*.html")
            if p.name not in {"index.html", "all.html"}
        )
        assert pages, f"the build wrote no {folder} pages"
        return f"{base_url}{folder}/{pages[-1] if last else pages[0]}"

    articles = _article_urls(site_dir, base_url)
    return {
        "home": f"{base_url}index.html",
        "article": next((url for url in articles if RICH_ARTICLE in url), articles[0]),
        "sites": f"{base_url}sites/index.html",
        "site": first("sites"),
        "tags": f"{base_url}tags/index.html",
        "tag": first("tags"),
        "years": f"{base_url}years/index.html",
        "year": first("years", last=True),
        "search": f"{base_url}search.html?q={SEARCH_WORD}",
        "not-found": f"{base_url}404.html",
    }


def _open(page: Page, url: str) -> None:
    """Open a page and wait until it is as a reader sees it; search, with its results."""
    page.goto(url)
    if urlsplit(url).path.endswith("/search.html"):
        # search.js adds a page of results at once, each with its text.
        wait_for_results(page)


def _wait_for(page: Page, expression: str) -> None:
    """Wait until a JavaScript expression is true on the page.

    Playwright's wait_for_function polls with eval() inside the page, which the pages' CSP
    forbids; page.evaluate runs through the DevTools protocol, outside the CSP.
    """
    for _attempt in range(TIMEOUT_MS // POLL_MS):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(POLL_MS)
    pytest.fail(f"still false after {TIMEOUT_MS} ms on {page.url}: {expression}")


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

    results = wait_for_results(page)
    assert page.locator("#search-input").input_value() == "debouncer"
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

    # The context sees every request of the page, its fetches of the index included.
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

    # A search ran: it read the index's manifest and a result's file.
    index = f"{base_url}{browser_index.INDEX_FOLDER}/"
    assert f"{index}index.json" in requested, requested
    cards = f"{index}{browser_index.CARDS_FOLDER}/"
    assert any(url.startswith(cards) for url in requested), requested
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


class _PagesLikeHandler(_SubPathHandler):
    """GitHub Pages: a missing page under the project site gets its 404.html, status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory, "404.html")
        if code != 404 or not self.translate_path(self.path) or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# A GitHub Pages host name, routed to the local server (for the test of the 404 page).
PAGES_HOST = "archive.github.io"


@pytest.mark.parametrize(
    "missing",
    [
        "http://127.0.0.1:PORT/repo/articles/gone.html",
        "http://127.0.0.1:PORT/repo/tags/gone/2.html",
        "http://127.0.0.1:PORT/repo/404.html",  # as the page kinds below open it
        f"http://{PAGES_HOST}/repo/gone.html",  # no folder of the site in the address
        f"http://{PAGES_HOST}/repo/articles/gone.html",
    ],
)
def test_the_404_page_is_styled_and_links_home_at_any_depth(
    browser: Browser, site_dir: Path, missing: str
) -> None:
    """Built without base_url, served as GitHub Pages serves a project site."""
    handler = functools.partial(_PagesLikeHandler, directory=str(site_dir), prefix=PREFIX)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.route(
        f"http://{PAGES_HOST}/**",
        lambda route: route.continue_(url=route.request.url.replace(PAGES_HOST, local)),
    )
    try:
        page = context.new_page()
        problems: list[str] = []  # besides the missing page: CSP refusals, missing files
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and not m.text.startswith("Failed to load resource")
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                problems.append(f"{r.status} {r.url}")
                if r.status >= 400 and urlsplit(r.url).path != urlsplit(missing).path
                else None
            ),
        )
        address = missing.replace("127.0.0.1:PORT", local)
        response = page.goto(address)
        assert response is not None and response.status == (
            200 if missing.endswith("/404.html") else 404
        )
        assert page.locator("h1").inner_text() == "Page not found"
        # Styled: the site's stylesheet loaded, and the theme script ran.
        assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
        assert page.locator("button.theme-toggle").is_visible()
        home = page.locator("main a", has_text="list of articles")
        assert home.evaluate("a => a.href") == f"{_origin(page.url)}{PREFIX}/index.html"
        home.click()
        page.wait_for_load_state()
        assert page.url == f"{_origin(page.url)}{PREFIX}/index.html"
        assert page.locator("a.site-title").is_visible()
        assert problems == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()


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


def test_every_kind_of_page_fits_a_phone_screen(
    browser: Browser, site_dir: Path, base_url: str
) -> None:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        too_wide: list[str] = []
        for url in [*_page_kinds(site_dir, base_url).values(), *_article_urls(site_dir, base_url)]:
            _open(page, url)
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


# --- the theme toggle --------------------------------------------------------------------

_THEME = "document.documentElement.getAttribute('data-theme')"
_BACKGROUND = "getComputedStyle(document.body).backgroundColor"
_STORED_THEME = "localStorage.getItem('site-builder-theme')"
_PALETTE = ["--bg", "--fg", "--muted", "--link", "--rule", "--code-bg", "--mark-bg", "--mark-fg"]


def _luminance(css_colour: str) -> float:
    """WCAG relative luminance of an `rgb(r, g, b)` colour: 0 is black, 1 is white."""
    channels = [int(value) / 255 for value in re.findall(r"\d+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _palette(page: Page) -> dict[str, str]:
    return page.evaluate(
        "names => Object.fromEntries(names.map(name => [name,"
        " getComputedStyle(document.documentElement).getPropertyValue(name).trim()]))",
        _PALETTE,
    )


def test_theme_toggle_switches_and_is_remembered(
    browser: Browser, site_dir: Path, base_url: str
) -> None:
    context = browser.new_context(color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(_page_kinds(site_dir, base_url)["article"])
        toggle = page.locator(".theme-toggle")
        assert toggle.is_visible()
        assert page.evaluate(_THEME) is None  # following the system until the reader picks
        assert toggle.get_attribute("aria-pressed") == "false"
        light = page.evaluate(_BACKGROUND)
        assert _luminance(light) > 0.8, light

        toggle.click()
        assert page.evaluate(_THEME) == "dark"
        dark = page.evaluate(_BACKGROUND)
        assert _luminance(dark) < 0.05, dark
        assert toggle.get_attribute("aria-pressed") == "true"
        assert toggle.inner_text().strip() == "Light theme"
        assert page.evaluate(_STORED_THEME) == "dark"

        # Remembered on reload and on the next page.
        page.reload()
        assert page.evaluate(_THEME) == "dark"
        assert page.evaluate(_BACKGROUND) == dark
        page.goto(f"{base_url}index.html")
        assert page.evaluate(_BACKGROUND) == dark
        assert page.locator(".theme-toggle").get_attribute("aria-pressed") == "true"

        page.locator(".theme-toggle").click()
        assert page.evaluate(_THEME) == "light"
        assert page.evaluate(_BACKGROUND) == light
        page.reload()
        assert page.evaluate(_THEME) == "light"
        assert page.evaluate(_BACKGROUND) == light
        assert page.evaluate(_STORED_THEME) == "light"
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_dark_system_setting_gives_a_dark_page(
    browser: Browser, site_dir: Path, base_url: str, javascript: bool
) -> None:
    context = browser.new_context(color_scheme="dark", java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(_page_kinds(site_dir, base_url)["article"])
        background = page.evaluate(_BACKGROUND)
        assert _luminance(background) < 0.05, background
        toggle = page.locator(".theme-toggle")
        if javascript:
            assert page.evaluate(_THEME) is None  # no stored choice: the system decides
            assert toggle.is_visible()
            assert toggle.get_attribute("aria-pressed") == "true"
            assert toggle.inner_text().strip() == "Light theme"
        else:
            assert not toggle.is_visible()  # a button that could do nothing stays hidden
    finally:
        context.close()


def test_the_toggle_and_the_system_setting_give_the_same_dark_colours(
    browser: Browser, site_dir: Path, base_url: str
) -> None:
    """style.css states the dark palette twice; the two copies must not drift apart."""
    url = _page_kinds(site_dir, base_url)["article"]
    palettes = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(url)
            if scheme == "light":
                page.locator(".theme-toggle").click()
            palettes[scheme] = _palette(page)
        finally:
            context.close()

    assert palettes["light"] == palettes["dark"]
    assert all(palettes["dark"].values()), palettes["dark"]


# --- accessibility: axe-core in both themes ----------------------------------------------

# Pages for the automated check: one of each kind a reader browses.
A11Y_PAGES = ("home", "article", "sites", "tag", "year", "search")
# What fails the test; "moderate" and "minor" findings are printed by pytest only on failure.
BLOCKING_IMPACTS = {"serious", "critical"}


@contextlib.contextmanager
def themed_page(browser: Browser, url: str, scheme: str) -> Iterator[tuple[Page, str]]:
    """A desktop page at url in the given colour scheme, with axe's source to inject
    (skipped, or failed in CI, when axe-core can't be had)."""
    try:
        axe = a11y.axe_source()
    except a11y.AxeUnavailable as err:
        unavailable(f"axe-core: {err}")
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(url)
        yield page, axe
    finally:
        context.close()


def blocking_axe_violations(page: Page, axe: str, selector: str) -> list[str]:
    """axe's serious and critical findings inside the elements selector picks, one line
    each (axe: the text of axe.min.js)."""
    page.evaluate(axe)
    results = page.evaluate(
        "selector => axe.run({include: [[selector]]}, {resultTypes: ['violations']})", selector
    )
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.fixture(scope="module")
def axe_source() -> str:
    try:
        return a11y.axe_source()
    except a11y.AxeUnavailable as err:
        unavailable(f"axe-core: {err}")
        raise


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe(
    browser: Browser, site_dir: Path, base_url: str, axe_source: str, scheme: str
) -> None:
    # The pages forbid inline scripts; Playwright's evaluate runs outside the page's
    # CSP, so axe needs no bypass_csp and the pages are checked exactly as served.
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    try:
        page = context.new_page()
        kinds = _page_kinds(site_dir, base_url)
        for kind in A11Y_PAGES:
            _open(page, kinds[kind])
            page.evaluate(axe_source)
            results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            for violation in results["violations"]:
                if violation["impact"] not in BLOCKING_IMPACTS:
                    continue
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
                problems.append(
                    f"{kind} ({scheme}): {violation['impact']} {violation['id']}:"
                    f" {violation['help']}\n    " + "\n    ".join(targets[:5])
                )
    finally:
        context.close()

    assert problems == [], "\n".join(problems)


# --- screenshots, for people to look at ---------------------------------------------------


def test_screenshots_of_the_main_pages(browser: Browser, site_dir: Path, base_url: str) -> None:
    """Writes output/screenshots/{home,article,search}-{light,dark}-{phone,desktop}.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    kinds = _page_kinds(site_dir, base_url)
    kinds["article"] = next(
        url for url in _article_urls(site_dir, base_url) if SCREENSHOT_ARTICLE in url
    )
    origin = _origin(base_url)
    written: list[Path] = []
    for device, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport=viewport)
            context.set_default_timeout(TIMEOUT_MS)
            # Images still on their original sites would make the pictures depend on the
            # network; they show as their alt text instead, the same on every run.
            context.route(lambda url: _origin(url) != origin, lambda route: route.abort())
            try:
                page = context.new_page()
                for name in ("home", "article", "search"):
                    _open(page, kinds[name])
                    page.wait_for_load_state("networkidle")
                    if name == "search":
                        page.locator("#search-input").blur()
                    target = SCREENSHOTS / f"{name}-{scheme}-{device}.png"
                    page.screenshot(path=target, animations="disabled", caret="hide")
                    written.append(target)
            finally:
                context.close()

    assert len(written) == 12
    for target in written:
        assert target.read_bytes().startswith(b"\x89PNG"), target
