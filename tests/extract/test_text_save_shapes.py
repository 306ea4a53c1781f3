"""Text saves: the line shapes that end an article or belong to it (issue 20, sixth pass).

Each save is a small page written for the test, shaped like a browser's "Save Page As: Text"
of a blog or news page: menus, the headline, a byline, the article, then other stories,
widgets and comments.
"""

from __future__ import annotations

from site_builder.extract.text_lines import classify_line
from site_builder.extract.text_saves import TextArticle, extract_text_article


def _texts(saved: str) -> list[str]:
    return [block.text for block in extract_text_article(saved).blocks]


ARTICLE = """\
The council met on Thursday to explain the plans for the new road along the river meadows.
Most of the residents who came wanted to know why the meadows were chosen over the old track.
The answers were short, and the meeting ended before half of the questions had been asked.
"""
PARAGRAPHS = ARTICLE.splitlines()
HEADER = """\
Residents ask questions about the new road | The Valley Daily
  • Home
  • News
Residents ask questions about the new road
By Ann Lee
"""


def test_other_stories_headlines_under_the_article_are_not_prose() -> None:
    # Long lines without final punctuation and Title Case lines, even ending in "?" or "!",
    # are other stories' headlines, and the teaser sentence after them does not pull them in.
    saved = (
        HEADER + ARTICLE + "Witness One Woman's Descent Into Madness as Her Coworkers Steal and "
        "Replenish Her Kombucha Tea\n"
        "Why Isn't Your Dishwasher Cleaning Like It Used To?\n"
        "This Week's Must-Watch Television Event: A Monty Python Spectacular!\n"
        "A look at the week's other news, from the river to the old mill.\n"
    )
    assert _texts(saved) == PARAGRAPHS


def test_title_case_sentences_are_headlines() -> None:
    assert classify_line("Why Isn't Your Dishwasher Cleaning Like It Used To?").kind == "short"
    assert classify_line("Why is your dishwasher not cleaning like it used to?").kind == "prose"
    # Short words may stay in lower case in a title; too few long words are not a title.
    assert classify_line("Rudisha Lights Up London and Sets a World Record.").kind == "short"
    assert classify_line("Thanks a lot, Ann Lee!").kind == "prose"


def test_a_widget_heading_saved_as_a_list_item_ends_the_article() -> None:
    saved = (
        HEADER + ARTICLE + "  • Recent Comments\n"
        "  • Jane on Why the gardens of the valley matter to all of us, every single year.\n"
        "  • Tom on The river meadows in spring, and the birds that come back to them.\n"
    )
    assert _texts(saved) == PARAGRAPHS
    assert classify_line("  • Archives").kind == "section"


def test_a_line_of_tags_ends_the_article_and_gives_its_tags() -> None:
    saved = (
        HEADER + ARTICLE + "Tagged Roads, River meadows, Council\n"
        "  • Ten gardens to visit this summer\n"
        "Summer is the time to see the old gardens of the valley, and here are the ten we like.\n"
        "By Tom Berg\n"
        "Tom writes about gardens, and about the people who have kept them for fifty years.\n"
    )
    article = extract_text_article(saved)
    assert [block.text for block in article.blocks] == PARAGRAPHS
    assert article.tags == ("Roads", "River meadows", "Council")
    # A bare "Tags" is a heading over a tag cloud, not a line of tags.
    assert classify_line("Tags").kind == "short"
    assert classify_line("Filed under T-Shirts |").kind == "section"


def test_long_captions_of_a_gallery_are_its_text_and_short_credits_are_not() -> None:
    saved = (
        HEADER + "Hong Kongers do not trick or treat, but they do embrace Halloween and its "
        "tradition of dressing up in a costume, as these photos from the weekend show.\n"
        "Photo: Reuters\n"
        "Hong Kongers attend a charity Halloween parade in the city centre. "
        "(ED Jones/AFP/Getty Images)\n"
        "A man wearing a pumpkin head waits in a shopping mall restaurant during Halloween. "
        "(Mike Clarke/AFP/Getty Images)\n"
        "Related\n"
        "  • More photos from the week\n"
    )
    assert _texts(saved) == [
        "Hong Kongers do not trick or treat, but they do embrace Halloween and its tradition of "
        "dressing up in a costume, as these photos from the weekend show.",
        "Hong Kongers attend a charity Halloween parade in the city centre. "
        "(ED Jones/AFP/Getty Images)",
        "A man wearing a pumpkin head waits in a shopping mall restaurant during Halloween. "
        "(Mike Clarke/AFP/Getty Images)",
    ]


def test_a_short_post_is_the_best_run_under_its_headline() -> None:
    saved = """\
This cat's costume is better than yours | Pets Daily
Pets Daily
  • Top Stories
This cat's costume is better than yours
Laura Beck
  • View Profile
General Catobi. Years ago you served my father in the Cat Wars. Now he begs you to help him.
Tami Taylor Confirms That Women of Friday Night Lights Would Hate the New Show
Hurricane Sandy Is Here
Seven Easily Avoidable Ways To Die In A Hurricane
  • Profile
Latest Stories
Some of the other posts on this blog are longer, and they are listed on the page below this one.
"""
    assert _texts(saved) == [
        "General Catobi. Years ago you served my father in the Cat Wars. Now he begs you to "
        "help him."
    ]


def _comment_thread(count: int) -> str:
    return "".join(
        f"  • Reader {number}\n"
        f"Posted October {number}, 2012 at 10:31 pm | Permalink\n"
        "These pictures look good, and I will be curious to see a comparison with the older "
        "lens, which is twice as heavy and not much sharper at all.\n"
        "Reply\n"
        for number in range(1, count + 1)
    )


def test_the_comments_after_a_short_article_are_not_its_article() -> None:
    # The run before the first "N Comments" holds the short article; the run before a later
    # "N replies" inside the thread is comments.
    saved = (
        "More lens sample images | Camera Rumors\n  • Home\n  • Forum\n"
        "« Weekly news flash\n"
        "  • More lens sample images\n"
        "By admin | Published: October 28, 2012\n"
        "Pin It\n"
        "Here are a few more pictures from the new lens, found on the photo sites this week.\n"
        "Related posts:\n"
        "  • More sample images\n"
        "  • New sample images taken with the older lens\n"
        "46 Comments\n" + _comment_thread(3) + "2 replies\n" + _comment_thread(2)
    )
    assert _texts(saved) == [
        "Here are a few more pictures from the new lens, found on the photo sites this week."
    ]


def test_a_post_without_text_is_not_its_comments() -> None:
    # A video post: its headline, byline and post navigation, then the comments.
    saved = (
        "Conversation with my readers, 29 June — Ann's Blog\n  • Home\n  • Archives\n"
        "Ann's Blog\n"
        "Conversation with my readers, 29 June\n"
        "by Ann Lee on June 29, 2012\n"
        "Previous post: Six ways to refuel your energy every day\n"
        "Next post: Notes from the old mill\n"
        "{ 43 comments… read them below or add one }\n"
        "Maria July 7, 2012 at 2:31 pm\n"
        "Thank you Ann for your kind words and your wisdom. You are truly an inspiration to "
        "me, and I am yet to walk the river path you wrote about last year.\n"
        "Reply\n"
        "Keith July 4, 2012 at 8:00 pm\n"
        "What people read is greatly influenced by fashion, and I hasten to add not I.\n"
        "Reply\n" + "3 replies\n" + _comment_thread(2)
    )
    assert _texts(saved) == ["by Ann Lee on June 29, 2012"]


def test_a_headline_with_its_own_colon_after_the_site_name() -> None:
    # Without its headline, the longer run of other posts' summaries was taken.
    saved = (
        "Garden Notes: Road plans: what the council said\n  • Home\n"
        "Road plans: what the council said\n"
        + ARTICLE
        + "Related\n"
        + "Our other posts this month were about the old gardens of the valley and the people "
        "who keep them, and about the river meadows in spring, with many photos of the birds "
        "that come back to them every year, and a long list of the plants we found there.\n"
        "We also walked the old track from the mill to the bridge, and wrote down what the "
        "neighbours told us about the years when it was the only road into the valley.\n"
    )
    article: TextArticle = extract_text_article(saved)
    assert [block.text for block in article.blocks] == PARAGRAPHS
