"""The reader site at archive scale: 500 articles from 20 sites with 30 tags over six years.

The archive is written straight into content/articles/ as Markdown, as a user's archive
would hold it after many builds, then built once. The listings are checked against what
was generated; every link on every page is checked on disk; a browser then crawls the
site as served under /repo/, the way GitHub Pages serves a project site.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import Request, urlopen
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html
from playwright.sync_api import Response

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core import config
from site_builder.core.records import Article, ArticleMeta
from site_builder.render.listings import MONTHS
from tests.test_browser import TIMEOUT_MS, launch, require_chromium, serve

ARTICLES = 500
PER_PAGE = 50
FEED_ENTRIES = 50
BASE_URL = "https://example.github.io/repo/"
# Names that slug alike ("C++" and "C#"), or to nothing ("日本"), or carry accents and "&".
SITES = (
    "Ça m'intéresse",
    "The Times & Sunday",
    "Harbour Gazette",
    "Night Owl Review",
    "TinkerLab",
    "Le Courrier du Lac",
    "The Understory",
    "Field Notes",
    "Open Rivers",
    "Quiet Machines",
    "Signal and Noise",
    "The Long Table",
    "Northern Ledger",
    "Paper Trails",
    "Slow Journal",
    "Urban Almanac",
    "Weekend Essays",
    "Byte Sized",
    "The Commons",
    "Coastline Weekly",
)
TAGS = (
    "Long reads",
    "C++",
    "C#",
    "日本",
    "Python",
    "Rust",
    "Climate",
    "Cities",
    "Transport",
    "Energy",
    "Oceans",
    "Birds",
    "Bats",
    "History",
    "Maps",
    "Food",
    "Books",
    "Music",
    "Health",
    "Housing",
    "Schools",
    "Science",
    "Space",
    "Elections",
    "Courts",
    "Farming",
    "Rivers",
    "Bridges",
    "Weather",
    "Design",
)
FIRST_DAY = dt.date(2019, 1, 3)
DAYS_APART = 4  # 500 articles x 4 days: January 2019 to June 2024
HOME_PAGES = ["index.html"] + [f"page/{n}.html" for n in range(2, ARTICLES // PER_PAGE + 1)]
ATOM = "{http://www.w3.org/2005/Atom}"
# The browser reads every listing page but only a sample of the articles, to stay fast.
ARTICLE_SAMPLE_EVERY = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class Generated:
    href: str  # the article's page, relative to the site root
    site: str
    tags: frozenset[str]
    published: dt.date


def _generated() -> list[Generated]:
    """What the archive holds, newest first; dates are distinct, so the order is certain."""
    made = []
    for i in range(ARTICLES):
        day = FIRST_DAY + dt.timedelta(days=i * DAYS_APART)
        tags = {TAGS[1 + i % 29], TAGS[1 + (i * 7 + 3) % 29]}
        if i % 4 == 0:
            tags.add(TAGS[0])  # 125 articles: a tag whose listing runs to three pages
        made.append(
            Generated(
                href=f"articles/{day.isoformat()}-article-{i:03d}.html",
                site=SITES[i % len(SITES)],
                tags=frozenset(tags),
                published=day,
            )
        )
    return made[::-1]


GENERATED = _generated()


def _write_archive(root: Path) -> config.SiteConfig:
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "saved").mkdir()
    for n, item in enumerate(reversed(GENERATED)):
        stem = Path(item.href).stem
        published = item.published.isoformat() + ("T08:15:00" if n % 7 == 0 else "")
        meta = ArticleMeta(
            title=f"Report {n:03d}: notes from {item.site} on {' and '.join(sorted(item.tags))}",
            # A domain per site: the site of an article is its address's domain.
            url=f"https://www.site{SITES.index(item.site)}.example/{n:03d}"
            "/a-rather-long-address-that-must-wrap-somewhere",
            site_name=item.site,
            author=(f"Writer {n % 13}",),
            published=published,
            language="en",
            description=f"Article {n} of the synthetic archive, from {item.site}.",
            tags=tuple(sorted(item.tags)),
        )
        body = (
            f"Paragraph one of article {n}. It says little, at some length, so that the page "
            f"has text to show and the search has words to index.\n\n"
            f"## A section\n\nMore words, and [a link out](https://example.org/{n}) that "
            f"stays with the article.\n"
        )
        text = store.serialize(Article(meta=meta, body=body, stem=stem))
        (articles / f"{stem}.md").write_text(text, encoding="utf-8")
    (root / "site.toml").write_text(
        f'title = "Scale Archive"\nbase_url = "{BASE_URL}"\nper_page = {PER_PAGE}\n',
        encoding="utf-8",
    )
    return config.load_config(root / "site.toml")


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings = _write_archive(tmp_path_factory.mktemp("scale-archive"))
    report = pipeline.build(settings)
    assert report.failed == ()
    assert report.articles == ARTICLES
    return settings.output_dir / "site"


# --- reading the built pages -------------------------------------------------------------


def _doc(site_dir: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site_dir / path).read_bytes())


def _resolve(page: str, href: str) -> str | None:
    """A link on a page -> the path it names inside the site, or None for another host.

    Raises ValueError for a link to this host outside the site's /repo/ folder.
    """
    target, _fragment = urldefrag(urljoin(BASE_URL + page, href))
    if target.startswith(BASE_URL):
        return unquote(urlsplit(target).path[len(urlsplit(BASE_URL).path) :])
    if urlsplit(target).netloc == urlsplit(BASE_URL).netloc:
        raise ValueError(f"escapes the site: {href}")
    return None


def _entries(site_dir: Path, path: str) -> list[str]:
    doc = _doc(site_dir, path)
    return [_resolve(path, a.get("href")) or "" for a in doc.cssselect(".article-entry h2 a")]


def _pager(site_dir: Path, path: str) -> tuple[str | None, str | None, str]:
    doc = _doc(site_dir, path)
    links = {a.get("rel"): _resolve(path, a.get("href")) for a in doc.cssselect(".pager a[rel]")}
    counter = doc.cssselect(".pager > span")
    words = " ".join(s.text_content() for s in counter if s.text_content())
    return links.get("prev"), links.get("next"), words


def _listing(site_dir: Path, first: str) -> list[list[str]]:
    """The entries of each page of a paginated list, following its "next" links."""
    pages, path, previous = [], first, None
    while path is not None:
        prev_link, next_link, _counter = _pager(site_dir, path)
        assert prev_link == previous, f"{path}: previous page is {prev_link}, not {previous}"
        pages.append(_entries(site_dir, path))
        previous, path = path, next_link
    return pages


def _groups(site_dir: Path, index: str) -> dict[str, tuple[str, int]]:
    """A browse index: name -> (page, count shown)."""
    doc = _doc(site_dir, index)
    groups = {}
    for item in doc.cssselect(".group-list li"):
        link = item.cssselect("a")[0]
        count = int(item.cssselect(".count")[0].text_content())
        groups[link.text_content()] = (_resolve(index, link.get("href")) or "", count)
    return groups


# --- listings ----------------------------------------------------------------------------


def test_home_pages_list_every_article_once_newest_first(site_dir: Path) -> None:
    order = [item.href for item in GENERATED]
    seen: list[str] = []
    for number, path in enumerate(HOME_PAGES, start=1):
        entries = _entries(site_dir, path)
        assert entries == order[(number - 1) * PER_PAGE : number * PER_PAGE], path
        previous, following, counter = _pager(site_dir, path)
        assert previous == (HOME_PAGES[number - 2] if number > 1 else None), path
        assert following == (HOME_PAGES[number] if number < len(HOME_PAGES) else None), path
        assert counter == f"Page {number} of {len(HOME_PAGES)}", path
        seen += entries

    assert len(HOME_PAGES) == 10
    assert Counter(seen) == Counter(order)  # each of the 500 exactly once
    assert not (site_dir / "page" / "1.html").exists()
    assert not (site_dir / "page" / "11.html").exists()


def test_every_article_page_links_its_neighbours(site_dir: Path) -> None:
    order = [item.href for item in GENERATED]
    for position in (0, 1, 250, ARTICLES - 1):
        previous, following, _counter = _pager(site_dir, order[position])
        assert previous == (order[position - 1] if position > 0 else None)
        assert following == (order[position + 1] if position + 1 < ARTICLES else None)


@pytest.mark.parametrize(
    ("folder", "names", "keys", "longest"),
    [
        ("sites", SITES, lambda item: {item.site}, 1),
        ("tags", TAGS, lambda item: item.tags, 3),  # "Long reads" runs to three pages
    ],
    ids=["sites", "tags"],
)
def test_a_page_per_site_and_tag_lists_exactly_its_articles(
    site_dir: Path,
    folder: str,
    names: tuple[str, ...],
    keys: Callable[[Generated], Iterable[str]],
    longest: int,
) -> None:
    expected: dict[str, list[str]] = defaultdict(list)
    for item in GENERATED:
        for key in keys(item):
            expected[key].append(item.href)

    groups = _groups(site_dir, f"{folder}/index.html")
    assert sorted(groups) == sorted(names)
    assert len({page for page, _count in groups.values()}) == len(names)  # no shared slugs
    # Most articles first, then by name.
    counts = [(-count, name.casefold()) for name, (_page, count) in groups.items()]
    assert counts == sorted(counts)
    page_counts = []
    for name, (page, count) in groups.items():
        pages = _listing(site_dir, page)
        page_counts.append(len(pages))
        assert count == len(expected[name]), name
        assert [len(entries) for entries in pages[:-1]] == [PER_PAGE] * (len(pages) - 1)
        assert [href for entries in pages for href in entries] == expected[name], name

    assert max(page_counts) == longest


def test_year_pages_group_by_month_newest_first(site_dir: Path) -> None:
    by_year: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item in GENERATED:
        by_year[item.published.year][item.published.month].append(item.href)

    groups = _groups(site_dir, "years/index.html")
    assert list(groups) == [str(year) for year in sorted(by_year, reverse=True)]
    for year, months in by_year.items():
        page, count = groups[str(year)]
        assert count == sum(len(entries) for entries in months.values())
        doc = _doc(site_dir, page)
        shown = {}
        for section in doc.cssselect("section.month"):
            name = section.cssselect("h2")[0].text_content()
            links = section.cssselect(".compact-list li a")
            shown[MONTHS.index(name) + 1] = [_resolve(page, a.get("href")) for a in links]
        assert list(shown) == sorted(months, reverse=True), page
        assert shown == months, page


def test_the_feed_holds_the_newest_fifty(site_dir: Path) -> None:
    feed = ElementTree.parse(site_dir / "feed.xml").getroot()
    links = [
        entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        for entry in feed.findall(f"{ATOM}entry")
    ]
    assert links == [BASE_URL + item.href for item in GENERATED[:FEED_ENTRIES]]


def test_continuation_pages_never_share_a_name_with_another_group(tmp_path: Path) -> None:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    # "C#" and "C++" both slug to "c": one becomes "c", the other "c-2".
    for day, tag in ((1, "C#"), (2, "C#"), (3, "C++")):
        meta = ArticleMeta(title=f"On {tag}, part {day}", published=f"2020-01-0{day}", tags=(tag,))
        article = Article(meta=meta, body="Some words.\n", stem=f"2020-01-0{day}-part-{day}")
        (articles / f"{article.stem}.md").write_text(store.serialize(article), encoding="utf-8")
    (tmp_path / "site.toml").write_text('title = "T"\nper_page = 1\n', encoding="utf-8")
    settings = config.load_config(tmp_path / "site.toml")
    assert pipeline.build(settings).failed == ()
    site = settings.output_dir / "site"

    for name, (page, count) in _groups(site, "tags/index.html").items():
        paths = _pages_of(site, page)
        assert [_doc(site, path).cssselect("h1")[0].text_content() for path in paths] == [
            name
        ] * count, paths


def _pages_of(site_dir: Path, first: str) -> list[str]:
    paths: list[str] = []
    path: str | None = first
    while path is not None and path not in paths:
        paths.append(path)
        path = _pager(site_dir, path)[1]
    return paths


# --- links -------------------------------------------------------------------------------


def test_every_internal_link_on_every_page_resolves(site_dir: Path) -> None:
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    assert len(pages) > ARTICLES + len(HOME_PAGES) + len(SITES) + len(TAGS)
    problems: list[str] = []
    checked = 0
    for page in pages:
        doc = _doc(site_dir, page)
        ids = set(doc.xpath("//@id"))
        for element, attribute, link, _pos in doc.iterlinks():
            if element.tag not in {"a", "link", "script", "img"}:
                continue
            try:
                target = _resolve(page, link)
            except ValueError as err:
                problems.append(f"{page}: {err}")
                continue
            if target is None:
                continue
            if target == "" or target.endswith("/"):
                target += "index.html"
            fragment = urldefrag(link).fragment
            checked += 1
            if posixpath.normpath(target).startswith("../"):
                problems.append(f"{page}: <{element.tag} {attribute}> escapes the site: {link}")
            elif not (site_dir / target).is_file():
                problems.append(f"{page}: <{element.tag} {attribute}> is broken: {link}")
            elif fragment and target == page and fragment not in ids:
                problems.append(f"{page}: no element with id {fragment!r}: {link}")

    assert problems == [], "\n".join(problems[:40])
    assert checked > 10 * ARTICLES


# --- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def _head(url: str) -> int:
    """The status of a page the crawl need not render: a feed, a stylesheet, an article."""
    try:
        with urlopen(Request(url, method="HEAD"), timeout=10) as response:
            return int(response.status)
    except HTTPError as err:
        return err.code


@pytest.mark.browser
def test_a_browser_crawl_finds_no_broken_or_escaping_link(site_dir: Path, base_url: str) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    prefix = urlsplit(base_url).path
    every_article = {base_url + item.href for item in GENERATED}
    sample = {base_url + item.href for item in GENERATED[::ARTICLE_SAMPLE_EVERY]}
    problems: list[str] = []
    seen = {f"{base_url}index.html"}
    queue = deque(seen)
    opened = 0

    def failed(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    with launch(require_chromium()) as browser:
        context = browser.new_context()
        context.set_default_timeout(TIMEOUT_MS)
        # Nothing leaves the loopback server; links out are only collected, never opened.
        context.route(lambda url: not url.startswith(origin), lambda route: route.abort())
        page = context.new_page()
        page.on("response", failed)
        try:
            while queue:
                url = queue.popleft()
                if not url.endswith(".html") or (url in every_article and url not in sample):
                    status = _head(url)
                    if status != 200:
                        problems.append(f"HTTP {status}: {url}")
                    continue
                response = page.goto(url, wait_until="domcontentloaded")
                opened += 1
                if response is None or response.status != 200:
                    continue  # reported by failed()
                hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
                for href in hrefs:
                    target, _fragment = urldefrag(href)
                    if not target.startswith(origin):
                        continue
                    if not urlsplit(target).path.startswith(prefix):
                        problems.append(f"escapes {prefix}: {href} on {url}")
                    elif target not in seen:
                        seen.add(target)
                        queue.append(target)
        finally:
            context.close()

    assert problems == [], "\n".join(problems[:40])
    assert every_article <= seen, f"{len(every_article - seen)} articles not reachable"
    assert f"{base_url}search.html" in seen
    assert opened >= len(sample) + len(HOME_PAGES) + len(SITES) + len(TAGS)
