"""Publication and update dates: each rule of extract/page_dates.py, and htmldate's part."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from site_builder.core.records import SavedPage
from site_builder.extract import extract
from site_builder.extract.page_dates import PageDates, settle_dates, url_date

TODAY = date(2024, 6, 1)
PROSE = "<p>" + "The council met on the quay to agree the repairs to the harbour wall. " * 30
PLACEHOLDER_LD = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Placeholder",'
    ' "datePublished": "0001-01-01T00:00:00Z"}</script>'
)


def _settle(*published: str, url: str | None = None, **kwargs: Any) -> PageDates:
    kwargs.setdefault("declared_updated", ())
    kwargs.setdefault("saved", None)
    return settle_dates(declared_published=published, url=url, today=TODAY, **kwargs)


@pytest.mark.parametrize(
    "placeholder", ["0001-01-01T00:00:00+00:00", "1970-01-01", "1900-01-01", "1985-05-05"]
)
def test_placeholder_and_pre_web_dates_are_refused(placeholder: str) -> None:
    assert _settle(placeholder).published is None
    assert _settle(placeholder, "2019-11-19").published == "2019-11-19"


def test_a_date_after_the_save_date_or_today_is_refused() -> None:
    assert _settle("2020-08-20", saved="2020-08-16T10:00:00Z").published is None
    # A day's grace for time zones: published in Sydney on the day saved in London.
    assert _settle("2020-08-17", saved="2020-08-16T23:00:00Z").published == "2020-08-17"
    assert _settle("2024-06-02").published is None
    assert _settle("2024-06-01").published == "2024-06-01"


def test_the_address_date_wins_over_a_declared_date_it_contradicts() -> None:
    url = "https://news.example/2019/11/19/harbour-wall/"
    assert _settle("2023-01-05", url=url).published == "2019-11-19"
    assert _settle("2019-11-19T08:30:00+00:00", url=url).published == "2019-11-19T08:30:00+00:00"
    assert _settle(url=url).published == "2019-11-19"


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://a.example/2019/11/19/slug", "2019-11-19"),
        ("https://a.example/news/2019-11-19-slug", "2019-11-19"),
        ("https://a.example/20191119/slug", "2019-11-19"),
        ("https://a.example/2019123/slug", None),  # an id, not a date
        ("https://a.example/2019/02/30/slug", None),
        ("https://a.example/slug?from=2019/11/19/", None),
    ],
)
def test_url_date(url: str, found: str | None) -> None:
    assert url_date(url) == found


def test_updated_is_recorded_only_when_later_than_published() -> None:
    later = _settle("2020-01-02", declared_updated=("2020-03-04T05:06:07+00:00",))
    assert later == PageDates(published="2020-01-02", updated="2020-03-04T05:06:07+00:00")
    assert _settle("2020-01-02", declared_updated=("2020-01-02T09:00:00",)).updated is None
    assert _settle("2020-01-02", declared_updated=("2025-01-01",)).updated is None


def test_the_search_is_asked_only_what_the_page_leaves_open() -> None:
    asked: list[tuple[bool, bool]] = []

    def search(*, original: bool, extensive: bool, earliest: date, latest: date) -> str | None:
        asked.append((original, extensive))
        return "2021-05-06" if extensive else None

    # Read only in the page's text: no date markup for a later date either, so the
    # latest-date search is not run.
    assert _settle(search=search) == PageDates(published="2021-05-06")
    assert asked == [(True, False), (True, True)]
    asked.clear()

    def markup_search(*, original: bool, extensive: bool, earliest: date, latest: date) -> str:
        asked.append((original, extensive))
        return "2021-05-06" if original else "2021-07-08"

    found = _settle(search=markup_search)
    assert found == PageDates(published="2021-05-06", updated="2021-07-08")
    assert asked == [(True, False), (False, False)]
    asked.clear()
    _settle("2020-01-02", declared_updated=("2020-02-02",), search=search)
    assert asked == []


def _page(html: str, url: str | None = None, saved: str | None = None) -> SavedPage:
    return SavedPage(
        path=Path("page.html"),
        source="saved/page.html",
        sha256="0" * 64,
        kind="html",
        text=html,
        url=url,
        saved=saved,
    )


def test_a_placeholder_date_beside_an_address_date() -> None:
    html = f"<html><head>{PLACEHOLDER_LD}</head><body><article>{PROSE}</article></body></html>"
    page = _page(html, url="https://news.example/2019/11/19/placeholder/")
    assert extract(page, today=TODAY).meta.published == "2019-11-19"


def test_a_dateline_is_found_where_the_metadata_has_only_a_placeholder() -> None:
    body = f'<article><h1>Placeholder</h1><p class="date">Posted on 19 November 2019</p>{PROSE}'
    html = f"<html><head>{PLACEHOLDER_LD}</head><body>{body}</article></body></html>"
    meta = extract(_page(html, url="https://news.example/placeholder"), today=TODAY).meta
    assert meta.published == "2019-11-19"


def test_an_update_the_page_declares_is_kept() -> None:
    head = (
        '<meta property="article:published_time" content="2020-01-02T10:00:00Z">'
        '<meta property="article:modified_time" content="2020-02-03T11:00:00Z">'
    )
    html = f"<html><head>{head}</head><body><article>{PROSE}</article></body></html>"
    meta = extract(_page(html, saved="2021-01-01"), today=TODAY).meta
    assert (meta.published, meta.updated) == (
        "2020-01-02T10:00:00+00:00",
        "2020-02-03T11:00:00+00:00",
    )


FINNISH = "<p>" + "Sää oli eilen kaunis, ja torilla myytiin tuoreita mansikoita. " * 9


def _dated_in_words(declared: str | None, prose: str) -> str | None:
    lang = f' lang="{declared}"' if declared else ""
    body = f'<article><h1>Torilla</h1><p class="date">3. maaliskuuta 2021</p>{prose}</p>'
    html = f"<html{lang}><head><script>var page = 'x';</script></head><body>{body}</article>"
    return extract(_page(html, url="https://uutiset.example/tori"), today=TODAY).meta.published


def test_a_date_in_words_is_read_in_the_language_of_a_page_that_declares_none() -> None:
    assert _dated_in_words(None, FINNISH) == "2021-03-03"
    # The same dateline on an English page: read in English, only its year is a date.
    assert _dated_in_words(None, PROSE) == "2021-01-01"


def test_a_script_in_the_body_does_not_sway_the_pages_language() -> None:
    script = "<script>/* " + "This widget shows the weather and the news of the day. " * 30
    script += "*/</script><style>/* " + "Colours for the page in the evening. " * 10 + "*/</style>"
    body = f'{script}<article><h1>Torilla</h1><p class="date">3. maaliskuuta 2021</p>{FINNISH}'
    html = f"<html><head></head><body>{body}</p></article></body></html>"
    page = _page(html, url="https://uutiset.example/tori")
    assert extract(page, today=TODAY).meta.published == "2021-03-03"


def test_a_date_in_words_is_read_in_the_language_the_text_plainly_is() -> None:
    # A site's template declares English over a Finnish story.
    assert _dated_in_words("en", FINNISH) == "2021-03-03"
    assert _dated_in_words("fi", FINNISH) == "2021-03-03"
