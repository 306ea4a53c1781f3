"""Highlights and notes: `==text==` as <mark>, `==text==^[note]` as a footnote, the
front matter's `note:` and `highlights:`, the Highlights page and its feed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

from site_builder.core.records import Article, Highlight, PageHighlight
from site_builder.render.body_html import html_to_text, note_to_html, render_body
from tests.render.conftest import news_article, rendered_site

ATOM = "{http://www.w3.org/2005/Atom}"


def test_marks_and_notes_render_as_mark_and_a_footnote() -> None:
    body = render_body("A ==quiet *harbour*== and ==boats==^[they *came back*] at dawn.\n")
    assert body.html == (
        '<p>A <mark id="highlight-1">quiet <em>harbour</em></mark> and '
        '<mark id="highlight-2">boats</mark><sup id="highlight-ref-1">'
        '<a href="#highlight-note-1" rel="noopener noreferrer nofollow">1</a></sup> at dawn.</p>\n'
        "<hr>\n<ol>\n"
        '<li id="highlight-note-1">they <em>came back</em> '
        '<a href="#highlight-ref-1" rel="noopener noreferrer nofollow">↩</a></li>\n</ol>'
    )
    assert body.highlights == (
        PageHighlight(anchor="highlight-1", quote="quiet harbour"),
        PageHighlight(anchor="highlight-2", quote="boats", note="they *came back*"),
    )


def test_equals_signs_that_are_not_a_mark_stay_text() -> None:
    body = render_body("a == b, x===y===z, `==code==` and ==  spaced ==\n")
    assert body.html == ("<p>a == b, x===y===z, <code>==code==</code> and ==  spaced ==</p>")
    assert body.highlights == ()


def test_equals_signs_in_link_addresses_are_no_mark() -> None:
    # A redirector's addresses, as a real page had them (devset dragnet R17).
    body = render_body(
        "told [Ars](http://r.example/rd/1==http://a.example/x). A list at the "
        "[Core site](http://r.example/rd/2==http://c.example/y), and ==this [one](u)==.\n"
    )
    rel = 'rel="noopener noreferrer nofollow"'
    assert body.html == (
        f'<p>told <a href="http://r.example/rd/1==http://a.example/x" {rel}>Ars</a>. A list '
        f'at the <a href="http://r.example/rd/2==http://c.example/y" {rel}>Core site</a>, and '
        f'<mark id="highlight-1">this <a href="u" {rel}>one</a></mark>.</p>'
    )


def test_a_stored_quote_found_is_marked_and_one_not_found_goes_to_the_box() -> None:
    stored = (
        Highlight(quote="the sea wall", note="rebuilt in a *week*"),
        Highlight(quote="a sentence the article lost"),
        Highlight(quote="in code"),
    )
    body = render_body("Repairs to the sea wall.\n\n    in code\n", stored)
    assert body.html.startswith(
        '<p>Repairs to <mark id="highlight-1">the sea wall</mark><sup id="highlight-ref-1">'
    )
    assert '<li id="highlight-note-1">rebuilt in a <em>week</em> ' in body.html
    assert body.highlights == (
        PageHighlight(anchor="highlight-1", quote="the sea wall", note="rebuilt in a *week*"),
        PageHighlight(anchor="highlight-2", quote="a sentence the article lost", in_text=False),
        PageHighlight(anchor="highlight-3", quote="in code", in_text=False),
    )


def _highlighted(stem: str, published: str, body: str, **meta: object) -> Article:
    article = news_article(stem, stem[11:].replace("-", " ").title(), published, body)
    return replace(article, meta=replace(article.meta, url=f"https://example.org/{stem}", **meta))


def test_the_article_page_shows_its_note_and_the_box_of_quotes_not_found(tmp_path: Path) -> None:
    article = _highlighted(
        "2021-03-04-quiet-harbour", "2021-03-04", "The ==harbour== reopened.\n",
        note="Worth **rereading**.",
        highlights=(Highlight(quote="lost quote", note="from *Kindle*"),),
    )  # fmt: skip
    site = rendered_site(tmp_path, [article])
    page = (site / "articles" / "2021-03-04-quiet-harbour.html").read_text("utf-8")
    assert (
        '<section class="reader-note" aria-label="My note"><h2>My note</h2>'
        "<p>Worth <strong>rereading</strong>.</p></section>"
    ) in page
    assert (
        '<li id="highlight-2"><mark>lost quote</mark><div class="highlight-note">'
        "<p>from <em>Kindle</em></p></div></li>"
    ) in page
    assert '<mark id="highlight-1">harbour</mark>' in page


def test_the_highlights_page_lists_every_highlight_newest_article_first_with_its_feed(
    tmp_path: Path,
) -> None:
    older = _highlighted("2020-01-01-older-story", "2020-01-01", "An ==old mark==.\n")
    newer = _highlighted(
        "2022-05-01-newer-story", "2022-05-01", "A ==new mark==^[my *note*] and ==another==.\n"
    )
    plain = _highlighted("2021-01-01-plain-story", "2021-01-01", "Nothing marked.\n")
    site = rendered_site(tmp_path, [older, plain, newer])

    page = (site / "highlights.html").read_text("utf-8")
    hrefs = [
        "articles/2022-05-01-newer-story.html#highlight-1",
        "articles/2022-05-01-newer-story.html#highlight-2",
        "articles/2020-01-01-older-story.html#highlight-1",
    ]
    positions = [page.index(f'<a href="{href}">') for href in hrefs]
    assert positions == sorted(positions)
    assert "Plain Story" not in page
    assert '<div class="highlight-note"><p>my <em>note</em></p></div>' in page
    assert 'href="highlights.html" aria-current="page">Highlights</a>' in page

    feed = ElementTree.parse(site / "highlights.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == hrefs  # type: ignore[union-attr]
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Newer Story: new mark"
    assert first.findtext(f"{ATOM}updated") == "2022-05-01T00:00:00Z"
    assert first.findtext(f"{ATOM}content") == "new mark\n\nmy *note*"
    assert first.find(f"{ATOM}content").get("type") is None  # type: ignore[union-attr]


def test_a_notes_images_are_links_never_loaded() -> None:
    image = "![a chart](https://example.org/chart.png) after"
    assert note_to_html(f"See {image}").html == (
        '<p>See <a href="https://example.org/chart.png" rel="noopener noreferrer nofollow">'
        "a chart</a> after</p>"
    )
    inline = render_body(f"==x==^[see {image}]").html
    assert "<img" not in inline
    assert '<a href="https://example.org/chart.png" rel="noopener noreferrer nofollow">' in inline


def test_a_notes_number_is_not_part_of_the_text() -> None:
    html = render_body("A ==boats==^[they *came back*] at dawn.\n").html
    assert html_to_text(html) == "A boats at dawn.\nthey came back"
