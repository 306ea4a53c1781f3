"""The vote's summary rule: the page's own description, missing from readability's article."""

from __future__ import annotations

from dataclasses import replace

from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK
from site_builder.extract.vote import Ballot, Outcome, vote
from tests.extract.extracting import extract_text

LEAD = "Ferraro's new album Sushi streams here first, a week before its release on vinyl."
STORY = (
    "<p>The producer chops pop vocals into long synth journeys across the record.</p>"
    "<p>His earlier album leaned on the sounds of old computer games.</p>"
)
# A "most viewed" box: teasers of other stories, none of them this page's.
MOST_VIEWED = (
    "<div><h3>October playlist</h3><p>Forty new tracks for the long cold nights.</p>"
    "<h3>Halloween mixtapes</h3><p>Three ghoulish treats from three labels.</p></div>"
)
PRESS_RELEASE = (
    "<p>San Francisco - Today the label announced a new album by the producer.</p>"
    "<p>The album will be available in stores and online next week.</p>"
)


def _ballot(readability: str, trafilatura: str, **page: str) -> Ballot:
    text = page.get("text", f"Menu {LEAD} More")
    return Ballot(
        readability=readability,
        trafilatura=lambda: trafilatura,
        quality=QUALITY_OK,
        page_words=lambda: len(text.split()),
        title=page.get("title", "First look: Sushi"),
        description=page.get("description", LEAD),
        page_text=lambda: text,
    )


def _refuse() -> str:
    raise AssertionError("trafilatura was asked")


def test_a_box_elsewhere_gives_way_to_the_article_that_shows_the_description() -> None:
    """dragnet R300: readability took the "most viewed" box (F1 0, trafilatura 0.95)."""
    theirs = f"<div><p>{LEAD}</p>{STORY}</div>"
    outcome = vote(_ballot(MOST_VIEWED, theirs))
    assert (outcome.engine, outcome.quality) == ("both", QUALITY_OK)
    assert outcome.html == theirs


def test_a_lead_readability_cut_is_merged_back_with_its_markup_kept() -> None:
    ours = STORY.replace("pop vocals", '<a href="/vocals">pop vocals</a>')
    theirs = f"<div><h2>Sushi</h2><p>{LEAD}</p>{STORY}</div>"
    outcome = vote(_ballot(f"<div>{ours}</div>", theirs))
    assert outcome.html == f"<div><h2>Sushi</h2><p>{LEAD}</p>{ours}</div>"


def test_what_readability_skipped_from_the_lead_goes_before_an_article_further_on() -> None:
    """dragnet R922: readability took a press release quoted under the story."""
    theirs = f"<div><p>{LEAD}</p>{STORY}<h3>Press release</h3>{PRESS_RELEASE}</div>"
    outcome = vote(_ballot(f"<div>{PRESS_RELEASE}</div>", theirs))
    assert outcome == Outcome(
        html=f"<div><p>{LEAD}</p>{STORY}<h3>Press release</h3><div>{PRESS_RELEASE}</div></div>",
        engine="both",
        quality=QUALITY_OK,
    )


def test_a_thread_readability_took_one_later_post_of_comes_back_from_its_first() -> None:
    """wcxb_test 5029: readability kept the thread's fourth post (F1 0.37, then 0.83)."""
    posts = [
        f"<p>Post {n}: the tank has cycled for {n} weeks, and the plants are growing well.</p>"
        for n in range(2, 6)
    ]
    theirs = f"<div><p>{LEAD}</p>{''.join(posts)}</div>"
    ours = posts[2].replace("plants", '<a href="/plants">plants</a>')
    outcome = vote(_ballot(f"<div>{ours}{posts[3]}</div>", theirs))
    expected = f"<div><p>{LEAD}</p>{posts[0]}{posts[1]}<div>{ours}{posts[3]}</div></div>"
    assert outcome.html == expected
    assert outcome.engine == "both"


def test_a_description_cut_short_finds_the_lead_it_opens() -> None:
    cut = " ".join(LEAD.split()[:9])  # "… a week before its"
    theirs = f"<div><p>{LEAD} The tracks were made over two winters in a flat.</p>{STORY}</div>"
    outcome = vote(_ballot(MOST_VIEWED, theirs, description=cut))
    assert outcome.html == theirs


def test_a_description_inside_a_longer_block_is_no_lead() -> None:
    """dragnet 500: trafilatura's one block held the menus, the lead and the story."""
    story = lxml_html.fragment_fromstring(STORY, create_parent="div").text_content()
    theirs = f"<div><p>Home News Sport Weather {LEAD} {story}</p></div>"
    outcome = vote(_ballot(MOST_VIEWED, theirs))
    assert (outcome.engine, outcome.html) == ("readability", MOST_VIEWED)


def test_a_description_that_repeats_the_title_never_asks_trafilatura() -> None:
    """dragnet T97: the description was the title and the site's name."""
    ballot = _ballot(MOST_VIEWED, "", title=LEAD, description=f"{LEAD} Dazed")
    outcome = vote(replace(ballot, trafilatura=_refuse))
    assert outcome.html == MOST_VIEWED


def test_a_description_the_page_does_not_show_never_asks_trafilatura() -> None:
    ballot = _ballot(MOST_VIEWED, "", text="Menu More")
    outcome = vote(replace(ballot, trafilatura=_refuse))
    assert outcome.html == MOST_VIEWED


def test_an_article_that_holds_the_description_never_asks_trafilatura() -> None:
    ours = f"<div><p>{LEAD}</p>{STORY}</div>"
    ballot = _ballot(ours, "")
    assert vote(replace(ballot, trafilatura=_refuse)).html == ours


def test_the_vote_is_given_the_page_title_description_and_shown_text() -> None:
    page = (
        f'<html><head><title>Sushi</title><meta name="description" content="{LEAD}">'
        f"</head><body><nav>Home</nav><article><h1>Sushi</h1><p>{LEAD}</p>{STORY}"
        "</article></body></html>"
    )
    seen: list[Ballot] = []

    def settle(ballot: Ballot) -> Outcome:
        seen.append(ballot)
        return vote(ballot)

    extract_text(page, settle=settle)
    (ballot,) = seen
    assert (ballot.title, ballot.description) == ("Sushi", LEAD)
    assert ballot.page_text is not None
    assert (
        ballot.page_text()
        == f"HomeSushi{LEAD}"
        + lxml_html.fragment_fromstring(STORY, create_parent="div").text_content()
    )  # the body's text as it was saved, before readability
