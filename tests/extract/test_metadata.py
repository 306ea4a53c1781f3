"""Article metadata from JSON-LD, OpenGraph, Twitter cards and plain <meta>, in precedence."""

from __future__ import annotations

import json
from typing import Any

import pytest
from lxml.html import document_fromstring

from site_builder.extract.metadata import PageMetadata, read_metadata

PAGE_URL = "https://www.dailyplanet.example/news/2020/08/story.html"


def _read(
    head: str = "", body: str = "", *, url: str | None = PAGE_URL, lang: str = ""
) -> PageMetadata:
    lang_attr = f' lang="{lang}"' if lang else ""
    page = f"<!DOCTYPE html><html{lang_attr}><head>{head}</head><body>{body}</body></html>"
    return read_metadata(document_fromstring(page), url)


def _ld(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _meta(key: str, content: str, attr: str = "property") -> str:
    return f'<meta {attr}="{key}" content="{content}">'


# --- JSON-LD ------------------------------------------------------------------------------


def test_json_ld_news_article_inside_graph() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Not the article", "url": "https://other.example/"},
            {"@type": "Organization", "name": "Also not"},
            {
                "@type": "NewsArticle",
                "headline": "Harbour reopens after the storm",
                "datePublished": "2020-08-16T17:45:00Z",
                "dateCreated": "2020-08-01",
                "author": [
                    {"@type": "Person", "name": "Jane Doe"},
                    {"@type": "Person", "name": "John Roe"},
                    {"@type": "Person", "name": "Jane Doe"},
                ],
                "keywords": ["Harbours", "Storms", "harbours"],
                "image": {"@type": "ImageObject", "url": "/img/lead.jpg", "width": 1200},
                "publisher": {"@type": "Organization", "name": "Daily Planet"},
                "description": "  The   harbour is open.  ",
                "inLanguage": "en-gb",
            },
        ],
    }
    assert _read(_ld(graph), "<h1>Ignored h1</h1>") == PageMetadata(
        title="Harbour reopens after the storm",
        url=PAGE_URL,
        site_name="Daily Planet",
        authors=("Jane Doe", "John Roe"),
        published_dates=("2020-08-16T17:45:00+00:00", "2020-08-01"),
        language="en-GB",
        description="The harbour is open.",
        tags=("Harbours", "Storms"),
        image="https://www.dailyplanet.example/img/lead.jpg",
    )


def test_json_ld_in_a_top_level_list_with_type_list() -> None:
    data = [
        {"@type": "BreadcrumbList"},
        {"@type": ["NewsArticle"], "headline": "Typed by list", "author": {"name": "P. Q."}},
    ]
    found = _read(_ld(data))
    assert found.title == "Typed by list"
    assert found.authors == ("P. Q.",)


def test_json_ld_keywords_as_comma_string() -> None:
    found = _read(_ld({"@type": "BlogPosting", "keywords": "one, two,  three , ,One"}))
    assert found.tags == ("one", "two", "three")


def test_json_ld_image_as_list_and_as_string() -> None:
    as_list = {"@type": "Article", "image": ["https://i.example/1.jpg", "https://i.example/2.jpg"]}
    assert _read(_ld(as_list)).image == "https://i.example/1.jpg"
    as_string = {"@type": "Article", "image": "lead.png"}
    assert _read(_ld(as_string)).image == "https://www.dailyplanet.example/news/2020/08/lead.png"


def test_json_ld_author_url_is_not_a_name() -> None:
    data = {"@type": "NewsArticle", "author": "https://x.example/author/1"}
    assert _read(_ld(data) + _meta("author", "Meta Author", "name")).authors == ("Meta Author",)


def test_json_ld_date_created_is_the_last_resort() -> None:
    assert (
        _read(_ld({"@type": "Article", "dateCreated": "2019-05-06"})).published_dates[0]
        == "2019-05-06"
    )
    both = _ld({"@type": "Article", "dateCreated": "2019-05-06"}) + "<time datetime='2020-01-02'>"
    assert _read(both).published_dates == ("2020-01-02", "2019-05-06")


def test_broken_json_ld_is_ignored_and_later_json_ld_used() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": broken</script>'
        + _ld({"@type": "NewsArticle", "headline": "From the good block"})
    )
    assert _read(head).title == "From the good block"


def test_broken_json_ld_falls_back_to_meta() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
        "<title>Plain title</title>" + _meta("author", "Meta Author", "name")
    )
    found = _read(head)
    assert found.title == "Plain title"
    assert found.authors == ("Meta Author",)


def test_json_ld_of_other_types_is_ignored() -> None:
    head = _ld({"@type": "Product", "name": "A kettle", "author": "Nobody"}) + "<title>T</title>"
    found = _read(head)
    assert found.title == "T"
    assert found.authors == ()


def test_scripts_that_are_not_json_ld_are_ignored() -> None:
    head = '<script>{"@type": "NewsArticle", "headline": "JS, not LD"}</script><title>T</title>'
    assert _read(head).title == "T"


@pytest.mark.parametrize(
    "data",
    [
        {
            "@graph": [
                {"@type": "WebPage", "name": "Story page", "datePublished": "2020-08-16"},
                {"@type": "NewsArticle", "headline": "Real headline", "author": {"name": "Jane"}},
            ]
        },
        {
            "@type": "WebPage",
            "mainEntity": {"@type": "NewsArticle", "headline": "Real headline", "author": "Jane"},
        },
    ],
)
def test_json_ld_article_wins_over_an_earlier_webpage(data: dict[str, Any]) -> None:
    found = _read(_ld(data))
    assert found.title == "Real headline"
    assert found.authors == ("Jane",)


# --- OpenGraph, Twitter cards, <meta> -----------------------------------------------------


def test_opengraph_and_meta() -> None:
    head = (
        "<title>Title tag | Daily Planet</title>"
        + _meta("og:title", "OG   Title")
        + _meta("og:site_name", "Daily Planet")
        + _meta("og:description", "OG description")
        + _meta("og:image", "https://cdn.example/og.jpg")
        + _meta("og:locale", "fr_FR")
        + _meta("article:published_time", "2021-03-03T10:00:00+01:00")
        + _meta("article:tag", "Politics")
        + _meta("article:tag", "Europe")
        + _meta("author", "Marie Curie", "name")
    )
    assert _read(head) == PageMetadata(
        title="OG Title",
        url=PAGE_URL,
        site_name="Daily Planet",
        authors=("Marie Curie",),
        published_dates=("2021-03-03T10:00:00+01:00",),
        language="fr-FR",
        description="OG description",
        tags=("Politics", "Europe"),
        image="https://cdn.example/og.jpg",
    )


def test_twitter_card_only() -> None:
    head = (
        _meta("twitter:title", "Tweet title", "name")
        + _meta("twitter:description", "Tweet description", "name")
        + _meta("twitter:image", "https://cdn.example/tw.png", "name")
        + _meta("twitter:creator", "@jane", "name")
    )
    assert _read(head) == PageMetadata(
        title="Tweet title",
        url=PAGE_URL,
        site_name="dailyplanet.example",
        description="Tweet description",
        image="https://cdn.example/tw.png",
    )


def test_plain_meta_name_tags() -> None:
    head = (
        "<title>Plain</title>"
        + _meta("author", "  Jane   Doe ", "name")
        + _meta("description", "A plain description.", "name")
        + _meta("keywords", "alpha, beta ,Alpha,, gamma", "name")
        + _meta("date", "16 August 2020", "name")
    )
    found = _read(head)
    assert found.authors == ("Jane Doe",)
    assert found.description == "A plain description."
    assert found.tags == ("alpha", "beta", "gamma")
    assert found.published_dates[0] == "2020-08-16"


def test_meta_keywords_are_only_a_fallback_for_tags() -> None:
    head = _meta("article:tag", "Tagged") + _meta("keywords", "kw1, kw2", "name")
    assert _read(head).tags == ("Tagged",)
    head = _ld({"@type": "Article", "keywords": ["ld"]}) + _meta("article:tag", "og")
    assert _read(head).tags == ("og", "ld")


def test_time_datetime_gives_the_date() -> None:
    body = '<time>no attribute</time><time datetime="2019-01-02T03:04:05Z">2 Jan</time>'
    assert _read(body=body).published_dates[0] == "2019-01-02T03:04:05+00:00"


def test_byline_link_is_the_last_author_source() -> None:
    body = '<h1>Only a heading</h1><p>By <a rel="author" href="/u/b">Byline  Person</a></p>'
    found = _read(body=body)
    assert found.title == "Only a heading"
    assert found.authors == ("Byline Person",)


# --- precedence ---------------------------------------------------------------------------


def test_title_precedence() -> None:
    sources = [
        _meta("og:title", "og"),
        _meta("twitter:title", "twitter", "name"),
        _ld({"@type": "NewsArticle", "headline": "ld"}),
        "<title>title</title>",
    ]
    expected = ["og", "twitter", "ld", "title", "h1"]
    for dropped in range(len(sources) + 1):
        assert _read("".join(sources[dropped:]), "<h1>h1</h1>").title == expected[dropped]


def test_author_precedence() -> None:
    sources = [
        _ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Lena Dahl"}}),
        _meta("author", "Meta Moss", "name"),
        _meta("article:author", "Art Ames"),
        _meta("twitter:creator", "Twyla Tate", "name"),
    ]
    expected = ["Lena Dahl", "Meta Moss", "Art Ames", "Twyla Tate", "Link Lane"]
    body = '<a rel="author" href="/me">Link Lane</a>'
    for dropped in range(len(sources) + 1):
        assert _read("".join(sources[dropped:]), body).authors == (expected[dropped],)


def test_published_precedence() -> None:
    sources = [
        _ld({"@type": "NewsArticle", "datePublished": "2001-01-01"}),
        _meta("article:published_time", "2002-02-02"),
    ]
    expected = ["2001-01-01", "2002-02-02", "2003-03-03"]
    body = '<time datetime="2003-03-03">x</time>'
    for dropped in range(len(sources) + 1):
        assert _read("".join(sources[dropped:]), body).published_dates == tuple(expected[dropped:])


def test_description_precedence() -> None:
    sources = [
        _meta("og:description", "og"),
        _meta("description", "meta", "name"),
        _meta("twitter:description", "twitter", "name"),
        _ld({"@type": "NewsArticle", "description": "ld"}),
    ]
    expected = ["og", "meta", "twitter", "ld", None]
    for dropped in range(len(sources) + 1):
        assert _read("".join(sources[dropped:])).description == expected[dropped]


def test_site_name_precedence() -> None:
    sources = [
        _meta("og:site_name", "og"),
        _meta("application-name", "app", "name"),
        _ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "ld"}}),
    ]
    expected = ["og", "app", "ld", "dailyplanet.example"]
    for dropped in range(len(sources) + 1):
        assert _read("".join(sources[dropped:])).site_name == expected[dropped]


def test_image_precedence() -> None:
    sources = [
        _meta("og:image", "https://i.example/og.jpg"),
        _meta("twitter:image", "https://i.example/tw.jpg", "name"),
        _ld({"@type": "NewsArticle", "image": {"url": "https://i.example/ld.jpg"}}),
    ]
    expected = [
        "https://i.example/og.jpg",
        "https://i.example/tw.jpg",
        "https://i.example/ld.jpg",
        None,
    ]
    for dropped in range(len(sources) + 1):
        assert _read("".join(sources[dropped:])).image == expected[dropped]


def test_language_precedence_and_normalisation() -> None:
    head = (
        _ld({"@type": "NewsArticle", "inLanguage": "de-at"})
        + '<meta http-equiv="Content-Language" content="it">'
        + _meta("og:locale", "fr_FR")
    )
    assert _read(head, lang="EN-us").language == "en-US"
    assert _read(head).language == "de-AT"
    assert _read(head.split("</script>", 1)[1]).language == "it"
    assert _read(_meta("og:locale", "fr_FR")).language == "fr-FR"
    assert _read(_meta("og:locale", "pt_BR"), lang="not a language!").language == "pt-BR"
    assert _read().language is None


# --- titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Harbour reopens | Daily Planet", "Daily Planet", "Harbour reopens"),
        ("Harbour reopens - Daily Planet", "Daily Planet", "Harbour reopens"),
        ("Harbour reopens — daily planet", "Daily Planet", "Harbour reopens"),
        ("Harbour reopens · Daily Planet", "Daily Planet", "Harbour reopens"),
        ("Daily Planet | Harbour reopens", "Daily Planet", "Harbour reopens"),
        # a brand shortened in the title still counts as the brand
        ("Sunak profile | BBC", "BBC News", "Sunak profile"),
        # only the last clause goes; an earlier real clause stays
        ("Breaking - Markets fall | Daily Planet", "Daily Planet", "Breaking - Markets fall"),
        ("Review: Dune - Daily Planet", "Daily Planet", "Review: Dune"),
        # a real " - " clause that is not the site's name is kept
        (
            "Breaking - Markets fall as rates rise",
            "Daily Planet",
            "Breaking - Markets fall as rates rise",
        ),
        ("Harbour reopens | Other Brand", "Daily Planet", "Harbour reopens | Other Brand"),
        ("Hyphen-ated words stay", "Daily Planet", "Hyphen-ated words stay"),
    ],
)
def test_title_site_suffix_stripping(title: str, site: str, expected: str) -> None:
    head = f"<title>{title}</title>" + _meta("og:site_name", site)
    assert _read(head).title == expected


def test_title_suffix_kept_without_a_site_name() -> None:
    # A suffix that neither names the site nor matches the host is part of the title.
    assert _read("<title>Story | Weekend Edition</title>").title == "Story | Weekend Edition"


def test_title_suffix_matching_the_host_names_the_site() -> None:
    found = _read("<title>Story | The Daily Planet</title>")
    assert found.title == "Story"
    assert found.site_name == "The Daily Planet"


def test_title_from_og_is_also_stripped() -> None:
    head = _meta("og:title", "Story - Daily Planet") + _meta("og:site_name", "Daily Planet")
    assert _read(head).title == "Story"


def test_no_title_anywhere() -> None:
    assert _read(body="<p>text</p>").title is None


# --- URLs ---------------------------------------------------------------------------------


def test_page_url_wins_over_canonical() -> None:
    head = '<link rel="canonical" href="https://canonical.example/a">'
    assert _read(head).url == PAGE_URL


def test_canonical_on_the_saved_site_wins_over_page_url() -> None:
    # Chrome's MHTML records the address the tab showed, tracking parameters and all.
    head = '<link rel="canonical" href="/news/2020/08/story.html">' + _meta(
        "og:url", "https://other.example/x"
    )
    found = _read(head, url=PAGE_URL + "?utm_source=twitter")
    assert found.url == PAGE_URL
    og_only = _meta("og:url", "https://dailyplanet.example/news/2020/08/story.html")
    assert _read(og_only).url == "https://dailyplanet.example/news/2020/08/story.html"


def test_canonical_used_when_no_page_url() -> None:
    head = (
        '<link rel="stylesheet" href="https://x.example/s.css">'
        '<link rel="Canonical" href="https://www.example.org/story/1">'
        + _meta("og:url", "https://og.example/a")
    )
    found = _read(head, url=None)
    assert found.url == "https://www.example.org/story/1"
    assert found.site_name == "example.org"


def test_og_url_then_json_ld_url_when_no_canonical() -> None:
    assert _read(_meta("og:url", "https://og.example/a"), url=None).url == "https://og.example/a"
    data = {"@type": "NewsArticle", "mainEntityOfPage": {"@id": "https://ld.example/b"}}
    assert _read(_ld(data), url=None).url == "https://ld.example/b"


def test_non_http_canonical_is_ignored() -> None:
    head = '<link rel="canonical" href="javascript:alert(1)">' + _meta(
        "og:url", "https://ok.example/"
    )
    assert _read(head, url=None).url == "https://ok.example/"


def test_no_url_at_all() -> None:
    found = _read("<title>T</title>", url=None)
    assert found.url is None
    assert found.site_name is None


@pytest.mark.parametrize(
    "head",
    [
        _meta("og:url", "javascript:alert(document.domain)"),
        _ld({"@type": "NewsArticle", "url": "javascript:alert(1)"}),
    ],
)
def test_non_http_page_url_from_metadata_is_dropped(head: str) -> None:
    assert _read(head, url=None).url is None


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.com/a", "example.com"),
        ("http://news.example.co.uk:8080/a", "news.example.co.uk"),
        ("https://WWW.Example.com/", "example.com"),
        ("https://wwwexample.com/", "wwwexample.com"),
    ],
)
def test_host_name_is_the_site_name_fallback(url: str, site: str) -> None:
    assert _read(url=url).site_name == site


def test_relative_og_image_is_resolved_against_the_url() -> None:
    assert _read(_meta("og:image", "images/pic.jpg")).image == (
        "https://www.dailyplanet.example/news/2020/08/images/pic.jpg"
    )
    assert _read(_meta("og:image", "/pic.jpg")).image == "https://www.dailyplanet.example/pic.jpg"
    assert _read(_meta("og:image", "//cdn.example/p.jpg")).image == "https://cdn.example/p.jpg"


def test_relative_og_image_is_resolved_against_canonical() -> None:
    head = '<link rel="canonical" href="https://www.example.org/story/1">' + _meta(
        "og:image", "images/pic.jpg"
    )
    assert _read(head, url=None).image == "https://www.example.org/story/images/pic.jpg"


def test_relative_og_image_without_any_url_is_dropped() -> None:
    assert _read(_meta("og:image", "images/pic.jpg"), url=None).image is None


@pytest.mark.parametrize(
    "image",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:image/png;base64,AAAA",
        "ftp://x.example/a",
    ],
)
def test_non_http_og_image_is_dropped(image: str) -> None:
    assert _read(_meta("og:image", image)).image is None


def test_unusable_og_image_falls_back_to_twitter_image() -> None:
    head = _meta("og:image", "javascript:alert(1)") + _meta(
        "twitter:image", "https://cdn.example/tw.png", "name"
    )
    assert _read(head).image == "https://cdn.example/tw.png"


def test_empty_values_are_skipped() -> None:
    head = _meta("og:title", "   ") + _meta("og:description", "") + "<title>Real</title>"
    head += _meta("description", "Real description", "name")
    found = _read(head)
    assert found.title == "Real"
    assert found.description == "Real description"
