"""The whole site: the article page, the lists, relative links, and article HTML safety."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from pathlib import Path

from lxml import html as lxml_html

from site_builder.core.config import SiteConfig
from site_builder.render.listings import MONTHS
from tests.render.conftest import many_articles, news_article, render_articles, rendered_site


def test_article_page_shows_title_metadata_link_and_content(tmp_path: Path) -> None:
    site = rendered_site(
        tmp_path, [news_article("2020-08-16-putin", "Putin & Belarus", "2020-08-16")]
    )
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
    assert page.xpath("//link[@rel='stylesheet']/@href") == [
        "../static/style.css",
        "../static/highlight.css",
    ]
    assert page.xpath("//a[@class='site-title']/@href") == ["../index.html"]


def test_raw_html_and_script_urls_in_markdown_never_become_markup(tmp_path: Path) -> None:
    site = rendered_site(tmp_path, [news_article("2020-08-16-putin", "Putin", "2020-08-16")])
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
        news_article("2019-01-01-old", "Old story", "2019-01-01"),
        news_article("undated-mystery", "Undated story", None),
        news_article("2021-05-14-new", "New story", "2021-05-14T07:30:00+01:00"),
    ]
    site = rendered_site(tmp_path, articles)
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
    site = rendered_site(tmp_path, [news_article("2020-08-16-putin", "Putin", "2020-08-16")])
    for page_path in site.rglob("*.html"):
        page = lxml_html.fromstring(page_path.read_bytes())
        loaded = page.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src")
        assert all(not re.match(r"^(https?:)?//", url) for url in loaded), page_path


def test_site_has_search_404_static_and_nojekyll(tmp_path: Path) -> None:
    site = rendered_site(tmp_path, [news_article("2020-08-16-putin", "Putin", "2020-08-16")])
    search = lxml_html.fromstring((site / "search.html").read_bytes())
    # The search page runs its own script over the static index; nothing else loads.
    assert search.xpath("//script/@src") == ["static/theme.js", "static/search.js"]
    assert search.xpath("//form[@id='search-form']//input[@type='search']/@id") == ["search-input"]
    assert search.xpath("//ol[@id='search-results']/@id") == ["search-results"]
    assert search.xpath("//p[@id='search-status']/@role") == ["status"]
    assert sorted(search.xpath("//fieldset[@class='search-sort']//input/@value")) == [
        "date",
        "relevance",
    ]
    assert not (site / "pagefind").exists()
    for script in search.xpath("//script"):  # each pinned by the hash of what is published
        published = (site / script.get("src")).read_bytes()
        digest = base64.b64encode(hashlib.sha256(published).digest()).decode("ascii")
        assert script.get("integrity") == f"sha256-{digest}", script.get("src")
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
    article = news_article("2020-08-16-putin", "Putin", "2020-08-16")
    render_articles([article], config, site)
    page = lxml_html.fromstring((site / "articles" / "2020-08-16-putin.html").read_bytes())
    assert page.xpath("//p[@class='mine']/text()") == ["MINE"]
    assert page.findtext(".//h1") == "Putin"


def test_hand_edited_javascript_url_is_not_linked(tmp_path: Path) -> None:
    article = news_article("2020-08-16-putin", "Putin", "2020-08-16")
    evil = replace(article, meta=replace(article.meta, url="javascript:alert(document.cookie)"))
    site = rendered_site(tmp_path, [evil])
    source = (site / "articles" / "2020-08-16-putin.html").read_text(encoding="utf-8")
    assert "javascript:" not in source


def test_remote_images_load_lazily_without_referrer(tmp_path: Path) -> None:
    body = "![A bat detector](https://example.org/bat.jpg)\n"
    site = rendered_site(
        tmp_path, [news_article("2020-08-16-bats", "Bats", "2020-08-16", body=body)]
    )
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
    render_articles([], config, site)
    page = lxml_html.fromstring((site / "404.html").read_bytes())
    assert page.xpath("//link[@rel='stylesheet']/@href") == [
        "/repo/static/style.css",
        "/repo/static/highlight.css",
    ]
    assert "/repo/index.html" in page.xpath("//a/@href")


def test_standfirst_is_not_shown_twice(tmp_path: Path) -> None:
    body = "The Kremlin said Putin had told Lukashenko Russia was ready!\n\nMore text.\n"
    repeated = news_article("2020-08-16-a", "A", "2020-08-16", body=body)
    fresh = news_article("2020-08-15-b", "B", "2020-08-15")
    site = rendered_site(tmp_path, [repeated, fresh])
    page_a = lxml_html.fromstring((site / "articles" / "2020-08-16-a.html").read_bytes())
    page_b = lxml_html.fromstring((site / "articles" / "2020-08-15-b.html").read_bytes())
    assert page_a.xpath("//p[@class='standfirst']") == []
    assert page_b.xpath("//p[@class='standfirst']/text()") == [
        "The Kremlin said Putin had told Lukashenko Russia was ready."
    ]


def test_a_reworded_standfirst_is_not_shown_twice(tmp_path: Path) -> None:
    body = (
        "Drivers face lengthy diversions from 7 June as engineers replace corroded steelwork"
        " on Kingsmouth's 140-year-old swing bridge\n\nQuay Street will close.\n"
    )
    article = news_article("2021-05-14-bridge", "Bridge", "2021-05-14", body=body)
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
    site = rendered_site(tmp_path, [article])
    page = lxml_html.fromstring((site / "articles" / "2021-05-14-bridge.html").read_bytes())
    assert page.xpath("//p[@class='standfirst']") == []


def test_short_extraction_is_flagged_on_the_page(tmp_path: Path) -> None:
    article = news_article("2020-08-16-a", "A", "2020-08-16")
    short = replace(article, meta=replace(article.meta, quality="short"))
    fine = replace(article, stem="2020-08-15-b", meta=replace(article.meta, quality="ok"))
    site = rendered_site(tmp_path, [short, fine])
    flagged = lxml_html.fromstring((site / "articles" / "2020-08-16-a.html").read_bytes())
    normal = lxml_html.fromstring((site / "articles" / "2020-08-15-b.html").read_bytes())
    assert "the whole page is kept" in flagged.xpath("string(//p[@role='note'])")
    assert normal.xpath("//p[@role='note']") == []


def test_every_page_starts_its_head_with_a_strict_csp(tmp_path: Path) -> None:
    site = rendered_site(tmp_path, [news_article("2020-08-16-putin", "Putin", "2020-08-16")])
    for page_path in sorted(site.rglob("*.html")):
        head = lxml_html.fromstring(page_path.read_bytes()).find("head")
        first = head[0]
        assert first.tag == "meta" and first.get("http-equiv") == "Content-Security-Policy"
        directives = (part.strip().partition(" ") for part in first.get("content").split(";"))
        policy = {name: value for name, _, value in directives}
        assert policy["default-src"] == "'none'"
        assert policy["form-action"] == "'none'"
        assert policy["object-src"] == "'none'"
        if page_path.name == "404.html":  # a <base> at the site's root, found by its script
            assert policy["base-uri"] == "'self'"
            find_root, theme = head.xpath("script")
            digest = hashlib.sha256(find_root.text.encode("utf-8")).digest()
            pinned = f"'sha256-{base64.b64encode(digest).decode()}'"
            assert policy["script-src"] == f"'{theme.get('integrity')}' {pinned}"
            continue
        assert policy["base-uri"] == "'none'"
        if page_path.name == "search.html":  # the theme toggle and search.js, by hash
            hashes = [
                f"'{s.get('integrity')}'"
                for s in lxml_html.fromstring(page_path.read_bytes()).xpath("//script")
            ]
            assert len(hashes) == 2 and all(h.startswith("'sha256-") for h in hashes)
            assert policy["script-src"] == " ".join(hashes), page_path
            assert policy["connect-src"] == "'self'", page_path  # the index, nothing else
            assert policy["style-src"] == "'self'", page_path
        else:  # the theme toggle, and a list's filter box, each pinned by its hash
            scripts = head.xpath("script")
            allowed = " ".join(f"'{script.get('integrity')}'" for script in scripts)
            assert policy["script-src"] == allowed, page_path
            lists = {"sites/index.html", "tags/index.html", "tags/all.html"}
            listed = page_path.relative_to(site).as_posix() in lists
            assert len(scripts) == (2 if listed else 1), page_path
        assert head.xpath("meta[@name='referrer']/@content") == ["no-referrer"]


def test_home_page_is_paginated_with_working_neighbours(tmp_path: Path) -> None:
    config = SiteConfig(per_page=4, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render_articles(many_articles(10), config, site)
    first = lxml_html.fromstring((site / "index.html").read_bytes())
    second = lxml_html.fromstring((site / "page" / "2.html").read_bytes())
    last = lxml_html.fromstring((site / "page" / "3.html").read_bytes())
    assert len(first.xpath("//li[@class='article-entry']")) == 4
    assert len(last.xpath("//li[@class='article-entry']")) == 2
    assert first.xpath("//nav[@class='pager']/a[@rel='next']/@href") == ["page/2.html"]
    assert second.xpath("//nav[@class='pager']/a/@href") == ["../index.html", "../page/3.html"]
    assert second.xpath("//link[@rel='stylesheet']/@href") == [
        "../static/style.css",
        "../static/highlight.css",
    ]
    assert not (site / "page" / "4.html").exists()


def test_browse_pages_by_site_tag_and_year(tmp_path: Path) -> None:
    config = SiteConfig(per_page=50, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render_articles(many_articles(12), config, site)
    sites = lxml_html.fromstring((site / "sites" / "index.html").read_bytes())
    assert sites.xpath("//ul[@id='sites']/li/a/text()") == [
        "Alpha News",
        "Beta Blog",
        "Gamma Times",
    ]
    assert sites.xpath("//ul[@id='sites']/li/a/@href") == [
        "../sites/alpha-news.html",
        "../sites/beta-blog.html",
        "../sites/gamma-times.html",
    ]
    alpha = lxml_html.fromstring((site / "sites" / "alpha-news.html").read_bytes())
    assert len(alpha.xpath("//li[@class='article-entry']")) == 4
    tags = lxml_html.fromstring((site / "tags" / "index.html").read_bytes())
    assert sorted(tags.xpath("//ul[@id='tags']/li/a/@href")) == [
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
    return MONTHS.index(name) + 1


def test_original_is_published_as_text_never_as_html(tmp_path: Path) -> None:
    content = tmp_path / "content"
    saved = content / "saved"
    saved.mkdir(parents=True)
    (saved / "page.html").write_text("<script>alert(1)</script><p>hi</p>", encoding="utf-8")
    article = news_article("2020-08-16-putin", "Putin", "2020-08-16")
    article = replace(
        article, meta=replace(article.meta, source="saved/page.html", source_sha256="ab" * 32)
    )
    config = SiteConfig(content_dir=content, saved_dir=saved, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render_articles([article], config, site)
    published = site / "originals" / f"{'ab' * 16}.txt"
    assert published.read_text(encoding="utf-8") == "<script>alert(1)</script><p>hi</p>"
    page = lxml_html.fromstring((site / "articles" / "2020-08-16-putin.html").read_bytes())
    assert page.xpath("//a[@download]/@href") == [f"../originals/{'ab' * 16}.txt"]
    # It downloads under a name that says which article and which kind of save it is.
    assert page.xpath("//a[@download]/@download") == ["2020-08-16-putin.html"]
