"""`site-builder import`: each service's export into the archive, through the pipeline."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.cli import main
from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleMeta, Highlight
from site_builder.library.export_files import ExportError
from site_builder.library.importer import import_export

from .exports import (
    WALLABAG_ENTRIES,
    bookmarks_export,
    omnivore_export,
    pocket_export,
    wallabag_export,
)


def _content_digest(config: SiteConfig) -> dict[str, str]:
    return {
        path.relative_to(config.content_dir).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in sorted(config.content_dir.rglob("*"))
        if path.is_file()
    }


def _meta_by_url(config: SiteConfig) -> dict[str, ArticleMeta]:
    metas = [store.load(path).article.meta for path in store.article_files(config.articles_dir)]
    return {meta.url or "": meta for meta in metas}


def test_wallabag_entries_become_articles_with_tags_dates_state_and_highlights(
    archive: SiteConfig, tmp_path: Path
) -> None:
    summary = import_export(wallabag_export(tmp_path), archive)
    assert summary.line() == (
        "wallabag: 2 imported, 0 merged, 0 skipped, 1 failed (entry 3: no web address)"
    )
    report = pipeline.build(archive, jobs=1)
    assert report.failed == ()
    metas = _meta_by_url(archive)
    harbour = metas["https://news.example.org/harbour?utm_source=feed"]
    assert harbour.title == "Quiet harbour reopens"
    assert harbour.tags == ("Coast", "storms")
    assert harbour.author == ("Ada Byron",)
    assert (harbour.saved, harbour.published) == (
        "2024-05-01T10:00:00+02:00",
        "2024-04-30T08:00:00+00:00",
    )
    assert (harbour.state, harbour.starred) == ("archived", True)
    assert harbour.highlights == (
        Highlight(
            quote="the fishing boats were back",
            note="*Good* news",
            created="2024-05-02T09:00:00+02:00",
        ),
    )
    assert harbour.source == "saved/imports/wallabag/2054213851f9/11-quiet-harbour-reopens.html"
    flut = metas["https://blog.example.net/flut"]
    assert (flut.title, flut.state, flut.starred) == (
        "Zürich: Die Flut «stieg» – 東京",
        "unread",
        False,
    )
    body = store.load(archive.articles_dir / "2024-04-30-quiet-harbour-reopens.md").article.body
    assert body.startswith("## Harbour\n\nThe harbour wall held through the night")
    assert "alert" not in body  # the export's HTML went through the sanitiser


def test_the_export_is_kept_as_given_and_build_reads_only_its_pages(
    archive: SiteConfig, tmp_path: Path
) -> None:
    export = wallabag_export(tmp_path)
    import_export(export, archive)
    kept = archive.saved_dir / "imports/wallabag/2054213851f9/wallabag-export.json"
    assert kept.read_bytes() == export.read_bytes()
    report = pipeline.build(archive, jobs=1)
    assert report.skipped == () and report.failed == ()
    assert len(report.new) == 4  # the archive's two pages and the two imported


def test_importing_twice_changes_nothing(archive: SiteConfig, tmp_path: Path) -> None:
    export = wallabag_export(tmp_path)
    import_export(export, archive)
    before = _content_digest(archive)
    again = import_export(export, archive)
    assert again.line() == (
        "wallabag: 0 imported, 0 merged, 2 skipped, 1 failed (entry 3: no web address)"
    )
    assert _content_digest(archive) == before
    pipeline.build(archive, jobs=1)
    built = _content_digest(archive)
    import_export(export, archive)  # now merged onto its own articles: nothing new
    assert _content_digest(archive) == built


def test_omnivore_items_keep_labels_dates_and_highlights_with_notes(
    archive: SiteConfig, tmp_path: Path
) -> None:
    summary = import_export(omnivore_export(tmp_path), archive)
    assert summary.line() == (
        "omnivore: 2 imported, 0 merged, 0 skipped, 1 failed "
        "(missing-content: https://missing.example.com/: no content/missing-content.html "
        "in the export)"
    )
    pipeline.build(archive, jobs=1)
    storm = _meta_by_url(archive)["https://storms.example.com/report"]
    assert storm.tags == ("weather", "Coast")
    assert storm.author == ("Mary Somerville",)
    assert (storm.saved, storm.published, storm.state) == (
        "2024-03-05T10:00:00+00:00",
        "2024-03-01T00:00:00+00:00",
        "archived",
    )
    assert storm.highlights == (
        Highlight(quote="the repairs made after the last storm", note="They *held*."),
        Highlight(quote="the town council thanked the crews"),
    )
    assert _meta_by_url(archive)["https://cafe.example.com/naive"].title == "Café naïve"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("export.json", b'[{"is_archived": 1, "content": "<p>x</p>", ', "damaged Wallabag export"),
        ("export.zip", b"PK\x03\x04 truncated", "damaged ZIP"),
        ("notes.txt", b"just some text", "not an export this knows"),
    ],
)
def test_a_damaged_export_is_one_error_and_changes_nothing(
    archive: SiteConfig, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    before = _content_digest(archive)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ExportError, match=reason):
        import_export(tmp_path / name, archive)
    assert _content_digest(archive) == before


def test_a_truncated_omnivore_zip_changes_nothing(archive: SiteConfig, tmp_path: Path) -> None:
    whole = omnivore_export(tmp_path).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) - 40])
    before = _content_digest(archive)
    with pytest.raises(ExportError, match="damaged ZIP"):
        import_export(cut, archive)
    assert _content_digest(archive) == before


@pytest.mark.parametrize("member", ["../escape.html", "/etc/evil.json", "content/..\\..\\x.html"])
def test_a_zip_with_a_climbing_member_name_is_refused(
    archive: SiteConfig, tmp_path: Path, member: str
) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("metadata_0.json", "[]")
        out.writestr(member, "<p>x</p>")
    before = _content_digest(archive)
    with pytest.raises(ExportError, match="unsafe file name"):
        import_export(path, archive)
    assert _content_digest(archive) == before
    assert not (tmp_path / "escape.html").exists()


def test_a_zip_bomb_stops_at_the_member_limit(archive: SiteConfig, tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("metadata_0.json", "[]")
        out.writestr("content/big.html", b"\0" * (65 * 1024 * 1024))
    with pytest.raises(ExportError, match="over the member limit"):
        import_export(path, archive)


def test_pocket_merges_onto_articles_by_canonical_address_and_lists_the_rest(
    archive: SiteConfig, tmp_path: Path
) -> None:
    import_export(wallabag_export(tmp_path, WALLABAG_ENTRIES[:1]), archive)
    pipeline.build(archive, jobs=1)
    export = pocket_export(tmp_path)
    summary = import_export(export, archive)
    assert summary.line() == (
        "pocket: 0 imported, 1 merged, 0 skipped, 1 listed in unsaved.csv, "
        "1 failed (part_000000.csv line 4: no web address)"
    )
    harbour = store.load(archive.articles_dir / "2024-04-30-quiet-harbour-reopens.md")
    assert not harbour.edited  # written as the build writes, so still the build's
    assert harbour.article.meta.tags == ("Coast", "storms", "coast", "saved")
    assert harbour.article.meta.highlights[1] == Highlight(
        quote="the harbour wall held", created="2024-05-01T10:40:00+00:00"
    )
    assert (archive.content_dir / "unsaved.csv").read_text("utf-8") == (
        "url,title,tags,saved,service\n"
        'https://later.example.org/ä,"Später, lesen",später,2024-05-02T08:00:00+00:00,pocket\n'
    )
    # A re-extraction keeps the merge: it is in the sidecar beside the saved page.
    pipeline.build(archive, jobs=1, reextract=True)
    again = store.load(archive.articles_dir / "2024-04-30-quiet-harbour-reopens.md").article
    assert again.meta.tags == ("Coast", "storms", "coast", "saved")
    before = _content_digest(archive)
    assert (
        import_export(pocket_export(tmp_path), archive)
        .line()
        .startswith("pocket: 0 imported, 0 merged, 2 skipped, 0 listed")
    )
    assert _content_digest(archive) == before


def test_a_merge_never_overwrites_an_article_edited_by_hand(
    archive: SiteConfig, tmp_path: Path
) -> None:
    import_export(wallabag_export(tmp_path, WALLABAG_ENTRIES[:1]), archive)
    pipeline.build(archive, jobs=1)
    path = archive.articles_dir / "2024-04-30-quiet-harbour-reopens.md"
    path.write_text(path.read_text("utf-8") + "\nMy own note.\n", "utf-8")
    edited = path.read_bytes()
    summary = import_export(bookmarks_export(tmp_path), archive)
    assert summary.line() == (
        "bookmarks: 0 imported, 0 merged, 1 skipped, 1 listed in unsaved.csv, "
        "1 failed (link 3: not a web address: 'javascript:alert(1)')"
    )
    assert path.read_bytes() == edited


def test_bookmarks_merge_tags_onto_articles(archive: SiteConfig, tmp_path: Path) -> None:
    import_export(wallabag_export(tmp_path, WALLABAG_ENTRIES[:1]), archive)
    pipeline.build(archive, jobs=1)
    assert import_export(bookmarks_export(tmp_path), archive).merged == 1
    meta = _meta_by_url(archive)["https://news.example.org/harbour?utm_source=feed"]
    assert meta.tags == ("Coast", "storms", "boats")
    assert "https://unsaved.example.org/naïve,Naïve & später,später," in (
        archive.content_dir / "unsaved.csv"
    ).read_text("utf-8")


def test_the_import_command_prints_one_summary_line(archive: SiteConfig, tmp_path: Path) -> None:
    export = wallabag_export(tmp_path)
    result = CliRunner().invoke(
        main, ["import", str(export), "--config", str(archive.content_dir.parent / "site.toml")]
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "wallabag-export.json: wallabag: 2 imported, 0 merged, 0 skipped, 1 failed "
        "(entry 3: no web address)\n"
    )
    bad = tmp_path / "bad.json"
    bad.write_text("[{]", "utf-8")
    result = CliRunner().invoke(
        main, ["import", str(bad), "--config", str(archive.content_dir.parent / "site.toml")]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "not an export this knows" in result.output


def test_export_bookmarks_writes_every_article_with_tags_and_dates(
    archive: SiteConfig, tmp_path: Path
) -> None:
    import_export(wallabag_export(tmp_path, WALLABAG_ENTRIES[:1]), archive)
    pipeline.build(archive, jobs=1)
    out = tmp_path / "out.html"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "bookmarks",
            "-o",
            str(out),
            "--config",
            str(archive.content_dir.parent / "site.toml"),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n")
    assert (
        '<DT><A HREF="https://news.example.org/harbour?utm_source=feed" ADD_DATE="1714550400"'
        ' TAGS="Coast,storms">Quiet harbour reopens</A>'
    ) in text
    # What it writes, the bookmarks importer reads back.
    reread = import_export(out, archive)
    assert reread.merged == 0 and reread.failed == ()


@pytest.mark.parametrize(
    "make_export", [wallabag_export, omnivore_export, pocket_export, bookmarks_export]
)
def test_each_format_imported_twice_changes_nothing_the_second_time(
    archive: SiteConfig, tmp_path: Path, make_export: Callable[[Path], Path]
) -> None:
    export = make_export(tmp_path)
    first = import_export(export, archive)
    before = _content_digest(archive)
    second = import_export(export, archive)
    assert _content_digest(archive) == before
    assert (second.imported, second.merged, second.unsaved) == (0, 0, 0)
    assert second.skipped == first.imported + first.merged + first.unsaved + first.skipped
