"""The page's landmarks, and the vote's main and furniture rules (landmarks.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK
from site_builder.extract.landmarks import furniture_text, main_text
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


# --- the furniture rule ------------------------------------------------------------------

ABOUT = (
    "<p>We are a small family bakery, founded in 1952 by Anna and Piotr, baking sourdough, "
    "rye and seasonal cakes every morning in the same brick oven, for the whole town.</p>"
)
RECIPE = (
    "<h2>Rye sourdough</h2><p>Feed the starter the night before, with equal weights of rye "
    "flour and water.</p><p>Mix the dough in the morning, fold it twice, and bake it in a "
    "hot covered pot for forty minutes.</p>"
)


@pytest.mark.parametrize(
    ("page", "article", "text"),
    [
        # the article's first box inside a footer inside a header: the outermost counts
        ('<header x="1"><footer x="2"><p x="3">About</p></footer><p x="4">Menu</p></header>',
         '<div><p x="3">About</p></div>', "About Menu"),
        ('<div x="1" role="contentinfo"><p x="2">About</p></div>', '<div><p x="2">About</p></div>',
         "About"),
        ('<nav x="1">Menu</nav>', '<div><nav x="1">Menu</nav></div>', "Menu"),  # itself
        ('<article x="1"><p x="2">Story</p></article><footer x="3">About</footer>',
         '<div><p x="2">Story</p></div>', None),
        ('<footer x="1">About</footer>', "<div><p>Unmarked</p></div>", None),
    ],
)  # fmt: skip
def test_the_furniture_holding_readability_article(
    page: str, article: str, text: str | None
) -> None:
    reference = lxml_html.document_fromstring(f"<html><body>{page}</body></html>")
    assert furniture_text(article, reference) == text


def _furnished(
    readability: str, trafilatura: str, furniture: str | None, asked: list[str]
) -> Ballot:
    return replace(asking_ballot(readability, trafilatura, asked), furniture=lambda: furniture)


def test_an_article_in_the_footer_gives_way_to_trafilatura_outside_it() -> None:
    """wcxb_test 5677: readability took the footer's "about us" text (F1 0, trafilatura 0.82)."""
    asked: list[str] = []
    outcome = vote(_furnished(f"<div>{ABOUT}</div>", f"<div>{RECIPE}</div>", ABOUT[3:-4], asked))
    assert outcome == Outcome(html=f"<div>{RECIPE}</div>", engine="trafilatura", quality=QUALITY_OK)
    assert asked == ["trafilatura"]


@pytest.mark.parametrize(
    ("trafilatura", "furniture"),
    [
        (f"<div>{RECIPE}{ABOUT}</div>", ABOUT[3:-4]),  # trafilatura's ends in the footer too
        ("<div><p>Rye sourdough, the recipe</p></div>", ABOUT[3:-4]),  # not longer
        (f"<div>{RECIPE}</div>", None),  # readability's article is in no furniture
    ],
)
def test_readability_stays_unless_it_is_in_the_furniture_and_trafilatura_outside(
    trafilatura: str, furniture: str | None
) -> None:
    asked: list[str] = []
    outcome = vote(_furnished(f"<div>{ABOUT}</div>", trafilatura, furniture, asked))
    assert (outcome.engine, outcome.html) == ("readability", f"<div>{ABOUT}</div>")
    assert asked == ([] if furniture is None else ["trafilatura"])


def test_the_vote_is_given_the_furniture_holding_readability_article() -> None:
    seen: list[Ballot] = []

    def settle(ballot: Ballot) -> Outcome:
        seen.append(ballot)
        return vote(ballot)

    page = "<html><head><title>Bakery</title></head><body><div><p>Welcome</p></div>{}</body></html>"
    extract_text(page.format(f"<footer><div>{ABOUT}</div></footer>"), settle=settle)
    extract_text(page.format(f"<div>{ABOUT}</div>"), settle=settle)
    assert [b.furniture() if b.furniture is not None else "unset" for b in seen] == [
        ABOUT[3:-4],
        None,
    ]
