"""Cleanup around readability: chrome it keeps, content it drops, and the cleaned page."""

from __future__ import annotations

from lxml import html as lxml_html

from site_builder.extract.article_images import image_key
from site_builder.extract.cleanup import (
    clean_article,
    cleaned_page,
    main_region_words,
    page_text_words,
)

PROSE = "The council said the bridge would reopen in the spring, after repairs to the deck. "


def _text(fragment: str) -> str:
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(" ".join(root.itertext()).split())


def _tags(fragment: str) -> list[str]:
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return [e.tag for e in root.iter() if isinstance(e.tag, str)]


# --- what readability keeps -------------------------------------------------------------


def test_share_bar_made_of_network_names_goes() -> None:
    fragment = (
        f"<p>{PROSE}</p><ul><li><a href='#'>Share</a></li><li><a href='#'>Facebook</a></li>"
        "<li><a href='#'>Twitter</a></li><li><a href='#'>Email</a></li></ul><p>More.</p>"
    )
    assert _text(clean_article(fragment)) == f"{PROSE.strip()} More."


def test_prose_mentioning_a_network_stays() -> None:
    fragment = "<p>She shared the photo on Facebook and Twitter before the vote.</p>"
    assert (
        _text(clean_article(fragment))
        == "She shared the photo on Facebook and Twitter before the vote."
    )


def test_related_heading_with_its_link_list_goes() -> None:
    fragment = (
        f"<p>{PROSE}</p><h3>Related stories</h3>"
        "<ul><li><a href='/a'>Another bridge closes</a></li>"
        "<li><a href='/b'>Ferry fares rise</a></li></ul>"
    )
    assert _text(clean_article(fragment)) == PROSE.strip()


def test_related_heading_left_alone_at_the_end_goes() -> None:
    assert _text(clean_article(f"<p>{PROSE}</p><p><strong>Read more:</strong></p>")) == (
        PROSE.strip()
    )


def test_a_related_work_section_of_prose_stays() -> None:
    fragment = f"<h2>Related work</h2><p>{PROSE}</p>"
    assert _text(clean_article(fragment)) == f"Related work {PROSE.strip()}"


def test_newsletter_box_goes_but_an_article_about_newsletters_stays() -> None:
    box = "<div><p>Sign up for our newsletter</p><form><input><button>Go</button></form></div>"
    assert _text(clean_article(f"<p>{PROSE}</p>{box}")) == PROSE.strip()
    about = "<p>The newsletter, founded in 1990, now reaches forty thousand readers a week.</p>"
    assert _text(clean_article(about)) == _text(about)


def test_consent_and_share_boxes_by_class_go() -> None:
    fragment = (
        f"<div class='cookie-banner'>We use cookies.</div><p>{PROSE}</p>"
        "<div class='share_tools'>Send</div>"
    )
    assert _text(clean_article(fragment)) == PROSE.strip()


def test_breadcrumbs_menus_and_footers_by_class_go() -> None:
    """dragnet R19, T115, wcxb_test 5248: the boxes readability kept around the story."""
    fragment = (
        "<div class='breadcrumbs'><a href='/'>Home</a> > <a href='/news'>News</a></div>"
        f"<p>{PROSE}</p><div class='post-footer'>Filed by the desk. 3 comments</div>"
        "<ul class='nav'><li>Previous story</li></ul>"
        "<p class='copyright'>Copyright 2012 The Harbour Times</p>"
    )
    assert _text(clean_article(fragment)) == PROSE.strip()


def test_a_footnote_or_a_menu_in_the_text_stays() -> None:
    """Only whole words of a class name a box: "footnotes" and "menu-item" prose stay,
    and so does a footer box that is most of the article."""
    fragment = (
        f"<p>{PROSE}</p><div class='footnotes'><p>1. The council's own figures.</p></div>"
        f"<div class='story-footer'><p>{PROSE * 4}</p></div>"
    )
    assert _text(clean_article(fragment)) == _text(fragment)


def test_the_same_picture_twice_is_shown_once() -> None:
    fragment = (
        "<figure><img src='https://x.example/img/quay-1200x630.jpg'></figure>"
        f"<p>{PROSE}</p><figure><img src='/img/quay-800x450.jpg?w=800'></figure>"
    )
    assert _tags(clean_article(fragment)).count("img") == 1


def test_lazy_image_gets_its_real_address() -> None:
    fragment = "<img src='data:image/gif;base64,R0lGOD' data-src='https://x.example/a.jpg'>"
    assert 'src="https://x.example/a.jpg"' in clean_article(fragment)


def test_og_image_leads_an_article_without_pictures_when_the_page_shows_it() -> None:
    page = lxml_html.document_fromstring(
        "<html><body><div class='hero'><img src='/img/lead-800x450.jpg' alt='Quay'></div>"
        f"<p>{PROSE}</p></body></html>"
    )
    lead = "https://x.example/img/lead-1200x630.jpg"
    cleaned = clean_article(f"<p>{PROSE}</p>", reference=page, lead_image=lead)
    assert _tags(cleaned)[-3:] == ["figure", "img", "p"]
    assert 'alt="Quay"' in cleaned
    logo = clean_article(f"<p>{PROSE}</p>", reference=page, lead_image="/img/site-logo.png")
    assert "img" not in _tags(logo)
    with_picture = clean_article(f"<p>{PROSE}</p><img src='/x.jpg'>", reference=page,
                                 lead_image=lead)  # fmt: skip
    assert "lead-1200x630" not in with_picture


def test_image_key_ignores_size_suffix_and_query() -> None:
    assert image_key("https://cdn.example/x/Harbour-1200x630.JPG?w=5") == "harbour"
    assert image_key("/img/harbour_thumb.png") == "harbour"
    assert image_key("") == ""


# --- tables ---------------------------------------------------------------------------------

DATA_TABLE = (
    "<table><tr><th>Year</th><th>Sales</th></tr><tr><td>2020</td><td>10</td></tr>"
    "<tr><td>2021</td><td>12</td></tr></table>"
)


def test_data_table_stays_a_table() -> None:
    assert "table" in _tags(clean_article(DATA_TABLE))


def test_layout_tables_become_blocks() -> None:
    layout = f"<table><tr><td><p>{PROSE}</p></td><td>{DATA_TABLE}</td></tr></table>"
    tags = _tags(clean_article(layout))
    assert tags.count("table") == 1  # only the data table inside the layout
    single_column = "<table><tr><td>one</td></tr><tr><td>two</td></tr></table>"
    assert "table" not in _tags(clean_article(single_column))


def test_rows_left_without_their_table_become_blocks() -> None:
    tags = _tags(clean_article("<tr><td>Orphan cell text</td></tr>"))
    assert "tr" not in tags and "td" not in tags
    assert _text(clean_article("<tr><td>Orphan cell text</td></tr>")) == "Orphan cell text"


def test_cleaneval_text_wrapper_is_unwrapped() -> None:
    assert _tags(clean_article(f"<text id='x'><p>{PROSE}</p></text>")) == ["div", "div", "p"]


# --- the whole page -------------------------------------------------------------------------

PAGE = f"""<html><head><title>T</title><style>p {{color: red}}</style></head><body>
<header><a href="/">Home</a></header>
<nav><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></nav>
<main><h1>Products</h1><p>{PROSE}</p>
<div class="menu"><a href="/1">One</a> <a href="/2">Two</a> <a href="/3">Three</a></div>
<ul><li>Blue mat, 6 mm, non-slip</li><li>Green mat, 4 mm, travel size</li></ul></main>
<div class="comments"><p>First!</p></div>
<p hidden>Hidden text</p><script>var x = 1;</script>
<footer>Copyright 2024</footer></body></html>"""


def test_cleaned_page_keeps_the_content_and_drops_the_chrome() -> None:
    text = _text(cleaned_page(lxml_html.document_fromstring(PAGE)))
    assert text == f"Products {PROSE.strip()} Blue mat, 6 mm, non-slip Green mat, 4 mm, travel size"


def test_page_and_main_region_word_counts() -> None:
    doc = lxml_html.document_fromstring(PAGE)
    visible = page_text_words(doc)
    assert "Hidden" not in _text(cleaned_page(doc))
    assert main_region_words(doc) < visible
    assert main_region_words(lxml_html.document_fromstring("<p>no landmarks</p>")) == 0
