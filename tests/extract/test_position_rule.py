"""The position rule (an article far from the page's headline, against one right under
it) and the lead rule (the lead readability left out between the headline and its
article)."""

from __future__ import annotations

from dataclasses import replace

from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK
from site_builder.extract.blocks import blocks, parse_fragment
from site_builder.extract.furniture import strip_furniture
from site_builder.extract.headline import PagePlaces, page_places
from site_builder.extract.vote import Ballot, Outcome, far_from_headline, vote
from tests.extract.extracting import asking_ballot, extract_text

STORY = "".join(
    f"<p>The ferry number {n} left the harbour at dawn and the crew counted {n} crates "
    f"of apples on the deck before noon.</p>"
    for n in range(1, 9)
)
MENU = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(40))
TEASERS = "".join(
    f"<p>Another story {n} is here, with more, and more, words about the town, its "
    f"people, its council, its shops, and its schools, read it now.</p>"
    for n in range(1, 14)
)


def _places(body: str, title: str) -> PagePlaces | None:
    doc = lxml_html.document_fromstring(f"<html><body>{body}</body></html>")
    found = doc.find("body")
    assert found is not None
    return page_places(doc, found.text_content(), title)


def test_an_article_is_placed_in_words_from_the_headline() -> None:
    places = _places(
        "<nav>Home News Sport</nav>\n<h2>Weather</h2>\n<h1>The storm hits the coast</h1>\n"
        "<p>By Ann Lee</p>\n<p>The storm came ashore at six in the evening.</p>\n"
        "<footer><p>Our newsroom is open to readers every day.</p></footer>",
        "The storm hits the coast tonight | Daily",
    )
    assert places is not None
    # The headline (5 words) and the byline (3) come first.
    assert places.after_headline("<p>The storm came ashore at six in the evening.</p>") == 8
    assert (
        places.after_headline("<div><p>Our newsroom is open to readers every day.</p></div>") == 17
    )
    # A menu of a few words is in too many places to place anything by.
    assert places.after_headline("<p>Home News Sport</p>") is None
    assert places.after_headline("<p>Words this page never showed at all.</p>") is None


def test_an_article_before_the_headline_is_placed_before_it() -> None:
    places = _places(
        "<p>Sign up for our daily letter of the best local news.</p>"
        "<h1>Ferries count apples</h1><p>The ferry left at dawn with the crew.</p>",
        "Ferries count apples",
    )
    assert places is not None
    assert (
        places.after_headline("<p>Sign up for our daily letter of the best local news.</p>") == -11
    )


def test_a_page_without_a_heading_like_its_title_has_no_places() -> None:
    assert (
        _places("<h1>Latest news</h1><p>The ferry left at dawn.</p>", "Ferries count apples")
        is None
    )
    assert _places("<p>Ferries count apples</p>", "Ferries count apples") is None
    # A section listing the title's words among many others is not the headline.
    long = "<h2>" + "Ferries count apples, and other stories " * 5 + "</h2>"
    assert _places(long, "Ferries count apples") is None


def _page(story_box: str, teaser_box: str) -> str:
    return (
        "<html><head><title>Ferries count apples - Harbour News</title></head><body>"
        f"<ul>{MENU}</ul><h1>Ferries count apples</h1>{story_box}<ul>{MENU}</ul>{teaser_box}"
        "</body></html>"
    )


def _watched(page: str) -> tuple[Outcome, list[str]]:
    asked: list[str] = []
    outcomes: list[Outcome] = []

    def settle(ballot: Ballot) -> Outcome:
        def record() -> str:
            asked.append("trafilatura")
            return ballot.trafilatura()

        outcomes.append(vote(replace(ballot, trafilatura=record)))
        return outcomes[-1]

    extract_text(page, settle=settle)
    return outcomes[0], asked


def test_readability_far_below_the_headline_gives_way_to_trafilatura_under_it() -> None:
    # readability takes the teasers' box, 219 words below the headline, for its commas;
    # trafilatura takes the story right under the headline.
    page = _page(f"<article>{STORY}</article>", f"<div class='text'>{TEASERS}</div>")
    outcome, asked = _watched(page)
    assert (outcome.engine, outcome.quality, asked) == ("trafilatura", QUALITY_OK, ["trafilatura"])
    found = extract_text(page)
    assert "The ferry number 1 left the harbour" in found.html
    assert "Another story" not in found.html


def test_an_article_right_under_the_headline_never_asks_trafilatura() -> None:
    outcome, asked = _watched(_page(f"<div class='entry-content'>{STORY}</div>", TEASERS))
    assert (outcome.engine, asked) == ("readability", [])
    assert "The ferry number 8" in outcome.html


def _ballot(readability: str, trafilatura: str, places: PagePlaces | None) -> Ballot:
    return Ballot(
        readability=readability,
        trafilatura=lambda: trafilatura,
        quality=QUALITY_OK,
        places=places,
    )


def test_trafilatura_far_from_the_headline_too_leaves_readability() -> None:
    teasers = f"<div>{TEASERS}</div>"
    places = _places(
        f"<h1>Ferries count apples</h1><p>{'Menu item. ' * 250}</p>{TEASERS}",
        "Ferries count apples",
    )
    assert places is not None
    story_far = f"<div>{TEASERS[: TEASERS.index('<p>Another story 3')]}{STORY}</div>"
    outcome = vote(_ballot(teasers, story_far, places))
    assert (outcome.engine, outcome.html) == ("readability", teasers)


def test_a_short_trafilatura_article_under_the_headline_is_not_taken_whole() -> None:
    body = f"<h1>Ferries count apples</h1>{STORY}<p>{'Menu item. ' * 250}</p>{TEASERS}"
    places = _places(body, "Ferries count apples")
    assert places is not None
    teasers = f"<div>{TEASERS}</div>"
    short = "<div><p>The ferry number 1 left the harbour at dawn with 1 crate.</p></div>"
    ballot = _ballot(teasers, short, places)
    assert far_from_headline(ballot, places.after_headline(teasers)) is None
    # The lead rule then puts that one block, under the headline, before the teasers.
    outcome = vote(ballot)
    assert outcome.engine == "both"
    texts = _block_texts(outcome.html)
    assert (texts[0], texts[-1], len(texts)) == (
        "The ferry number 1 left the harbour at d",
        "Another story 13 is here, with more, and",
        14,
    )


LEAD = (
    "<p>Harbour crews counted more apples on the morning ferries this week than in any "
    "week since records began, and the council says the rise is down to the new orchards "
    "on the island that were planted ten years ago by the families who farm there.</p>"
)  # 46 words
KICKER = "<p>Sign up for our daily letter of the best local news.</p>"
LINKED_STORY = STORY.replace("at dawn", "at <a href='/dawn'>dawn</a>", 1)


def _lead_places() -> PagePlaces:
    places = _places(
        f"{KICKER}<h1>Ferries count apples</h1><p>By Ann Lee</p>{LEAD}{STORY}",
        "Ferries count apples",
    )
    assert places is not None
    return places


def _asked_ballot(readability: str, trafilatura: str, asked: list[str]) -> Ballot:
    return asking_ballot(readability, trafilatura, asked, places=_lead_places())


def _block_texts(html: str) -> list[str]:
    root = parse_fragment(html)
    assert root is not None
    return [" ".join(block.itertext())[:40] for block in blocks(root)]


def test_the_lead_readability_left_out_under_the_headline_is_put_back() -> None:
    # readability's story starts 52 words below the headline (3), the byline (3) and the
    # lead (46); trafilatura's article opens with the kicker above the headline, then the
    # lead. Only the lead lies between the headline and readability's story.
    readability = f"<div>{LINKED_STORY}</div>"
    asked: list[str] = []
    outcome = vote(_asked_ballot(readability, f"<div>{KICKER}{LEAD}{STORY}</div>", asked))
    assert (outcome.engine, outcome.quality, asked) == ("both", QUALITY_OK, ["trafilatura"])
    texts = _block_texts(outcome.html)
    assert texts[0] == "Harbour crews counted more apples on the"
    assert texts[1:3] == [
        "The ferry number 1 left the harbour at  ",
        "The ferry number 2 left the harbour at d",
    ]
    assert len(texts) == 9
    assert "Sign up" not in outcome.html
    assert '<a href="/dawn">dawn</a>' in outcome.html  # readability's own markup


def test_an_article_right_under_the_headline_asks_nothing_for_its_lead() -> None:
    readability = f"<div>{LEAD}{STORY}</div>"
    asked: list[str] = []
    outcome = vote(_asked_ballot(readability, f"<div>{KICKER}{LEAD}{STORY}</div>", asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, [])


def test_no_lead_in_the_gap_leaves_readabilitys_article_as_it_is() -> None:
    readability = f"<div>{STORY}</div>"
    asked: list[str] = []
    outcome = vote(_asked_ballot(readability, f"<div>{KICKER}{STORY}</div>", asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, ["trafilatura"])


def test_the_lead_goes_beside_the_box_readability_starts_in_not_into_it() -> None:
    # dragnet 492: readability's article opens with a hidden copy of the story. The lead
    # put inside that box made it no copy of the rest, and the story showed twice.
    readability = (
        f"<div><div class='story hidden'>{STORY}</div><div class='story'>{LINKED_STORY}</div></div>"
    )
    outcome = vote(_asked_ballot(readability, f"<div>{KICKER}{LEAD}{STORY}</div>", []))
    assert outcome.engine == "both"
    texts = _block_texts(strip_furniture(outcome.html).html)
    assert texts[0] == "Harbour crews counted more apples on the"
    assert texts[1] == "The ferry number 1 left the harbour at  "  # readability's own copy
    assert len(texts) == 9  # the lead and the story once
