"""Tags and sites of an archive built from real pages: a fixed sample of the devset.

Real publishers fill their keyword lists with wire codes, tickers and debris, and name
their sites with addresses and taglines. Each page is saved as a browser saves it, with
its address in a "saved from" mark; one article is the reader's own, with tags of
their own that look like codes, which the build must leave as they are.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import html as lxml_html

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core import config
from site_builder.core.records import IndexDocument
from site_builder.render.sites import registered_domain
from site_builder.search import browser_index, whoosh_index
from site_builder.search.browser_terms import TermAnalyzer, fold, words_of
from tests import eval_gate
from tests.search.browser_files import postings_of

# Every STEP-th page of each collection, in id order: about 200 pages, modern and old.
SAMPLE = {"wcxb_test": 4, "dragnet": 12}
OWN_TAGS = ["my_reading_list", "AP", "To read | later"]
OWN_STEM = "2020-01-01-my-notes"
# What no tag from a publisher may look like (the cases).
JUNK = (
    re.compile(r"_"),
    re.compile(r"&(?:#\d+|[a-z]{2,8});|^&[a-z]+$"),  # entities, whole or cut: "&quot"
    re.compile(r"^/"),
    re.compile(r"^[A-Z0-9]{1,6}\.[A-Z]{1,4}$"),  # tickers: "7974.TO"
    re.compile(r"\|"),
    re.compile(r"^(?:AP|A Wire|Top News|Front Page|Choice Plus)$", re.I),
)
MAX_TAG_CHARS = 40
MAX_TAG_WORDS = 5

pytestmark = pytest.mark.skipif(
    not eval_gate.DEVSET.is_dir(), reason=f"no devset at {eval_gate.DEVSET}"
)


def _save_sample(saved: Path) -> None:
    saved.mkdir(parents=True)
    for collection, step in SAMPLE.items():
        folder = eval_gate.DEVSET / collection
        addresses = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        pages = sorted((folder / "html").glob("*.html.gz"), key=lambda p: p.name)
        for page in pages[::step]:
            page_id = page.name.split(".")[0]
            url = addresses.get(page_id, {}).get("url", "")
            mark = f"<!-- saved from url=({len(url):04d}){url} -->\n".encode() if url else b""
            target = saved / f"{collection}-{page_id}.html"
            target.write_bytes(mark + gzip.decompress(page.read_bytes()))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> config.SiteConfig:
    root = tmp_path_factory.mktemp("real")
    _save_sample(root / "content" / "saved")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    own = "".join(f"- {tag}\n" for tag in [json.dumps(t) for t in OWN_TAGS])
    (articles / f"{OWN_STEM}.md").write_text(
        f"---\ntitle: My notes\npublished: '2020-01-01'\ntags:\n{own}---\n\nNotes.\n",
        encoding="utf-8",
    )
    settings = config.with_overrides(config.SiteConfig(), content_dir=root / "content")
    settings = config.with_overrides(settings, output_dir=root / "output")
    report = pipeline.build(settings, jobs=2)
    assert report.articles > 150, report.failed
    return settings


def _article_pages(archive: config.SiteConfig) -> dict[str, lxml_html.HtmlElement]:
    folder = archive.site_dir / "articles"
    return {p.stem: lxml_html.fromstring(p.read_bytes()) for p in sorted(folder.glob("*.html"))}


def _tags_of(page: lxml_html.HtmlElement) -> list[str]:
    return [str(t) for t in page.xpath("//ul[@class='tags']/li/a/text()")]


def test_publisher_tags_are_few_and_none_is_junk(archive: config.SiteConfig) -> None:
    pages = _article_pages(archive)
    publishers = {stem: _tags_of(page) for stem, page in pages.items() if stem != OWN_STEM}
    assert sum(1 for tags in publishers.values() if tags) > 30  # the sample has keywords
    assert max(len(tags) for tags in publishers.values()) <= 5
    junk = sorted(
        tag
        for tags in publishers.values()
        for tag in tags
        if any(p.search(tag) for p in JUNK)
        or len(tag) > MAX_TAG_CHARS
        or len(tag.split()) > MAX_TAG_WORDS
    )
    assert junk == []


def test_tags_edited_by_hand_survive_untouched(archive: config.SiteConfig) -> None:
    assert _tags_of(_article_pages(archive)[OWN_STEM]) == OWN_TAGS


def test_sites_are_named_once_per_domain_never_by_address_or_tagline(
    archive: config.SiteConfig,
) -> None:
    names_by_domain: dict[str, set[str]] = defaultdict(set)
    for page in _article_pages(archive).values():
        original = page.xpath("//aside//a[starts-with(@href, 'http')]/@href")
        site = page.xpath("string(//p[@class='meta']/a[@class='site'])")
        if original and site:
            names_by_domain[registered_domain(original[0]) or ""].add(str(site))
    assert len(names_by_domain) > 50
    assert {d: n for d, n in names_by_domain.items() if len(n) != 1} == {}
    index = lxml_html.fromstring((archive.site_dir / "sites" / "index.html").read_bytes())
    names = [str(n) for n in index.xpath("//ul[@id='sites']/li/a/text()")]
    assert len(names) == len(set(names)) > 50
    assert [n for n in names if "|" in n or "://" in n or n.lower().startswith("www.")] == []


def test_keywords_left_out_of_tags_are_still_found_by_both_searches(
    archive: config.SiteConfig,
) -> None:
    stem, keywords = _an_article_with_more_keywords_than_tags(archive)
    page = (archive.site_dir / "articles" / f"{stem}.html").read_text(encoding="utf-8")
    shown = set(_tags_of(lxml_html.fromstring(page)))
    left_out = next(k for k in keywords if k not in shown and re.fullmatch(r"[\w ]+", k))
    hits = whoosh_index.search(archive.whoosh_dir, f'keyword:"{left_out}"', limit=50)
    assert f"articles/{stem}.html" in [hit.path for hit in hits]
    # The browser search: the keyword's words lead to the article, and so does tag:.
    cards = browser_index.cards_folder(archive.site_dir)
    number = next(
        int(card.stem)
        for card in cards.glob("*.json")
        if json.loads(card.read_text(encoding="utf-8"))["p"] == f"articles/{stem}.html"
    )
    postings = postings_of(archive.site_dir)
    assert number in postings[f"tag:{' '.join(words_of(fold(left_out)))}"][1]
    article = archive.articles_dir / f"{stem}.md"
    language = store.parse(article.read_text(encoding="utf-8"), article).article.meta.language
    vocabulary = TermAnalyzer().document_terms(
        IndexDocument(path="x", title="", body=left_out, language=language)
    )
    for terms in vocabulary.words.values():
        assert all(number in postings[term][1] for term in terms)


def _an_article_with_more_keywords_than_tags(
    archive: config.SiteConfig,
) -> tuple[str, list[str]]:
    for path in sorted(archive.articles_dir.glob("*.md")):
        meta = store.load(path).article.meta
        if len(meta.keywords) > 8:
            return path.stem, list(meta.keywords)
    raise AssertionError("no article of the sample has more than eight keywords")
