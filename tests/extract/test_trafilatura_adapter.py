"""trafilatura_adapter: the second engine's article, with our defaults and our errors."""

from __future__ import annotations

import logging
from pathlib import Path

import lxml.etree
import pytest
from lxml import html as lxml_html
from trafilatura.metadata import extract_author, extract_metadata

from site_builder.extract.errors import ExtractError
from site_builder.extract.trafilatura_adapter import (
    byline_author,
    mirrors_trafilatura,
    trafilatura_article,
    trafilatura_author,
)

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the harbour story tells how crane number {n} was lifted onto "
    f"barge {n} before the tide turned, and what the crew said about it afterwards.</p>"
    for n in range(1, 7)
)
PAGE = f"""<html><head><title>The harbour reopens</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>The harbour reopens</h1>{PARAGRAPHS}
<h2>What changes</h2><ul><li>Quay Street reopens to buses on Monday morning</li>
<li>The ferry returns to its old berth by the fish market</li></ul>
<table><tr><th>Day</th><th>Sailings</th></tr><tr><td>Monday</td><td>12</td></tr></table>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Spam Bot says: great article, visit my casino site today please.</p></div>
</section></body></html>"""


def _article(page: str) -> str:
    doc = lxml_html.document_fromstring(page)
    return trafilatura_article(doc, path=Path("saved/harbour.html"), url=None)


def test_the_article_keeps_its_structure_and_not_the_comments() -> None:
    found = _article(PAGE)
    assert found.startswith("<div>")
    assert "Paragraph 6 of the harbour story" in found
    assert "<h2>What changes</h2>" in found
    assert "<li>Quay Street reopens" in found
    assert "<td>Monday</td>" in found
    assert "casino" not in found  # comments are off
    assert "<a " not in found  # links are taken from readability's markup


def test_a_page_without_an_article_gives_nothing() -> None:
    assert _article("<html><body><p></p></body></html>") == ""


def test_a_tree_the_engine_discards_is_nothing_and_its_warning_stays_quiet(
    caplog: pytest.LogCaptureFixture,
) -> None:
    deep = "<div>" * 5000 + PARAGRAPHS + "</div>" * 5000
    doc = lxml_html.document_fromstring(
        f"<html><body>{deep}</body></html>", parser=lxml_html.HTMLParser(huge_tree=True)
    )
    with caplog.at_level(logging.WARNING):
        assert trafilatura_article(doc, path=Path("saved/deep.html"), url=None) == ""
    assert not caplog.records


def test_an_lxml_error_in_the_engine_is_an_extract_error_naming_the_page() -> None:
    def failing(*_args: object, **_kwargs: object) -> str | None:
        raise lxml.etree.SerialisationError("cannot serialise")

    doc = lxml_html.document_fromstring(PAGE)
    with pytest.raises(ExtractError, match=r"saved/harbour\.html: trafilatura could not read"):
        trafilatura_article(doc, path=Path("saved/harbour.html"), url=None, engine=failing)


# trafilatura 2.3's article for a forum thread (wcxb_test 5080, shortened): each post's
# text after its quote stands in no block.
THREAD = """<html><body><p>Posts: 59713</p><blockquote>
<p>paul wheaton wrote:<br>  And where do the bits go?<br></p>
</blockquote><br> They are "extra" pepper in your scrambled eggs, <b>lol</b>.<br><br><br>
 I have an old Wagner Ware cast iron skillet, and I wipe it out<br>and re oil it.<br>
<ul><li>Number of slices to send:</li></ul></body></html>"""


def test_text_standing_loose_in_the_engine_article_becomes_paragraphs() -> None:
    def thread(*_args: object, **_kwargs: object) -> str | None:
        return THREAD

    doc = lxml_html.document_fromstring(PAGE)
    found = trafilatura_article(doc, path=Path("saved/thread.html"), url=None, engine=thread)
    assert " ".join(found.split()) == (
        "<div><p>Posts: 59713</p><blockquote> <p>paul wheaton wrote:<br> And where do the "
        "bits go?<br></p> </blockquote>"
        '<p> They are "extra" pepper in your scrambled eggs, <b>lol</b>.</p>'
        "<p> I have an old Wagner Ware cast iron skillet, and I wipe it out<br>and re oil "
        "it.</p><ul><li>Number of slices to send:</li></ul></div>"
    )


@pytest.mark.parametrize(
    ("head", "body", "author"),
    [
        ('<meta name="author" content="Marta Kowalczyk">', "", "Marta Kowalczyk"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "headline": "The harbour reopens", '
            '"author": {"@type": "Person", "name": "Sam Okafor"}}</script>',
            "",
            "Sam Okafor",
        ),
        ('<meta name="author" content="admin">', '<p class="byline">By Ana Lima</p>', "Ana Lima"),
        ("", '<div class="author-name">Jon Berg</div>', "Jon Berg"),
        ("", "", None),
    ],
)
def test_the_author_is_read_as_trafilatura_whole_metadata_reads_it(
    head: str, body: str, author: str | None
) -> None:
    def page() -> lxml_html.HtmlElement:
        return lxml_html.document_fromstring(
            f"<html><head><title>The harbour reopens</title>{head}</head>"
            f"<body><article><h1>The harbour reopens</h1>{body}{PARAGRAPHS}</article></body></html>"
        )

    whole = trafilatura_author(page(), path=Path("page.html"), url=None, engine=extract_metadata)
    assert trafilatura_author(page(), path=Path("page.html"), url=None) == whole == author


# byline_author: trafilatura's extract_author, found without copying the page. Each page
# is asked of both, and both must give the exact author written here.
BYLINE_PAGES = [
    # no element trafilatura would look at
    ('<p class="intro">A quiet week at the harbour.</p>', None),
    ('<p class="byline">By Ana Lima</p>', "Ana Lima"),
    ('<div class="author-name">Jon Berg</div>', "Jon Berg"),
    ('<a rel="author" href="/staff/mk">Marta Kowalczyk</a>', "Marta Kowalczyk"),
    ("<author>Sam Okafor</author>", "Sam Okafor"),
    ('<h4 id="article-author">Written by Lena Fischer</h4>', "Lena Fischer"),
    ('<span data-component="Byline">Tom Reyes</span>', "Tom Reyes"),
    ('<em class="post-Author">Ines Duarte</em>', "Ines Duarte"),
    # the first search's element wins over an earlier one of the third search
    ('<em class="writer">Ola Nowak</em><span class="authorName">Piet Jansen</span>', "Piet Jansen"),
    # a byline in the comments is pruned before the search; the article's is read
    (
        '<section id="comments"><p class="byline">Spam Bot</p></section>'
        '<p class="byline">Ana Lima</p>',
        "Ana Lima",
    ),
    ('<div class="sidebar"><span class="author">Spam Bot</span></div>', None),
    ('<figure><figcaption class="author">Photo Desk</figcaption></figure>', None),
    # a date inside the byline is pruned, its tail kept as trafilatura keeps it
    ('<p class="byline">By Ana Lima<time>3 May 2024</time>, staff writer</p>',
     "Ana Lima; Staff Writer"),
    # ... joined to the text before it, with no space between
    ('<span class="byline">Jon<time>2024</time>Berg</span>', "JonBerg"),
    # too long for a name: the next one is read
    (f'<div class="author-box">{"About the author. " * 8}</div><p class="byline">Jon Berg</p>',
     "Jon Berg"),
    ('<span class="byline">By</span>', None),  # two characters: too short
]  # fmt: skip


def _byline_page(body: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(
        f"<html><head><title>The harbour reopens</title></head>"
        f"<body><article><h1>The harbour reopens</h1>{body}{PARAGRAPHS}</article></body></html>"
    )


@pytest.mark.parametrize(("body", "author"), BYLINE_PAGES)
def test_the_byline_author_is_trafilaturas_without_its_copy_of_the_page(
    body: str, author: str | None
) -> None:
    doc = _byline_page(body)
    before = lxml_html.tostring(doc)
    assert byline_author(doc) == extract_author(_byline_page(body)) == author
    assert lxml_html.tostring(doc) == before  # the page is left as it was


def _plain(_doc: lxml_html.HtmlElement) -> str | None:
    return "Asked Trafilatura"


def test_the_walk_answers_a_whole_page_itself() -> None:
    # Under the installed trafilatura (the one the walk mirrors) trafilatura is not asked.
    assert byline_author(_byline_page('<p class="byline">Ana Lima</p>'), plain=_plain) == (
        "Ana Lima"
    )
    assert byline_author(_byline_page(""), plain=_plain) is None


def test_trafilatura_installed_without_its_sources_keeps_its_own_author_search() -> None:
    def no_source(_function: object) -> str:
        raise OSError("could not get source code")

    assert mirrors_trafilatura()
    assert not mirrors_trafilatura(read_source=no_source)
    assert not mirrors_trafilatura(read_source=lambda _function: "def other(): pass")


def test_a_page_with_a_rel_element_is_left_to_trafilatura() -> None:
    # <div><rel>me</rel>Ana Lima</div> is an author's element to trafilatura, and what the
    # <rel> reads can change with its pruning.
    doc = _byline_page("<div><rel>me</rel>Ana Lima</div>")
    assert byline_author(doc, plain=_plain) == "Asked Trafilatura"
    assert byline_author(doc) == extract_author(doc) == "Me Ana Lima"


def test_a_part_of_a_page_is_left_to_trafilatura() -> None:
    article = _byline_page('<p class="byline">Ana Lima</p>').find(".//article")
    assert article is not None
    assert byline_author(article, plain=_plain) == "Asked Trafilatura"
