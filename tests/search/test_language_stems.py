"""`site-builder search` finds a word in its other forms in the article's own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.core.records import IndexDocument
from site_builder.search.language_stems import LanguageStems, query_stems, stemmed_text
from site_builder.search.whoosh_index import IndexUpdate, search

ARTICLES = (
    IndexDocument(
        path="articles/tram.html",
        title="Новые маршруты",
        body="В новых трамваях будет бесплатный интернет.",
        language="ru",
        fingerprint="1",
    ),
    IndexDocument(
        path="articles/canciones.html",
        title="Festival de verano",
        body="Las canciones de la noche sonaron hasta el alba.",
        language="es",
        fingerprint="1",
    ),
    IndexDocument(
        path="articles/songs.html",
        title="Summer festival",
        body="The songs of the night played until dawn, and a canción or two.",
        language="en",
        fingerprint="1",
    ),
)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stems") / "whoosh"
    with IndexUpdate(folder) as update:
        update.finish({a.path: a.fingerprint for a in ARTICLES}, {a.path: a for a in ARTICLES}.get)
    return folder


def _found(index_dir: Path, query: str) -> list[str]:
    return [Path(hit.path).stem for hit in search(index_dir, query, limit=5)]


def test_a_russian_word_finds_its_other_forms(index_dir: Path) -> None:
    # Porter leaves Cyrillic alone: only the Russian stemmer meets "трамвай" and "трамваях".
    assert _found(index_dir, "трамвай") == ["tram"]
    assert _found(index_dir, "трамваи интернет") == ["tram"]


def test_a_spanish_word_finds_its_plural_and_the_exact_form_still_counts_most(
    index_dir: Path,
) -> None:
    assert _found(index_dir, "canción") == ["songs", "canciones"]
    assert _found(index_dir, "canciones") == ["canciones"]


def test_an_english_article_gets_no_second_stems() -> None:
    assert stemmed_text("en-GB", "Trams and songs") is None
    assert stemmed_text(None, "Trams") is None
    assert stemmed_text("ko", "서울") is None  # no Snowball stemmer for Korean
    assert stemmed_text("ru", "Трамваи и трамваях") == "трамва трамва"


def test_a_query_word_becomes_its_stems_at_one_position() -> None:
    tokens = [
        (token.text, token.pos)
        for token in LanguageStems()("canciones y", mode="query", positions=True)
    ]
    assert tokens == [(stem, 0) for stem in query_stems("canciones")]
    assert "cancion" in query_stems("canciones")
    # Indexing, the value is already stemmed: each word is a term.
    assert [t.text for t in LanguageStems()("трамва трамва")] == ["трамва", "трамва"]
