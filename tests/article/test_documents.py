"""Grouping saves into documents: which saves belong together, which is shown, where
each file goes, and which articles are near-duplicates."""

from __future__ import annotations

from site_builder.article.documents import Save, group_documents
from site_builder.core.records import ArticleMeta, ArticleSummary
from site_builder.core.urls import canonical_key


def save(
    file: str,
    *,
    url: str | None = "https://example.org/a",
    sha: str = "",
    text: str = "text",
    saved_at: str = "2024-01-01",
    source: str | None = None,
) -> Save:
    summary = ArticleSummary(
        meta=ArticleMeta(title="A", url=url, source=source, source_sha256=sha or f"sha-of-{file}"),
        stem=file.rpartition("/")[2].removesuffix(".md"),
        source_file=file,
        file_sha256="",
        words=1,
        text_start="",
        thumbnail=None,
        text_sha256=text,
        url_key=canonical_key(url) if url else "",
    )
    return Save(file=file, summary=summary, saved_at=saved_at)


def never_edited(_: Save) -> bool:
    return False


def test_the_newest_save_takes_the_documents_name_and_the_others_go_to_versions() -> None:
    saves = [
        save("a.md", saved_at="2024-01-01"),
        save("a-2.md", url="http://www.example.org/a/?utm_source=x", saved_at="2024-03-01"),
        save("b.md", url=None, sha="same-bytes", saved_at="2024-02-01"),
        save("c.md", url="https://example.org/c", sha="same-bytes", saved_at="2023-01-01"),
    ]
    grouping = group_documents(saves, edited=never_edited)
    # b.md and c.md share their bytes, though c names another page: one document.
    assert [d.shown.file for d in grouping.documents] == ["a-2.md", "b.md"]
    assert grouping.moves == (
        ("a-2.md", "a.md"),
        ("a.md", "versions/a-2.md"),
        ("c.md", "versions/c.md"),
    )


def test_copies_and_versions() -> None:
    saves = [
        save("a.md", text="new", saved_at="2024-03-01"),
        save("versions/a-2.md", text="new", saved_at="2024-02-01"),
        save("versions/a-3.md", text="old", saved_at="2024-01-01"),
    ]
    (document,) = group_documents(saves, edited=never_edited).documents
    assert [s.file for s in document.saves] == ["a.md", "versions/a-2.md", "versions/a-3.md"]
    assert [s.file for s in document.versions()] == ["versions/a-3.md"]


def test_an_edited_article_stays_shown_and_is_told_of_newer_text() -> None:
    saves = [
        save("a.md", text="edited", saved_at="2024-01-01"),
        save("a-2.md", text="update", saved_at="2024-05-01"),
    ]
    grouping = group_documents(saves, edited=lambda s: s.file == "a.md")
    (document,) = grouping.documents
    assert document.shown.file == "a.md"
    assert [s.file for s in document.newer_than_edit] == ["a-2.md"]
    assert grouping.moves == (("a-2.md", "versions/a-2.md"),)


def test_edited_files_are_never_moved() -> None:
    saves = [save("a.md", saved_at="2024-01-01"), save("versions/a-2.md", saved_at="2024-05-01")]
    grouping = group_documents(saves, edited=lambda s: s.file == "versions/a-2.md")
    assert [d.shown.file for d in grouping.documents] == ["a.md"]
    assert grouping.moves == ()


def test_one_text_at_two_addresses_is_a_near_duplicate() -> None:
    saves = [
        save("a.md", text="story"),
        save("b.md", url="https://wire.example.net/a", text="story"),
        save("c.md", url="https://example.org/c", text="other"),
    ]
    grouping = group_documents(saves, edited=never_edited)
    assert len(grouping.documents) == 3
    assert grouping.near_duplicates == (("a.md", "b.md"),)
    assert grouping.moves == ()


def test_the_pages_of_one_warc_file_are_not_one_document() -> None:
    saves = [
        save("a.md", url=None, sha="warc", source="saved/crawl.warc.gz#https://x.example/a"),
        save("b.md", url=None, sha="warc", source="saved/crawl.warc.gz#https://x.example/b"),
        save("c.md", url=None, sha="warc", source="saved/copy.warc.gz#https://x.example/b"),
    ]
    grouping = group_documents(saves, edited=never_edited)
    # Saves of one date go in the order of their saved files: copy.warc.gz first.
    assert [[s.file for s in d.saves] for d in grouping.documents] == [["a.md"], ["c.md", "b.md"]]
