"""vote: readability's article and trafilatura's, settled into one."""

from __future__ import annotations

from site_builder.extract.vote import Ballot, vote

STORY = "".join(
    f"<p>Paragraph {n} of the harbour story tells how the crane number {n} was lifted "
    f"onto barge {n} before the tide turned on the quay.</p>"
    for n in range(1, 9)
)
PICTURE = '<figure><img src="crane.jpg" alt="The crane"><figcaption>The crane</figcaption></figure>'


def _ballot(readability: str, trafilatura: str, quality: str = "ok") -> Ballot:
    return Ballot(
        readability=readability,
        trafilatura=trafilatura,
        quality=quality,  # type: ignore[arg-type]
        title="The harbour reopens",
    )


def test_what_both_find_is_kept_with_readability_markup() -> None:
    mine = f"<div><h2>Repairs</h2>{PICTURE}{STORY}<ul><li>one</li></ul></div>"
    outcome = vote(_ballot(mine, f"<div><h2>Repairs</h2>{STORY}<ul><li>one</li></ul></div>"))
    assert outcome.html == mine
    assert outcome.engine == "readability"


def test_an_ok_article_is_kept_even_when_trafilatura_finds_more() -> None:
    """Trusting the longer engine for a whole page lost F1 on dragnet's short posts."""
    post = "<div><p>Paragraph 3 of the harbour story tells how the crane was lifted.</p></div>"
    outcome = vote(_ballot(post, f"<div><h2>Repairs</h2>{STORY}</div>"))
    assert (outcome.engine, outcome.html) == ("readability", post)


def test_link_furniture_at_the_edges_that_trafilatura_does_not_find_goes() -> None:
    mine = (
        '<div><h1>The harbour reopens</h1><p><a href="/">Home</a> › <a href="/news">News</a></p>'
        "<p>By Marta Kowalczyk · 2 March 2024 · 7 min read</p>"
        f"{PICTURE}{STORY}"
        '<p>Tags: <a href="/tag/baking">baking</a> <a href="/tag/sourdough">sourdough</a></p></div>'
    )
    outcome = vote(_ballot(mine, f"<div>{STORY}</div>"))
    assert outcome.engine == "both"
    assert "/news" not in outcome.html and "Tags:" not in outcome.html
    assert "<h1>The harbour reopens</h1>" in outcome.html  # the title is evidence
    assert "Marta" in outcome.html  # no links: the measured vote keeps it (see vote's doc)
    assert '<img src="crane.jpg"' in outcome.html and "Paragraph 8" in outcome.html


def test_blocks_inside_the_article_are_not_voted_out() -> None:
    middle = '<p><a href="/master">A quote from the harbour master</a> about the tides.</p>'
    mine = f"<div>{STORY}{middle}{STORY}</div>"
    outcome = vote(_ballot(mine, f"<div>{STORY}{STORY}</div>"))
    assert "harbour master" in outcome.html


def test_a_short_verdict_takes_trafilatura_article_when_it_found_one() -> None:
    outcome = vote(_ballot("<div><p>Accept cookies</p></div>", f"<div>{STORY}</div>", "short"))
    assert (outcome.engine, outcome.quality) == ("trafilatura", "ok")


def test_nothing_from_trafilatura_keeps_readability() -> None:
    outcome = vote(_ballot(f"<div>{STORY}</div>", ""))
    assert (outcome.engine, outcome.html) == ("readability", f"<div>{STORY}</div>")
