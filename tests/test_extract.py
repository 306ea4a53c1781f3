"""extract(): the quality verdict, and what readability drops that the article keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.article.to_markdown import to_article
from site_builder.core.records import ExtractedPage, SavedKind, SavedPage
from site_builder.extract.extractor import (
    EMPTY_MAX_WORDS,
    PARTIAL_MIN_GAIN,
    SHORT_MAX_SHARE,
    SHORT_MAX_WORDS,
    ExtractError,
    extract,
    quality_verdict,
)

from .conftest import SMALL_HTML

PROSE = (
    "Engineers worked in shifts through the night to rebuild the damaged section of the "
    "sea wall, using granite blocks salvaged from the old lighthouse pier, the council said. "
)


def _extract(html: str, kind: SavedKind = "html") -> ExtractedPage:
    page = SavedPage(
        path=Path(f"page.{kind}"), source="saved/page", sha256="0" * 64, kind=kind, text=html
    )
    return extract(page)


def _body(html: str) -> str:
    return to_article(_extract(html)).body


# --- the verdict ----------------------------------------------------------------------------


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
    extracted = _extract(SMALL_HTML)
    assert extracted.meta.quality == "ok"
    assert "Most read" not in to_article(extracted).body


MATS = "".join(f"<li>Mat {i}, blue, 6 mm</li>" for i in range(40))
SHOP_PAGE = f"""<html><head><title>Yoga mats | Shop</title></head><body>
<nav><a href="/">Home</a> <a href="/mats">Mats</a></nav>
<main><h1>Yoga mats</h1>
<article class="intro"><p>Our mats are made in Portugal from natural rubber, and every one is
tested for grip before it leaves the workshop.</p></article>
<ul class="products">{MATS}</ul></main>
<footer>Shop footer, all rights reserved</footer></body></html>"""


def test_a_fragment_of_a_page_is_short_and_keeps_the_cleaned_page() -> None:
    extracted = _extract(SHOP_PAGE)
    assert extracted.meta.quality == "short"
    body = to_article(extracted).body
    assert "tested for grip" in body
    assert "Mat 39, blue, 6 mm" in body  # the listing readability left out
    assert "Shop footer" not in body
    assert "[Home]" not in body


def test_a_page_with_almost_no_article_is_empty_and_keeps_the_cleaned_page() -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav><p>Opening hours</p></body></html>"
    extracted = _extract(html)
    assert extracted.meta.quality == "empty"
    assert to_article(extracted).body == "Opening hours\n"


def test_a_page_with_no_text_at_all_is_an_error() -> None:
    with pytest.raises(ExtractError, match="no article text"):
        _extract("<html><body><nav><a href='/'>Home</a></nav></body></html>")


# --- text saves -----------------------------------------------------------------------------


def test_text_save_verdicts() -> None:
    prose = "The harbour reopened on Thursday after a week of repairs to the sea wall."
    ok = _extract(f"Harbour reopens | Gazette\nHome\nNews\n{prose}\n{prose} Again.\n", "text")
    assert ok.meta.quality == "ok"
    menu_only = "Gazette\nHome\nNews\nA line of twenty words that never ends a sentence but runs on"
    empty = _extract(menu_only + " and on and on past the menu items\n", "text")
    assert empty.meta.quality == "empty"
    assert "runs on and on" in empty.html
    with pytest.raises(ExtractError):
        _extract("Login\n  • Home\n  • Shop\nBasket\n", "text")


# --- what readability drops, put back -------------------------------------------------------

ARTICLE = f"""<html><head><title>Sea wall rebuilt</title>
<meta property="og:image" content="https://example.org/img/wall-1200x630.jpg"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Sea wall rebuilt</h1>
<p class="standfirst">The storm-damaged wall reopened on Thursday.</p>
<figure class="lead"><img src="https://example.org/img/wall-960.jpg" alt="The new wall">
<figcaption>The rebuilt wall at high tide. Photo: J. Doe</figcaption></figure>
<div class="body">
<p>{PROSE}</p><p>{PROSE}</p>
<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2020</td><td>£1m</td></tr>
<tr><td>2021</td><td>£2m</td></tr></table>
<p>{PROSE}</p>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<p>{PROSE}</p>
<h3>Related stories</h3>
<ul><li><a href="/a">Harbour reopens</a></li><li><a href="/b">Ferry fares rise</a></li></ul>
</div></article>
<aside class="newsletter"><p>Sign up for our newsletter</p><form><input></form></aside>
</body></html>"""


def test_small_table_and_lead_figure_come_back_and_chrome_goes() -> None:
    body = _body(ARTICLE)
    assert "| Year | Cost |" in body
    assert "![The new wall](https://example.org/img/wall-960.jpg)" in body
    assert "The rebuilt wall at high tide. Photo: J. Doe" in body
    assert body.index("The storm-damaged wall") < body.index("The new wall")
    assert body.index("The new wall") < body.index("Engineers worked")
    for chrome in ("Facebook", "Related stories", "Ferry fares", "newsletter"):
        assert chrome not in body
    assert body.count("wall-") == 1  # the og:image is the same picture: not added again


def test_code_block_keeps_its_lines() -> None:
    html = (
        f"<html><body><article><p>{PROSE}</p><pre><code>def f(x):\n    return x + 1\n"
        f"</code></pre><p>{PROSE}</p></article></body></html>"
    )
    assert "```\ndef f(x):\n    return x + 1\n```" in _body(html)


def test_an_archived_base_href_does_not_redirect_relative_images() -> None:
    from pathlib import Path

    from site_builder.core.records import SavedPage
    from site_builder.extract.extractor import extract

    prose = "<p>" + "A paragraph of the article that is long enough to keep. " * 8 + "</p>"
    html = (
        '<html><head><base href="http://127.0.0.1:9/"><title>T</title></head><body>'
        f'<article><h1>T</h1>{prose}<img src="rel.png" alt="x">{prose}</article></body></html>'
    )
    page = SavedPage(
        path=Path("p.html"),
        source="saved/p.html",
        sha256="0" * 64,
        kind="html",
        text=html,
        url="https://example.org/news/a.html",
    )
    found = extract(page)
    assert "127.0.0.1:9" not in found.html
