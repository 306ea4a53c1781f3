"""Authors as display names: each rule of extract/authors.py, on the case that motivated it."""

from __future__ import annotations

import json

import pytest
from lxml.html import document_fromstring

from site_builder.extract.authors import clean_authors, identity_key
from site_builder.extract.metadata import read_metadata


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("by India Post News Weekly", ("India Post News Weekly",)),
        ("By: Jane Doe", ("Jane Doe",)),
        ("Written by Jane Doe", ("Jane Doe",)),
        ("Victor Tangermann, Futurism", ("Victor Tangermann",)),
        ("Jane Doe | Futurism", ("Jane Doe",)),
        ("Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Jane Doe, John Roe and Ann Poe", ("Jane Doe", "John Roe", "Ann Poe")),
        ("Simon & Schuster", ("Simon & Schuster",)),
        ("Paul Steinhauser, CNN Political Editor", ("Paul Steinhauser",)),
        ("Tara Hornor; Website; Other Articles", ("Tara Hornor",)),
        ("Sebastian Blanco RSS feed", ("Sebastian Blanco",)),
        ("Ian LYNAM October 4", ("Ian LYNAM",)),
        ("Byron Katie", ("Byron Katie",)),
        ("admin", ()),
        ("jdadmin", ()),
        ("Administrator", ()),
        ("thegrangehall", ()),
        ("@usatoday", ()),
        ("Follow @DavidCarnoy", ()),
        ("https://www.washingtonexaminer.com/author/tom-rogan", ()),
        ("https://www.facebook.com/jane.doe.7", ()),
        ("Hungry says:", ()),
        ("View my complete profile", ()),
        ("newsroom@example.org", ()),
    ],
)
def test_a_byline_becomes_display_names(byline: str, names: tuple[str, ...]) -> None:
    assert clean_authors([byline], site_name="Futurism", host="futurism.com") == names


def test_an_address_becomes_the_name_the_page_gives_it() -> None:
    known = {identity_key("https://www.washingtonexaminer.com/author/tom-rogan/"): "Tom Rogan"}
    found = clean_authors(
        ["https://washingtonexaminer.com/author/tom-rogan", "@nobody"], names_by_address=known
    )
    assert found == ("Tom Rogan",)


def test_the_same_person_is_named_once() -> None:
    assert clean_authors(["Jane Doe", "jane doe", "Jane  Doe"]) == ("Jane Doe",)


def _read(head: str, body: str = "") -> tuple[str, ...]:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_metadata(document_fromstring(page), "https://www.usatoday.example/story/1").authors


def test_twitter_creator_handle_is_not_an_author() -> None:
    # USA Today's pages: no author in their metadata but twitter:creator "@usatoday".
    assert _read('<meta name="twitter:creator" content="@usatoday">') == ()


def test_a_handle_becomes_a_name_where_the_page_says_whose_it_is() -> None:
    person = {
        "@type": "NewsArticle",
        "headline": "H",
        "author": {"@type": "Person", "url": "https://www.usatoday.example/staff/jdoe"},
    }
    people = {"@type": "Person", "name": "Jane Doe", "sameAs": ["https://twitter.com/janedoe"]}
    head = (
        f'<script type="application/ld+json">{json.dumps([person, people])}</script>'
        '<meta name="twitter:creator" content="@janedoe">'
    )
    # The JSON-LD author is only an address nobody names: the next source, the handle.
    assert _read(head) == ("Jane Doe",)
    link = '<p>By <a href="/staff/jdoe">John Roe</a></p>'
    assert _read(head, link) == ("John Roe",)


def test_a_handle_whose_link_shows_only_the_handle_stays_unnamed() -> None:
    head = '<meta name="twitter:creator" content="@foresmac">'
    assert _read(head, '<a href="https://twitter.com/foresmac">@foresmac</a>') == ()


def test_several_author_tags_give_several_authors() -> None:
    head = '<meta name="author" content="Jane Doe"><meta name="author" content="John Roe">'
    assert _read(head) == ("Jane Doe", "John Roe")


def test_a_cms_account_falls_through_to_the_next_source() -> None:
    head = '<meta name="author" content="admin"><meta property="article:author" content="Jo Ng">'
    assert _read(head) == ("Jo Ng",)
