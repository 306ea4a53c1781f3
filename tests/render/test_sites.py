"""One site per registered domain, named as its pages agree, never by a URL or tagline."""

from __future__ import annotations

import pytest

from site_builder.core.records import ArticleMeta, ArticleSummary
from site_builder.render.sites import article_sites, registered_domain, usable_site_name


def summary(stem: str, url: str | None, site_name: str | None) -> ArticleSummary:
    meta = ArticleMeta(title=stem, url=url, site_name=site_name)
    return ArticleSummary(
        meta=meta,
        stem=stem,
        source_file=f"{stem}.md",
        file_sha256="0" * 64,
        words=1,
        text_start="",
        thumbnail=None,
    )


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.hawaiinewsnow.com/2020/x", "hawaiinewsnow.com"),
        ("http://hawaiinewsnow.com/y", "hawaiinewsnow.com"),
        ("https://news.bbc.co.uk/a", "bbc.co.uk"),
        ("https://www.tinkerlab.example/post", "tinkerlab.example"),
        ("http://localhost:8000/x", "localhost"),
        ("file:///home/me/page.html", None),
        (None, None),
    ],
)
def test_the_registered_domain_folds_scheme_and_subdomains(url: str | None, domain: str) -> None:
    assert registered_domain(url) == domain


@pytest.mark.parametrize(
    "name",
    [
        "https://www.hawaiinewsnow.com",
        "hawaiinewsnow.com",
        "Autoracing | F1 | Indy | MotoGP | StockCar | NASCAR",
        "Hosted",
        "Experience",
        "",
    ],
)
def test_addresses_taglines_and_generic_words_are_no_names(name: str) -> None:
    assert usable_site_name(name) is None


def test_a_domain_is_one_site_named_as_most_of_its_pages_say() -> None:
    sites = article_sites(
        [
            summary("a", "https://www.hawaiinewsnow.com/a", "https://www.hawaiinewsnow.com"),
            summary("b", "https://hawaiinewsnow.com/b", "Hawaii News Now"),
            summary("c", "http://www.hawaiinewsnow.com/c", "HAWAII NEWS NOW"),
            summary("d", "https://www.hawaiinewsnow.com/d", "Hawaii News Now"),
        ],
        {},
    )
    assert sites == dict.fromkeys("abcd", "Hawaii News Now")


def test_without_agreement_the_domain_is_the_name() -> None:
    sites = article_sites(
        [
            summary("a", "https://www.racer.com/a", "Autoracing | F1 | Indy"),
            summary("b", "https://racer.com/b", "Racer"),
            summary("c", "https://racer.com/c", "RACER Magazine"),
        ],
        {},
    )
    assert sites == dict.fromkeys("abc", "racer.com")


def test_site_names_from_the_settings_win_by_domain() -> None:
    sites = article_sites(
        [summary("a", "https://www.nytimes.com/a", "NYTimes"), summary("b", None, "Notes")],
        {"www.nytimes.com": "The New York Times"},
    )
    assert sites == {"a": "The New York Times", "b": "Notes"}
