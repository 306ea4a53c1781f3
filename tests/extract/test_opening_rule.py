"""The opening rule: readability's small article that is only the opening of trafilatura's
long one is merged with it."""

from __future__ import annotations

from site_builder.core.records import QUALITY_OK
from site_builder.extract.blocks import blocks, parse_fragment
from site_builder.extract.vote import Ballot, vote
from tests.extract.extracting import asking_ballot

OPENING = (
    "<p>Choosing a mattress for side sleepers starts with the <a href='/firmness'>firmness"
    "</a> of the top layer and the width of your shoulders.</p>"
)  # 22 words
GUIDE = "".join(
    f"<h2>Step {n}</h2><p>In step {n} you lie on your side for ten minutes, note where "
    f"the hip sinks, and compare that with the firmness chart on the label of mattress "
    f"number {n} before you move on to the next one in the shop.</p>"
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
    return [" ".join(block.itertext())[:30] for block in blocks(root)]


def test_a_small_article_that_only_opens_trafilaturas_long_one_is_merged_with_it() -> None:
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{GUIDE}</div>", 1_000, asked))
    assert (outcome.engine, outcome.quality, asked) == ("both", QUALITY_OK, ["trafilatura"])
    texts = _block_texts(outcome.html)
    assert texts[:4] == [
        "Choosing a mattress for side s",
        "Step 1",
        "In step 1 you lie on your side",
        "Step 2",
    ]
    assert (texts[-1], len(texts)) == ("In step 20 you lie on your sid", 41)
    assert '<a href="/firmness">firmness</a>' in outcome.html  # readability's own markup


def test_a_short_post_above_a_few_comments_stays_as_readability_found_it() -> None:
    # A photo post's caption, then 195 words of comments in trafilatura's article: under
    # the 500 words after it that only a page readability cut short has.
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{COMMENTS}</div>", 1_000, asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, ["trafilatura"])


def test_a_small_article_in_the_middle_of_trafilaturas_stays() -> None:
    # readability's box is not where trafilatura's article starts: a sidebar's note
    # that trafilatura kept among other things, not the first lines of one article.
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    guide_around = f"<div>{GUIDE[: len(GUIDE) // 2]}{OPENING}{GUIDE[len(GUIDE) // 2 :]}</div>"
    outcome = vote(_ballot(readability, guide_around, 1_000, asked))
    assert (outcome.engine, outcome.html) == ("readability", readability)


def test_a_page_without_room_for_a_long_article_never_asks_trafilatura() -> None:
    asked: list[str] = []
    readability = f"<div>{OPENING}</div>"
    outcome = vote(_ballot(readability, f"<div>{OPENING}{GUIDE}</div>", 400, asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, [])
