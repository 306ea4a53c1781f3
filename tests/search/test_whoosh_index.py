"""The Whoosh index: built and updated as the build does it, and real queries against a
small hand-written archive."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from whoosh import highlight, index

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import IndexDocument
from site_builder.search.errors import SearchIndexError
from site_builder.search.query import parse_query
from site_builder.search.whoosh_index import IndexUpdate, SearchIndex, SyncReport, schema, search
from tests.search.documents import (
    ARCHIVE,
    BELARUS,
    CHIPS,
    CLIMATE,
    FARMERS,
    LE_MONDE,
    UNDATED,
    fingerprints,
    index_documents,
    paths,
)

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


def test_every_search_failure_is_one_line_naming_the_query_or_the_index(
    index_dir: Path, tmp_path: Path
) -> None:
    # The CLI and the preview server catch SiteBuilderError and show its message alone.
    with pytest.raises(SiteBuilderError) as bad_query:
        search(index_dir, "protest)")
    assert str(bad_query.value) == (
        "query 'protest)': a ')' has no matching '('; group words like (russia OR belarus) protest"
    )
    # A query that can't be read is reported first, before the index is opened.
    with pytest.raises(SiteBuilderError) as no_index:
        search(tmp_path, "protest)")
    assert str(no_index.value).startswith("query 'protest)': ")
    with pytest.raises(SiteBuilderError) as no_index:
        search(tmp_path, "protest")
    assert no_index.value.path == str(tmp_path)
    assert str(no_index.value) == (
        f"{tmp_path}: no readable search index here (the folder holds no index); "
        "run `site-builder build` to create it"
    )


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
    index_documents(folder, ARCHIVE)
    for toc in folder.glob("*.toc"):
        data = toc.read_bytes()
        toc.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"")
    with pytest.raises(SearchIndexError, match="site-builder build") as raised:
        search(folder, "protest")
    assert str(folder) in str(raised.value)
    assert "\n" not in str(raised.value)


# Updating, as the build does


def loader(documents: Sequence[IndexDocument], calls: list[str]) -> Callable[[str], IndexDocument]:
    by_path = {document.path: document for document in documents}

    def load(path: str) -> IndexDocument:
        calls.append(path)
        return by_path[path]

    return load


def test_an_update_replaces_the_old_content(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "whoosh"
    first = index_documents(folder, ARCHIVE)
    assert first == SyncReport(added=6, rebuilt_because="there was no search index yet")
    assert paths(folder, "Lukashenko") == [BELARUS.path]

    without_belarus = [doc for doc in ARCHIVE if doc is not BELARUS]
    assert index_documents(folder, without_belarus) == SyncReport(removed=1)
    assert paths(folder, "Lukashenko") == []
    assert paths(folder, "glaciers") == [CLIMATE.path]
    assert len(list(folder.glob("*.toc"))) == 1


def test_an_archive_of_nothing_gives_an_empty_index(tmp_path: Path) -> None:
    assert index_documents(tmp_path / "whoosh", []).added == 0
    assert search(tmp_path / "whoosh", "protest") == []


def test_unreadable_document_date_is_kept_as_written_but_not_indexed(tmp_path: Path) -> None:
    odd = IndexDocument(path="articles/odd.html", title="Odd date", body="harvest", published="n/a")
    partial = IndexDocument(
        path="articles/p.html", title="Year only", body="harvest", published="2018"
    )
    index_documents(tmp_path, [odd, partial])
    [hit] = search(tmp_path, "harvest published:2018")
    assert hit.path == partial.path
    assert [hit.published for hit in search(tmp_path, "title:odd")] == ["n/a"]


def test_an_index_folder_that_cannot_be_written_is_one_line_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "whoosh"
    folder.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SearchIndexError) as raised, IndexUpdate(folder) as update:
        update.offer(BELARUS)
    assert raised.value.path == str(folder)
    assert str(raised.value).startswith(f"{folder}: could not update the search index: ")
    assert "\n" not in str(raised.value)


def test_offered_documents_are_indexed_and_not_loaded_again(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    with IndexUpdate(folder) as update:
        update.offer(BELARUS)
        update.offer(FARMERS)
        report = update.finish(fingerprints(ARCHIVE), loader(ARCHIVE, calls))
    assert sorted(calls) == sorted(d.path for d in ARCHIVE if d not in (BELARUS, FARMERS))
    assert report == SyncReport(added=len(ARCHIVE), rebuilt_because="there was no search index yet")
    assert paths(folder, "lukashenko protest")[0] == BELARUS.path
    assert len(list(search(folder, "*", limit=100))) == len(ARCHIVE)


def test_offering_what_is_indexed_already_writes_nothing(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    index_documents(folder, ARCHIVE)
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    with IndexUpdate(folder) as update:
        update.offer(BELARUS)
        assert update.finish(fingerprints(ARCHIVE), loader(ARCHIVE, calls)) == SyncReport()
    assert calls == []
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_a_document_changed_after_its_offer_is_indexed_as_it_ends(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    index_documents(folder, ARCHIVE)
    draft = replace(BELARUS, body="A draft about zeppelins.", fingerprint="draft")
    final = replace(BELARUS, body="The final text, about lighthouses.", fingerprint="final")
    documents = [final if document is BELARUS else document for document in ARCHIVE]
    with IndexUpdate(folder) as update:
        update.offer(draft)
        report = update.finish(fingerprints(documents), loader(documents, calls))
    assert calls == [BELARUS.path]
    assert report == SyncReport(updated=1)
    assert paths(folder, "lighthouses") == [BELARUS.path]
    assert paths(folder, "zeppelins") == []


def test_an_offered_article_moved_away_is_taken_back_without_indexing_the_others_again(
    tmp_path: Path,
) -> None:
    # As when a second save of a page moves the first among the versions after its offer.
    folder, calls = tmp_path / "whoosh", []
    shown = [document for document in ARCHIVE if document is not CHIPS]
    with IndexUpdate(folder) as update:
        for document in ARCHIVE:
            update.offer(document)
        report = update.finish(fingerprints(shown), loader(shown, calls))
    assert calls == []
    assert report == SyncReport(added=len(shown), rebuilt_because="there was no search index yet")
    assert paths(folder, "lukashenko protest")[0] == BELARUS.path
    assert sorted(hit.path for hit in search(folder, "*", limit=100)) == sorted(
        document.path for document in shown
    )


def test_an_update_left_unfinished_changes_nothing(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    index_documents(folder, ARCHIVE)
    files = sorted(path.name for path in folder.iterdir())
    with pytest.raises(RuntimeError, match="the build failed"), IndexUpdate(folder) as update:
        update.offer(replace(BELARUS, body="Zeppelins.", fingerprint="new"))
        raise RuntimeError("the build failed")
    assert paths(folder, "zeppelins") == []
    assert sorted(path.name for path in folder.iterdir()) == files  # none of its own left
    # The cancelled writer let go of the index: the next build can update it.
    changed = [replace(FARMERS, body="Zeppelins over the fields.", fingerprint="next")]
    documents = [*changed, *(d for d in ARCHIVE if d is not FARMERS)]
    with IndexUpdate(folder) as update:
        update.offer(changed[0])
        assert update.finish(fingerprints(documents), loader(documents, calls)) == SyncReport(
            updated=1
        )
    assert paths(folder, "zeppelins") == [FARMERS.path]


def test_to_load_names_exactly_what_finish_loads(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    index_documents(folder, ARCHIVE)
    draft = replace(BELARUS, body="A draft.", fingerprint="draft")
    final = replace(BELARUS, body="The final text.", fingerprint="final")
    farmers = replace(FARMERS, body="Farmers again.", fingerprint="again")
    documents = [final, farmers, *(d for d in ARCHIVE if d not in (BELARUS, FARMERS, CHIPS))]
    with IndexUpdate(folder) as update:
        update.offer(draft)  # changed again after its offer: taken back, as it ends
        update.offer(replace(CHIPS, fingerprint="gone"))  # offered, then gone
        assert update.to_load(fingerprints(documents)) == sorted([BELARUS.path, FARMERS.path])
        update.finish(fingerprints(documents), loader(documents, calls))
    assert sorted(calls) == sorted([BELARUS.path, FARMERS.path])
    assert paths(folder, "again") == [FARMERS.path]
    assert paths(folder, "chips") == []


def _update_farmers(folder: Path, *, rebuild: bool, before_seen: Callable[[], None]) -> None:
    """Index the archive, then update it with FARMERS about zeppelins, offered."""
    index_documents(folder, ARCHIVE)
    documents = [ZEPPELIN_FARMERS, *(d for d in ARCHIVE if d is not FARMERS)]
    with IndexUpdate(folder, rebuild=rebuild) as update:
        update.offer(ZEPPELIN_FARMERS)
        load = {document.path: document for document in documents}.__getitem__
        update.finish(fingerprints(documents), load, before_seen=before_seen)


ZEPPELIN_FARMERS = replace(FARMERS, body="Zeppelins over the fields.", fingerprint="next")


@pytest.mark.parametrize("rebuild", [False, True], ids=["in place", "rebuilt"])
def test_searches_see_an_update_only_after_before_seen_returns(
    tmp_path: Path, rebuild: bool
) -> None:
    folder = tmp_path / "whoosh"
    seen_before: list[list[str]] = []

    def before_seen() -> None:
        seen_before.append(paths(folder, "zeppelins"))

    _update_farmers(folder, rebuild=rebuild, before_seen=before_seen)
    assert seen_before == [[]]
    assert paths(folder, "zeppelins") == [FARMERS.path]


@pytest.mark.parametrize("rebuild", [False, True], ids=["in place", "rebuilt"])
def test_an_update_stopped_before_it_is_seen_leaves_the_index_as_it_was(
    tmp_path: Path, rebuild: bool
) -> None:
    folder = tmp_path / "whoosh"

    def stopped() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _update_farmers(folder, rebuild=rebuild, before_seen=stopped)
    assert paths(folder, "zeppelins") == []
    assert paths(folder, "lukashenko protest") == [BELARUS.path]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["whoosh"]  # no staging left
    # The writer let go of the index: the next update goes through.
    documents = [ZEPPELIN_FARMERS, *(d for d in ARCHIVE if d is not FARMERS)]
    assert index_documents(folder, documents) == SyncReport(updated=1)
    assert paths(folder, "zeppelins") == [FARMERS.path]


# Searching many times


def test_snippets_are_the_ones_whoosh_highlights(index_dir: Path) -> None:
    # Read whoosh's own way: the index opened as it opens it, its Highlighter.
    ix = index.open_dir(str(index_dir), readonly=True)
    queries = ["protesting Lukashenko", "Lukashnko~", "protest*", '"military assistance"']
    for query in [*queries, "manifestations", "road -tractors", "the protest"]:
        with ix.searcher() as searcher:
            results = searcher.search(parse_query(query, schema()), limit=10, terms=True)
            results.highlighter = highlight.Highlighter(
                fragmenter=highlight.ContextFragmenter(maxchars=200, surround=60),
                formatter=_Markers(),
            )
            expected = [" ".join(hit.highlights("body", top=1).split()) for hit in results]
        found = [hit.snippet for hit in search(index_dir, query)]
        assert [s for s, e in zip(found, expected, strict=True) if e] == [e for e in expected if e]
        assert any(expected), query


class _Markers(highlight.Formatter):  # type: ignore[misc]  # whoosh has no type hints
    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"[[{highlight.get_text(text, token, replace)}]]"

    def format_fragment(self, fragment: Any, replace: bool = False) -> str:
        formatted = super().format_fragment(fragment, replace=replace).strip()
        before = "…" if fragment.startchar > 0 else ""
        return before + formatted + ("…" if fragment.endchar < len(fragment.text) else "")


def test_a_search_index_answers_as_search_does_every_time(index_dir: Path) -> None:
    queries = ["protest", "Lukashenko protest", "tag:belarus", "protest*", "lang:fr"]
    with SearchIndex(index_dir) as opened:
        for _ in range(2):
            for query in queries:
                for sort in ("relevance", "date"):
                    answer = opened.search(query, limit=3, sort=sort)
                    assert answer == search(index_dir, query, limit=3, sort=sort)


def test_a_search_index_sees_a_rebuilt_and_an_updated_index(tmp_path: Path) -> None:
    folder = tmp_path / "whoosh"
    index_documents(folder, ARCHIVE)
    first_toc = sorted(path.name for path in folder.glob("*.toc"))
    with SearchIndex(folder) as opened:
        assert [hit.path for hit in opened.search("protest")] == paths(folder, "protest")
        # A rebuild from nothing: whoosh numbers its generations from the start again.
        shutil.rmtree(folder)
        index_documents(folder, [CHIPS])
        assert sorted(path.name for path in folder.glob("*.toc")) == first_toc
        assert opened.search("protest") == []
        assert [hit.path for hit in opened.search("shortage")] == [CHIPS.path]
        # An update in place.
        index_documents(folder, [CHIPS, FARMERS])
        assert [hit.path for hit in opened.search("protest")] == [FARMERS.path]


def test_a_search_index_reports_a_missing_index_and_recovers(tmp_path: Path) -> None:
    folder = tmp_path / "whoosh"
    index_documents(folder, ARCHIVE)
    with SearchIndex(folder) as opened:
        assert opened.search("glaciers")
        shutil.rmtree(folder)
        with pytest.raises(SearchIndexError, match="there is no search index here"):
            opened.search("glaciers")
        folder.mkdir()
        with pytest.raises(SearchIndexError, match="the folder holds no index"):
            opened.search("glaciers")
        index_documents(folder, [CLIMATE])
        assert [hit.path for hit in opened.search("glaciers")] == [CLIMATE.path]


def test_a_search_index_answers_threads_as_it_answers_one(index_dir: Path) -> None:
    # The preview server answers each request in a thread of its own.
    queries = ["protest", "Lukashenko", "protest*", "glaciers", "tag:belarus", "marathon"] * 5
    with SearchIndex(index_dir) as opened:
        alone = [opened.search(query) for query in queries]
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(opened.search, queries)) == alone
