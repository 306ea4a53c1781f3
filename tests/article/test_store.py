"""Front matter round trip and edit detection."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from site_builder.article import store
from site_builder.core.records import Article, ArticleMeta, Highlight

TRICKY_TITLES = [
    "Watching files in Python: debouncing without losing events",
    "'Quoted' and \"double\" # not a comment",
    "- starts like a list",
    "2020-08-16",
    "yes",
    "null",
    "À Sorlin, des navettes électriques",
    "Multi\nline",
    "@at and `backtick` and {brace}: [bracket]",
]


def _article(title: str = "Title") -> Article:
    meta = ArticleMeta(
        title=title,
        url="https://example.org/a?b=1&c=2",
        site_name="Example",
        author=("Jane Doe",),
        published="2020-08-16T17:45:00",
        saved=None,
        language="en",
        description="A: description",
        tags=("Russia", "Vladimir Putin", "2020"),
        keywords=("RUSSIA_CODE", "Putin"),
        image=None,
        source="saved/a b.html",
        source_sha256="ab" * 32,
    )
    return Article(meta=meta, body="Body *text*.\n", stem="2020-08-16-title")


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_front_matter_round_trips(title: str, tmp_path: Path) -> None:
    article = _article(title)
    path = tmp_path / f"{article.stem}.md"
    store.write(article, path, tmp_path / "media")
    loaded = store.load(path)
    assert loaded.article == article
    assert loaded.edited is False


def test_serialized_layout_is_exact() -> None:
    text = store.serialize(_article())
    head, _marker, rest = text.partition("generated_sha256: ")
    assert head == (
        "---\n"
        "title: Title\n"
        "url: https://example.org/a?b=1&c=2\n"
        "site_name: Example\n"
        "author: Jane Doe\n"
        "published: '2020-08-16T17:45:00'\n"
        "updated: null\n"
        "saved: null\n"
        "language: en\n"
        "description: 'A: description'\n"
        "tags:\n- Russia\n- Vladimir Putin\n- '2020'\n"
        "keywords:\n- RUSSIA_CODE\n- Putin\n"
        "image: null\n"
        "quality: null\n"
        "source: saved/a b.html\n"
        f"source_sha256: {'ab' * 32}\n"
        "extractor: null\n"
    )
    assert rest[64:] == "\n---\n\nBody *text*.\n"


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("Body", "My body"),
        lambda t: t.replace("title: Title", "title: Better title"),
        lambda t: t + "\nA note of mine.\n",
        lambda t: t.replace("generated_sha256", "my_sha256"),
    ],
)
def test_any_edit_is_detected(edit: object, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    store.write(_article(), path, tmp_path / "media")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    assert store.load(path).edited is True


def test_windows_line_endings_alone_are_not_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(store.serialize(_article()).replace("\n", "\r\n").encode("utf-8"))
    assert store.load(path).edited is False


def test_hand_written_article_with_unquoted_date(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("---\ntitle: Mine\npublished: 2021-02-03\ntags: a, b\n---\nText\n", "utf-8")
    loaded = store.load(path)
    assert loaded.edited is True
    assert loaded.article.meta.published == "2021-02-03"
    assert loaded.article.meta.tags == ("a", "b")
    assert loaded.article.body == "Text\n"


def test_several_authors_are_a_list_and_one_is_text(tmp_path: Path) -> None:
    article = _article()
    pair = replace(article, meta=replace(article.meta, author=("Jane Doe", "John Roe")))
    nobody = replace(article, meta=replace(article.meta, author=()))
    assert "\nauthor:\n- Jane Doe\n- John Roe\npublished:" in store.serialize(pair)
    assert "\nauthor: Jane Doe\npublished:" in store.serialize(article)
    assert "\nauthor: null\n" in store.serialize(nobody)
    for each in (pair, nobody):
        path = tmp_path / f"{each.stem}.md"
        store.write(each, path, tmp_path / "media")
        assert store.load(path).article == each


def test_an_article_written_before_author_lists_reads_as_one_author(tmp_path: Path) -> None:
    path = tmp_path / "old.md"
    path.write_text("---\ntitle: Old\nauthor: Jane Doe, John Roe\n---\nText\n", "utf-8")
    assert store.load(path).article.meta.author == ("Jane Doe, John Roe",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("no front matter\n", "no YAML front matter"),
        ("---\ntitle: [x\n---\n", "front matter is not valid YAML"),
        ("---\n- a list\n---\n", "front matter must be a mapping"),
        ("---\ntitle: {a: 1}\n---\n", "front matter 'title' must be text"),
        ("---\ntags: {a: 1}\n---\n", "front matter 'tags' must be a list"),
        ("---\nauthor: {a: 1}\n---\n", "front matter 'author' must be a name or a list"),
    ],
)
def test_bad_article_files_name_the_file_and_reason(text: str, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(store.StoreError) as caught:
        store.load(path)
    assert str(caught.value).startswith(f"{path}: {reason}")
    assert "\n" not in str(caught.value)


def _signed(front_matter: str) -> str:
    """A file as an older build wrote it: this front matter, hash line and all."""
    unsigned = f"---\n{front_matter}---\n\nBody.\n"
    digest = hashlib.sha256(unsigned.encode("utf-8")).hexdigest()
    return f"---\n{front_matter}generated_sha256: {digest}\n---\n\nBody.\n"


def test_an_unedited_file_from_before_keywords_has_its_tags_read_as_keywords() -> None:
    text = _signed("title: Old\ntags:\n- AP\n- Harbours\n")
    loaded = store.parse(text, Path("old.md"))
    assert loaded.edited is False
    assert loaded.article.meta.tags == ()
    assert loaded.article.meta.keywords == ("AP", "Harbours")


def test_tags_in_an_edited_file_stay_the_readers_own() -> None:
    text = _signed("title: Old\ntags:\n- AP\n- Harbours\n").replace("Body.", "Body, edited.")
    loaded = store.parse(text, Path("old.md"))
    assert loaded.edited is True
    assert loaded.article.meta.tags == ("AP", "Harbours")
    assert loaded.article.meta.keywords == ()


def test_a_file_with_keywords_keeps_both_lists_as_written() -> None:
    text = _signed("title: New\ntags:\n- Mine\nkeywords:\n- Theirs\n")
    meta = store.parse(text, Path("new.md")).article.meta
    assert (meta.tags, meta.keywords) == (("Mine",), ("Theirs",))


def test_keywords_that_are_not_a_list_are_refused_by_name() -> None:
    with pytest.raises(store.StoreError, match="front matter 'keywords' must be a list"):
        store.parse("---\ntitle: X\nkeywords: {a: 1}\n---\nBody\n", Path("x.md"))


def test_hidden_is_read_from_the_front_matter_and_written_only_when_true() -> None:
    shown = _article()
    assert "hidden" not in store.serialize(shown)
    hidden_text = "---\ntitle: Kept off the site\nhidden: true\n---\n\nBody.\n"
    hidden = store.parse(hidden_text, Path("a.md")).article
    assert hidden.meta.hidden is True
    assert store.parse(store.serialize(hidden), Path("a.md")).article.meta.hidden is True
    assert "\nhidden: true\n" in store.serialize(hidden)
    shown_again = store.parse(hidden_text.replace("true", "false"), Path("a.md")).article
    assert shown_again.meta.hidden is False


def test_a_hidden_that_is_not_true_or_false_is_a_clear_error() -> None:
    with pytest.raises(store.StoreError) as caught:
        store.parse("---\ntitle: T\nhidden: maybe\n---\n\nBody.\n", Path("a.md"))
    assert str(caught.value) == "a.md: front matter 'hidden' must be true or false, not 'maybe'"


def test_imported_state_starred_and_highlights_round_trip_and_are_left_out_when_empty() -> None:
    plain = Article(meta=ArticleMeta(title="T"), body="Body.\n", stem="a")
    for key in ("note:", "highlights:", "state:", "starred:"):
        assert key not in store.serialize(plain)
    meta = ArticleMeta(
        title="T",
        state="archived",
        starred=True,
        highlights=(
            Highlight(quote="Die Flut: «stieg»", note="*wow*", created="2024-05-01"),
            Highlight(quote="plain"),
        ),
    )
    text = store.serialize(Article(meta=meta, body="Body.\n", stem="a"))
    assert (
        "highlights:\n- quote: 'Die Flut: «stieg»'\n  note: '*wow*'\n  created: '2024-05-01'\n"
        "- quote: plain\nstate: archived\nstarred: true\n"
    ) in text
    assert store.parse(text, Path("a.md")).article.meta == meta


def test_a_state_other_than_unread_or_archived_is_a_clear_error() -> None:
    with pytest.raises(store.StoreError, match="'state' must be unread or archived"):
        store.parse("---\ntitle: T\nstate: later\n---\n\nBody.\n", Path("a.md"))
    with pytest.raises(store.StoreError, match="'highlights': each needs a 'quote'"):
        store.parse("---\ntitle: T\nhighlights: [{note: x}]\n---\n\nB\n", Path("a.md"))


def test_note_and_highlights_round_trip_and_are_left_out_when_empty() -> None:
    meta = ArticleMeta(
        title="T",
        note="Worth *rereading*.",
        highlights=(
            Highlight(quote="the sea wall", note="rebuilt", created="2024-05-01"),
            Highlight(quote="a bare quote"),
        ),
    )
    text = store.serialize(Article(meta=meta, body="Body.\n", stem="s"))
    assert (
        "note: Worth *rereading*.\n"
        "highlights:\n"
        "- quote: the sea wall\n  note: rebuilt\n  created: '2024-05-01'\n"
        "- quote: a bare quote\n"
    ) in text
    assert store.parse(text, Path("s.md")).article.meta == meta
    plain = store.serialize(Article(meta=ArticleMeta(title="T"), body="Body.\n", stem="s"))
    assert "note:" not in plain and "highlights:" not in plain


def test_hand_written_highlights_with_an_unquoted_date() -> None:
    text = "---\ntitle: T\nhighlights:\n- quote: ' a passage '\n  created: 2024-05-01\n---\nB\n"
    meta = store.parse(text, Path("s.md")).article.meta
    assert meta.highlights == (Highlight(quote="a passage", created="2024-05-01"),)


@pytest.mark.parametrize(
    "value", ["a passage", "[a passage]", "[{note: no quote}]", "[{quote: 3}]"]
)
def test_highlights_not_a_list_of_quotes_are_refused_by_name(value: str) -> None:
    with pytest.raises(store.StoreError) as caught:
        store.parse(f"---\ntitle: T\nhighlights: {value}\n---\nB\n", Path("bad.md"))
    assert "bad.md" in str(caught.value) and "'highlights'" in str(caught.value)
