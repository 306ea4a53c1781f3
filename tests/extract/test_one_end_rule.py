"""The one-end rule: readability's article that is only the opening or the close of
trafilatura's long one is merged with it."""

from __future__ import annotations

import random

from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK
from site_builder.extract.blocks import blocks, parse_fragment
from site_builder.extract.headline import page_places
from site_builder.extract.vote import Ballot, vote
from tests.extract.extracting import asking_ballot

OPENING = (
    "<p>Choosing a mattress for side sleepers starts with the <a href='/firmness'>firmness"
    "</a> of the top layer and the width of your shoulders.</p>"
)  # 22 words
_VOCABULARY = (
    "foam spring latex coil pillow cover edge frame hip shoulder spine knee wool cotton "
    "zone layer height weight warmth sleep night morning store label price trial week "
    "return base slat board soft firm medium plush dense airy cool quiet bounce sink"
)
_WORDS = _VOCABULARY.split()
# Each step's paragraph: its own order of the words, so no two share a 4-word run but
# their last four words.
GUIDE = "".join(
    f"<h2>Step {n}</h2><p>In step {n}, {' '.join(random.Random(n).sample(_WORDS, 36))}: "
    f"see the firmness chart.</p>"
    for n in range(1, 21)
)  # 20 headings of 2 words and 20 paragraphs of 43 words: 900 words
COMMENTS = "".join(
    f"<p>Reader {n} says: what a lovely mattress, we bought one too last spring.</p>"
    for n in range(1, 16)
)  # 15 comments of 13 words: 195 words


def _ballot(readability: str, trafilatura: str, page_words: int, asked: list[str]) -> Ballot:
    return asking_ballot(readability, trafilatura, asked, page_words=page_words)


def _block_texts(html: str) -> list[str]:
    root = parse_fragment(html)
    assert root is not None
    return [" ".join(" ".join(block.itertext()).split()[:3]) for block in blocks(root)]


def test_a_small_article_that_only_opens_trafilaturas_long_one_is_merged_with_it() -> None:
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{GUIDE}</div>", 1_000, asked))
    assert (outcome.engine, outcome.quality, asked) == ("both", QUALITY_OK, ["trafilatura"])
    texts = _block_texts(outcome.html)
    assert texts[:4] == ["Choosing a mattress", "Step 1", "In step 1,", "Step 2"]
    assert (texts[-1], len(texts)) == ("In step 20,", 41)
    assert '<a href="/firmness">firmness</a>' in outcome.html  # readability's own markup


def test_a_short_post_above_a_few_comments_stays_as_readability_found_it() -> None:
    # A photo post's caption, then 195 words of comments in trafilatura's article: under
    # the 500 words after it that only a page readability cut short has.
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{COMMENTS}</div>", 1_000, asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, ["trafilatura"])


def test_a_small_article_further_on_in_trafilaturas_stays() -> None:
    # readability's box is not where trafilatura's article starts: a sidebar's note that
    # trafilatura kept after the guide's first two steps (90 words), with 810 after it.
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    cut = GUIDE.index("<h2>Step 3</h2>")
    guide_around = f"<div>{GUIDE[:cut]}{OPENING}{GUIDE[cut:]}</div>"
    outcome = vote(_ballot(readability, guide_around, 1_000, asked))
    assert (outcome.engine, outcome.html) == ("readability", readability)


def test_a_small_article_half_of_it_elsewhere_stays() -> None:
    # Half of readability's article is a box trafilatura does not keep at all: it chose
    # across two parts of the page, not the first lines of trafilatura's article.
    asked: list[str] = []
    box = "<p>Our showroom opens at nine every day but Sunday, with free parking behind.</p>"
    readability = f"<div>{OPENING}{box}{box}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{GUIDE}</div>", 1_000, asked))
    assert (outcome.engine, outcome.html) == ("readability", readability)


def test_a_page_without_room_for_a_long_article_never_asks_trafilatura() -> None:
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{GUIDE}</div>", 400, asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, [])


LAST_STEPS = GUIDE[GUIDE.index("<h2>Step 19</h2>") :].replace(
    "the firmness chart", "the <a href='/chart'>firmness chart</a>"
)  # 2 headings and 2 paragraphs: 90 words


def test_an_article_that_only_closes_trafilaturas_long_one_is_merged_with_it() -> None:
    # readability kept the guide's last two steps; trafilatura's 810 words before them
    # are the rest of it.
    asked: list[str] = []
    outcome = vote(_ballot(f"<div>{LAST_STEPS}</div>", f"<div>{GUIDE}</div>", 1_000, asked))
    assert (outcome.engine, outcome.quality, asked) == ("both", QUALITY_OK, ["trafilatura"])
    texts = _block_texts(outcome.html)
    assert (texts[0], texts[-2], texts[-1], len(texts)) == ("Step 1", "Step 20", "In step 20,", 40)
    assert outcome.html.count('<a href="/chart">firmness chart</a>') == 2  # readability's


def test_an_article_with_little_before_it_in_trafilaturas_stays() -> None:
    # Only the guide's last five steps: 135 words before readability's two, under the
    # 500 that a page readability cut short has.
    asked: list[str] = []
    readability = f"<div>{LAST_STEPS}</div>"
    end = GUIDE[GUIDE.index("<h2>Step 16</h2>") :]
    outcome = vote(_ballot(readability, f"<div>{end}</div>", 1_000, asked))
    assert (outcome.engine, outcome.html) == ("readability", readability)


def test_a_long_article_right_under_the_headline_never_asks_trafilatura() -> None:
    # The guide's last eight steps (360 words) open the page under its headline: no close
    # of a longer article has so little before it, so trafilatura is not run for this rule.
    asked: list[str] = []
    readability = f"<div>{GUIDE[GUIDE.index('<h2>Step 13</h2>') :]}</div>"
    page = f"<html><body><h1>Mattress guide</h1>{readability}{COMMENTS}</body></html>"
    doc = lxml_html.document_fromstring(page)
    places = page_places(doc, doc.text_content(), "Mattress guide")
    start = places.after_headline(readability) if places is not None else None
    assert start is not None and 0 <= start <= 5
    ballot = asking_ballot(
        readability, f"<div>{GUIDE}</div>", asked, page_words=1_500, places=places
    )
    outcome = vote(ballot)
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, [])
    # Unplaced, the same article is asked about (and is no close: 540 words before it).
    unplaced = vote(_ballot(readability, f"<div>{GUIDE}</div>", 1_500, asked))
    assert (unplaced.engine, asked) == ("both", ["trafilatura"])
