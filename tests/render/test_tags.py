"""Each article's tags for the whole archive: the reader's own, then the publisher's."""

from __future__ import annotations

from site_builder import render
from site_builder.core.records import Article, ArticleMeta, ArticleSummary
from site_builder.render.tags import TagSettings, article_tags


def summary(
    stem: str, *, tags: tuple[str, ...] = (), keywords: tuple[str, ...] = ()
) -> ArticleSummary:
    return ArticleSummary(
        meta=ArticleMeta(title=stem, tags=tags, keywords=keywords),
        stem=stem,
        source_file=f"{stem}.md",
        file_sha256="0" * 64,
        words=1,
        text_start="",
        thumbnail=None,
    )


ARCHIVE = [
    summary("a", tags=("my_reading_list", "Harbours"), keywords=("AP", "Ferries", "harbours")),
    summary("b", keywords=("FERRIES", "channel_other", *(f"Topic {n}" for n in range(9)))),
]


def test_the_readers_tags_are_never_filtered_and_publishers_are() -> None:
    tags = article_tags(ARCHIVE, TagSettings())
    assert tags["a"] == ("my_reading_list", "Harbours", "Ferries")
    assert tags["b"] == ("Ferries", "Topic 0", "Topic 1", "Topic 2", "Topic 3")


def test_publisher_tags_none_shows_only_the_readers() -> None:
    tags = article_tags(ARCHIVE, TagSettings(publisher_tags="none"))
    assert tags == {"a": ("my_reading_list", "Harbours"), "b": ()}


def test_publisher_tags_all_shows_every_keyword() -> None:
    tags = article_tags(ARCHIVE, TagSettings(publisher_tags="all"))
    assert tags["a"] == ("my_reading_list", "Harbours", "AP", "Ferries")
    assert len(tags["b"]) == 11


def test_aliases_merge_tags_under_the_name_the_settings_give() -> None:
    archive = [summary("a", keywords=("U.S.",)), summary("b", tags=("usa",))]
    settings = TagSettings(aliases={"U.S.": "United States", "USA": "United States"})
    assert article_tags(archive, settings) == {"a": ("United States",), "b": ("United States",)}


def test_keywords_the_text_names_past_its_opening_come_first() -> None:
    keywords = tuple(f"Topic {n}" for n in range(7))
    text = "An opening without any of them. " * 40 + "Deep in the article: Topic 6."
    made = render.summarize(
        render.prepare(
            Article(meta=ArticleMeta(title="Long", keywords=keywords), body=text, stem="long")
        ),
        file_sha256="0" * 64,
    )
    assert "Topic 6" not in made.text_start
    assert made.keywords_in_text == ("Topic 6",)
    tags = article_tags([made], TagSettings())
    assert tags["long"][0] == "Topic 6"
