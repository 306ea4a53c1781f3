"""The filter on the publisher's keywords: each rule on the case that motivated it."""

from __future__ import annotations

import pytest

from site_builder.render.tag_filter import (
    MAX_PUBLISHER_TAGS,
    fold_key,
    named_in_text,
    publisher_tags,
)


def kept(*keywords: str, title: str = "A story", text: str = "") -> tuple[str, ...]:
    return publisher_tags(keywords, title=title, description=None, text=text)


@pytest.mark.parametrize(
    "junk",
    [
        "AP",
        "A Wire",
        "MC Complete - State & National",
        "Choice Plus",
        "Top News",
        "Front Page",
        "channel_other",
        "type_news",
        "serversidehawk",
        "videoarticle",
        "&quot",
        "AT&amp;T",
        "/article",
        "https://www.example.com/news",
        "7974.TO",
        "UBI.FR",
        "NYSE:SNE",
        "WP7.5",
        "483",
        "Autoracing | F1 | Indy",
        "Lexus wants you to go topless with 2020 LC500 Convertible The LC 500 looks good",
        "how to make a ribbon balloon",
    ],
)
def test_codes_and_debris_are_dropped(junk: str) -> None:
    assert kept(junk) == ()


def test_a_subject_stays_as_the_publisher_spelled_it() -> None:
    assert kept("Climate change", "PS2", "G7", "U.S.", "R&B") == (
        "Climate change",
        "PS2",
        "G7",
        "U.S.",
        "R&B",
    )


def test_a_name_fused_with_taxonomy_codes_keeps_the_name() -> None:
    assert kept("LeBron James PROFESSIONAL_ATHLETE SPORTS_FIGURE") == ("LeBron James",)


def test_bare_capitals_beside_a_ticker_are_tickers_too() -> None:
    assert kept("Nintendo", "7974.TO", "SNE", "Sony") == ("Nintendo", "Sony")
    assert kept("NASA", "Mars") == ("NASA", "Mars")


def test_a_keyword_holding_a_list_is_split() -> None:
    assert kept('movies, "The Dark Knight Rises"') == ("movies", "The Dark Knight Rises")


def test_a_run_together_word_the_article_uses_is_a_subject() -> None:
    assert kept("cryptocurrency", text="Why cryptocurrency fell") == ("cryptocurrency",)


def test_spellings_that_fold_alike_are_one_tag() -> None:
    assert kept("Climate Change", "climate  change", "CLIMATE CHANGE") == ("Climate Change",)
    assert fold_key("Women’s  rights") == fold_key("women's rights")
    assert fold_key("Covid‑19") == fold_key("COVID-19")


def test_at_most_five_are_kept_and_those_the_article_names_come_first() -> None:
    keywords = [f"Topic {n}" for n in range(30)] + ["Harbours", "Ferries"]
    chosen = kept(*keywords, title="Harbours at night", text="The ferries ran late.")
    assert len(chosen) == MAX_PUBLISHER_TAGS
    assert chosen == ("Harbours", "Ferries", "Topic 0", "Topic 1", "Topic 2")


def test_keywords_are_named_in_text_only_as_whole_words() -> None:
    text = "The Ferry_Times said ferrymen on the Harbour-Bridge read 日本 news, and São Tomé."
    keywords = ["ferry", "ferrymen", "harbour", "bridge", "日本", "são tomé", "times said", "tom"]
    assert named_in_text(keywords, text) == ("ferrymen", "harbour", "bridge", "日本", "são tomé")
