"""The Whoosh index: real queries against a small hand-written archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.core.records import IndexDocument
from site_builder.search.whoosh_index import (
    QueryError,
    SearchIndexError,
    SortOrder,
    rebuild_index,
    search,
)

BELARUS = IndexDocument(
    path="articles/2020-08-16-russia-ready-to-help-belarus.html",
    title="Russia ready to help Belarus militarily if needed, Kremlin says",
    body=(
        "MOSCOW (Reuters) - Russia said on Sunday it had told Belarusian leader Alexander "
        "Lukashenko it was ready to offer military assistance in line with a collective "
        "military pact if necessary, as demonstrators gathered for more protests against "
        "Lukashenko's re-election.\n\n"
        "The Kremlin said President Vladimir Putin had spoken by phone with Lukashenko, who "
        "has faced the biggest demonstrations of his 26 years in power. Opposition leaders say "
        "the August 9 vote was rigged. Thousands of people were detained in the days after "
        "the election, and many said they were beaten in custody."
    ),
    site_name="The Business Standard",
    author="Reuters",
    tags=("Russia", "Belarus", "Vladimir Putin"),
    language="en",
    published="2020-08-16T17:45:00",
    saved="2020-08-17T09:00:00",
    url="https://www.tbsnews.net/world/russia-ready-help-belarus-militarily-if-needed-kremlin-says",
)
FARMERS = IndexDocument(
    path="articles/2020-02-14-farmers-block-roads.html",
    title="Farmers block roads over fuel prices",
    body=(
        "Farmers drove tractors into the city centre on Friday in a protest against rising "
        "diesel prices. Police said the protest was peaceful and the roads reopened by evening."
    ),
    site_name="Reuters",
    author="Jane Doe",
    tags=("Agriculture", "Fuel"),
    language="en",
    published="2020-02-14",
    url="https://www.reuters.com/article/farmers-fuel",
)
CLIMATE = IndexDocument(
    path="articles/2021-03-02-glaciers-retreat.html",
    title="Alpine glaciers retreat faster than expected",
    body=(
        "Glaciers in the Alps lost a tenth of their volume in five years, scientists said, "
        "and climate activists staged a protest outside the ministry the same week."
    ),
    site_name="BBC News",
    author="John Smith",
    tags=("Climate",),
    language="en",
    published="2021-03-02T08:00:00+01:00",
)
LE_MONDE = IndexDocument(
    path="articles/2020-06-10-manifestations-paris.html",
    title="Des milliers de manifestants à Paris",
    body=(
        "Des milliers de personnes ont défilé samedi à Paris. Les manifestations se sont "
        "déroulées dans le calme, selon la préfecture de police."
    ),
    site_name="Le Monde",
    author="Marie Dupont",
    tags=("France", "Manifestations"),
    language="fr",
    published="2020-06-10T18:30:00+02:00",
)
CHIPS = IndexDocument(
    path="articles/2019-11-05-chip-shortage.html",
    title="Chip makers warn of a long shortage",
    body="Semiconductor makers said the shortage of chips could last well into next year.",
    site_name="The Verge",
    author="Alex Lee",
    tags=("Technology",),
    language="en",
    published="2019-11-05",
)
UNDATED = IndexDocument(
    path="articles/undated-city-marathon.html",
    title="City marathon draws record field",
    body=(
        "A record number of runners took part in the city marathon, and a small protest "
        "about road closures was held near the finish line."
    ),
    site_name="Local Paper",
    tags=("Sport",),
)
ARCHIVE = (BELARUS, FARMERS, CLIMATE, LE_MONDE, CHIPS, UNDATED)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "whoosh"
    assert rebuild_index(folder, ARCHIVE) == len(ARCHIVE)
    return folder


def paths(
    index_dir: Path, query: str, *, limit: int = 10, sort: SortOrder = "relevance"
) -> list[str]:
    return [hit.path for hit in search(index_dir, query, limit=limit, sort=sort)]


# Words, stemming and ranking


def test_all_words_must_match_and_the_belarus_article_comes_first(index_dir: Path) -> None:
    assert paths(index_dir, "Lukashenko protest") == [BELARUS.path]


def test_stemming_finds_protests_when_asked_for_protesting(index_dir: Path) -> None:
    found = paths(index_dir, "protesting")
    assert BELARUS.path in found
    assert set(found) == {BELARUS.path, FARMERS.path, CLIMATE.path, UNDATED.path}


def test_french_article_is_searchable_and_filterable_by_language(index_dir: Path) -> None:
    assert paths(index_dir, "manifestations Paris") == [LE_MONDE.path]
    assert paths(index_dir, "lang:fr") == [LE_MONDE.path]
    assert paths(index_dir, "language:FR") == [LE_MONDE.path]


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


# Results


def test_sort_by_date_is_newest_first_with_undated_last(index_dir: Path) -> None:
    by_date = paths(index_dir, "protest", sort="date")
    assert by_date == [CLIMATE.path, BELARUS.path, FARMERS.path, UNDATED.path]
    assert paths(index_dir, "protest") != by_date  # relevance gives another order


def test_limit(index_dir: Path) -> None:
    assert len(search(index_dir, "protest", limit=2)) == 2
    assert paths(index_dir, "protest", limit=1, sort="date") == [CLIMATE.path]


def test_hit_carries_the_stored_fields_exactly(index_dir: Path) -> None:
    [hit] = search(index_dir, "Lukashenko protest")
    assert hit.title == BELARUS.title
    assert hit.site_name == "The Business Standard"
    assert hit.published == "2020-08-16T17:45:00"
    assert hit.url == BELARUS.url
    assert hit.score > 0
    [climate] = search(index_dir, "glaciers")
    assert climate.published == "2021-03-02T08:00:00+01:00"
    assert climate.url is None


def test_snippet_marks_matched_words_found_by_their_stem(index_dir: Path) -> None:
    [hit] = search(index_dir, "protesting Lukashenko")
    assert "[[protests]]" in hit.snippet
    assert "[[Lukashenko]]" in hit.snippet
    assert len(hit.snippet) <= 300
    assert "\n" not in hit.snippet


def test_snippet_marks_fuzzy_matches(index_dir: Path) -> None:
    [hit] = search(index_dir, "Lukashnko~")
    assert "[[Lukashenko]]" in hit.snippet


def test_snippet_falls_back_to_the_start_of_the_body(index_dir: Path) -> None:
    [hit] = search(index_dir, "tag:belarus")
    assert hit.snippet.startswith("MOSCOW (Reuters) - Russia said on Sunday")
    assert "[[" not in hit.snippet
    assert hit.snippet.endswith("…")
    assert len(hit.snippet) <= 201


# Errors


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
    assert explanation in message
    assert "\n" not in message
    assert "Traceback" not in message
    # Every message shows what valid syntax looks like.
    assert any(example in message for example in ("e.g.", "like", "write dates as"))


def test_a_colon_after_an_ordinary_word_is_not_a_field(index_dir: Path) -> None:
    assert paths(index_dir, "Kremlin: Lukashenko") == [BELARUS.path]


def test_query_error_is_a_search_index_error() -> None:
    # The CLI catches SearchIndexError alone and still reports bad queries.
    assert issubclass(QueryError, SearchIndexError)


def test_missing_index_folder(tmp_path: Path) -> None:
    missing = tmp_path / "whoosh"
    with pytest.raises(SearchIndexError, match="site-builder build") as raised:
        search(missing, "protest")
    assert str(missing) in str(raised.value)


def test_folder_without_an_index(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="site-builder build") as raised:
        search(tmp_path, "protest")
    assert str(tmp_path) in str(raised.value)


@pytest.mark.parametrize("damage", ["truncate", "empty"])
def test_damaged_index(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "whoosh"
    rebuild_index(folder, ARCHIVE)
    for toc in folder.glob("*.toc"):
        data = toc.read_bytes()
        toc.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"")
    with pytest.raises(SearchIndexError, match="site-builder build") as raised:
        search(folder, "protest")
    assert str(folder) in str(raised.value)
    assert "\n" not in str(raised.value)


# Rebuilding


def test_rebuild_replaces_the_old_content(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "whoosh"
    assert rebuild_index(folder, ARCHIVE) == 6
    assert paths(folder, "Lukashenko") == [BELARUS.path]

    assert rebuild_index(folder, [doc for doc in ARCHIVE if doc is not BELARUS]) == 5
    assert paths(folder, "Lukashenko") == []
    assert paths(folder, "glaciers") == [CLIMATE.path]
    assert len(list(folder.glob("*.toc"))) == 1


def test_rebuild_of_nothing_gives_an_empty_index(tmp_path: Path) -> None:
    assert rebuild_index(tmp_path / "whoosh", []) == 0
    assert search(tmp_path / "whoosh", "protest") == []


def test_unreadable_document_date_is_kept_as_written_but_not_indexed(tmp_path: Path) -> None:
    odd = IndexDocument(path="articles/odd.html", title="Odd date", body="harvest", published="n/a")
    partial = IndexDocument(
        path="articles/p.html", title="Year only", body="harvest", published="2018"
    )
    rebuild_index(tmp_path, [odd, partial])
    [hit] = search(tmp_path, "harvest published:2018")
    assert hit.path == partial.path
    assert [hit.published for hit in search(tmp_path, "title:odd")] == ["n/a"]
