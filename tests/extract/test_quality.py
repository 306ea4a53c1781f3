"""The quality verdict: how much of its saved page an article kept, and what it keeps then."""

from __future__ import annotations

import pytest

from site_builder.article.to_markdown import to_article
from site_builder.core.records import QUALITY_EMPTY, QUALITY_FLAGS, QUALITY_OK, QUALITY_SHORT
from site_builder.extract import ExtractError
from site_builder.extract.quality import (
    EMPTY_MAX_WORDS,
    PARTIAL_MIN_GAIN,
    SHORT_MAX_SHARE,
    SHORT_MAX_WORDS,
    quality_verdict,
)
from tests.conftest import SMALL_HTML
from tests.extract.extracting import extract_text


@pytest.mark.parametrize(
    ("article", "page", "main", "cleaned", "verdict"),
    [
        (0, 500, 400, 300, "empty"),
        (EMPTY_MAX_WORDS, 500, 400, 300, "empty"),
        (SHORT_MAX_WORDS, 5000, 4000, 3000, "ok"),  # long enough, whatever the page
        (40, 500, 400, 300, "short"),  # a fragment of a page with a main region
        (40, 500, 0, 300, "ok"),  # no main region: a short post on an old page
        (40, 120, 100, 100, "ok"),  # a third of the page or more
        (40, 500, PARTIAL_MIN_GAIN * 40 - 1, 300, "ok"),  # the main region is not much more
        (40, 500, 400, PARTIAL_MIN_GAIN * 40 - 1, "ok"),  # nor is the cleaned page
    ],
)
def test_quality_verdict(article: int, page: int, main: int, cleaned: int, verdict: str) -> None:
    assert quality_verdict(article, page, main, cleaned) == verdict


def test_verdict_thresholds_are_the_documented_ones() -> None:
    assert (EMPTY_MAX_WORDS, SHORT_MAX_WORDS, SHORT_MAX_SHARE, PARTIAL_MIN_GAIN) == (5, 150, 0.3, 2)


def test_an_article_is_ok() -> None:
    extracted = extract_text(SMALL_HTML)
    assert extracted.meta.quality == "ok"
    assert "Most read" not in to_article(extracted).body


def _shop_page(mats: int) -> str:
    listing = "".join(f"<li>Mat {i}, blue, 6 mm</li>" for i in range(mats))
    return f"""<html><head><title>Yoga mats | Shop</title></head><body>
<nav><a href="/">Home</a> <a href="/mats">Mats</a></nav>
<main><h1>Yoga mats</h1>
<article class="intro"><p>Our mats are made in Portugal from natural rubber, and every one is
tested for grip before it leaves the workshop.</p></article>
<ul class="products">{listing}</ul></main>
<footer>Shop footer, all rights reserved</footer></body></html>"""


def test_a_fragment_of_a_page_is_short_and_keeps_the_cleaned_page() -> None:
    extracted = extract_text(_shop_page(12))  # trafilatura finds under 150 words too
    assert extracted.meta.quality == "short"
    body = to_article(extracted).body
    assert "tested for grip" in body
    assert "Mat 11, blue, 6 mm" in body  # the listing readability left out
    assert "Shop footer" not in body
    assert "[Home]" not in body


def test_a_fragment_gives_way_to_trafilatura_whole_article_which_is_ok() -> None:
    extracted = extract_text(_shop_page(40))
    assert extracted.meta.quality == "ok"  # the vote kept trafilatura's article
    body = to_article(extracted).body
    assert "tested for grip" in body and "Mat 39, blue, 6 mm" in body
    assert "Shop footer" not in body and "Home" not in body


def test_a_page_with_almost_no_article_is_empty_and_keeps_the_cleaned_page() -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav><p>Opening hours</p></body></html>"
    extracted = extract_text(html)
    assert extracted.meta.quality == "empty"
    assert to_article(extracted).body == "Opening hours\n"


def test_a_page_with_no_text_at_all_is_an_error() -> None:
    with pytest.raises(ExtractError, match="no article text"):
        extract_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")


# --- text saves -----------------------------------------------------------------------------


def test_text_save_verdicts() -> None:
    prose = "The harbour reopened on Thursday after a week of repairs to the sea wall."
    ok = extract_text(f"Harbour reopens | Gazette\nHome\nNews\n{prose}\n{prose} Again.\n", "text")
    assert ok.meta.quality == "ok"
    menu_only = "Gazette\nHome\nNews\nA line of twenty words that never ends a sentence but runs on"
    empty = extract_text(menu_only + " and on and on past the menu items\n", "text")
    assert empty.meta.quality == "empty"
    assert "runs on and on" in empty.html
    with pytest.raises(ExtractError):
        extract_text("Login\n  • Home\n  • Shop\nBasket\n", "text")


def test_the_verdicts_are_the_words_the_front_matter_holds() -> None:
    assert (QUALITY_OK, QUALITY_SHORT, QUALITY_EMPTY) == ("ok", "short", "empty")
    assert QUALITY_FLAGS == ("short", "empty")
