"""The page's one <main> region, and the vote's main rule (main_region.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK
from site_builder.extract.main_region import main_text
from site_builder.extract.vote import Ballot, Outcome, vote
from tests.extract.extracting import asking_ballot, extract_text

EXHIBITIONS = (
    "<h2>Current exhibitions</h2><p>The Golden Record</p><p>Rachel Libeskind</p>"
    "<p>The Making of an Artist, Part III</p><p>Joseph Plavcan</p>"
    "<p>Reflections, new paintings by Sarah Jacobs</p>"
    "<p>Sculpture in Bronze: highlights from the permanent collection</p>"
)
ADDRESS = "<p>20 E 5th St. Erie, PA 16507 (814) 459-5477 info@erieartmuseum.org</p>"


def _text(body: str) -> str | None:
    return main_text(lxml_html.document_fromstring(f"<html><body>{body}</body></html>"))


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # a heading's last word is kept apart from the next line's first
        ("<nav>Menu</nav><main><h1>Art</h1><p>Shows</p></main><footer>Ad</footer>", "Art Shows"),
        ("<div role='main'><p>Shows</p></div>", "Shows"),
        ("<main><div role='main'><p>Shows</p></div></main>", "Shows"),  # counted once
        ("<p>No region here</p>", None),
        ("<main><p>One</p></main><main><p>Two</p></main>", None),  # several say nothing
    ],
)
def test_the_page_has_one_main_region_or_none(body: str, text: str | None) -> None:
    found = _text(body)
    assert (" ".join(found.split()) if found is not None else None) == text


def _ballot(readability: str, trafilatura: str, main: str | None, asked: list[str]) -> Ballot:
    return replace(asking_ballot(readability, trafilatura, asked), main=lambda: main)


def test_an_article_outside_the_main_region_gives_way_to_trafilatura_inside_it() -> None:
    """wcxb_test 5276: readability took the museum's address from the footer (F1 0)."""
    main = _text(f"<main>{EXHIBITIONS}</main>")
    asked: list[str] = []
    outcome = vote(_ballot(f"<div>{ADDRESS}</div>", f"<div>{EXHIBITIONS}</div>", main, asked))
    assert outcome == Outcome(
        html=f"<div>{EXHIBITIONS}</div>", engine="trafilatura", quality=QUALITY_OK
    )
    assert asked == ["trafilatura"]


@pytest.mark.parametrize(
    ("readability", "trafilatura", "asked_for"),
    [
        # readability's article inside the region: trafilatura is never asked
        (f"<div>{EXHIBITIONS}</div>", f"<div>{ADDRESS}</div>", []),
        # trafilatura's outside it too, or no longer than readability's
        (f"<div>{ADDRESS}</div>", f"<div>{ADDRESS}<p>Open 10 to 5</p></div>", ["trafilatura"]),
        (f"<div>{ADDRESS}</div>", "<div><p>The Golden Record</p></div>", ["trafilatura"]),
    ],
)  # fmt: skip
def test_readability_stays_unless_it_lies_outside_and_trafilatura_inside(
    readability: str, trafilatura: str, asked_for: list[str]
) -> None:
    main = _text(f"<main>{EXHIBITIONS}</main>")
    asked: list[str] = []
    outcome = vote(_ballot(readability, trafilatura, main, asked))
    assert (outcome.engine, outcome.html, asked) == ("readability", readability, asked_for)


def test_a_page_without_one_main_region_never_asks_trafilatura() -> None:
    asked: list[str] = []
    outcome = vote(_ballot(f"<div>{ADDRESS}</div>", f"<div>{EXHIBITIONS}</div>", None, asked))
    assert (outcome.engine, asked) == ("readability", [])


def test_the_vote_is_given_the_page_main_region() -> None:
    seen: list[Ballot] = []

    def settle(ballot: Ballot) -> Outcome:
        seen.append(ballot)
        return vote(ballot)

    extract_text(
        f"<html><head><title>Art</title></head><body><main>{EXHIBITIONS}</main>"
        f"<footer>{ADDRESS}</footer></body></html>",
        settle=settle,
    )
    (ballot,) = seen
    assert ballot.main is not None
    assert ballot.main() == _text(f"<main>{EXHIBITIONS}</main>")
