"""The build loop end to end on a small archive: what is written, kept, and reported."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from site_builder.article import store
from site_builder.build import pipeline, workers
from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import Article, RenderedArticle
from site_builder.extract import extractor as extract_module
from site_builder.search import whoosh_index

from .conftest import file_digests, make_archive

SEED_STEM = "2020-08-16-putin-says-ready-to-help-belarus-president-militarily-if-necessary"
HARBOUR_STEM = "2021-03-04-quiet-harbour-reopens-after-storm"


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
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    # One Pagefind index per year of publication, listed for the search page.
    assert (site / "pagefind" / "2020" / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "2021" / "pagefind-entry.json").is_file()
    manifest = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert manifest == {
        "bundles": [{"path": "2021", "languages": ["en"]}, {"path": "2020", "languages": ["en"]}]
    }
    assert (archive.whoosh_dir).is_dir()
    assert not (site / "whoosh").exists()  # the local index is never published


def test_html_article_front_matter_and_absolute_links(archive: SiteConfig) -> None:
    pipeline.build(archive)
    stored = store.load(archive.articles_dir / f"{HARBOUR_STEM}.md")
    meta = stored.article.meta
    assert meta.title == "Quiet harbour reopens after storm"
    assert meta.url == "https://www.example.org/2021/03/quiet-harbour"
    assert meta.site_name == "Example Gazette"
    assert meta.author == "Jane Doe"
    assert meta.published == "2021-03-04T09:30:00+00:00"
    assert meta.language == "en"
    assert meta.tags == ("Harbours",)
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


def test_reextract_rewrites_unedited_articles(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    original = path.read_text(encoding="utf-8")
    report = pipeline.build(archive, reextract=True)
    assert sorted(report.updated) == [
        "Quiet harbour reopens after storm _ Example Gazette.html",
        "putin-belarus-tbs.txt",
    ]
    assert path.read_text(encoding="utf-8") == original
    assert store.load(path).edited is False


def test_a_newer_extractor_extracts_unedited_articles_again(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(archive)
    seed = archive.articles_dir / f"{SEED_STEM}.md"
    edited = seed.read_text(encoding="utf-8") + "\nMy own note.\n"
    seed.write_text(edited, encoding="utf-8")
    assert "extractor: '3'" in (archive.articles_dir / f"{HARBOUR_STEM}.md").read_text("utf-8")

    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "next")
    monkeypatch.setattr(extract_module, "EXTRACTOR_VERSION", "next")
    report = pipeline.build(archive)

    assert report.updated == ("Quiet harbour reopens after storm _ Example Gazette.html",)
    assert report.kept_edited == ("putin-belarus-tbs.txt",)
    assert seed.read_text(encoding="utf-8") == edited
    harbour = store.load(archive.articles_dir / f"{HARBOUR_STEM}.md")
    assert harbour.article.meta.extractor == "next" and not harbour.edited
    assert pipeline.build(archive).updated == ()  # extracted by this version now


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
    assert failed["notes.pdf"] == "this is a PDF document, not a saved web page"
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
    failed = dict(report.failed)
    assert failed["broken.md"].startswith("front matter is not valid YAML")
    assert report.articles == 2


def test_failed_build_leaves_previous_site_intact(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(archive)
    before = file_digests(archive.site_dir)

    def broken_bundle(self: object, year: str) -> None:
        raise SiteBuilderError(Path(year), "Pagefind failed: simulated")

    monkeypatch.setattr(pipeline.pagefind.YearBundles, "index_year", broken_bundle)
    new_page = archive.saved_dir / "later.txt"
    new_page.write_text(
        "Later page\n\n" + "A sentence that is long enough to count as prose. " * 8 + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive)
    assert file_digests(archive.site_dir) == before


def test_same_title_and_date_get_distinct_files(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    original = config.saved_dir / "Quiet harbour reopens after storm _ Example Gazette.html"
    copy = config.saved_dir / "copy of harbour.html"
    copy.write_text(original.read_text("utf-8") + "<!-- a second save -->", encoding="utf-8")
    pipeline.build(config)
    names = sorted(p.name for p in config.articles_dir.glob("2021-03-04-*.md"))
    assert names == [f"{HARBOUR_STEM}-2.md", f"{HARBOUR_STEM}.md"]
    # The renamed article's page is under its own name, as a later build would make it.
    first_build = (config.site_dir / "articles" / f"{HARBOUR_STEM}-2.html").read_bytes()
    (config.output_dir / ".build-state.json").unlink()
    shutil.rmtree(config.site_dir)
    pipeline.build(config)
    assert (config.site_dir / "articles" / f"{HARBOUR_STEM}-2.html").read_bytes() == first_build


def test_the_load_step_does_not_read_back_the_articles_just_written(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed_files: list[Path] = []
    real_parse = pipeline.store.parse

    def recording_parse(text: str, path: Path) -> Any:
        if path.is_absolute():  # a file on disk, not a worker's text
            parsed_files.append(path)
        return real_parse(text, path)

    monkeypatch.setattr(pipeline.store, "parse", recording_parse)
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
    import os

    config = make_archive(tmp_path)
    os.mkfifo(config.saved_dir / "pipe.html")
    report = pipeline.build(config)
    assert dict(report.failed)["pipe.html"] == "not a regular file (a pipe, socket or device)"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    (tmp_path / "site.toml").write_text("max_page_mb = 1\n", encoding="utf-8")
    from site_builder.core.config import load_config

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
    spools: list[pipeline.ArticleSpool] = []
    real_prepare = pipeline.render.prepare

    def counting_prepare(article: Article) -> RenderedArticle:
        prepared.append(article.stem)
        return real_prepare(article)

    class RecordedSpool(pipeline.ArticleSpool):
        def __init__(self) -> None:
            super().__init__()
            spools.append(self)

    monkeypatch.setattr(pipeline.render, "prepare", counting_prepare)
    monkeypatch.setattr(pipeline, "ArticleSpool", RecordedSpool)
    report = pipeline.build(archive)

    # Summary, page and search index all come from one rendering of each article.
    assert sorted(prepared) == sorted([SEED_STEM, HARBOUR_STEM])
    assert report.pages_rendered == 2
    assert [len(spool) for spool in spools] == [2]
    with pytest.raises(ValueError, match="closed file"):
        spools[0].get(f"{SEED_STEM}.md")


def test_a_failed_build_closes_the_spool(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    spools: list[pipeline.ArticleSpool] = []

    class RecordedSpool(pipeline.ArticleSpool):
        def __init__(self) -> None:
            super().__init__()
            spools.append(self)

    def broken_render(*args: object, **options: object) -> None:
        raise SiteBuilderError(Path("article.html"), "template error: simulated")

    monkeypatch.setattr(pipeline, "ArticleSpool", RecordedSpool)
    monkeypatch.setattr(pipeline.render, "render_archive", broken_render)
    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive)
    assert len(spools) == 1
    with pytest.raises(ValueError, match="closed file"):
        spools[0].get(f"{SEED_STEM}.md")


def test_pagefind_indexes_while_whoosh_does(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    whoosh_started = threading.Event()
    threads: dict[str, int] = {}
    progress_threads: set[int] = set()
    real_bundle = pipeline.pagefind.YearBundles.index_year
    real_finish = pipeline.whoosh_index.IndexUpdate.finish

    def bundle_after_whoosh_starts(self: Any, year: str) -> None:
        threads["pagefind"] = threading.get_ident()
        # Run one after the other, this would wait in vain: Whoosh could not start.
        assert whoosh_started.wait(timeout=30)
        real_bundle(self, year)

    def finish(*args: Any) -> Any:
        threads["whoosh"] = threading.get_ident()
        whoosh_started.set()
        return real_finish(*args)

    def progress(stage: str, done: int, total: int) -> None:
        progress_threads.add(threading.get_ident())

    monkeypatch.setattr(pipeline.pagefind.YearBundles, "index_year", bundle_after_whoosh_starts)
    monkeypatch.setattr(pipeline.whoosh_index.IndexUpdate, "finish", finish)
    report = pipeline.build(archive, progress=progress)

    assert threads["whoosh"] == threading.get_ident() != threads["pagefind"]
    assert progress_threads == {threading.get_ident()}  # the CLI's bar is not thread-safe
    assert [stage for stage, _ in report.timings] == [
        "gather", "convert", "load", "render", "search", "publish"
    ]  # fmt: skip
    assert (archive.site_dir / "pagefind" / "bundles.json").is_file()
    assert whoosh_index.search(archive.whoosh_dir, "harbour")


def test_pagefind_starts_on_a_year_while_the_site_is_still_written(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    pagefind_started = threading.Event()
    waited: list[bool] = []
    real_bundle = pipeline.pagefind.YearBundles.index_year
    real_write = pipeline.render.site._PageWriter.write

    def index_year(self: Any, year: str) -> None:
        pagefind_started.set()
        real_bundle(self, year)

    def write(self: Any, template: str, path: str, **context: object) -> None:
        if template == "index.html" and not waited:
            # The home page comes after every article page. Were Pagefind started only
            # once the whole site is written, this would wait in vain.
            waited.append(pagefind_started.wait(timeout=30))
        real_write(self, template, path, **context)

    monkeypatch.setattr(pipeline.pagefind.YearBundles, "index_year", index_year)
    monkeypatch.setattr(pipeline.render.site._PageWriter, "write", write)
    pipeline.build(archive)
    assert waited == [True]
    assert (archive.site_dir / "pagefind" / "bundles.json").is_file()
    # Each year's pages were shown to Pagefind in a folder of their own, gone since.
    assert not list(archive.site_dir.glob(".pagefind-input-*"))


def test_a_pagefind_failure_stops_the_build_after_whoosh(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_bundle(self: object, year: str) -> None:
        raise SiteBuilderError(Path(year), "Pagefind failed: simulated")

    monkeypatch.setattr(pipeline.pagefind.YearBundles, "index_year", broken_bundle)
    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive)
    assert not archive.site_dir.exists()  # nothing published


def test_whoosh_indexes_each_new_article_as_it_is_written(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_offer = pipeline.whoosh_index.IndexUpdate.offer
    real_summaries = pipeline._summaries

    def offer(self: whoosh_index.IndexUpdate, document: Any) -> None:
        events.append(f"offer {document.path}")
        real_offer(self, document)

    def summaries(*args: Any) -> Any:
        events.append("load")
        return real_summaries(*args)

    monkeypatch.setattr(pipeline.whoosh_index.IndexUpdate, "offer", offer)
    monkeypatch.setattr(pipeline, "_summaries", summaries)
    report = pipeline.build(archive)

    assert sorted(events[:2]) == [
        f"offer articles/{SEED_STEM}.html", f"offer articles/{HARBOUR_STEM}.html"
    ]  # fmt: skip
    assert events[2:] == ["load"]
    assert report.warnings == ()
    assert [hit.path for hit in whoosh_index.search(archive.whoosh_dir, "harbour")] == [
        f"articles/{HARBOUR_STEM}.html"
    ]


def test_a_failing_pagefind_is_reported_against_the_year_it_was_indexing(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: no pages to index' >&2\nexit 1\n", "utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(pipeline.pagefind, "get_executable", lambda: failing)
    with pytest.raises(SiteBuilderError) as raised:
        pipeline.build(archive)
    message = str(raised.value)
    assert "Pagefind failed: Error: no pages to index" in message
    assert "pagefind-input" not in message  # not the temporary folder Pagefind read
    assert Path(raised.value.path).parts[-2:] == ("pagefind", "2021")  # the newest year first
    assert not archive.site_dir.exists()


@pytest.mark.parametrize("free_mb", [100_000.0, 40.0, None], ids=["room", "no room", "unknown"])
def test_after_whoosh_two_years_are_indexed_at_a_time_where_memory_allows(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch, free_mb: float | None
) -> None:
    whoosh_done = threading.Event()
    both_running = threading.Barrier(2)
    side_by_side: list[bool] = []
    real_bundle = pipeline.pagefind.YearBundles.index_year
    real_finish = pipeline.whoosh_index.IndexUpdate.finish

    def index_year(self: Any, year: str) -> None:
        # Both years are written before Whoosh commits; held until it has, so the second
        # waits in the queue. Indexed side by side, each finds the other running.
        assert whoosh_done.wait(timeout=30)
        try:
            both_running.wait(timeout=2 if free_mb == 100_000.0 else 0.5)
            side_by_side.append(True)
        except threading.BrokenBarrierError:
            side_by_side.append(False)
        real_bundle(self, year)

    def finish(*args: Any) -> Any:
        result = real_finish(*args)
        whoosh_done.set()
        return result

    monkeypatch.setattr(pipeline.pagefind.YearBundles, "index_year", index_year)
    monkeypatch.setattr(pipeline.whoosh_index.IndexUpdate, "finish", finish)
    monkeypatch.setattr(pipeline.pagefind, "_free_memory_mb", lambda: free_mb)
    pipeline.build(archive)
    assert side_by_side == ([True, True] if free_mb == 100_000.0 else [False, False])
    manifest = json.loads((archive.site_dir / "pagefind" / "bundles.json").read_text("utf-8"))
    assert [bundle["path"] for bundle in manifest["bundles"]] == ["2021", "2020"]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_pagefind_runs_on_half_of_the_cores(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    cpus_seen: list[frozenset[int]] = []
    real_run = pipeline.pagefind._run_pagefind

    def recorded_run(*args: Any) -> None:
        cpus_seen.append(frozenset(os.sched_getaffinity(0)))  # this thread's, as Pagefind's
        real_run(*args)

    monkeypatch.setattr(pipeline.pagefind, "_run_pagefind", recorded_run)
    halves = workers.cpu_halves()
    before = os.sched_getaffinity(0)
    pipeline.build(archive)

    assert halves is not None
    assert cpus_seen  # every year of the archive went through Pagefind
    assert set(cpus_seen) <= set(halves)
    assert os.sched_getaffinity(0) == before
