"""The position rule: an article far from the page's headline, against one right under it."""

from __future__ import annotations

from dataclasses import replace

from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK
from site_builder.extract.headline import PagePlaces, page_places
from site_builder.extract.vote import Ballot, Outcome, vote
from tests.extract.extracting import extract_text

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


def test_a_short_trafilatura_article_under_the_headline_leaves_readability() -> None:
    body = f"<h1>Ferries count apples</h1>{STORY}<p>{'Menu item. ' * 250}</p>{TEASERS}"
    places = _places(body, "Ferries count apples")
    assert places is not None
    teasers = f"<div>{TEASERS}</div>"
    short = "<div><p>The ferry number 1 left the harbour at dawn with 1 crate.</p></div>"
    outcome = vote(_ballot(teasers, short, places))
    assert (outcome.engine, outcome.html) == ("readability", teasers)
