"""Which addresses count as the web."""

from __future__ import annotations

import pytest

from site_builder.core.urls import is_web_url


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
