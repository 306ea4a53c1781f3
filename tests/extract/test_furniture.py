"""Page furniture inside the article (bylines, a tags line, a sign-up heading) and the
metadata a page without its scripts still shows: on pages written for each case."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from site_builder import render
from site_builder.article.to_markdown import to_article
from site_builder.extract.bylines import Byline, read_byline
from site_builder.extract.furniture import strip_furniture
from tests.extract.extracting import extract_text

PARAGRAPHS = "".join(
    f"<p>{text} The starter is fed at eight each morning, with flour and water in equal "
    "weights, and left to rise on the kitchen shelf until the dough has doubled.</p>"
    for text in (
        "Sourdough asks for patience more than skill.",
        "A good loaf starts two days before it is baked.",
        "The bake itself is quick, hot and steamy.",
        "Rye flour makes a livelier starter than white.",
    )
)


def _page(article: str, *, title: str = "Sourdough at home", head: str = "") -> str:
    """A saved page as Chrome's MHTML keeps it: no scripts, so no JSON-LD."""
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/baking">Baking</a></nav>'
        f"<article><h1>Sourdough at home</h1>{article}</article>"
        "<footer>© 2024 The Baking Times</footer></body></html>"
    )


def test_a_byline_in_the_body_gives_the_author_and_published_date() -> None:
    page = extract_text(
        _page('<p class="meta">By Marta Kowalczyk · 2 March 2024 · 7 min read</p>' + PARAGRAPHS)
    )
    assert (page.meta.author, page.meta.published) == (("Marta Kowalczyk",), "2024-03-02")
    body = to_article(page).body
    assert body.startswith("Sourdough asks for patience")
    assert "Kowalczyk" not in body
    assert "min read" not in body


def test_a_byline_with_a_role_and_two_dates() -> None:
    byline = (
        "<p>By <a href='/people/sam'>Sam Okafor</a>, Transport reporter · "
        "Published 4 March 2024 · Updated 5 March 2024</p>"
    )
    page = extract_text(_page(byline + PARAGRAPHS))
    assert page.meta.author == ("Sam Okafor",)
    assert (page.meta.published, page.meta.updated) == ("2024-03-04", "2024-03-05")
    assert "Transport reporter" not in to_article(page).body


def test_the_page_metadata_wins_over_the_byline() -> None:
    head = '<meta name="author" content="Marta K."><meta property="article:published_time"'
    head += ' content="2024-03-01">'
    page = extract_text(_page("<p>By Marta Kowalczyk · 2 March 2024</p>" + PARAGRAPHS, head=head))
    assert (page.meta.author, page.meta.published) == (("Marta K.",), "2024-03-01")


def test_what_is_not_a_byline() -> None:
    assert read_byline("By the end of the week the starter had doubled.") is None
    assert read_byline("By Marta Kowalczyk · who bakes every day") is None


def test_an_old_style_byline_feeds_the_metadata_and_stays_in_the_body() -> None:
    """The devset's hand-made truth keeps these as part of the story (see bylines.py)."""
    assert read_byline("By Jane Doe | March 3, 2024") == Byline(
        author="Jane Doe", published="2024-03-03"
    )
    page = extract_text(_page("<p>By Jane Doe, 28 May 2010</p>" + PARAGRAPHS))
    assert (page.meta.author, page.meta.published) == (("Jane Doe",), "2010-05-28")
    assert to_article(page).body.startswith("By Jane Doe, 28 May 2010\n\nSourdough asks")


def test_prose_that_starts_with_by_stays_in_the_body() -> None:
    lead = "<p>By the end of the week the starter had doubled, and smelled of apples.</p>"
    body = to_article(extract_text(_page(lead + PARAGRAPHS))).body
    assert body.startswith("By the end of the week")


def test_a_tags_line_leaves_the_body_and_names_the_tags() -> None:
    tags = (
        '<p>Tags: <a href="https://bakingtimes.example/tag/baking">baking</a> '
        '<a href="https://bakingtimes.example/tag/sourdough">sourdough</a></p>'
    )
    page = extract_text(_page(PARAGRAPHS + tags))
    assert "Tags" not in to_article(page).body
    assert page.meta.keywords == ("baking", "sourdough")


@pytest.mark.parametrize(
    "lead",
    ["Published: March 2nd, 2024 | ", 'By <a href="/author/marta">Marta</a> \u00b7 '],
)
def test_a_tags_line_after_a_short_lead_leaves_the_body(lead: str) -> None:
    """dragnet R516: "Published: November 1st, 2012 | Tags: NFL AM, Arizona Cardinals"."""
    tags = (
        f'<p class="post-info">{lead}Tags: <a href="/tag/baking" rel="tag">baking</a>, '
        '<a href="/tag/rye-bread" rel="tag">rye bread</a></p>'
    )
    page = extract_text(_page(PARAGRAPHS + tags))
    assert "Tags" not in to_article(page).body
    assert page.meta.keywords == ("baking", "rye bread")  # not the lead's author


def test_a_category_line_after_a_lead_stays() -> None:
    """dragnet R326: its truth keeps "Date: ... | Category: Eye Candy | Author: ..."."""
    line = (
        '<p>Date: March 2, 2024 | Category: <a href="/c/baking">Baking</a> | '
        'Author: <a href="/a/marta">Marta Kowalczyk</a></p>'
    )
    assert "Category: [Baking]" in to_article(extract_text(_page(PARAGRAPHS + line))).body


@pytest.mark.parametrize(
    "notice",
    [
        "© 2024 The Baking Times. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed.",
        "Copyright © Kamps Consulting Ltd. This article is licenced for use here only.",
    ],
)
def test_a_copyright_notice_leaves_the_body(notice: str) -> None:
    fragment = f"<div>{PARAGRAPHS}<p>{notice}</p></div>"
    assert strip_furniture(fragment).html == f"<div>{PARAGRAPHS}</div>"


def test_a_line_that_dates_a_copyright_stays() -> None:
    line = "<p>Copyright 1936 and 1939, small format hardbound; the 1954 edition is softbound.</p>"
    fragment = f"<div>{PARAGRAPHS}{line}</div>"
    assert strip_furniture(fragment).html == fragment


def test_a_sentence_that_starts_with_tags_stays() -> None:
    prose = "<p>Tags: the little labels on a loaf tell you the flour and the day it rose.</p>"
    assert "little labels" in to_article(extract_text(_page(PARAGRAPHS + prose))).body


def test_a_trailing_newsletter_heading_leaves_the_body() -> None:
    page = extract_text(_page(PARAGRAPHS + "<h2>Sign up to the Baking Times daily newsletter</h2>"))
    body = to_article(page).body
    assert body.endswith("until the dough has doubled.\n")
    assert "Sign up" not in body


def test_a_last_heading_that_names_no_chrome_stays() -> None:
    page = extract_text(_page(PARAGRAPHS + "<h3>Update</h3>"))
    assert to_article(page).body.endswith("has doubled.\n\n### Update\n")


def test_a_heading_with_text_after_it_stays() -> None:
    page = extract_text(_page(PARAGRAPHS + "<h2>Shaping</h2><p>" + "Fold it twice. " * 8 + "</p>"))
    assert "## Shaping" in to_article(page).body


def test_a_title_suffix_is_the_site_name_when_the_page_declares_none() -> None:
    page = extract_text(_page(PARAGRAPHS, title="Sourdough at home - The Baking Times"))
    assert (page.meta.title, page.meta.site_name) == ("Sourdough at home", "The Baking Times")


def test_a_title_whose_first_part_is_not_the_headline_keeps_its_dash() -> None:
    page = extract_text(_page(PARAGRAPHS, title="Sourdough - a beginner's guide"))
    assert page.meta.title == "Sourdough - a beginner's guide"


def test_captions_reach_the_reader_as_figcaption_and_caption() -> None:
    figure = (
        '<figure><img src="https://bakingtimes.example/loaf.jpg" alt="A loaf">'
        "<figcaption>A finished loaf, cooled on a rack.</figcaption></figure>"
    )
    table = (
        "<table><caption>Hydration by flour</caption><tr><th>Flour</th><th>Water</th></tr>"
        "<tr><td>White</td><td>70%</td></tr><tr><td>Rye</td><td>85%</td></tr></table>"
    )
    first, rest = PARAGRAPHS.split("</p>", 1)
    article = to_article(extract_text(_page(f"{first}</p>{figure}{table}{rest}")))
    image = "![A loaf](https://bakingtimes.example/loaf.jpg)"
    assert f"{image}\n*A finished loaf, cooled on a rack.*" in article.body
    assert "Table: Hydration by flour\n\n| Flour | Water |" in article.body
    shown = lxml_html.fragment_fromstring(render.prepare(article).html, create_parent="div")
    assert shown.xpath("string(//figure/figcaption)") == "A finished loaf, cooled on a rack."
    assert shown.xpath("//figure/img/@alt") == ["A loaf"]
    assert shown.xpath("string(//table/caption)") == "Hydration by flour"
    assert not shown.xpath("//p[contains(., 'Hydration') or contains(., 'cooled')]")


def test_a_copy_of_the_story_hidden_by_its_class_leaves_the_body() -> None:
    """dragnet 492: the story twice, the first copy in a div of class "hidden"."""
    story = "<h3>By Marta Kowalczyk</h3>" + PARAGRAPHS
    page = extract_text(
        _page(f'<div class="story hidden">{story}</div><div class="story">{story}</div>')
    )
    paragraphs = lxml_html.fragment_fromstring(PARAGRAPHS, create_parent="div")
    expected = "".join(f"\n\n{p.text_content()}" for p in paragraphs)
    assert to_article(page).body == f"### By Marta Kowalczyk{expected}\n"


def test_a_story_shown_twice_stays_twice() -> None:
    """cleaneval's truth keeps a story a page shows twice: only a hidden copy goes."""
    page = extract_text(_page(f'<div class="story">{PARAGRAPHS}</div><div>{PARAGRAPHS}</div>'))
    assert to_article(page).body.count("Sourdough asks for patience") == 2


def test_a_hidden_box_that_repeats_nothing_stays() -> None:
    hidden = '<div class="hidden"><p>' + "Feed the starter at eight, then wait. " * 3 + "</p></div>"
    page = extract_text(_page(PARAGRAPHS + hidden))
    assert "Feed the starter at eight" in to_article(page).body


ABOUT_BECKY = (
    '<div class="better-author-bio-div"><h4>About Becky</h4><p>Hi, I am Becky. I live in '
    "Atlanta and bake on Sundays; you can find me on the market stall most weekends.</p></div>"
)


def test_an_author_box_after_the_story_leaves_the_body() -> None:
    """dragnet R157: "About Becky" after the post, kept by readability with it."""
    page = extract_text(_page(PARAGRAPHS + ABOUT_BECKY))
    paragraphs = lxml_html.fragment_fromstring(PARAGRAPHS, create_parent="div")
    assert to_article(page).body == "\n\n".join(p.text_content() for p in paragraphs) + "\n"


def test_an_author_box_before_the_story_stays() -> None:
    """A food blog's "Hi! I'm Pina" above the recipe is part of what the reader came for."""
    page = extract_text(_page(ABOUT_BECKY + PARAGRAPHS))
    assert "Hi, I am Becky" in to_article(page).body


def test_bios_repeated_as_a_listing_stay() -> None:
    """wcxb_test 4923: a page listing tutors, each with a box of class "tutor-bio"."""
    bios = "".join(
        f'<div class="tutor-bio"><p>Tutor {n} has taught calculus for {n} years.</p></div>'
        for n in range(2, 5)
    )
    page = extract_text(_page(PARAGRAPHS + bios))
    assert to_article(page).body.count("has taught calculus") == 3


def test_a_category_line_leaves_the_body_without_naming_tags() -> None:
    """dragnet R487: "Posted in Carnivals, Links | No Comments »" under the post."""
    categories = (
        '<p>Posted in <a href="/category/baking">Baking</a>, <a href="/category/bread">Bread'
        '</a> | <a href="/2024/sourdough#respond">No Comments »</a></p>'
    )
    page = extract_text(_page(PARAGRAPHS + categories))
    assert "Posted in" not in to_article(page).body
    assert page.meta.keywords == ()


def test_a_sentence_that_starts_with_posted_in_stays() -> None:
    prose = "<p>Posted in a brown paper bag, the loaf arrived still warm the next morning.</p>"
    assert "brown paper bag" in to_article(extract_text(_page(PARAGRAPHS + prose))).body


def test_the_pages_controls_leave_the_body() -> None:
    first, second, third, fourth = PARAGRAPHS.split("</p>")[:4]
    article = (
        f"{first}</p><p><a href='#top'>^ Back to top</a></p>"
        "<figure><img src='loaf.jpg' alt='A loaf'><figcaption>A rye loaf.</figcaption></figure>"
        "<div class='caption'><a href='loaf-big.jpg'>Click to enlarge</a></div>"
        f"{second}</p><p>About these ads</p><h3>Leave a Reply</h3>"
        f"{third}</p><p><a href='/more'>[Read More]</a></p><p><a href='#'>(Back to top)</a></p>"
        "<p><a href='?print'>Print</a></p><div><b>E-mail</b></div><h3>Share this:</h3>"
        f"{fourth}</p><p>Click to enlarge the photos, and read more in our guide.</p>"
    )
    body = to_article(extract_text(_page(article))).body
    paragraphs = [text.removeprefix("<p>") for text in PARAGRAPHS.split("</p>")[:4]]
    assert body == (
        f"{paragraphs[0]}\n\n![A loaf](loaf.jpg)\n*A rye loaf.*\n\n{paragraphs[1]}\n\n"
        f"{paragraphs[2]}\n\n{paragraphs[3]}\n\n"
        # A sentence that names two controls is prose.
        "Click to enlarge the photos, and read more in our guide.\n"
    )


@pytest.mark.parametrize(
    "bar",
    [
        "<div class='blog-pager'><a href='/p/2'>Newer Post</a> <a href='/p/1'>Older Post</a>"
        " <a href='/'>Home</a></div>",  # dragnet R917, a Blogger pager
        "<p><a href='?print'>Print</a> | <a href='mailto:'>E-mail</a> | Share</p>",
    ],
)
def test_a_bar_of_controls_leaves_the_body(bar: str) -> None:
    fragment = f"<div>{PARAGRAPHS}{bar}</div>"
    assert strip_furniture(fragment).html == f"<div>{PARAGRAPHS}</div>"


def test_what_only_looks_like_a_control_stays() -> None:
    # A language's functions, an API's field, and a section titled by one word.
    fragment = (
        "<div><h2>Print</h2><p>The print dialog has three tabs.</p>"
        "<ul><li>print()</li><li><code>email</code></li><li>input()</li></ul>"
        "<h3>Share</h3><p>Sharing a document needs an account.</p>"
        "<p>Home, print and share: three words this guide uses often.</p></div>"
    )
    assert strip_furniture(fragment).html == fragment


NEXT_POSTS = (
    "<p>November 12</p><p>YouTube has its own Safety Mode that helps block offensive "
    "material on screens at home.</p>"
    "<p>November 08</p><p>Two makers of tablets run the same system, in different versions.</p>"
    "<p>November 07</p><p>An audio company has gloried in electronics that keep to tradition.</p>"
    "<p>Gadgetwise is a blog about everything related to buying and using tech products.</p>"
)


def test_a_listing_of_posts_under_their_days_leaves_the_end_of_the_article() -> None:
    """dragnet R843-R851: each post ends with the next posts' days and teasers."""
    fragment = f"<div>{PARAGRAPHS}{NEXT_POSTS}</div>"
    assert strip_furniture(fragment).html == f"<div>{PARAGRAPHS}</div>"


def test_the_listing_leaves_a_whole_page_too() -> None:
    page = extract_text(_page(PARAGRAPHS + NEXT_POSTS))
    paragraphs = lxml_html.fragment_fromstring(PARAGRAPHS, create_parent="div")
    assert to_article(page).body == "\n\n".join(p.text_content() for p in paragraphs) + "\n"


def test_days_that_are_most_of_the_article_stay() -> None:
    """A timeline: its days head the article's own paragraphs."""
    timeline = "".join(
        f"<p>March {day}</p><p>The council met again and voted on the new bridge.</p>"
        for day in (3, 9, 17, 24)
    )
    fragment = f"<div><p>How the bridge was decided, week by week.</p>{timeline}</div>"
    assert strip_furniture(fragment).html == fragment


def test_days_in_headings_and_a_single_day_stay() -> None:
    diary = "".join(f"<h3>November {day}</h3><p>Fed the starter.</p>" for day in (7, 8))
    for fragment in (
        f"<div>{PARAGRAPHS}{diary}</div>",
        f"<div>{PARAGRAPHS}<p>November 12</p><p>Filed from Kraków.</p></div>",
    ):
        assert strip_furniture(fragment).html == fragment


def test_a_long_block_among_the_days_keeps_them() -> None:
    long_teaser = "<p>" + "A whole second story runs on here, word after word. " * 9 + "</p>"
    fragment = (
        f"<div>{PARAGRAPHS}<p>November 12</p>{long_teaser}<p>November 08</p><p>Short.</p></div>"
    )
    assert strip_furniture(fragment).html == fragment
