"""The article found in plain-text page saves: a real news page and synthetic layouts."""

from __future__ import annotations

import pytest

from site_builder.extract.text_saves import TextArticle, TextBlock, extract_text_article
from tests.conftest import FIXTURES

# The opening words of each body paragraph of the seed sample, in order; the heading
# "'WARY RUSSIA'" stands between the 17th and the 18th.
TBS_PARAGRAPH_OPENINGS = (
    "Russia said on Sunday it had told Belarusian leader",
    "A least two protesters have been killed",
    "He denies losing, citing official results",
    "The Kremlin said Russian President Vladimir Putin had told Lukashenko",
    "There was tight security as Lukashenko's supporters",
    '"The motherland is in danger!" one speaker',
    "Lukashenko said NATO tanks and planes",
    "Some of those present held Belarusian national flags",
    '"I\'m for Lukashenko," said Alla Georgievna',
    "Often emotional in state TV appearances",
    "Several thousand people attended the protest.",
    "Reuters could not independently confirm that.",
    "Russia, which has had a troubled relationship",
    "The EU is gearing up to impose new sanctions",
    "Protesters show no signs of backing down.",
    "Sviatlana Tsikhanouskaya, Lukashenko's opposition rival",
    "Like previous protests, it is expected to culminate",
    "In an unusual move, Igor Leshchenya",
    "Some of the country's biggest state-run industrial plants",
    "Opposition presidential candidate Tsikhanouskaya",
    "Her campaign has also announced",
    "Lukashenko and Putin spoke by phone on Saturday.",
    "Ties between the two traditional allies",
    "The state news agency Belta on Saturday",
    "A Kremlin statement made no mention",
    "Statements by both sides contained a pointed reference",
    "The neighbours signed an agreement in 1999",
)
TBS_BOILERPLATE = (
    "Skip to main content",
    "Home",
    "Economy",
    "Related News",
    "Top Stories",
    "MOST VIEWED",
    "Most Read",
    "Features",
    "More Videos from TBS",
    "Comments",
    "While most comments will be posted",
    "Photo:Reuters",
    "Russia says 300 army personnel clearing debris",
    "Deaths exceed 2,600",
    "Valentine's Day",
    "Leepu",
    "Sign In",
    "Subscribe",
    "EMAIL US",
    "FOLLOW US",
    "Copyright",
    "All rights reserved",
    "Technical Partner",
    "Main Office",
    "Send Opinion articles",
    "Last modified",
    "TUESDAY, FEBRUARY 07, 2023",
)


@pytest.fixture(scope="module")
def tbs() -> TextArticle:
    text = (FIXTURES / "putin-belarus-tbs.txt").read_text(encoding="utf-8")
    return extract_text_article(text)


def test_seed_sample_metadata(tbs: TextArticle) -> None:
    assert tbs.title == "Putin says ready to help Belarus president militarily if necessary"
    assert tbs.published == "2020-08-16T17:45:00"
    assert tbs.author == "Reuters"
    assert tbs.site_name == "The Business Standard"
    assert tbs.tags == ("Russia", "Belarus", "Vladimir Putin")
    assert tbs.description == (
        "The Kremlin said Russian President Vladimir Putin had told Lukashenko Russia was"
        " ready to assist Belarus in accordance with a collective military pact if necessary"
        " and said external pressure was being applied to the country, without saying"
        " where from"
    )


def test_seed_sample_body_in_order(tbs: TextArticle) -> None:
    kinds = [block.kind for block in tbs.blocks]
    assert kinds == ["paragraph"] * 17 + ["heading"] + ["paragraph"] * 10
    assert tbs.blocks[17] == TextBlock(kind="heading", text="'WARY RUSSIA'")

    paragraphs = [block.text for block in tbs.blocks if block.kind == "paragraph"]
    assert len(paragraphs) == len(TBS_PARAGRAPH_OPENINGS) == 27
    for paragraph, opening in zip(paragraphs, TBS_PARAGRAPH_OPENINGS, strict=True):
        assert paragraph.startswith(opening)
    assert paragraphs[0] == (
        "Russia said on Sunday it had told Belarusian leader Alexander Lukashenko it was ready"
        " to offer military assistance if necessary as demonstrators gathered for what was"
        " expected to be one of the biggest protests against Lukashenko's re-election."
    )
    assert paragraphs[-1] == (
        "The neighbours signed an agreement in 1999 that was supposed to create a unified"
        " state. That project was never properly implemented however, and more recently"
        " Lukashenko had rejected calls by Moscow for closer economic and political ties as"
        " an assault on his country's sovereignty."
    )


def test_seed_sample_blocks_are_saved_lines_kept_exactly(tbs: TextArticle) -> None:
    saved_lines = {
        line.strip()
        for line in (FIXTURES / "putin-belarus-tbs.txt").read_text(encoding="utf-8").splitlines()
    }
    assert all(block.text in saved_lines for block in tbs.blocks)


def test_seed_sample_has_no_boilerplate_and_no_repeats(tbs: TextArticle) -> None:
    texts = [block.text for block in tbs.blocks]
    assert len(texts) == len(set(texts))
    for chrome in TBS_BOILERPLATE:
        assert not any(chrome in text for text in texts), chrome
    assert not any(text.startswith("Russia's President Vladimir Putin discusses") for text in texts)
    assert tbs.description not in texts


BLOG_SAVE = """\
My Week in Lisbon – Jane's Travel Notes
Skip to content
Jane's Travel Notes
Slow travel, good bread
  * Home
  * About
  * Destinations
  * Contact
Search for:
My Week in Lisbon
By Jane Doe
Posted on March 3, 2021
Lisbon surprised me. I expected a pretty city of tiles and trams, and found a whole \
hillside of small bakeries, steep viewpoints and long dinners that start at ten.
I stayed in Alfama, which is loud at night and lovely in the morning.
What to pack
The hills are steeper than any photo suggests, so plan your luggage around your feet:
  * Comfortable shoes with a good grip
  * A light rain jacket
  * Sunscreen, even in March
Advertisement
Everything else you can buy on the way, and the small shops are half the fun of it.
I will go back in the autumn, when the crowds are thinner and the light is softer.
Tags: Lisbon, Portugal, Slow travel
Share this:
  * Twitter
  * Facebook
Like this:
Loading...
Related
Three Days in Porto
In "Travel"
Leave a Reply
Your email address will not be published. Required fields are marked *
Comment *
Name *
Email *
Save my name, email, and website in this browser for the next time I comment.
Post Comment
Recent Posts
  * My Week in Lisbon
  * Three Days in Porto
© 2021 Jane's Travel Notes. All rights reserved.
Powered by WordPress | Theme: Twenty Twenty-One
"""


def test_blog_layout() -> None:
    article = extract_text_article(BLOG_SAVE)

    assert article.title == "My Week in Lisbon"
    assert article.site_name == "Jane's Travel Notes"
    assert article.author == "Jane Doe"
    assert article.published == "2021-03-03"
    assert article.description is None
    assert article.tags == ("Lisbon", "Portugal", "Slow travel")
    assert article.blocks == (
        TextBlock(
            kind="paragraph",
            text="Lisbon surprised me. I expected a pretty city of tiles and trams, and found a"
            " whole hillside of small bakeries, steep viewpoints and long dinners that start"
            " at ten.",
        ),
        TextBlock(
            kind="paragraph",
            text="I stayed in Alfama, which is loud at night and lovely in the morning.",
        ),
        TextBlock(kind="heading", text="What to pack"),
        TextBlock(
            kind="paragraph",
            text="The hills are steeper than any photo suggests, so plan your luggage around"
            " your feet:",
        ),
        TextBlock(kind="list_item", text="Comfortable shoes with a good grip"),
        TextBlock(kind="list_item", text="A light rain jacket"),
        TextBlock(kind="list_item", text="Sunscreen, even in March"),
        TextBlock(
            kind="paragraph",
            text="Everything else you can buy on the way, and the small shops are half the"
            " fun of it.",
        ),
        TextBlock(
            kind="paragraph",
            text="I will go back in the autumn, when the crowds are thinner and the light is"
            " softer.",
        ),
    )


MAGAZINE_SAVE = """\
Why the night train is back | The Rail Review
The Rail Review
Menu
- News
- Opinion
- Longreads
Advertisement
Longreads
Why the night train is back
Sleeper services are returning across Europe, helped by climate targets and cheap rolling stock
Posted on 5 Nov 2022 by Tom Baker
A conductor checks tickets on the Vienna to Brussels sleeper. Photo: Rail Review
A conductor checks tickets on the Vienna to Brussels sleeper. Photo: Rail Review
Ten years ago the sleeper looked finished. Airlines were cheap, and the carriages were old.
Now operators are ordering new trains, and the routes sell out weeks ahead.
Advertisement
"People want to arrive rested," says one operator. "And they want to skip the airport."
The question is whether the timetable can keep up with the demand.
Topics
Rail | Climate | Europe
Most Popular
  1. Ten stations worth the detour
  2. The quiet return of the dining car
The Rail Review
About | Contact | Privacy
The Rail Review
"""


def test_magazine_layout_without_copyright_notice() -> None:
    article = extract_text_article(MAGAZINE_SAVE)

    # No copyright notice: the name repeated in header and footer is the site's.
    assert article.site_name == "The Rail Review"
    assert article.title == "Why the night train is back"
    assert article.author == "Tom Baker"
    assert article.published == "2022-11-05"
    assert article.description == (
        "Sleeper services are returning across Europe, helped by climate targets and cheap"
        " rolling stock"
    )
    assert article.tags == ("Rail", "Climate", "Europe")
    assert [block.text[:20] for block in article.blocks] == [
        "Ten years ago the sl",
        "Now operators are or",
        '"People want to arri',
        "The question is whet",
    ]
    assert {block.kind for block in article.blocks} == {"paragraph"}


def test_page_without_prose_keeps_its_title_and_has_no_body() -> None:
    article = extract_text_article("Login\n  • Home\n  • Shop\nBasket\n")
    assert article.title == "Login"
    assert article.blocks == ()
    assert article.published is None


def test_empty_save() -> None:
    article = extract_text_article("\n  \n")
    assert article.title == ""
    assert article.blocks == ()


def test_seed_sample_variants_keep_the_same_article() -> None:
    saved = (FIXTURES / "putin-belarus-tbs.txt").read_text(encoding="utf-8")
    variants = {
        "site suffix on the page title": saved.replace(
            "if necessary\n", "if necessary | The Business Standard\n", 1
        ),
        "Windows line ends": saved.replace("\n", "\r\n"),
        "an advert between paragraphs": saved.replace(
            "'WARY RUSSIA'", "Advertisement\n\n'WARY RUSSIA'"
        ),
    }
    original = extract_text_article(saved)
    for name, text in variants.items():
        assert extract_text_article(text) == original, name


COMMENTED_POST = """\
Why I walk to work | Slow Commute
Slow Commute
  • Home
  • Archive
Why I walk to work
Posted on May 2, 2022 by Ann Lee • 3 Comments
Walking to work takes me forty minutes, and it is the best part of my day.
I see the river, the bakery and the same three dogs every morning.
The bus would be faster, but I would arrive with none of that in my head.
3 thoughts on "Why I walk to work"
Tom said:
I used to cycle to work for years, and I loved it until the new road opened and the traffic doubled.
Now I drive, and I miss the mornings a great deal more than I expected to when I stopped cycling.
Reply
Maria said:
Walking is underrated. My doctor told me to walk more, and my knees have never been better.
I also sleep better, which I did not expect at all, and I read more on the weekends than I used to.
Reply
Sam said:
Forty minutes each way is a long time, though. How do you manage in the dark winter months?
I tried it for a month and gave up when the clocks changed, but I may try again this spring.
Reply
Leave a Reply
"""


def test_the_article_after_its_headline_beats_longer_comments() -> None:
    article = extract_text_article(COMMENTED_POST)
    assert [block.text[:20] for block in article.blocks] == [
        "Walking to work take",
        "I see the river, the",
        "The bus would be fas",
    ]
    assert article.published == "2022-05-02"


def test_comments_without_a_headline_repeat_still_lose() -> None:
    saved = COMMENTED_POST.replace("Why I walk to work\nPosted", "Posted")
    assert [block.text[:20] for block in extract_text_article(saved).blocks] == [
        "Walking to work take",
        "I see the river, the",
        "The bus would be fas",
    ]


def test_list_of_sentences_is_body_text_and_numbered_paragraphs_keep_their_number() -> None:
    saved = """\
Links of the week | Notes
Links of the week
Here are the best things I read this week, with a line on each of them below.
  • Dropbox wrote about caching in theory and practice. LRU is still the winner.
  • A long essay on the history of the index card, and why libraries kept them so long.
1. The first rule of caching is that you will get invalidation wrong at least once.
2. The second rule is that you will find out about it on a Friday afternoon.
Recent posts
  • Links of the previous week
"""
    blocks = extract_text_article(saved).blocks
    assert [(block.kind, block.text[:14]) for block in blocks] == [
        ("paragraph", "Here are the b"),
        ("list_item", "Dropbox wrote "),
        ("list_item", "A long essay o"),
        ("paragraph", "1. The first r"),
        ("paragraph", "2. The second "),
    ]


def test_and_or_in_prose_is_not_a_photo_credit() -> None:
    saved = (
        "A page\nA page\nThe rules apply to members and/or their guests, the club said on "
        "Tuesday, after a long meeting.\nThe change takes effect in June, a month earlier "
        "than members had been told.\n"
    )
    assert len(extract_text_article(saved).blocks) == 2


def _texts(saved: str) -> list[str]:
    return [block.text for block in extract_text_article(saved).blocks]


ROAD_POST = """\
- Garden Notes - Residents ask questions about the new road
Garden Notes
A good part of the reason I started this blog was a long walk along the river, where I met \
neighbours who had kept gardens for fifty years and had stories to tell about every one of them.
  • Home
Residents ask questions about the new road
Monday, July 30, 2012
The council met on Thursday to explain the plans for the new road along the river meadows.
Most of the residents who came wanted to know why the meadows were chosen over the old track.
The answers were short, and the meeting ended before half of the questions had been asked.
"""


ROAD_ARTICLE = ROAD_POST.split("Monday, July 30, 2012\n")[1]
ROAD_PARAGRAPHS = ROAD_ARTICLE.splitlines()


def test_a_dash_before_the_page_title_does_not_make_the_blog_name_a_headline() -> None:
    # "- Garden Notes" counted three words with its dash, so the blog's name was taken for
    # the headline, and the body started at the blurb under it.
    assert _texts(ROAD_POST) == ROAD_PARAGRAPHS


def test_also_on_opens_other_stories() -> None:
    saved = (
        "Residents ask questions about the new road\nResidents ask questions about the new road\n"
        + ROAD_ARTICLE
        + "Also on The Daily:\n"
        "  • Ten gardens to visit this summer\n"
        "Summer is the time to see the old gardens of the valley, and the long list below "
        "holds the ten we liked best, with the days they open and the trains to take there.\n"
    )
    assert _texts(saved) == ROAD_PARAGRAPHS


def test_a_copyright_notice_ends_the_article() -> None:
    saved = (
        "Residents ask questions about the new road\nResidents ask questions about the new road\n"
        + ROAD_ARTICLE
        + "The Daily is the newspaper of the valley. The Daily name, its logo and the word "
        "mark are registered trademarks of The Daily Company, and the articles on this site "
        "may not be copied. Copyright © 2012 The Daily Company. All rights reserved.\n"
    )
    assert _texts(saved) == ROAD_PARAGRAPHS


def test_post_navigation_under_the_article_ends_it() -> None:
    saved = (
        "Residents ask questions about the new road\nResidents ask questions about the new road\n"
        + ROAD_ARTICLE
        + "« The river meadows in spring | Main | Why the old track was closed to traffic »\n"
        "  • anna\n"
        "I was at the meeting too, and I still do not understand why nobody from the council "
        "could say how much the road would cost.\n"
        "  • tom\n"
        "They never say what it costs until it is built, and then it is always twice as much.\n"
    )
    assert _texts(saved) == ROAD_PARAGRAPHS


SHORT_POST = """\
Where the river bends - Garden Notes
Garden Notes
I live. I learn. I write about gardens, rivers and the people who keep them.
  • Home
  • Archive
Where the river bends
via valleyvideos.example
You do not have to travel far to see it. Walk to the old mill.
At dawn;
at dusk;
dance where you are.
Posted by Ann Lee
0 responses
  • Like
Design by a friend
"""


def test_a_short_post_under_its_headline_beats_the_blog_tagline() -> None:
    # The post is the best run of the lines under its headline: the verse's lines continue
    # its sentences and stay, the link line and the byline around them do not.
    assert _texts(SHORT_POST) == [
        "You do not have to travel far to see it. Walk to the old mill.",
        "At dawn;",
        "at dusk;",
        "dance where you are.",
    ]


SMILEY_POST = """\
Episode 15: flash, flash, flash! - Storage Notes
Storage Notes
October 19, 2012
Episode 15: flash, flash, flash!
This episode is all about flash, with a look at the new cache cards and a demo of the array :-)
Another look behind the scenes: I think I lost my voice in the opening clip, sorry about that :-)
Great to have two guests from the field teams join us again for the second time this year ;-)
Posted at 12:24 PM
Comments
You can follow this conversation by subscribing to the comment feed for this post.
This is only a preview. Your comment has not yet been posted.
The letters and numbers you entered did not match the image. Please try again.
"""


def test_paragraphs_ending_in_a_smiley_are_prose() -> None:
    assert _texts(SMILEY_POST) == [
        "This episode is all about flash, with a look at the new cache cards and a demo of the"
        " array :-)",
        "Another look behind the scenes: I think I lost my voice in the opening clip, sorry"
        " about that :-)",
        "Great to have two guests from the field teams join us again for the second time this"
        " year ;-)",
    ]
