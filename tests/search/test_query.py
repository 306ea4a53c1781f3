"""The query language: Whoosh's syntax with our fields and ISO dates, and a one-line
explanation for every query that can't be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.search.errors import QueryError
from site_builder.search.whoosh_index import search
from tests.search.documents import (
    BELARUS,
    CHIPS,
    CLIMATE,
    FARMERS,
    LE_MONDE,
    UNDATED,
    paths,
)

# Query syntax


def test_exact_phrase(index_dir: Path) -> None:
    assert paths(index_dir, '"military assistance"') == [BELARUS.path]
    assert paths(index_dir, '"assistance military"') == []


def test_site_by_one_word_or_a_phrase_of_its_name(index_dir: Path) -> None:
    assert paths(index_dir, 'site:"business standard"') == [BELARUS.path]
    assert paths(index_dir, "site:reuters") == [FARMERS.path]


def test_tag_and_its_plural_alias(index_dir: Path) -> None:
    assert paths(index_dir, "tag:belarus") == [BELARUS.path]
    assert paths(index_dir, 'tags:"Vladimir Putin"') == [BELARUS.path]


def test_author(index_dir: Path) -> None:
    assert paths(index_dir, "author:reuters") == [BELARUS.path]


def test_title_field(index_dir: Path) -> None:
    assert paths(index_dir, "title:glaciers") == [CLIMATE.path]
    assert paths(index_dir, "title:lukashenko") == []


def test_minus_and_not_exclude_a_word(index_dir: Path) -> None:
    with_farmers = set(paths(index_dir, "protest"))
    assert FARMERS.path in with_farmers
    assert set(paths(index_dir, "protest -farmers")) == with_farmers - {FARMERS.path}
    assert set(paths(index_dir, "protest NOT farmers")) == with_farmers - {FARMERS.path}


def test_hyphen_inside_a_word_does_not_exclude(index_dir: Path) -> None:
    assert paths(index_dir, "re-election") == [BELARUS.path]


def test_or_and_groups(index_dir: Path) -> None:
    assert set(paths(index_dir, "glaciers OR marathon")) == {CLIMATE.path, UNDATED.path}
    assert paths(index_dir, "(glaciers OR marathon) record") == [UNDATED.path]


def test_prefix_and_fuzzy(index_dir: Path) -> None:
    assert paths(index_dir, "Lukash*") == [BELARUS.path]
    assert paths(index_dir, "Lukashnko~") == [BELARUS.path]
    assert paths(index_dir, "Lukashenk~") == [BELARUS.path]


def test_published_year(index_dir: Path) -> None:
    assert set(paths(index_dir, "published:2020")) == {BELARUS.path, FARMERS.path, LE_MONDE.path}


def test_published_month_and_day(index_dir: Path) -> None:
    assert paths(index_dir, "published:2020-08") == [BELARUS.path]
    assert paths(index_dir, "published:2020-08-16") == [BELARUS.path]
    assert paths(index_dir, "published:2020-08-15") == []


def test_published_range_includes_both_ends(index_dir: Path) -> None:
    assert set(paths(index_dir, "published:[2020-01 to 2020-06]")) == {FARMERS.path, LE_MONDE.path}
    assert set(paths(index_dir, "published:[2020-06 TO 2021]")) == {
        LE_MONDE.path,
        BELARUS.path,
        CLIMATE.path,
    }


def test_open_and_exclusive_date_bounds(index_dir: Path) -> None:
    assert set(paths(index_dir, "published:[to 2019]")) == {CHIPS.path}
    assert set(paths(index_dir, "published:<2020")) == {CHIPS.path}
    assert set(paths(index_dir, "published:>2020")) == {CLIMATE.path}
    assert set(paths(index_dir, "published:>=2021")) == {CLIMATE.path}


def test_words_and_dates_combine(index_dir: Path) -> None:
    assert paths(index_dir, "protest published:2021") == [CLIMATE.path]


def test_saved_date(index_dir: Path) -> None:
    assert paths(index_dir, "saved:2020-08-17") == [BELARUS.path]


# Queries that can't be read


@pytest.mark.parametrize(
    ("query", "explanation"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("title:(", "'(' is not closed"),
        ("protest)", "no matching '('"),
        ("title:", "title: needs a word after it"),
        ('"unbalanced phrase', "quotation mark is not closed"),
        ("published:[2020 to", "range is not closed"),
        ("published:2020]", "never opened"),
        ("published:2020-13", "cannot read the date '2020-13'"),
        ("published:last-tuesday", "cannot read the date"),
        ("protest published:soon", "cannot read the date 'soon'"),
        ("tagz:belarus", "unknown field tagz:"),
        ("the", "nothing to search for"),
        ("NOT", "nothing to search for"),
    ],
)
def test_malformed_query_raises_a_one_line_explanation(
    index_dir: Path, query: str, explanation: str
) -> None:
    with pytest.raises(QueryError) as raised:
        search(index_dir, query)
    message = str(raised.value)
    assert message.startswith(f"query {query!r}: ")  # the one line names what was typed
    assert explanation in message
    assert "\n" not in message
    assert "Traceback" not in message
    # Every message shows what valid syntax looks like.
    assert any(example in message for example in ("e.g.", "like", "write dates as"))


def test_a_colon_after_an_ordinary_word_is_not_a_field(index_dir: Path) -> None:
    assert paths(index_dir, "Kremlin: Lukashenko") == [BELARUS.path]
