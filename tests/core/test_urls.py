"""Which addresses count as the web."""

from __future__ import annotations

import pytest

from site_builder.core.urls import canonical_key, is_web_url, preferred_url, same_site


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/",
        " https://example.org/",  # blanks and controls are ignored, as browsers ignore them
        "ht\ttps://example.org/",
    ],
)
def test_web_addresses(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "about:internet",
        "file:///home/me/page.html",
        "javascript:alert(1)",
        " java\tscript:alert(1)",
        "/relative/page.html",
        "//example.org/protocol-relative",
        "mailto:someone@example.org",
        "data:image/png;base64,AAAA",
        "https:/one-slash",
        "",
    ],
)
def test_anything_else(url: str) -> None:
    assert not is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/story",
        "http://example.org/news/story",
        "https://www.example.org/news/story/",
        "https://EXAMPLE.org/news/story#comments",
        "https://example.org/news/story?utm_source=feed&utm_medium=rss",
        "https://example.org/news/story?fbclid=IwAR0&gclid=abc&mc_eid=123",
        "https://amp.example.org/news/story",
        "https://example.org/news/story/amp",
        "https://example.org/amp/news/story",
        "https://example.org/news/story.amp",
        "https://example.org/news/story?outputType=amp",
        "https://example.org:443/news/story",
    ],
)
def test_canonical_key_folds_variants_of_one_address(url: str) -> None:
    assert canonical_key(url) == "example.org/news/story"


def test_canonical_key_keeps_what_names_another_page() -> None:
    assert canonical_key("https://example.org/story?id=2&page=3") == canonical_key(
        "https://example.org/story?page=3&id=2"
    )
    assert canonical_key("https://example.org/story?id=2") != canonical_key(
        "https://example.org/story?id=3"
    )
    assert canonical_key("https://example.org/Story") != canonical_key("https://example.org/story")
    assert canonical_key("https://news.example.org/a") != canonical_key("https://example.org/a")
    assert canonical_key("https://example.org/%d1%82") == canonical_key("https://example.org/т")
    assert canonical_key(" file:///tmp/a.html ") == "file:///tmp/a.html"


SAVER = "https://www.example.org/news/story?utm_source=twitter"


@pytest.mark.parametrize(
    ("declared", "chosen"),
    [
        (("https://example.org/news/story",), "https://example.org/news/story"),
        ((None, "https://m.example.org/news/story"), "https://m.example.org/news/story"),
        (("https://news.example.org/story",), "https://news.example.org/story"),
        # Another site: a syndicated copy naming its original keeps the saver's address.
        (("https://wire.example.com/story",), SAVER),
        # The home page for an article: a CMS template's mistake.
        (("https://example.org/",), SAVER),
        (("javascript:alert(1)",), SAVER),
        ((), SAVER),
    ],
)
def test_preferred_url_trusts_a_declaration_on_the_saved_site(
    declared: tuple[str | None, ...], chosen: str
) -> None:
    assert preferred_url(SAVER, *declared) == chosen


def test_preferred_url_without_a_recorded_address() -> None:
    assert preferred_url(None, None, "https://a.example/x") == "https://a.example/x"
    assert preferred_url(None) is None


def test_same_site() -> None:
    assert same_site("https://www.example.org/a", "http://amp.example.org/b")
    assert same_site("https://news.example.org/a", "https://example.org/")
    assert not same_site("https://alice.github.io/a", "https://bob.github.io/a")
    assert not same_site("https://example.org/a", "https://example.com/a")
