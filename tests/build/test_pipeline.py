"""The build loop end to end on a small archive: what is written, kept, and reported."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from site_builder import render
from site_builder.article import store
from site_builder.build import pipeline
from site_builder.build.browser_search import CACHE_FILE
from site_builder.build.options import Stages
from site_builder.build.spool import ArticleSpool
from site_builder.build.state import STATE_FILE
from site_builder.core.config import SiteConfig, load_config
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import Article, RenderedArticle
from site_builder.extract import extractor
from site_builder.search import browser_index, whoosh_index
from tests.conftest import SEED_TEXT, file_digests, make_archive

SEED_STEM = "2020-08-16-putin-says-ready-to-help-belarus-president-militarily-if-necessary"
HARBOUR_STEM = "2021-03-04-quiet-harbour-reopens-after-storm"


class BrokenIndex(whoosh_index.IndexUpdate):
    """A search index that fails as it is brought up to date, as a full disk would."""

    def finish(self, *args: Any, **options: Any) -> whoosh_index.SyncReport:
        raise SiteBuilderError(Path("whoosh"), "search index failed: simulated")


def browser_documents(site: Path) -> dict[str, dict[str, str]]:
    """The browser search's articles in a built site: page -> what its result shows."""
    manifest = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    cards = browser_index.cards_folder(site).glob("*.json")
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in cards]
    assert len(documents) == manifest["documents"]
    return {document["p"]: document for document in documents}


class RecordedSpools:
    """A spool factory that keeps every spool it makes, to look at after the build."""

    def __init__(self) -> None:
        self.made: list[ArticleSpool] = []

    def __call__(self) -> ArticleSpool:
        self.made.append(ArticleSpool())
        return self.made[-1]


def test_first_build_writes_articles_site_and_indexes(archive: SiteConfig) -> None:
    report = pipeline.build(archive)

    assert report.ingested == 2
    assert sorted(report.new) == [
        "Quiet harbour reopens after storm _ Example Gazette.html",
        "putin-belarus-tbs.txt",
    ]
    assert report.failed == ()
    assert sorted(p.name for p in archive.articles_dir.iterdir()) == [
        f"{SEED_STEM}.md",
        f"{HARBOUR_STEM}.md",
    ]
    site = archive.site_dir
    assert (site / "index.html").is_file()
    assert (site / "articles" / f"{SEED_STEM}.html").is_file()
    assert (site / "search.html").is_file()
    # One browser index over every year: each article with what its result shows.
    documents = browser_documents(site)
    assert sorted(documents) == [f"articles/{SEED_STEM}.html", f"articles/{HARBOUR_STEM}.html"]
    assert {k: v for k, v in documents[f"articles/{HARBOUR_STEM}.html"].items() if k != "x"} == {
        "p": f"articles/{HARBOUR_STEM}.html",
        "t": "Quiet harbour reopens after storm",
        "s": "Example Gazette",
        "d": "2021-03-04",
    }
    assert not (site / "pagefind").exists()
    assert (archive.whoosh_dir).is_dir()
    assert not (site / "whoosh").exists()  # the local index is never published
    # Nor is the browser search's cache of article terms, kept beside it.
    assert (archive.output_dir / CACHE_FILE).is_file()
    assert not list(site.rglob("*.sqlite"))


def test_html_article_front_matter_and_absolute_links(archive: SiteConfig) -> None:
    pipeline.build(archive)
    stored = store.load(archive.articles_dir / f"{HARBOUR_STEM}.md")
    meta = stored.article.meta
    assert meta.title == "Quiet harbour reopens after storm"
    assert meta.url == "https://www.example.org/2021/03/quiet-harbour"
    assert meta.site_name == "Example Gazette"
    assert meta.author == ("Jane Doe",)
    assert meta.published == "2021-03-04T09:30:00+00:00"
    assert meta.language == "en"
    assert (meta.tags, meta.keywords) == ((), ("Harbours",))
    assert meta.source == "saved/Quiet harbour reopens after storm _ Example Gazette.html"
    body = stored.article.body
    assert "[Read our storm coverage](https://www.example.org/2021/02/storm)" in body
    assert "## Repairs ahead of schedule" in body
    for chrome in ("We use cookies", "Mayor resigns", "Copyright 2021", "trackPageView", "Home"):
        assert chrome not in body
    assert "# Quiet harbour" not in body  # the title is shown by the page, not repeated


def test_second_build_changes_nothing(archive: SiteConfig) -> None:
    pipeline.build(archive)
    articles_before = file_digests(archive.articles_dir)
    site_before = file_digests(archive.site_dir)

    report = pipeline.build(archive)

    assert report.new == () and report.updated == ()
    assert len(report.unchanged) == 2
    assert file_digests(archive.articles_dir) == articles_before
    assert file_digests(archive.site_dir) == site_before  # also: the build is reproducible


def test_saved_pages_are_never_modified(archive: SiteConfig) -> None:
    before = file_digests(archive.saved_dir)
    pipeline.build(archive)
    pipeline.build(archive, reextract=True)
    assert file_digests(archive.saved_dir) == before


def test_edited_article_is_kept_even_with_reextract(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{SEED_STEM}.md"
    edited = path.read_text(encoding="utf-8").replace(
        "Russia said on Sunday", "MY NOTE: Russia said on Sunday"
    )
    path.write_text(edited, encoding="utf-8")
    harbour = archive.articles_dir / f"{HARBOUR_STEM}.md"
    harbour.write_text(harbour.read_text(encoding="utf-8") + "\nstale tail\n", encoding="utf-8")
    harbour_text = harbour.read_text(encoding="utf-8")

    report = pipeline.build(archive, reextract=True)

    assert path.read_text(encoding="utf-8") == edited
    assert harbour.read_text(encoding="utf-8") == harbour_text
    assert sorted(report.kept_edited) == [
        "Quiet harbour reopens after storm _ Example Gazette.html",
        "putin-belarus-tbs.txt",
    ]
    page = (archive.site_dir / "articles" / f"{SEED_STEM}.html").read_text(encoding="utf-8")
    assert "MY NOTE: Russia said on Sunday" in page  # the site shows the user's version


def test_reextract_leaves_articles_it_would_write_the_same_alone(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    original, before = path.read_text(encoding="utf-8"), path.stat()
    report = pipeline.build(archive, reextract=True)
    assert report.updated == ()
    assert sorted(report.unchanged) == [
        "Quiet harbour reopens after storm _ Example Gazette.html",
        "putin-belarus-tbs.txt",
    ]
    assert path.read_text(encoding="utf-8") == original
    after = path.stat()  # not written again: the same file, untouched
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert store.load(path).edited is False


def test_reextract_rewrites_unedited_articles_it_extracts_differently(
    archive: SiteConfig,
) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    original = path.read_text(encoding="utf-8")
    article = store.load(path).article
    store.write(replace(article, body="An older extraction.\n"), path, archive.media_dir)
    report = pipeline.build(archive, reextract=True)
    assert report.updated == ("Quiet harbour reopens after storm _ Example Gazette.html",)
    assert report.unchanged == ("putin-belarus-tbs.txt",)
    assert path.read_text(encoding="utf-8") == original


def test_a_newer_extractor_extracts_unedited_articles_again(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(archive)
    seed = archive.articles_dir / f"{SEED_STEM}.md"
    edited = seed.read_text(encoding="utf-8") + "\nMy own note.\n"
    seed.write_text(edited, encoding="utf-8")
    assert f"extractor: '{extractor.EXTRACTOR_VERSION}'" in (
        archive.articles_dir / f"{HARBOUR_STEM}.md"
    ).read_text("utf-8")

    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", "next")
    report = pipeline.build(archive)

    assert report.updated == ("Quiet harbour reopens after storm _ Example Gazette.html",)
    assert report.kept_edited == ("putin-belarus-tbs.txt",)
    assert seed.read_text(encoding="utf-8") == edited
    harbour = store.load(archive.articles_dir / f"{HARBOUR_STEM}.md")
    assert harbour.article.meta.extractor == "next" and not harbour.edited
    assert pipeline.build(archive).updated == ()  # extracted by this version now


def test_an_older_extractor_s_metadata_is_brought_up_to_date_unless_edited(
    archive: SiteConfig,
) -> None:
    """An article written by extractor 4, which took twitter:creator for the author."""
    pipeline.build(archive)
    harbour_path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    harbour = store.load(harbour_path).article
    old_meta = replace(harbour.meta, author=("@gazette",), updated=None, extractor="4")
    store.write(replace(harbour, meta=old_meta), harbour_path, archive.media_dir)
    seed_path = archive.articles_dir / f"{SEED_STEM}.md"
    seed = store.load(seed_path).article
    edited = store.serialize(replace(seed, meta=replace(seed.meta, author=("Me",), extractor="4")))
    seed_path.write_text(edited.replace("generated_sha256: ", "generated_sha256: 0"), "utf-8")

    report = pipeline.build(archive)

    assert report.updated == ("Quiet harbour reopens after storm _ Example Gazette.html",)
    assert store.load(harbour_path).article.meta.author == ("Jane Doe",)
    assert store.load(seed_path).article.meta.author == ("Me",)


def test_changed_saved_page_updates_its_unedited_article(archive: SiteConfig) -> None:
    pipeline.build(archive)
    saved = archive.saved_dir / "Quiet harbour reopens after storm _ Example Gazette.html"
    saved.write_text(
        saved.read_text(encoding="utf-8").replace("sardines", "mackerel"), encoding="utf-8"
    )
    report = pipeline.build(archive)
    assert report.updated == ("Quiet harbour reopens after storm _ Example Gazette.html",)
    body = store.load(archive.articles_dir / f"{HARBOUR_STEM}.md").article.body
    assert "mackerel" in body and "sardines" not in body


def test_bad_pages_fail_alone_with_a_reason(tmp_path: Path) -> None:
    config = make_archive(
        tmp_path,
        pages={
            "empty.html": "",
            "picture.html": b"\x89PNG\r\n\x1a\n" + bytes(64),
            "notes.pdf": b"%PDF-1.7\n",
        },
    )
    report = pipeline.build(config)
    failed = dict(report.failed)
    assert failed["empty.html"] == "empty file"
    assert failed["picture.html"] == "this is a PNG image, not a saved web page"
    # A PDF is never a saved page: skipped by its name, not failed.
    assert "notes.pdf" not in failed and report.skipped == ("notes.pdf",)
    assert len(report.new) == 2
    assert report.articles == 2


def test_hand_written_article_is_published_and_never_touched(archive: SiteConfig) -> None:
    archive.articles_dir.mkdir(parents=True)
    mine = archive.articles_dir / "2022-01-01-my-notes.md"
    text = "---\ntitle: 'My notes: on harbours'\ntags: [harbours]\n---\n\nHand *written*.\n"
    mine.write_text(text, encoding="utf-8")

    report = pipeline.build(archive)

    assert mine.read_text(encoding="utf-8") == text
    assert report.articles == 3
    page = (archive.site_dir / "articles" / "2022-01-01-my-notes.html").read_text("utf-8")
    assert "My notes: on harbours" in page
    assert "Hand <em>written</em>." in page


def test_broken_article_file_is_reported_and_skipped(archive: SiteConfig) -> None:
    archive.articles_dir.mkdir(parents=True)
    (archive.articles_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\n", "utf-8")
    report = pipeline.build(archive)
    unreadable = dict(report.unreadable)
    assert unreadable["broken.md"].startswith("front matter is not valid YAML")
    assert report.failed == ()  # the saved pages all went well
    assert report.articles == 2


def test_failed_build_leaves_previous_site_intact(archive: SiteConfig) -> None:
    pipeline.build(archive)
    before = file_digests(archive.site_dir)
    new_page = archive.saved_dir / "later.txt"
    new_page.write_text(
        "Later page\n\n" + "A sentence that is long enough to count as prose. " * 8 + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive, stages=Stages(search_index=BrokenIndex))
    assert file_digests(archive.site_dir) == before
    # What the failed build offered the search was not kept: the next build indexes it.
    pipeline.build(archive)
    titles = {document["t"] for document in browser_documents(archive.site_dir).values()}
    assert "Later page" in titles
    assert "Later page" in {hit.title for hit in whoosh_index.search(archive.whoosh_dir, "later")}


def test_same_title_and_date_get_distinct_files(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    original = config.saved_dir / "Quiet harbour reopens after storm _ Example Gazette.html"
    copy = config.saved_dir / "copy of harbour.html"
    # Another address: one story at two addresses is two articles (near-duplicates).
    elsewhere = original.read_text("utf-8").replace("/quiet-harbour", "/quiet-harbour-syndicated")
    copy.write_text(elsewhere, encoding="utf-8")
    pipeline.build(config)
    names = sorted(p.name for p in config.articles_dir.glob("2021-03-04-*.md"))
    assert names == [f"{HARBOUR_STEM}-2.md", f"{HARBOUR_STEM}.md"]
    # The renamed article's page is under its own name, as a later build would make it.
    first_build = (config.site_dir / "articles" / f"{HARBOUR_STEM}-2.html").read_bytes()
    (config.output_dir / STATE_FILE).unlink()
    shutil.rmtree(config.site_dir)
    pipeline.build(config)
    assert (config.site_dir / "articles" / f"{HARBOUR_STEM}-2.html").read_bytes() == first_build


def test_the_load_step_does_not_read_back_the_articles_just_written(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed_files: list[Path] = []
    real_parse = store.parse

    def recording_parse(text: str, path: Path) -> Any:
        if path.is_absolute():  # a file on disk, not a worker's text
            parsed_files.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(store, "parse", recording_parse)
    pipeline.build(archive)
    assert parsed_files == []


def test_links_out_of_the_saved_folder_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text(
        "<html><body><p>" + "The secret plans. " * 30 + "</p></body></html>", encoding="utf-8"
    )
    config = make_archive(tmp_path)
    (config.saved_dir / "link.html").symlink_to(secret)
    (config.saved_dir / "loop-a.html").symlink_to(config.saved_dir / "loop-b.html")
    (config.saved_dir / "loop-b.html").symlink_to(config.saved_dir / "loop-a.html")
    report = pipeline.build(config)
    failed = dict(report.failed)
    assert failed["link.html"] == "a symbolic link to outside the saved folder; not read"
    assert failed["loop-a.html"] == "a symbolic link that leads nowhere or in a loop"
    assert report.articles == 2
    for page in config.site_dir.rglob("*.html"):
        assert "secret plans" not in page.read_text(encoding="utf-8")


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    os.mkfifo(config.saved_dir / "pipe.html")
    report = pipeline.build(config)
    assert dict(report.failed)["pipe.html"] == "not a regular file (a pipe, socket or device)"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    make_archive(tmp_path)
    (tmp_path / "site.toml").write_text("max_page_mb = 1\n", encoding="utf-8")
    config = load_config(tmp_path / "site.toml")
    big = "<html><body>" + "<p>filler words here</p>" * 60_000 + "</body></html>"
    (config.saved_dir / "big.html").write_text(big, encoding="utf-8")
    report = pipeline.build(config)
    assert dict(report.failed)["big.html"] == (
        "too large (1.4 MB; the limit is 1 MB, set by max_page_mb in site.toml)"
    )


def test_each_changed_article_is_rendered_once_and_the_spool_is_closed(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared: list[str] = []
    spools = RecordedSpools()
    real_prepare = render.prepare

    def counting_prepare(article: Article) -> RenderedArticle:
        prepared.append(article.stem)
        return real_prepare(article)

    monkeypatch.setattr(render, "prepare", counting_prepare)
    report = pipeline.build(archive, stages=Stages(spool=spools))

    # Summary, page and search index all come from one rendering of each article.
    assert sorted(prepared) == sorted([SEED_STEM, HARBOUR_STEM])
    assert report.pages_rendered == 2
    assert [len(spool) for spool in spools.made] == [2]
    with pytest.raises(ValueError, match="closed file"):
        spools.made[0].get(f"{SEED_STEM}.md")


def test_a_failed_build_closes_the_spool(archive: SiteConfig) -> None:
    spools = RecordedSpools()

    def broken_render(*args: object, **options: object) -> None:
        raise SiteBuilderError(Path("article.html"), "template error: simulated")

    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive, stages=Stages(spool=spools, render_archive=broken_render))
    assert len(spools.made) == 1
    with pytest.raises(ValueError, match="closed file"):
        spools.made[0].get(f"{SEED_STEM}.md")


def test_a_hidden_article_is_left_out_of_the_site_feeds_and_searches(
    archive: SiteConfig,
) -> None:
    config = replace(archive, base_url="https://example.org/archive/")
    pipeline.build(config)
    seed_file = config.articles_dir / f"{SEED_STEM}.md"
    seed_text = seed_file.read_text(encoding="utf-8")
    seed_file.write_text(seed_text.replace("---\n", "---\nhidden: true\n", 1), encoding="utf-8")
    saved_before = file_digests(config.saved_dir)

    report = pipeline.build(config)

    assert report.hidden == (f"{SEED_STEM}.md",) and report.articles == 1
    assert report.failed == ()
    site = config.site_dir
    assert not (site / "articles" / f"{SEED_STEM}.html").exists()
    seed_original = hashlib.sha256(SEED_TEXT.read_bytes()).hexdigest()[:32]
    assert (site / "originals").is_dir()
    assert not (site / "originals" / f"{seed_original}.txt").exists()
    published = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*"))
        if path.suffix in {".html", ".xml", ".json"}
    )
    assert "Quiet harbour reopens after storm" in published
    assert SEED_STEM not in published and "Putin" not in published  # lists, feed, sitemap
    # The browser search holds the other article alone.
    assert list(browser_documents(site)) == [f"articles/{HARBOUR_STEM}.html"]
    assert whoosh_index.search(config.whoosh_dir, "Lukashenko protest") == []
    # The Markdown and the saved page stay as they were.
    assert seed_file.read_text(encoding="utf-8").startswith("---\nhidden: true\n")
    assert file_digests(config.saved_dir) == saved_before

    seed_file.write_text(seed_text, encoding="utf-8")  # shown again
    assert pipeline.build(config).hidden == ()
    assert (site / "articles" / f"{SEED_STEM}.html").is_file()
    assert whoosh_index.search(config.whoosh_dir, "Lukashenko protest")
