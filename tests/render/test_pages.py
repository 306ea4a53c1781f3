"""What an article shows besides its body: dates, languages, the order of lists."""

from __future__ import annotations

from site_builder import render
from site_builder.core.records import ArticleMeta, ArticleSummary


def test_display_date_is_locale_free() -> None:
    assert render.display_date("2020-08-16T17:45:00") == "16 August 2020"
    assert render.display_date("2020-13-01") is None
    assert render.display_date(None) is None


def test_primary_language_drops_the_region_and_refuses_nonsense() -> None:
    assert render.primary_language("en-GB") == "en"
    assert render.primary_language("pt_BR") == "pt"
    assert render.primary_language("FR") == "fr"
    assert render.primary_language("x") is None
    assert render.primary_language("en1") is None
    assert render.primary_language(None) is None


def _summary(stem: str, published: str | None, saved: str | None = None) -> ArticleSummary:
    meta = ArticleMeta(title=stem, published=published, saved=saved)
    return ArticleSummary(
        meta=meta, stem=stem, source_file=f"{stem}.md", file_sha256="", words=1,
        text_start="", thumbnail=None,
    )  # fmt: skip


def test_newest_first_puts_undated_last_and_breaks_ties_by_name() -> None:
    summaries = [
        _summary("b-undated", None),
        _summary("z-old", "2019-01-01"),
        _summary("a-undated", None),
        _summary("saved-only", None, saved="2020-06-01"),
        _summary("y-new", "2021-05-14"),
        _summary("x-new", "2021-05-14"),
    ]
    assert [s.stem for s in render.newest_first(summaries)] == [
        "x-new", "y-new", "saved-only", "z-old", "a-undated", "b-undated",
    ]  # fmt: skip
