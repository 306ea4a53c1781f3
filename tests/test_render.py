"""Rendering: the article page, the index, relative links, and article HTML safety."""

from __future__ import annotations

import difflib
import random
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from site_builder import render
from site_builder.core.config import SiteConfig
from site_builder.core.records import Article, ArticleMeta
from site_builder.render import site as render_site

BODY = """\
Russia said on Sunday it was ready to help.

## 'WARY RUSSIA'

- one point
- another point

<script>alert(1)</script> and <b onclick="x()">raw</b> stay text.

[a link](https://example.org/x) and [bad](javascript:alert(1)).
"""


def _article(stem: str, title: str, published: str | None, body: str = BODY) -> Article:
    meta = ArticleMeta(
        title=title,
        url="https://www.tbsnews.net/world/putin",
        site_name="The Business Standard",
        author="Reuters",
        published=published,
        tags=("Russia", "Belarus"),
        description="The Kremlin said Putin had told Lukashenko Russia was ready.",
        source="saved/x.txt",
    )
    return Article(meta=meta, body=body, stem=stem)


def _render(tmp_path: Path, articles: list[Article]) -> Path:
    config = SiteConfig(title="Test <Archive>", output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render.render_site([render.prepare(a) for a in articles], config, site)
    return site


def test_article_page_shows_title_metadata_link_and_content(tmp_path: Path) -> None:
    site = _render(tmp_path, [_article("2020-08-16-putin", "Putin & Belarus", "2020-08-16")])
    page = lxml_html.fromstring((site / "articles" / "2020-08-16-putin.html").read_bytes())

    assert page.findtext(".//h1") == "Putin & Belarus"
    assert page.findtext(".//title") == "Putin & Belarus · Test <Archive>"
    meta_line = " ".join(page.xpath("string(//article//p[@class='meta'])").split())
    assert meta_line == "The Business Standard by Reuters 16 August 2020 1 min read"
    assert page.xpath("//time/@datetime") == ["2020-08-16"]
    assert page.xpath("//aside//a[starts-with(@href, 'http')]/@href") == [
        "https://www.tbsnews.net/world/putin"
    ]
    assert page.xpath("//ul[@class='tags']/li/a/text()") == ["Russia", "Belarus"]
    assert page.xpath("//ul[@class='tags']/li/a/@href") == [
        "../tags/russia.html",
        "../tags/belarus.html",
    ]
    content = page.xpath("//div[@class='content']")[0]
    assert [child.tag for child in content] == ["p", "h2", "ul", "p", "p"]
    assert content.findtext("h2") == "'WARY RUSSIA'"
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["../static/style.css"]
    assert page.xpath("//a[@class='site-title']/@href") == ["../index.html"]


def test_raw_html_and_script_urls_in_markdown_never_become_markup(tmp_path: Path) -> None:
    site = _render(tmp_path, [_article("2020-08-16-putin", "Putin", "2020-08-16")])
    source = (site / "articles" / "2020-08-16-putin.html").read_text(encoding="utf-8")
    page = lxml_html.fromstring(source)
    content = page.xpath("//div[@class='content']")[0]
    assert content.xpath(".//script | .//b | .//*[@onclick]") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source  # shown as text
    assert content.xpath(".//a/@href") == ["https://example.org/x"]  # javascript: dropped
    # The theme toggle is the only script an article page runs.
    assert page.xpath("//script/@src") == ["../static/theme.js"]
    assert [s.text for s in page.xpath("//script")] == [None]


def test_index_lists_newest_first_with_relative_links(tmp_path: Path) -> None:
    articles = [
        _article("2019-01-01-old", "Old story", "2019-01-01"),
        _article("undated-mystery", "Undated story", None),
        _article("2021-05-14-new", "New story", "2021-05-14T07:30:00+01:00"),
    ]
    site = _render(tmp_path, articles)
    index = lxml_html.fromstring((site / "index.html").read_bytes())
    assert index.xpath("//li[@class='article-entry']//h2/a/text()") == [
        "New story",
        "Old story",
        "Undated story",
    ]
    assert index.xpath("//li[@class='article-entry']//h2/a/@href") == [
        "articles/2021-05-14-new.html",
        "articles/2019-01-01-old.html",
        "articles/undated-mystery.html",
    ]
    excerpt = index.xpath("string(//p[@class='excerpt'])")
    assert excerpt == "The Kremlin said Putin had told Lukashenko Russia was ready."
    older = lxml_html.fromstring((site / "articles" / "2019-01-01-old.html").read_bytes())
    assert older.xpath("//a[@rel='prev']/@href") == ["../articles/2021-05-14-new.html"]
    assert older.xpath("//a[@rel='next']/@href") == ["../articles/undated-mystery.html"]


def test_no_page_loads_anything_from_another_origin(tmp_path: Path) -> None:
    site = _render(tmp_path, [_article("2020-08-16-putin", "Putin", "2020-08-16")])
    for page_path in site.rglob("*.html"):
        page = lxml_html.fromstring(page_path.read_bytes())
        loaded = page.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src")
        assert all(not re.match(r"^(https?:)?//", url) for url in loaded), page_path


def test_site_has_search_404_static_and_nojekyll(tmp_path: Path) -> None:
    site = _render(tmp_path, [_article("2020-08-16-putin", "Putin", "2020-08-16")])
    search = lxml_html.fromstring((site / "search.html").read_bytes())
    assert search.xpath("//script/@src") == [
        "static/theme.js",
        "pagefind/pagefind-ui.js",
        "static/search.js",
    ]
    assert (site / "404.html").is_file()
    assert (site / ".nojekyll").is_file()
    assert (site / "static" / "style.css").is_file()


def test_user_template_overrides_and_extends_the_stock_one(tmp_path: Path) -> None:
    user_templates = tmp_path / "theme"
    user_templates.mkdir()
    (user_templates / "article.html").write_text(
        '{% extends "default:article.html" %}'
        "{% block main %}<p class='mine'>MINE</p>{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    config = SiteConfig(templates_dir=user_templates, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    article = _article("2020-08-16-putin", "Putin", "2020-08-16")
    render.render_site([render.prepare(article)], config, site)
    page = lxml_html.fromstring((site / "articles" / "2020-08-16-putin.html").read_bytes())
    assert page.xpath("//p[@class='mine']/text()") == ["MINE"]
    assert page.findtext(".//h1") == "Putin"


def test_display_date_is_locale_free() -> None:
    assert render.display_date("2020-08-16T17:45:00") == "16 August 2020"
    assert render.display_date("2020-13-01") is None
    assert render.display_date(None) is None


def test_html_to_text_breaks_lines_between_blocks() -> None:
    assert render.html_to_text(
        "<h2>Head</h2><p>One <b>two</b></p><ul><li>a</li><li>b</li></ul>"
    ) == ("Head\nOne two\na\nb")


def test_hand_edited_javascript_url_is_not_linked(tmp_path: Path) -> None:
    article = _article("2020-08-16-putin", "Putin", "2020-08-16")
    from dataclasses import replace

    evil = replace(article, meta=replace(article.meta, url="javascript:alert(document.cookie)"))
    site = _render(tmp_path, [evil])
    source = (site / "articles" / "2020-08-16-putin.html").read_text(encoding="utf-8")
    assert "javascript:" not in source


def test_remote_images_load_lazily_without_referrer(tmp_path: Path) -> None:
    body = "![A bat detector](https://example.org/bat.jpg)\n"
    site = _render(tmp_path, [_article("2020-08-16-bats", "Bats", "2020-08-16", body=body)])
    page = lxml_html.fromstring((site / "articles" / "2020-08-16-bats.html").read_bytes())
    (image,) = page.xpath("//div[@class='content']//img")
    assert dict(image.attrib) == {
        "src": "https://example.org/bat.jpg",
        "alt": "A bat detector",
        "loading": "lazy",
        "referrerpolicy": "no-referrer",
    }


def test_404_page_links_from_the_site_path_when_base_url_is_known(tmp_path: Path) -> None:
    config = SiteConfig(base_url="https://user.github.io/repo", output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render.render_site([], config, site)
    page = lxml_html.fromstring((site / "404.html").read_bytes())
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["/repo/static/style.css"]
    assert "/repo/index.html" in page.xpath("//a/@href")


def test_standfirst_is_not_shown_twice(tmp_path: Path) -> None:
    body = "The Kremlin said Putin had told Lukashenko Russia was ready!\n\nMore text.\n"
    repeated = _article("2020-08-16-a", "A", "2020-08-16", body=body)
    fresh = _article("2020-08-15-b", "B", "2020-08-15")
    site = _render(tmp_path, [repeated, fresh])
    page_a = lxml_html.fromstring((site / "articles" / "2020-08-16-a.html").read_bytes())
    page_b = lxml_html.fromstring((site / "articles" / "2020-08-15-b.html").read_bytes())
    assert page_a.xpath("//p[@class='standfirst']") == []
    assert page_b.xpath("//p[@class='standfirst']/text()") == [
        "The Kremlin said Putin had told Lukashenko Russia was ready."
    ]


def test_short_extraction_is_flagged_on_the_page(tmp_path: Path) -> None:
    article = _article("2020-08-16-a", "A", "2020-08-16")
    from dataclasses import replace

    short = replace(article, meta=replace(article.meta, quality="short"))
    fine = replace(article, stem="2020-08-15-b", meta=replace(article.meta, quality="ok"))
    site = _render(tmp_path, [short, fine])
    flagged = lxml_html.fromstring((site / "articles" / "2020-08-16-a.html").read_bytes())
    normal = lxml_html.fromstring((site / "articles" / "2020-08-15-b.html").read_bytes())
    assert "the whole page is kept" in flagged.xpath("string(//p[@role='note'])")
    assert normal.xpath("//p[@role='note']") == []


def test_every_page_starts_its_head_with_a_strict_csp(tmp_path: Path) -> None:
    site = _render(tmp_path, [_article("2020-08-16-putin", "Putin", "2020-08-16")])
    for page_path in sorted(site.rglob("*.html")):
        head = lxml_html.fromstring(page_path.read_bytes()).find("head")
        first = head[0]
        assert first.tag == "meta" and first.get("http-equiv") == "Content-Security-Policy"
        directives = (part.strip().partition(" ") for part in first.get("content").split(";"))
        policy = {name: value for name, _, value in directives}
        assert policy["default-src"] == "'none'"
        assert policy["base-uri"] == "'none'"
        assert policy["form-action"] == "'none'"
        assert policy["object-src"] == "'none'"
        if page_path.name == "search.html":
            assert policy["script-src"] == "'self' 'wasm-unsafe-eval'", page_path
        else:  # only the theme toggle, pinned by its hash
            (script,) = head.xpath("script")
            assert policy["script-src"] == f"'{script.get('integrity')}'", page_path
        assert head.xpath("meta[@name='referrer']/@content") == ["no-referrer"]


def _many(count: int) -> list[Article]:
    sites = ["Alpha News", "Beta Blog", "Gamma Times"]
    tags = ["Energy", "Rivers", "Ports", "Énergie"]
    articles = []
    for n in range(count):
        article = _article(
            f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}-story-{n}",
            f"Story {n}",
            f"202{n % 3}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        )
        from dataclasses import replace

        meta = replace(article.meta, site_name=sites[n % 3], tags=(tags[n % 4], tags[(n + 1) % 4]))
        articles.append(replace(article, meta=meta))
    return articles


def test_home_page_is_paginated_with_working_neighbours(tmp_path: Path) -> None:
    config = SiteConfig(per_page=4, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render.render_site([render.prepare(a) for a in _many(10)], config, site)
    first = lxml_html.fromstring((site / "index.html").read_bytes())
    second = lxml_html.fromstring((site / "page" / "2.html").read_bytes())
    last = lxml_html.fromstring((site / "page" / "3.html").read_bytes())
    assert len(first.xpath("//li[@class='article-entry']")) == 4
    assert len(last.xpath("//li[@class='article-entry']")) == 2
    assert first.xpath("//nav[@class='pager']/a[@rel='next']/@href") == ["page/2.html"]
    assert second.xpath("//nav[@class='pager']/a/@href") == ["../index.html", "../page/3.html"]
    assert second.xpath("//link[@rel='stylesheet']/@href") == ["../static/style.css"]
    assert not (site / "page" / "4.html").exists()


def test_browse_pages_by_site_tag_and_year(tmp_path: Path) -> None:
    config = SiteConfig(per_page=50, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render.render_site([render.prepare(a) for a in _many(12)], config, site)
    sites = lxml_html.fromstring((site / "sites" / "index.html").read_bytes())
    assert sites.xpath("//ul[@class='group-list']/li/a/text()") == [
        "Alpha News",
        "Beta Blog",
        "Gamma Times",
    ]
    assert sites.xpath("//ul[@class='group-list']/li/a/@href") == [
        "../sites/alpha-news.html",
        "../sites/beta-blog.html",
        "../sites/gamma-times.html",
    ]
    alpha = lxml_html.fromstring((site / "sites" / "alpha-news.html").read_bytes())
    assert len(alpha.xpath("//li[@class='article-entry']")) == 4
    tags = lxml_html.fromstring((site / "tags" / "index.html").read_bytes())
    assert sorted(tags.xpath("//ul[@class='group-list']/li/a/@href")) == [
        "../tags/energie.html",
        "../tags/energy.html",
        "../tags/ports.html",
        "../tags/rivers.html",
    ]
    years = lxml_html.fromstring((site / "years" / "index.html").read_bytes())
    assert years.xpath("//ul[@class='group-list']/li/a/text()") == ["2022", "2021", "2020"]
    year = lxml_html.fromstring((site / "years" / "2021.html").read_bytes())
    months = year.xpath("//section[@class='month']/h2/text()")
    assert months == sorted(months, key=lambda m: -listings_month(m))
    assert year.xpath("count(//ul[@class='compact-list']/li)") == 4


def listings_month(name: str) -> int:
    from site_builder.render.listings import MONTHS

    return MONTHS.index(name) + 1


def test_feed_sitemap_and_robots(tmp_path: Path) -> None:
    config = SiteConfig(base_url="https://user.github.io/repo/", output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render.render_site([render.prepare(a) for a in _many(60)], config, site)
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 50
    first_link = entries[0].find(f"{atom}link").get("href")
    assert first_link.startswith("https://user.github.io/repo/articles/")
    assert feed.find(f"{atom}updated").text == "2022-12-24T00:00:00Z"  # the newest entry
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    assert len(sitemap) == 61  # the home page and every article
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in robots


def _feed_updated(site: Path) -> list[str]:
    """The feed's time, then each entry's."""
    from xml.etree import ElementTree

    feed = ElementTree.parse(site / "feed.xml").getroot()
    return [element.text or "" for element in feed.iter("{http://www.w3.org/2005/Atom}updated")]


def test_a_feed_with_no_dated_article_shows_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    undated = [_article("first-undated", "First", None), _article("second-undated", "Two", None)]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _feed_updated(_render(tmp_path / "unset", undated)) == ["1970-01-01T00:00:00Z"] * 3
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _feed_updated(_render(tmp_path / "set", undated)) == ["2023-11-14T22:13:20Z"] * 3
    # Dated articles give the feed their own newest date, whatever the build's time.
    assert _feed_updated(_render(tmp_path / "dated", _many(3)))[0] == "2022-03-03T00:00:00Z"


def test_no_sitemap_without_base_url(tmp_path: Path) -> None:
    site = _render(tmp_path, _many(3))
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap" not in (site / "robots.txt").read_text(encoding="utf-8")
    from xml.etree import ElementTree

    ElementTree.parse(site / "feed.xml")  # still well-formed


def test_original_is_published_as_text_never_as_html(tmp_path: Path) -> None:
    content = tmp_path / "content"
    saved = content / "saved"
    saved.mkdir(parents=True)
    (saved / "page.html").write_text("<script>alert(1)</script><p>hi</p>", encoding="utf-8")
    article = _article("2020-08-16-putin", "Putin", "2020-08-16")
    from dataclasses import replace

    article = replace(
        article, meta=replace(article.meta, source="saved/page.html", source_sha256="ab" * 32)
    )
    config = SiteConfig(content_dir=content, saved_dir=saved, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render.render_site([render.prepare(article)], config, site)
    published = site / "originals" / f"{'ab' * 16}.txt"
    assert published.read_text(encoding="utf-8") == "<script>alert(1)</script><p>hi</p>"
    page = lxml_html.fromstring((site / "articles" / "2020-08-16-putin.html").read_bytes())
    assert page.xpath("//a[@download]/@href") == [f"../originals/{'ab' * 16}.txt"]


def test_a_reworded_standfirst_is_not_shown_twice(tmp_path: Path) -> None:
    from dataclasses import replace

    body = (
        "Drivers face lengthy diversions from 7 June as engineers replace corroded steelwork"
        " on Kingsmouth's 140-year-old swing bridge\n\nQuay Street will close.\n"
    )
    article = _article("2021-05-14-bridge", "Bridge", "2021-05-14", body=body)
    article = replace(
        article,
        meta=replace(
            article.meta,
            description=(
                "Drivers face lengthy diversions from 7 June as engineers replace corroded"
                " steelwork on the 140-year-old swing bridge"
            ),
        ),
    )
    site = _render(tmp_path, [article])
    page = lxml_html.fromstring((site / "articles" / "2021-05-14-bridge.html").read_bytes())
    assert page.xpath("//p[@class='standfirst']") == []


def test_html_to_text_keeps_table_cells_apart() -> None:
    fragment = "<table><tr><th>Security</th><td>Provides</td></tr></table>"
    assert render.html_to_text(fragment) == "Security\nProvides"


_BRIDGE = (
    "Drivers face lengthy diversions from 7 June as engineers replace corroded steelwork"
    " on the 140-year-old swing bridge"
)


@pytest.mark.parametrize(
    ("opening", "shown"),
    [
        # ratio 0.91: the same standfirst, shortened; a near copy is not shown again.
        (
            "Drivers face diversions from 7 June as engineers replace corroded steel"
            " on the 140-year-old bridge",
            False,
        ),
        # The same letters in another order: both quick bounds say 1.0, ratio() 0.83.
        (
            "Drivers face lengthy diversions from 7 June as engineers replace on the"
            " 140-year-old swing bridge corroded steelwork",
            True,
        ),
        # Similar length, other words: real_quick_ratio 0.89, quick_ratio 0.67.
        (
            "The city council has voted to close the municipal swimming pool for a year"
            " of repairs to its roof",
            True,
        ),
        # Much shorter: real_quick_ratio 0.55 settles it.
        ("Engineers will replace the old swing bridge", True),
    ],
)
def test_standfirst_similarity_is_difflibs_ratio(opening: str, shown: bool) -> None:
    text = f"{opening}\nQuay Street will close."
    wanted, first = render_site._letters(_BRIDGE), render_site._letters(opening)
    ratio = difflib.SequenceMatcher(None, wanted, first, autojunk=False).ratio()
    assert (ratio < render.STANDFIRST_SIMILARITY) == shown
    assert render_site._standfirst(_BRIDGE, text) == (_BRIDGE if shown else None)


def test_similarity_is_difflibs_for_any_pair() -> None:
    rng = random.Random(3)
    for _ in range(5000):
        a = "".join(rng.choices("abcd", k=rng.randint(0, 24)))
        b = "".join(rng.choices("abcd", k=rng.randint(0, 24)))
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert render_site._similar(a, b) == (ratio >= render.STANDFIRST_SIMILARITY), (a, b)


def test_letters_are_the_alphanumerics_of_every_character() -> None:
    every = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF)
    assert render_site._letters(every) == "".join(ch for ch in every.casefold() if ch.isalnum())


def test_one_article_leaves_nothing_behind_for_the_next() -> None:
    first = "See [the report][r].\n\n[r]: https://example.org/report\n\n```\ncode <b>\n```\n"
    assert 'href="https://example.org/report"' in render.markdown_to_html(first)
    # The converter is reused; the first article's reference must not resolve here.
    second = render.markdown_to_html("See [the report][r].\n")
    assert "href" not in second
    assert second == "<p>See [the report][r].</p>"
    assert render.markdown_to_html(first) == render.markdown_to_html(first)
