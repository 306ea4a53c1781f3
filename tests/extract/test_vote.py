"""vote: readability's article and trafilatura's, settled into one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import html as lxml_html

from site_builder.core.records import QUALITY_EMPTY, QUALITY_OK, QUALITY_SHORT, Quality
from site_builder.extract.blocks import distinct_share
from site_builder.extract.chrome import words_outside_chrome
from site_builder.extract.vote import DISTINCT_MIN_SHARE, Ballot, Outcome, vote
from tests.extract.extracting import extract_text

STORY = "".join(
    f"<p>Paragraph {n} of the harbour story tells how the crane number {n} was lifted "
    f"onto barge {n} before the tide turned on the quay.</p>"
    for n in range(1, 9)
)
COOKIES = "<div><p>Accept cookies</p></div>"


def _ballot(readability: str, trafilatura: str, quality: Quality) -> Ballot:
    return Ballot(readability=readability, trafilatura=lambda: trafilatura, quality=quality)


@pytest.mark.parametrize("quality", [QUALITY_SHORT, QUALITY_EMPTY])
def test_a_short_or_empty_verdict_takes_trafilatura_article_when_it_found_one(
    quality: Quality,
) -> None:
    outcome = vote(_ballot(COOKIES, f"<div><h2>Repairs</h2>{STORY}</div>", quality))
    assert (outcome.engine, outcome.quality) == ("trafilatura", QUALITY_OK)
    assert outcome.html == f"<div><h2>Repairs</h2>{STORY}</div>"  # its structure kept


def test_an_ok_article_is_kept_even_when_trafilatura_finds_more() -> None:
    """Trusting the longer engine for a whole page lost F1 on dragnet's short posts."""
    post = "<div><p>Paragraph 3 of the harbour story tells how the crane was lifted.</p></div>"
    outcome = vote(_ballot(post, f"<div>{STORY}</div>", QUALITY_OK))
    assert (outcome.engine, outcome.html, outcome.quality) == ("readability", post, QUALITY_OK)


def test_a_short_trafilatura_article_leaves_the_verdict_as_it_was() -> None:
    outcome = vote(_ballot(COOKIES, "<div><p>Only a few words here.</p></div>", QUALITY_SHORT))
    assert (outcome.engine, outcome.html, outcome.quality) == (
        "readability",
        COOKIES,
        QUALITY_SHORT,
    )


SHIPPING = "".join(
    f"<p>Free standard shipping on orders {price} or more. For more information on shipping "
    "rates and timelines, please visit our international page.</p>"
    for price in ("65€", "$40", "$60 CAD", "$110 AUD", "480kr", "R$670", "¥990", "₩180,035")
)


def test_trafilatura_article_that_repeats_itself_leaves_the_verdict_as_it_was() -> None:
    """wcxb_test 4757: a shop's shipping banner once per country, 26% of its 4-word runs
    distinct; the cleaned page (its products) is what the reader saved."""
    outcome = vote(_ballot(COOKIES, f"<div>{SHIPPING}</div>", QUALITY_SHORT))
    assert (outcome.engine, outcome.html, outcome.quality) == (
        "readability",
        COOKIES,
        QUALITY_SHORT,
    )


def test_distinct_share_counts_the_runs_said_once() -> None:
    assert distinct_share(f"<div>{SHIPPING}</div>") < DISTINCT_MIN_SHARE
    assert distinct_share("<p>The quay closes for six weeks while the bridge is mended.</p>") == 1
    assert distinct_share("") == 1.0


@pytest.mark.parametrize("nothing", ["", "   "])
def test_nothing_from_trafilatura_keeps_readability(nothing: str) -> None:
    outcome = vote(_ballot(COOKIES, nothing, QUALITY_EMPTY))
    assert (outcome.engine, outcome.quality) == ("readability", QUALITY_EMPTY)


_WORDS = [
    "amber",
    "basin",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "granite",
    "harbour",
    "inlet",
    "jetty",
    "kelp",
    "lagoon",
]
LONG_STORY = "".join(
    f"<p>Part {n}: the {_WORDS[n % 12]} valve by the {_WORDS[n * 5 % 12]} crane is opened "
    f"first, then greased along the {_WORDS[n * 7 % 11]} rail before winter {n} sets in "
    f"over the {_WORDS[(n // 12) % 12]} quay.</p>"
    for n in range(1, 81)
)


def test_a_long_fragment_of_trafilatura_article_is_merged_block_by_block() -> None:
    """readability's article is one section of a long page trafilatura found whole."""
    section = "".join(LONG_STORY.split("</p>")[10:30]) + "</p>"
    section = section.replace("Part 12: the", 'Part 12: <a href="/v12">the</a>')
    whole = f"<h2>The guide</h2>{LONG_STORY}<ul><li>Grease</li><li>Rags</li></ul>"
    outcome = vote(_ballot(f"<div>{section}</div>", f"<div>{whole}</div>", QUALITY_OK))
    assert (outcome.engine, outcome.quality) == ("both", QUALITY_OK)
    assert outcome.html.startswith("<div><h2>The guide</h2><p>Part 1: the")
    assert outcome.html.count("<p>") == 80
    assert 'Part 12: <a href="/v12">the</a>' in outcome.html  # readability's markup kept
    assert outcome.html.endswith("<ul><li>Grease</li><li>Rags</li></ul></div>")


def test_a_short_ok_article_never_asks_trafilatura() -> None:
    def refuse() -> str:
        raise AssertionError("trafilatura was asked")

    ballot = Ballot(readability=f"<div>{STORY}</div>", trafilatura=refuse, quality=QUALITY_OK)
    assert vote(ballot).engine == "readability"


def test_a_long_article_that_is_most_of_the_page_never_asks_trafilatura() -> None:
    def refuse() -> str:
        raise AssertionError("trafilatura was asked")

    article = f"<div>{LONG_STORY}</div>"
    ballot = Ballot(
        readability=article, trafilatura=refuse, quality=QUALITY_OK, page_words=lambda: 2000
    )
    assert vote(ballot).html == article


def test_words_outside_chrome_leave_out_menus_sidebars_comments_and_scripts() -> None:
    page = lxml_html.document_fromstring(
        '<html class="sidebar-left"><head><title>Ten words never count</title></head>'
        '<body><header>Site name</header><nav><a href="/">Home page link</a></nav>'
        '<div class="menu">Sections and more</div><main class="comments-open">'
        "<h1>Four words of title</h1><p>Five words in the story.</p>"
        '<div id="comments"><p>First! Great post.</p></div></main>'
        '<div class="col sidebar">Most read today</div><script>var a = 1;</script>'
        "<!-- a comment -->tail words<footer>© 2024</footer></body></html>"
    )
    assert words_outside_chrome(page) == 4 + 5 + 2


def test_a_long_article_inside_a_news_site_chrome_never_asks_trafilatura() -> None:
    # A generated benchmark page's shape: the page's menus, sidebars and comments hold
    # twice the article's words, which counting every word took for a longer article.
    menu = "".join(f'<li><a href="/s{n}">Section {n} news</a></li>' for n in range(700))
    comments = "".join(f"<p>Reader {n} says the harbour is lovely today.</p>" for n in range(120))
    page = (
        f"<html><head><title>Valves</title></head><body><nav><ul>{menu}</ul></nav>"
        f'<div class="layout"><article><h1>Valves</h1>{LONG_STORY}</article>'
        f'<section class="comments">{comments}</section>'
        f'<div class="sidebar"><ul>{menu}</ul></div></div></body></html>'
    )
    asked: list[str] = []

    def settle(ballot: Ballot) -> Outcome:
        def record() -> str:
            asked.append("trafilatura")
            return ballot.trafilatura()

        return vote(replace(ballot, trafilatura=record))

    found = extract_text(page, settle=settle)
    assert asked == []
    assert found.meta.quality == QUALITY_OK
    assert "Part 80: the" in found.html


def test_a_long_prose_box_named_sidebar_counts_as_the_page_words() -> None:
    # A newspaper's "sidebar" story (cleaneval 255): prose, few links, named as chrome.
    story = " ".join(f"Spa number {n} opened its doors downtown." for n in range(30))
    menu = " ".join(f'<a href="/s{n}">Section {n}</a>' for n in range(60))
    page = lxml_html.document_fromstring(
        f'<html><body><p>Lead words here.</p><span class="sidebar">{story}</span>'
        f'<div class="sidebar">{menu}</div></body></html>'
    )
    assert words_outside_chrome(page) == 3 + 7 * 30  # the story counts; the menu does not
