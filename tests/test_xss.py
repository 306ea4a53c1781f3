"""Known XSS vectors, saved as pages, built into a site and attacked in a real browser.

tests/xss/ writes one saved page per vector (the vector families of cure53's HTML5 Security
Cheatsheet and of PayloadsAllTheThings). The archive is built once with the real pipeline,
served on 127.0.0.1 and read in Debian's chromium, where a checker does what a curious
reader and a hostile page would: hovers, clicks and focuses everything, fires every event an
inline handler could wait for, clicks any javascript: link and searches for payload words.

Every executing vector sets `window.__xss` or requests http://127.0.0.1:9/ (another origin).
The checker fails on either, on a dialog, on any request that leaves the site's origin, on
a page that navigates by itself, and on any Content-Security-Policy violation (something got
past the sanitiser and only the CSP stopped it).

The site is read twice: every page with its CSP switched off, so that the allow-list is
shown to hold on its own and the CSP stays a second wall, not the only one; and as published
(see test_no_vector_runs_as_published for which pages). Pages are read in a few tabs at
once (the async API) to keep the suite quick.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from lxml import html as lxml_html
from playwright.async_api import Dialog, Error, Page, Route, async_playwright

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core import config
from site_builder.core.records import BuildReport
from site_builder.core.sanitize import is_safe_url
from site_builder.render.environment import make_environment
from site_builder.render.not_found import find_root_script
from site_builder.search import browser_index

from .test_browser import CHROMIUM_ARGS, require_chromium, serve
from .xss.generate import (
    ANNOTATED_STEMS,
    MARKER_PREFIX,
    Case,
    annotation_payloads,
    write_archive,
)

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000
# A page that takes longer than this to read is reported, not waited on forever.
READ_TIMEOUT_S = 30
# Tabs reading at once. Much of a page's time is spent waiting on loopback and the
# renderer; measured on a busy two-core machine, four tabs took 60-70% of one tab's time.
TABS = 4
# After the events are fired: enough for a 0 s meta refresh, an SVG animation's begin or
# a javascript: link to run on loopback (each takes a few milliseconds).
SETTLE_MS = 40
VIEWPORT = {"width": 800, "height": 600}
# Words in payloads kept as text, so that search shows them in excerpts and titles.
SEARCH_WORDS = (MARKER_PREFIX, "script", "onerror")
# Read as published, one article in this many (see test_no_vector_runs_as_published).
ARTICLE_SAMPLE = 8

# Installed before any page script, in every frame: reports each write to window.__xss and
# each CSP violation through the binding that the browser context exposes.
_WATCH = """(() => {
  const report = (kind, detail) => {
    try { window.__xssReport(kind, String(detail)); } catch (e) { /* no binding here */ }
  };
  let count = 0;
  Object.defineProperty(window, "__xss", {
    configurable: false,
    get() { return count; },
    set(value) { count = value; report("xss", "window.__xss was set"); },
  });
  document.addEventListener("securitypolicyviolation", (e) => {
    const where = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 100) : "";
    report("csp", `${e.violatedDirective} blocked ${e.blockedURI || "inline"} ${where}`);
  }, true);
})();"""

# One round trip per page: provoke everything, follow any javascript: link, let whatever
# was started run, then report.
#
# Every common event is fired at every element in scope, and each event named by an on*
# attribute at the element carrying it (and at document and window, where <body onload>
# lives). Every element is focused and clicked. Default actions are cancelled, so that a
# click reads the page without leaving it; handlers still run. Then each link whose address
# the browser parses as javascript: (href or xlink:href, HTML or SVG) is clicked for real.
_PROVOKE = """async ([common, scope, whole, settleMs, quietImages, forbidden, stock, notFound]) => {
  const all = [...document.querySelectorAll(scope)];
  // "in .excerpt: <img ...>": where an element sits, then the element.
  const describe = (element) => {
    const owner = element.parentElement && element.parentElement.closest("[class]");
    const place = owner ? `in .${owner.classList[0]}: ` : "";
    return place + element.outerHTML.slice(0, 120);
  };
  const stay = (event) => { if (!window.__xssAllowNavigation) event.preventDefault(); };
  window.addEventListener("click", stay, true);
  window.addEventListener("submit", stay, true);
  const handlers = [];
  const named = new Set();
  for (const element of all) {
    for (const name of element.getAttributeNames()) {
      if (name.startsWith("on")) {
        named.add(name.slice(2));
        handlers.push(describe(element));
      }
    }
  }
  for (const details of document.querySelectorAll("details")) details.open = true;
  for (const element of all) {
    if (typeof element.focus === "function") element.focus();
    for (const name of common) {
      element.dispatchEvent(new Event(name, { bubbles: true, cancelable: true }));
    }
    for (const name of ["mouseover", "mouseenter", "pointerover", "mousedown", "click"]) {
      element.dispatchEvent(new MouseEvent(name, { bubbles: true, cancelable: true }));
    }
    for (const name of named) {
      if (element.hasAttribute("on" + name)) {
        element.dispatchEvent(new Event(name, { bubbles: true, cancelable: true }));
      }
    }
    if (typeof element.click === "function") element.click();
    if (typeof element.blur === "function") element.blur();
  }
  if (whole) {
    for (const name of named) {
      document.dispatchEvent(new Event(name, { bubbles: true }));
      window.dispatchEvent(new Event(name));
    }
  }
  const links = [...document.querySelectorAll("[href], a, area")].filter((link) => {
    const raw = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
    try { return new URL(raw, document.baseURI).protocol === "javascript:"; }
    catch (e) { return false; }
  });
  window.__xssAllowNavigation = true;
  for (const link of links) {
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
  }
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  // The templates' own scripts: empty, and loaded from the site's static/.
  const isStock = (element) => element.localName === "script" && !element.textContent
    && element.src && new URL(element.src).origin === location.origin
    && stock.some((folder) => new URL(element.src).pathname.startsWith(folder));
  // The 404 page's own: a <base> on this origin, and the exact script that places it.
  const [notFoundPath, rootFinder] = notFound;
  const isRootFinder = (element) => location.pathname === notFoundPath && (
    (element.localName === "base" && element.attributes.length === 1
      && new URL(element.href).origin === location.origin)
    || (element.localName === "script" && element.attributes.length === 0
      && element.textContent === rootFinder));
  const elements = [...document.querySelectorAll(forbidden)]
    .filter((e) => !isStock(e) && !isRootFinder(e));
  return {
    xss: window.__xss || 0,
    handlers,
    elements: elements.map(describe),
    links: links.map(describe),
    quietImages: [...document.querySelectorAll(quietImages)].map((image) => image.src),
  };
}"""
# Fired at every element; any other event an inline handler names is fired at its element.
_COMMON_EVENTS = (
    *("abort", "animationstart", "beforeinput", "begin", "blur", "change", "copy", "dblclick"),
    *("drag", "error", "focus", "focusin", "input", "load", "mouseout", "pageshow"),
    *("pointerdown", "scroll", "submit", "toggle", "transitionend", "wheel"),
)
# Elements that must not be in a page's live DOM, whoever put them there (the pipeline, or
# a script such as the search UI); the stock scripts of the templates are the exception.
_FORBIDDEN_LIVE = (
    "script, iframe, frame, frameset, object, embed, applet, portal, base,"
    " meta[http-equiv='refresh' i], link[rel~='import' i]"
)
_STOCK_SCRIPT_FOLDERS = ("static/",)
_RESULT_LINKS = "#search-results > li h2 a"
# What search.js draws for a result: a heading with its link, the site and date, and an
# excerpt whose matched words are marked. Anything else in the list came from an archived
# title or text.
_RESULT_ELEMENTS = ("li", "h2", "a", "p", "mark")
# The script 404.html finds the site's root with (render/not_found.py), as published.
_ROOT_SCRIPT = find_root_script(make_environment(config.SiteConfig()))
# The one request the site makes off its origin by design: an article image that exists
# only on its original site, fetched lazily and without a referrer (as tests/test_browser.py).
_QUIET_REMOTE_IMAGES = ".content img[loading='lazy'][referrerpolicy='no-referrer']"


# --- fixtures: one build and one server per module ---------------------------------------


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    return require_chromium()


@dataclass(frozen=True, slots=True)
class Built:
    root: Path
    site: Path
    cases: list[Case]
    report: BuildReport


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("xss-archive")
    cases = write_archive(root)
    report = pipeline.build(config.load_config(root / "site.toml"))
    return Built(root=root, site=root / "output" / "site", cases=cases, report=report)


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    with serve(built.site, under="") as url:
        yield url


# --- the checker -------------------------------------------------------------------------


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True, slots=True)
class Visit:
    url: str
    root: str  # the site's address, where its static/ folder is
    search: bool = False  # a search page: wait for results; provoke only what search drew


class Findings:
    """What should not have happened, by the page being read when it happened."""

    def __init__(self) -> None:
        self.by_url: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.allowed: dict[str, set[str]] = defaultdict(set)  # quiet remote images

    def add(self, url: str, kind: str, detail: str) -> None:
        self.by_url[url].append((kind, " ".join(detail.split())[:200]))

    def for_url(self, url: str) -> list[str]:
        allowed = self.allowed[url]
        found = []
        for kind, detail in self.by_url.get(url, []):
            address = detail.split(" ")[2] if kind == "csp" and " blocked " in detail else detail
            if kind in {"request", "csp"} and address in allowed:
                continue
            found.append(f"{kind}: {detail}")
        return list(dict.fromkeys(found))

    def report(self) -> list[str]:
        return [
            f"{url}\n    " + "\n    ".join(found)
            for url in sorted(self.by_url)
            if (found := self.for_url(url))
        ]


async def _read(page: Page, visit: Visit, findings: Findings) -> None:
    url = visit.url
    try:
        await page.goto(url, wait_until="load")
        if visit.search:
            await page.locator(_RESULT_LINKS).first.wait_for()
            await page.wait_for_load_state("networkidle")
        # A search page's own controls belong to the site; what search drew is provoked.
        scope, whole_page = ("#search-results *", False) if visit.search else ("*", True)
        seen = await page.evaluate(
            _PROVOKE,
            [
                _COMMON_EVENTS,
                scope,
                whole_page,
                SETTLE_MS,
                _QUIET_REMOTE_IMAGES,
                _FORBIDDEN_LIVE,
                [urlsplit(visit.root + folder).path for folder in _STOCK_SCRIPT_FOLDERS],
                [urlsplit(visit.root + "404.html").path, _ROOT_SCRIPT],
            ],
        )
        for handler in seen["handlers"]:
            findings.add(url, "handler attribute", handler)
        for element in seen["elements"]:
            findings.add(url, "element", element)
        for link in seen["links"]:
            findings.add(url, "javascript: link", link)
        if seen["xss"]:
            findings.add(url, "xss", "window.__xss is set")
        for frame in page.frames[1:]:  # a frame that survived; its own window may be hit
            if await frame.evaluate("() => window.__xss || 0"):
                findings.add(url, "xss", f"window.__xss is set in frame {frame.url}")
        findings.allowed[url].update(seen["quietImages"])
    except Error as err:  # the page navigated away or closed a frame while being read
        findings.add(url, "error", str(err))
    landed = urlsplit(page.url)
    if (landed.scheme, landed.netloc, landed.path) != urlsplit(url)[:3]:
        findings.add(url, "navigated", page.url)


async def _check(chromium: Path, origin: str, visits: list[Visit], *, csp: bool) -> Findings:
    """Read every page in a fresh browser; csp=False reads them with their CSP switched off."""
    findings = Findings()
    reading: dict[Page, str] = {}

    def where(page: Page | None) -> str:
        return reading.get(page, "(no page)") if page is not None else "(no page)"

    async def off_origin(route: Route) -> None:
        try:
            page: Page | None = route.request.frame.page
        except Error:  # a worker's request has no frame
            page = None
        findings.add(where(page), "request", route.request.url)
        await route.abort()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = await browser.new_context(bypass_csp=not csp, viewport=VIEWPORT)
            context.set_default_timeout(TIMEOUT_MS)
            await context.expose_binding(
                "__xssReport",
                lambda source, kind, detail: findings.add(where(source["page"]), kind, detail),
            )
            await context.add_init_script(_WATCH)
            await context.route(lambda url: _origin(url) != origin, off_origin)
            queue = list(reversed(visits))

            async def reader() -> Page:
                page = await context.new_page()

                async def dialog(opened: Dialog) -> None:
                    findings.add(where(page), "dialog", f"{opened.type}: {opened.message}")
                    with contextlib.suppress(Error):
                        await opened.dismiss()

                page.on("dialog", dialog)
                return page

            async def tab() -> None:
                page = await reader()
                while queue:
                    visit = queue.pop()
                    reading[page] = visit.url
                    try:
                        await asyncio.wait_for(_read(page, visit, findings), READ_TIMEOUT_S)
                    except TimeoutError:
                        findings.add(
                            visit.url, "timeout", f"still reading after {READ_TIMEOUT_S} s"
                        )
                    if visit.url in findings.by_url:
                        # A suspect page may have started something (a refresh, a late
                        # load) that would land on the next page read in its tab, or cut
                        # that page's loading short: it is left as it is, still answering
                        # for what it does, and the next page gets a new tab.
                        page = await reader()
                # Pages close with the browser: closing one while a dialog opens can hang.

            await asyncio.gather(*(tab() for _ in range(TABS)))
        finally:
            await browser.close()
    return findings


def _site_pages(site: Path, base_url: str) -> list[str]:
    """Every HTML page of the built site: articles, the index and every list page."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [f"{base_url}{quote(page)}" for page in pages if not page.startswith("xss-canary/")]


# --- every saved page became an article --------------------------------------------------


def test_every_payload_page_became_an_article(built: Built) -> None:
    """Nothing is lost quietly: each page is an article, or a failure with its reason."""
    failed = dict(built.report.failed)
    assert all(reason.strip() for reason in failed.values()), failed
    assert set(built.report.new) | set(failed) == {case.name for case in built.cases}

    articles = [store.load(p).article for p in store.article_files(built.root / "content/articles")]
    by_source = {article.meta.source: article for article in articles}
    missing = []
    for case in built.cases:
        article = by_source.get(f"saved/{case.name}")
        if article is None:
            continue  # a reported failure, checked above
        page = built.site / "articles" / f"{article.stem}.html"
        if case.marker not in page.read_text(encoding="utf-8"):
            missing.append(f"{case.label}: its text is not on {page.name}")
    assert missing == [], "\n".join(missing)


def test_notes_and_highlights_full_of_vectors_are_shown_sanitised(built: Built) -> None:
    """The reader's notes and highlights are on their pages and the Highlights page (the
    browser reads them below), with nothing that runs left in them."""
    notes, highlights = (
        (built.site / "articles" / f"{stem}.html").read_text("utf-8") for stem in ANNOTATED_STEMS
    )
    payloads = annotation_payloads()
    assert '<section class="reader-note"' in notes
    assert notes.count('<mark id="highlight-') == len(payloads)
    boxed = re.findall(r'<li id="highlight-[0-9]+">', highlights)
    assert len(boxed) == len(payloads)  # not in the text: in the box
    listing = (built.site / "highlights.html").read_text("utf-8")
    assert listing.count("<blockquote><mark>") == 2 * len(payloads) + 1
    for page in (notes, highlights, listing):
        root = lxml_html.fromstring(page)
        assert root.xpath("//body//script") == []
        assert root.xpath("//body//@*[starts-with(name(), 'on')]") == []
        urls = root.xpath("//body//@href | //body//@src")
        assert [url for url in urls if not is_safe_url(url, image=True)] == []


# --- no vector runs, loads or navigates ----------------------------------------------------


def test_no_vector_runs_with_the_csp_off(chromium_path: Path, built: Built, base_url: str) -> None:
    """The allow-list alone: every page of the site, read with every CSP switched off."""
    pages = _site_pages(built.site, base_url)
    _assert_clean(chromium_path, base_url, pages, csp=False)


def test_no_vector_runs_as_published(chromium_path: Path, built: Built, base_url: str) -> None:
    """The site as published: every page but the articles, and every ARTICLE_SAMPLE-th one.

    What the CSP stops on an article page, the reading above already sees run, so reading
    them all again would only repeat it; the sample keeps the article template honest
    under its own CSP.
    """
    pages = _site_pages(built.site, base_url)
    articles = [page for page in pages if page.startswith(f"{base_url}articles/")]
    sample = set(articles[::ARTICLE_SAMPLE])
    _assert_clean(
        chromium_path,
        base_url,
        [page for page in pages if page not in articles or page in sample],
        csp=True,
    )


def _assert_clean(chromium: Path, base_url: str, pages: list[str], *, csp: bool) -> None:
    visits = [Visit(url, base_url) for url in pages]
    visits += [
        Visit(f"{base_url}search.html?q={word}", base_url, search=True) for word in SEARCH_WORDS
    ]

    findings = asyncio.run(_check(chromium, _origin(base_url), visits, csp=csp))

    problems = findings.report()
    assert problems == [], f"{len(problems)} of {len(visits)} pages:\n" + "\n".join(problems)


# --- archived markup in search results ---------------------------------------------------

# What each result on the search page shows, read from the DOM search.js drew.
_SHOWN_RESULTS = """() => ({
  xss: window.__xss || 0,
  tags: [...new Set([...document.querySelectorAll("#search-results *")].map((e) => e.localName))],
  results: [...document.querySelectorAll("#search-results > li")].map((item) => ({
    title: item.querySelector("h2 a").textContent,
    excerpt: item.querySelector(".excerpt").textContent,
    marked: [...item.querySelectorAll(".excerpt mark")].map((mark) => mark.textContent),
  })),
})"""
_MARKER = re.compile(rf"{MARKER_PREFIX}\d+")


def _articles_with_markup(site: Path) -> dict[str, tuple[str, str]]:
    """Marker word -> (title, text) of each article of the browser index whose title or
    text holds markup, as the index gives them to search.js."""
    found = {}
    for path in sorted(browser_index.cards_folder(site).glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        marker = _MARKER.search(document["x"])
        if marker and "<" in document["t"] + document["x"]:
            found[marker.group()] = (document["t"], document["x"])
    return found


async def _search_each(chromium: Path, base_url: str, words: list[str]) -> dict[str, Any]:
    """What the search page shows for each word, searched as a reader would."""
    shown = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = await browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(TIMEOUT_MS)
            for word in words:
                await page.goto(f"{base_url}search.html?q={quote(word)}")
                await page.locator(_RESULT_LINKS).first.wait_for()
                shown[word] = await page.evaluate(_SHOWN_RESULTS)
        finally:
            await browser.close()
    return shown


def test_archived_markup_in_titles_and_excerpts_stays_text_in_search_results(
    chromium_path: Path, built: Built, base_url: str
) -> None:
    """Each article whose title or text holds markup, found by its marker word: its result
    shows that markup as text, and search.js draws no element but its own."""
    articles = _articles_with_markup(built.site)
    assert len(articles) >= 20, "the vectors no longer put markup in titles and text"
    shown = asyncio.run(_search_each(chromium_path, base_url, sorted(articles)))

    problems = []
    for marker, seen in shown.items():
        title, text = articles[marker]
        drawn = set(seen["tags"]) - set(_RESULT_ELEMENTS)
        if seen["xss"] or drawn:
            problems.append(f"{marker}: xss={seen['xss']}, elements {sorted(drawn)}")
        if [result["title"] for result in seen["results"]] != [title]:
            problems.append(f"{marker}: titles {[r['title'] for r in seen['results']]}")
            continue
        (result,) = seen["results"]
        excerpt = result["excerpt"].removeprefix("… ").removesuffix(" …")
        if excerpt not in text or result["marked"] != [marker]:
            problems.append(f"{marker}: excerpt {result['excerpt']!r}, marked {result['marked']}")
    assert problems == [], "\n".join(problems)
    # The markup after each marker word is in its excerpt, shown as the text it was.
    assert any("<script>" in seen["results"][0]["excerpt"] for seen in shown.values())


# --- the checker can fail ----------------------------------------------------------------

# Hand-made pages written straight into the built site, bypassing the pipeline. Each must
# be caught, by the channel named. The "csp" page carries its own CSP: read as published it
# is a violation; with CSPs switched off its script runs.
CANARIES = {
    "inline-script": ("<script>window.__xss=1</script>", "xss"),
    "hover-handler": ('<p onmouseover="window.__xss=1">hover</p>', "xss"),
    "focus-handler": ('<p tabindex="0" onfocus="window.__xss=1">focus</p>', "xss"),
    "body-onload": ('<body onload="window.__xss=1">', "xss"),
    "javascript-link": ('<a href="javascript:window.__xss=1">link</a>', "javascript: link"),
    "dialog": ('<img src="x.png" onerror="alert(1)">', "dialog"),
    "request": ('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', "request"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "request"),
    "csp": (
        '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
        "<script>window.__xss=1</script>",
        "csp",
    ),
}


@pytest.mark.parametrize("csp", [True, False], ids=["as-published", "csp-off"])
def test_the_checker_flags_every_unsafe_canary(
    chromium_path: Path, built: Built, base_url: str, csp: bool
) -> None:
    folder = built.site / "xss-canary"
    folder.mkdir(exist_ok=True)
    for name, (markup, kind) in CANARIES.items():
        head = markup if kind == "csp" else ""  # a CSP <meta> counts only in <head>
        (folder / f"{name}.html").write_text(
            f"<!doctype html><html><head><title>canary</title>{head}</head>"
            f"<body><p>Unsafe on purpose.</p>{'' if head else markup}</body></html>",
            encoding="utf-8",
        )
    urls = {name: f"{base_url}xss-canary/{name}.html" for name in CANARIES}

    visits = [Visit(url, base_url) for url in urls.values()]
    try:
        findings = asyncio.run(_check(chromium_path, _origin(base_url), visits, csp=csp))
    finally:
        shutil.rmtree(folder)  # the built site holds only what the pipeline wrote

    missed = []
    for name, (_markup, kind) in CANARIES.items():
        expected = "xss" if kind == "csp" and not csp else kind
        found = findings.for_url(urls[name])
        if not any(finding.startswith(f"{expected}:") for finding in found):
            missed.append(f"{name}: expected {expected!r}, found {found}")
    assert missed == [], "\n".join(missed)
