"""The browser search's cache between builds: articles keep their numbers, postings
are updated in place, and what the site gets is the index of exactly its articles."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

from site_builder.build.browser_search import CACHE_FILE, BrowserSearchUpdate
from site_builder.build.browser_shards import SHARDS_FOLDER
from site_builder.core.records import IndexDocument
from site_builder.search.browser_index import shard_of
from site_builder.search.browser_terms import TermAnalyzer
from tests.search.browser_files import postings_of


def _document(name: str, body: str, fingerprint: str = "1") -> IndexDocument:
    return IndexDocument(
        path=f"articles/{name}.html", title=name, body=body, fingerprint=fingerprint
    )


def _numbers(output: Path) -> dict[str, int]:
    with sqlite3.connect(output / CACHE_FILE) as db:
        return dict(db.execute("SELECT path, number FROM articles"))


def _never(path: str) -> IndexDocument:
    raise AssertionError(f"{path} should not be loaded")


def _vocabulary(site: Path) -> dict[str, object]:
    manifest = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    words: dict[str, object] = {}
    for shard in (site / "search" / manifest["generation"] / "w").glob("*.json"):
        words.update(json.loads(shard.read_text(encoding="utf-8")))
    return words


def _build(output: Path, site: Path, documents: list[IndexDocument]) -> None:
    """One build's update: every document offered, then finished and written."""
    with BrowserSearchUpdate(output) as update:
        for document in documents:
            update.offer(document)
        update.finish({d.path: d.fingerprint for d in documents}, _never)
        update.write(site)


def test_articles_keep_their_numbers_as_others_come_and_go(tmp_path: Path) -> None:
    a, b, c = _document("a", "harbour"), _document("b", "quarry harbour"), _document("c", "quarry")
    _build(tmp_path, tmp_path / "one", [a, b])
    assert _numbers(tmp_path) == {"articles/a.html": 0, "articles/b.html": 1}
    _build(tmp_path, tmp_path / "two", [b, c])
    assert _numbers(tmp_path) == {"articles/b.html": 1, "articles/c.html": 2}
    # Published, they are numbered by page name: b 0, c 1.
    postings = postings_of(tmp_path / "two")
    assert postings["harbour"][:2] == (1, [0])
    assert postings["quarri"][:2] == (2, [0, 1])
    assert "harbour" in _vocabulary(tmp_path / "two")


def test_an_edited_article_replaces_its_postings_and_words(tmp_path: Path) -> None:
    _build(tmp_path, tmp_path / "one", [_document("a", "harbour"), _document("b", "harbour")])
    _build(tmp_path, tmp_path / "two", [_document("a", "quarry", "2"), _document("b", "harbour")])
    postings = postings_of(tmp_path / "two")
    assert postings["harbour"][:2] == (1, [1])
    assert postings["quarri"][:2] == (1, [0])
    words = _vocabulary(tmp_path / "two")
    assert "quarry" in words and "harbour" in words
    _build(tmp_path, tmp_path / "three", [_document("a", "quarry", "2")])
    assert "harbour" not in _vocabulary(tmp_path / "three")
    assert "harbour" not in postings_of(tmp_path / "three")


def test_an_article_changed_twice_in_one_build_is_indexed_once(tmp_path: Path) -> None:
    with BrowserSearchUpdate(tmp_path) as update:
        update.offer(_document("a", "harbour", "1"))
        update.offer(_document("a", "quarry", "2"))
        update.finish({"articles/a.html": "2"}, _never)
        update.write(tmp_path / "site")
    postings = postings_of(tmp_path / "site")
    assert "harbour" not in postings
    assert postings["quarri"][:2] == (1, [0])


def test_nothing_offered_is_kept_without_finish(tmp_path: Path) -> None:
    with BrowserSearchUpdate(tmp_path) as update:
        update.offer(_document("a", "harbour"))
    assert _numbers(tmp_path) == {}


def test_an_unchanged_card_is_kept_and_a_changed_one_written_anew(tmp_path: Path) -> None:
    _build(tmp_path, tmp_path / "one", [_document("a", "harbour"), _document("b", "quarry")])
    before = tmp_path / "one" / "search" / "docs"
    _build(tmp_path, tmp_path / "two", [_document("a", "harbour"), _document("b", "lantern", "2")])
    now = tmp_path / "two" / "search" / "docs"
    assert (now / "0.json").samefile(before / "0.json")
    assert not (now / "1.json").samefile(before / "1.json")
    # The last site's card is left as it was: a new file replaced the cache's.
    assert json.loads((before / "1.json").read_text(encoding="utf-8"))["x"] == "quarry"
    assert json.loads((now / "1.json").read_text(encoding="utf-8"))["x"] == "lantern"


def test_a_first_build_numbers_articles_by_page_name_and_later_ones_come_after(
    tmp_path: Path,
) -> None:
    late, early = _document("b", "harbour"), _document("a", "quarry")
    _build(tmp_path / "clean", tmp_path / "clean-site", [late, early])
    _build(tmp_path / "cache", tmp_path / "one", [late])
    _build(tmp_path / "cache", tmp_path / "two", [late, early])
    assert _numbers(tmp_path / "cache") == {"articles/b.html": 0, "articles/a.html": 1}
    # A clean build: by page name, whatever order the articles came in.
    assert _cards(tmp_path / "clean-site") == {0: "articles/a.html", 1: "articles/b.html"}
    assert postings_of(tmp_path / "clean-site")["harbour"][:2] == (1, [1])
    # Built in two steps: b keeps its number, and a comes after it.
    assert _cards(tmp_path / "two") == {0: "articles/b.html", 1: "articles/a.html"}
    assert _by_page(tmp_path / "two") == _by_page(tmp_path / "clean-site")


def _cards(site: Path) -> dict[int, str]:
    folder = site / "search" / "docs"
    return {int(p.stem): json.loads(p.read_text("utf-8"))["p"] for p in folder.glob("*.json")}


def _by_page(site: Path) -> dict[str, tuple[int, list[tuple[str, int]]]]:
    """Each term's article count and (page, weight) pairs: the index, whatever its numbers."""
    cards = _cards(site)
    return {
        term: (
            df,
            sorted(
                (cards[number], weight) for number, weight in zip(numbers, weights, strict=True)
            ),
        )
        for term, (df, numbers, weights) in postings_of(site).items()
    }


def test_a_damaged_cache_is_started_afresh(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"not a database at all" * 100)
    with BrowserSearchUpdate(tmp_path) as update:
        update.finish({"articles/a.html": "1"}, lambda path: _document("a", "harbour"))
    assert _numbers(tmp_path) == {"articles/a.html": 0}


def test_reindex_starts_the_cache_afresh(tmp_path: Path) -> None:
    with BrowserSearchUpdate(tmp_path) as update:
        update.finish({"articles/a.html": "1"}, lambda path: _document("a", "harbour"))
    loaded: list[str] = []

    def load(path: str) -> IndexDocument:
        loaded.append(path)
        return _document("a", "harbour")

    with BrowserSearchUpdate(tmp_path, rebuild=True) as update:
        update.finish({"articles/a.html": "1"}, load)
    assert loaded == ["articles/a.html"]


def _many_documents(count: int) -> list[IndexDocument]:
    """Articles of made-up words, enough for several posting shards."""
    rng = random.Random(19)
    letters = "bcdfghjklmnpqrstvwz"

    def word() -> str:
        return "".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(4))

    return [
        _document(f"2020-01-{n:04d}", " ".join(word() for _ in range(60))) for n in range(count)
    ]


def _search_files(site: Path) -> dict[Path, Path]:
    root = site / "search"
    return {path.relative_to(root): path for path in root.rglob("*") if path.is_file()}


def _assert_same_index(built: Path, clean: Path) -> None:
    """Byte for byte what a clean build of the same articles writes."""
    ours, theirs = _search_files(built), _search_files(clean)
    assert sorted(ours) == sorted(theirs)
    for name, path in ours.items():
        assert path.read_bytes() == theirs[name].read_bytes(), name


def test_adding_an_article_encodes_only_the_shards_of_its_terms(tmp_path: Path) -> None:
    archive = _many_documents(120)
    _build(tmp_path / "cache", tmp_path / "one", archive)
    newest = _document("2024-12-20-harbour", "harbour quarry lantern")
    _build(tmp_path / "cache", tmp_path / "two", [*archive, newest])
    _build(tmp_path / "clean", tmp_path / "clean-site", [*archive, newest])
    _assert_same_index(tmp_path / "two", tmp_path / "clean-site")

    before, after = _posting_files(tmp_path / "one"), _posting_files(tmp_path / "two")
    assert len(after) == len(before) > 4
    terms = TermAnalyzer().document_terms(newest).impacts()
    touched = {shard_of(term, len(after)) for term in terms}
    assert {shard_of(term, len(after)) for term in ("harbour", "quarri")} <= touched
    assert len(touched) < len(after) / 2
    for number, path in after.items():
        assert path.samefile(before[number]) == (number not in touched), number


def _posting_files(site: Path) -> dict[int, Path]:
    manifest = json.loads((site / "search" / "index.json").read_text("utf-8"))
    folder = site / "search" / manifest["generation"] / "p"
    return {int(path.stem): path for path in folder.iterdir()}


def test_an_article_dated_before_the_rest_comes_after_them(tmp_path: Path) -> None:
    archive = _many_documents(120)
    _build(tmp_path / "cache", tmp_path / "one", archive)
    oldest = _document("1999-01-01-harbour", "harbour quarry lantern")
    _build(tmp_path / "cache", tmp_path / "two", [oldest, *archive])
    _build(tmp_path / "clean", tmp_path / "clean-site", [oldest, *archive])
    assert _cards(tmp_path / "two")[120] == "articles/1999-01-01-harbour.html"
    assert _by_page(tmp_path / "two") == _by_page(tmp_path / "clean-site")
    before, after = _posting_files(tmp_path / "one"), _posting_files(tmp_path / "two")
    changed = [n for n, path in after.items() if not path.samefile(before[n])]
    assert 0 < len(changed) < len(after) / 2


def test_numbers_left_unused_by_many_articles_gone_are_closed_up(tmp_path: Path) -> None:
    archive = _many_documents(120)
    _build(tmp_path / "cache", tmp_path / "one", archive)
    kept = archive[::2]  # half of them deleted
    _build(tmp_path / "cache", tmp_path / "two", kept)
    _build(tmp_path / "clean", tmp_path / "clean-site", kept)
    _assert_same_index(tmp_path / "two", tmp_path / "clean-site")


def test_kept_shards_that_are_gone_are_encoded_again(tmp_path: Path) -> None:
    archive = _many_documents(120)
    _build(tmp_path / "cache", tmp_path / "one", archive)
    shutil.rmtree(tmp_path / "cache" / SHARDS_FOLDER)
    _build(tmp_path / "cache", tmp_path / "two", archive)
    _build(tmp_path / "clean", tmp_path / "clean-site", archive)
    _assert_same_index(tmp_path / "two", tmp_path / "clean-site")
