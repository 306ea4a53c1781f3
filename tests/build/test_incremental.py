"""Rebuilds do work in proportion to what changed, and the result is the same."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

import pytest

from site_builder import ingest, render
from site_builder.build import cache_keys, pipeline
from site_builder.build.browser_search import CACHE_FILE, CARDS_FOLDER
from site_builder.build.browser_shards import SHARDS_FOLDER
from site_builder.build.options import Stages
from site_builder.build.read_ahead import READ_AHEAD_FILES
from site_builder.build.state import (
    LEGACY_STATE_FILE,
    STATE_FILE,
    STATE_VERSION,
    BuildState,
    read_state,
    write_state,
)
from site_builder.core.config import ConfigError, SiteConfig
from site_builder.core.records import ArticleMeta, ArticleSummary, Highlight, PageHighlight
from site_builder.search import browser_index, whoosh_index
from tests.build.test_pipeline import HARBOUR_STEM, SEED_STEM
from tests.conftest import file_digests


def test_noop_rebuild_renders_nothing_and_changes_nothing(archive: SiteConfig) -> None:
    first = pipeline.build(archive)
    assert first.pages_rendered == 2
    before = file_digests(archive.site_dir)
    inode = (archive.site_dir / "articles" / f"{SEED_STEM}.html").stat().st_ino

    again = pipeline.build(archive)

    assert again.pages_rendered == 0
    assert file_digests(archive.site_dir) == before
    # The page was carried over, not rewritten.
    assert (archive.site_dir / "articles" / f"{SEED_STEM}.html").stat().st_ino == inode


def test_editing_one_article_rerenders_it_and_its_neighbours_only(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("sardines", "pilchards"), encoding="utf-8"
    )
    report = pipeline.build(archive)
    # Two articles: the edited one, and its neighbour whose "next" link shows its title
    # unchanged, so only the edited page is rendered.
    assert report.pages_rendered == 1
    page = (archive.site_dir / "articles" / f"{HARBOUR_STEM}.html").read_text("utf-8")
    assert "pilchards" in page
    hits = whoosh_index.search(archive.whoosh_dir, "pilchards")
    assert [hit.path for hit in hits] == [f"articles/{HARBOUR_STEM}.html"]


def test_a_new_source_date_epoch_reaches_a_feed_with_no_dated_article(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pipeline.build(archive)
    for article in archive.articles_dir.glob("*.md"):
        lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
        undated = [line for line in lines if not line.startswith(("published:", "saved:"))]
        article.write_text("".join(undated), encoding="utf-8")
    pipeline.build(archive)
    feed = archive.site_dir / "feed.xml"
    assert "<updated>1970-01-01T00:00:00Z</updated>" in feed.read_text(encoding="utf-8")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(archive)  # nothing else changed: this must not pass for a no-op
    assert "<updated>2023-11-14T22:13:20Z</updated>" in feed.read_text(encoding="utf-8")


def test_a_malformed_source_date_epoch_stops_the_build_before_any_work(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match=r"^SOURCE_DATE_EPOCH: must be a whole number"):
        pipeline.build(archive)
    assert not archive.articles_dir.exists()
    assert not archive.output_dir.exists()


def test_removed_article_leaves_the_site_and_the_index(archive: SiteConfig) -> None:
    pipeline.build(archive)
    (archive.articles_dir / f"{SEED_STEM}.md").unlink()
    (archive.saved_dir / "putin-belarus-tbs.txt").unlink()
    report = pipeline.build(archive)
    assert report.articles == 1
    assert not (archive.site_dir / "articles" / f"{SEED_STEM}.html").exists()
    assert whoosh_index.search(archive.whoosh_dir, "Lukashenko") == []
    assert "lukashenko" not in _browser_vocabulary(archive.site_dir)
    assert json.loads((archive.site_dir / "search" / "index.json").read_bytes())["documents"] == 1


def test_a_damaged_index_is_rebuilt_with_a_note(archive: SiteConfig) -> None:
    pipeline.build(archive)
    for segment in archive.whoosh_dir.iterdir():
        segment.write_bytes(b"garbage")
    report = pipeline.build(archive)
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("search index rebuilt: the search index was damaged")
    assert whoosh_index.search(archive.whoosh_dir, "Lukashenko protest")


def test_reindex_rebuilds_without_a_note(archive: SiteConfig) -> None:
    pipeline.build(archive)
    report = pipeline.build(archive, reindex=True)
    assert report.warnings == ()
    assert whoosh_index.search(archive.whoosh_dir, "Lukashenko protest")


class _IndexingInterrupted(whoosh_index.IndexUpdate):
    """Ctrl-C while the search index is written: after its first document is made."""

    def finish(
        self, fingerprints: Mapping[str, str], load: Callable[[str], Any], **options: Any
    ) -> whoosh_index.SyncReport:
        def interrupted(path: str) -> Any:
            raise KeyboardInterrupt

        return super().finish(fingerprints, interrupted, **options)


def test_an_interrupted_reindex_keeps_the_last_index_searchable(archive: SiteConfig) -> None:
    pipeline.build(archive)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(archive, reindex=True, stages=Stages(search_index=_IndexingInterrupted))
    hits = whoosh_index.search(archive.whoosh_dir, "Lukashenko protest")
    assert [hit.title for hit in hits] == [
        "Putin says ready to help Belarus president militarily if necessary"
    ]
    assert sorted(p.name for p in archive.output_dir.iterdir()) == [
        STATE_FILE, CARDS_FOLDER, SHARDS_FOLDER, CACHE_FILE, "site", "whoosh"
    ]  # fmt: skip
    report = pipeline.build(archive, reindex=True)
    assert report.warnings == ()
    assert whoosh_index.search(archive.whoosh_dir, "Lukashenko protest")


def test_losing_the_build_state_only_costs_time(archive: SiteConfig) -> None:
    pipeline.build(archive)
    before = file_digests(archive.site_dir)
    (archive.output_dir / STATE_FILE).unlink()
    report = pipeline.build(archive)
    assert report.pages_rendered == 2
    assert file_digests(archive.site_dir) == before


def test_a_template_change_rerenders_every_article(archive: SiteConfig, tmp_path: Path) -> None:
    pipeline.build(archive)
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "article.html").write_text(
        '{% extends "default:article.html" %}{% block main %}<p>NEW</p>{{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    report = pipeline.build(replace(archive, templates_dir=theme))
    assert report.pages_rendered == 2


def test_an_edit_is_searched_anew_and_the_other_articles_carry_over(
    archive: SiteConfig,
) -> None:
    pipeline.build(archive)
    seed_page = f"articles/{SEED_STEM}.html"
    seed_file = _browser_document_file(archive.site_dir, seed_page)
    seed_before = (seed_file.name, seed_file.read_bytes())
    old_generation = _browser_generation(archive.site_dir)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"  # published in 2021
    path.write_text(path.read_text("utf-8").replace("sardines", "pilchards"), "utf-8")
    pipeline.build(archive)

    words = _browser_vocabulary(archive.site_dir)
    assert "pilchards" in words
    assert "sardines" not in words  # in no other article
    # The other article kept its number and its result's file, byte for byte.
    seed_after = _browser_document_file(archive.site_dir, seed_page)
    assert (seed_after.name, seed_after.read_bytes()) == seed_before
    # A new generation of shards replaces the old one: none of it is left behind.
    generation = _browser_generation(archive.site_dir)
    assert generation != old_generation
    assert sorted(p.name for p in (archive.site_dir / "search").iterdir()) == sorted(
        [generation, browser_index.CARDS_FOLDER, "index.json"]
    )


def _browser_generation(site: Path) -> str:
    manifest = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    generation: str = manifest["generation"]
    return generation


def _browser_vocabulary(site: Path) -> set[str]:
    """Every word the browser search knows, as folded."""
    folder = site / "search" / _browser_generation(site) / "w"
    return {word for shard in folder.glob("*.json") for word in json.loads(shard.read_bytes())}


def _browser_document_file(site: Path, page: str) -> Path:
    """The file of the browser index that holds page's result."""
    cards = browser_index.cards_folder(site).glob("*.json")
    (found,) = [path for path in cards if json.loads(path.read_bytes())["p"] == page]
    return found


HARBOUR_SAVE = "Quiet harbour reopens after storm _ Example Gazette.html"


def _recorded_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the saved files read from now on, in order."""
    read: list[str] = []
    real_read = ingest.read_saved_bytes

    def recording_read(path: Path, **limits: Any) -> bytes:
        read.append(path.name)
        return real_read(path, **limits)

    monkeypatch.setattr(ingest, "read_saved_bytes", recording_read)
    return read


def test_a_rebuild_does_not_read_saved_pages_that_did_not_change(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(archive)
    read = _recorded_reads(monkeypatch)
    report = pipeline.build(archive)
    assert read == []
    assert sorted(report.unchanged) == [HARBOUR_SAVE, "putin-belarus-tbs.txt"]


def test_a_first_build_reads_each_saved_page_once_in_its_worker(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New pages are extracted whatever their sha256: the main process does not read and
    # hash them first, one after another, before any worker starts; the worker that reads
    # a page gives back its sha256, which the build state records.
    read = _recorded_reads(monkeypatch)
    report = pipeline.build(archive, jobs=1)
    assert sorted(read) == [HARBOUR_SAVE, "putin-belarus-tbs.txt"]
    assert report.ingested == 2
    recorded = _recorded_state(archive.output_dir)
    for name in (HARBOUR_SAVE, "putin-belarus-tbs.txt"):
        data = (archive.saved_dir / name).read_bytes()
        assert recorded["saved"][name][-1] == hashlib.sha256(data).hexdigest()

    read.clear()
    report = pipeline.build(archive, jobs=1)
    assert read == []
    assert sorted(report.unchanged) == [HARBOUR_SAVE, "putin-belarus-tbs.txt"]


def test_a_touched_page_with_an_article_is_hashed_not_extracted(archive: SiteConfig) -> None:
    pipeline.build(archive)
    saved = archive.saved_dir / HARBOUR_SAVE
    time.sleep(0.01)
    os.utime(saved)  # the stamp changes, the bytes do not
    report = pipeline.build(archive)
    assert report.new == report.updated == ()
    assert report.ingested == 2
    assert sorted(report.unchanged) == [HARBOUR_SAVE, "putin-belarus-tbs.txt"]


def test_saved_pages_are_asked_for_ahead_of_the_workers(archive: SiteConfig) -> None:
    pages = READ_AHEAD_FILES + 12  # the archive has two
    for number in range(pages - 2):
        shutil.copy(archive.saved_dir / HARBOUR_SAVE, archive.saved_dir / f"copy {number:03}.html")
    asked: list[str] = []
    extracted: list[str] = []

    def recording_extract(path: Path, config: SiteConfig) -> Any:
        extracted.append(path.name)
        # The file is asked for before its worker reads it, and a window ahead of it.
        assert path.name in asked
        assert len(asked) == min(len(extracted) - 1 + READ_AHEAD_FILES, pages)
        return Stages().extract_file(path, config)

    stages = Stages(read_ahead=lambda path: asked.append(path.name), extract_file=recording_extract)
    report = pipeline.build(archive, jobs=1, stages=stages)
    assert len(report.new) == pages
    assert asked == extracted  # each once, in the order they are extracted


@pytest.mark.parametrize("in_place", [True, False], ids=["in place", "replaced"])
def test_an_edit_that_keeps_the_size_is_seen(archive: SiteConfig, in_place: bool) -> None:
    pipeline.build(archive)
    saved = archive.saved_dir / HARBOUR_SAVE
    before = saved.stat()
    text = saved.read_text(encoding="utf-8").replace("sardines", "mackerel")
    if in_place:
        time.sleep(0.01)  # a later modification time, whatever the file system's resolution
        saved.write_text(text, encoding="utf-8")
    else:
        # As an editor saves: a new file renamed over the old, here with the old times.
        replacement = saved.with_name("replacement.tmp")
        replacement.write_text(text, encoding="utf-8")
        os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
        replacement.replace(saved)
    assert saved.stat().st_size == before.st_size

    report = pipeline.build(archive)
    assert report.updated == (HARBOUR_SAVE,)
    assert "mackerel" in (archive.articles_dir / f"{HARBOUR_STEM}.md").read_text("utf-8")


def test_a_retitled_article_shows_its_new_title_on_every_list(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    text = path.read_text(encoding="utf-8")
    old_line = next(line for line in text.splitlines() if line.startswith("title:"))
    old_title = old_line.removeprefix("title:").strip().strip("'\"")
    path.write_text(text.replace(old_line, "title: Pilchards at the quay"), encoding="utf-8")
    pipeline.build(archive)
    pages = {
        p.relative_to(archive.site_dir).as_posix(): p.read_text("utf-8")
        for p in archive.site_dir.rglob("*")
        if p.suffix in (".html", ".xml") and p.is_file()
    }
    showing_old = sorted(page for page, shown in pages.items() if old_title in shown)
    showing_new = {page for page, shown in pages.items() if "Pilchards at the quay" in shown}
    assert showing_old == []
    assert {"index.html", "feed.xml"} <= showing_new
    assert any(page.startswith("years/") for page in showing_new)


def test_a_new_version_of_the_code_renders_every_article_again(
    archive: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site_builder"
    package.mkdir()
    (package / "render.py").write_text("RENDER = 1\n", encoding="utf-8")
    # Stands in for the installed code, which is part of the site's look.
    monkeypatch.setattr(cache_keys, "SITE_BUILDER_CODE", package)
    pipeline.build(archive)
    assert pipeline.build(archive).pages_rendered == 0
    (package / "render.py").write_text("RENDER = 2\n", encoding="utf-8")
    assert pipeline.build(archive).pages_rendered == 2


def test_the_build_state_records_every_field_of_a_summary(tmp_path: Path) -> None:
    values: dict[str, Any] = {f.name: f"{f.name} value" for f in fields(ArticleMeta)}
    values["tags"] = ("harbour", "storm")
    values["keywords"] = ("Harbour", "Storms")
    values["author"] = ("Ada Byron", "Mary Somerville")
    values["hidden"] = False
    values["highlights"] = (Highlight(quote="a quote", note="a note", created="2024-05-01"),)
    values["starred"] = True
    summary = ArticleSummary(
        meta=ArticleMeta(**values), stem="s", source_file="s.md", file_sha256="f", words=3,
        text_start="t", thumbnail=None, links=("example.org/a",),
        highlights=(PageHighlight(anchor="highlight-1", quote="q", note="n", in_text=False),),
    )  # fmt: skip
    write_state(tmp_path, BuildState(summaries={"s.md": summary}))
    recorded = _recorded_state(tmp_path)
    assert recorded["summary"]["s.md"] == [json.loads(json.dumps(asdict(summary)))]
    assert read_state(tmp_path).summaries == {"s.md": summary}


def test_a_state_kept_as_one_json_document_is_read_then_replaced(tmp_path: Path) -> None:
    # An archive built before the line format is not built again from scratch.
    summary = ArticleSummary(
        meta=ArticleMeta(title="Harbour", tags=("storm",)), stem="s", source_file="s.md",
        file_sha256="f", words=3, text_start="t", thumbnail=None,
    )  # fmt: skip
    legacy = {
        "version": STATE_VERSION,
        "summaries": {"s.md": json.loads(json.dumps(asdict(summary)))},
        "page_keys": {"articles/s.html": "k1"},
        "saved_files": {"s.html": [10, 20, 30, "abc"]},
        "site_key": "site",
        "site_inode": 7,
        "site_bytes": 99,
    }
    (tmp_path / LEGACY_STATE_FILE).write_text(json.dumps(legacy), encoding="utf-8")
    state = read_state(tmp_path)
    assert state == BuildState(
        summaries={"s.md": summary},
        page_keys={"articles/s.html": "k1"},
        saved_files={"s.html": ((10, 20, 30), "abc")},
        site_key="site",
        site_inode=7,
        site_bytes=99,
    )
    write_state(tmp_path, state)
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE]
    assert read_state(tmp_path) == state


def test_a_damaged_state_line_only_costs_time(tmp_path: Path) -> None:
    write_state(tmp_path, BuildState(page_keys={"a.html": "k"}, site_key="site"))
    state_file = tmp_path / STATE_FILE
    state_file.write_text(state_file.read_text("utf-8") + '["page", "b.html"\n', "utf-8")
    assert read_state(tmp_path) == BuildState()


def _recorded_state(output_dir: Path) -> dict[str, dict[str, list[Any]]]:
    """The state file's records by kind, then name."""
    lines = (output_dir / STATE_FILE).read_text("utf-8").splitlines()
    recorded: dict[str, dict[str, list[Any]]] = {}
    for line in lines[1:]:
        kind, name, *values = json.loads(line)
        recorded.setdefault(kind, {})[name] = values
    return recorded


class _RenderedTemplates:
    """A render_archive stage that notes the template of each page it renders rather
    than carries over (a page is rendered when its cache says no)."""

    def __init__(self) -> None:
        self.templates: list[str] = []

    def __call__(self, *args: Any, cache: render.PageCache, **options: Any) -> Any:
        return render.render_archive(*args, cache=_NotingCache(cache, self.templates), **options)


class _NotingCache:
    def __init__(self, cache: render.PageCache, rendered: list[str]) -> None:
        self._cache, self._rendered = cache, rendered

    def carry_over(
        self, path: str, template: str, made_from: Mapping[str, object], target: Path
    ) -> bool:
        carried = self._cache.carry_over(path, template, made_from, target)
        if not carried:
            self._rendered.append(template)
        return carried

    def same_as_before(self, path: str, page: bytes, target: Path) -> bool:
        return self._cache.same_as_before(path, page, target)


def test_an_edit_deep_in_one_article_renders_no_list_page_again(archive: SiteConfig) -> None:
    pipeline.build(archive)
    before = file_digests(archive.site_dir)
    inode = (archive.site_dir / "index.html").stat().st_ino
    rendered = _RenderedTemplates()
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    # Past the excerpt the lists show, and the same number of words.
    path.write_text(path.read_text("utf-8").replace("Penrith", "Keswick"), encoding="utf-8")
    pipeline.build(archive, stages=Stages(render_archive=rendered))

    assert rendered.templates == ["article.html"]  # every list as before, the feed included
    after = file_digests(archive.site_dir)
    changed = {page for page in after if after[page] != before.get(page)}
    # The browser index is written anew (search/); every other page but the edited one
    # is as it was.
    assert {page for page in changed if not page.startswith("search/")} == {
        f"articles/{HARBOUR_STEM}.html"
    }
    assert (archive.site_dir / "index.html").stat().st_ino == inode  # carried over


def test_a_noop_rebuild_leaves_the_published_site_alone(archive: SiteConfig) -> None:
    pipeline.build(archive)
    site_inode = archive.site_dir.stat().st_ino
    state_file = archive.output_dir / STATE_FILE
    state_identity = (state_file.stat().st_ino, state_file.stat().st_mtime_ns)
    browser_cache = archive.output_dir / CACHE_FILE
    cache_identity = (browser_cache.stat().st_ino, browser_cache.stat().st_mtime_ns)

    def no_render(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a no-op build rendered the site")

    report = pipeline.build(archive, stages=Stages(render_archive=no_render))

    assert report.pages_rendered == 0
    assert archive.site_dir.stat().st_ino == site_inode  # the same folder, not a new one
    assert sorted(p.name for p in archive.output_dir.iterdir()) == [
        STATE_FILE, CARDS_FOLDER, SHARDS_FOLDER, CACHE_FILE, "site", "whoosh"
    ]  # fmt: skip
    assert (state_file.stat().st_ino, state_file.stat().st_mtime_ns) == state_identity
    assert (browser_cache.stat().st_ino, browser_cache.stat().st_mtime_ns) == cache_identity


def _store_an_image(config: SiteConfig) -> SiteConfig:
    config.media_dir.mkdir(parents=True, exist_ok=True)
    (config.media_dir / f"{'ab' * 32}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return config


def _remove_a_saved_page(config: SiteConfig) -> SiteConfig:
    (config.saved_dir / "putin-belarus-tbs.txt").unlink()  # its article stays
    return config


def _retitle_the_site(config: SiteConfig) -> SiteConfig:
    return replace(config, title="Another Title")


def _remove_the_site(config: SiteConfig) -> SiteConfig:
    shutil.rmtree(config.site_dir)
    return config


def _put_back_a_copy_of_the_site(config: SiteConfig) -> SiteConfig:
    copy = config.output_dir / "copy"
    shutil.copytree(config.site_dir, copy)
    (copy / "index.html").write_text("a page from another site", encoding="utf-8")
    shutil.rmtree(config.site_dir)
    copy.rename(config.site_dir)
    return config


@pytest.mark.parametrize(
    ("change", "site_changes"),
    [
        (_store_an_image, True),
        (_remove_a_saved_page, True),
        (_retitle_the_site, True),
        (_remove_the_site, False),
        (_put_back_a_copy_of_the_site, False),
    ],
)
def test_a_rebuild_after_a_change_makes_the_site_a_clean_build_would(
    archive: SiteConfig, change: Callable[[SiteConfig], SiteConfig], site_changes: bool
) -> None:
    pipeline.build(archive)
    before = file_digests(archive.site_dir)
    changed = change(archive)
    pipeline.build(changed)
    rebuilt = file_digests(changed.site_dir)
    shutil.rmtree(changed.output_dir)
    pipeline.build(changed)

    assert rebuilt == file_digests(changed.site_dir)
    assert (rebuilt != before) is site_changes


def test_a_noop_rebuild_puts_back_a_removed_search_index(archive: SiteConfig) -> None:
    pipeline.build(archive)
    site_before = file_digests(archive.site_dir)
    shutil.rmtree(archive.whoosh_dir)
    (archive.output_dir / CACHE_FILE).unlink()
    pipeline.build(archive)
    assert [hit.path for hit in whoosh_index.search(archive.whoosh_dir, "sardines")] == [
        f"articles/{HARBOUR_STEM}.html"
    ]
    # The browser search's cache is made again; the published index was never lost.
    assert (archive.output_dir / CACHE_FILE).is_file()
    assert file_digests(archive.site_dir) == site_before


def _article_reads(monkeypatch: pytest.MonkeyPatch, articles_dir: Path) -> list[str]:
    """Names of the article files opened, read_bytes and read_text included."""
    opened: list[str] = []
    real_open = Path.open

    def recording_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.parent == articles_dir and self.suffix == ".md":
            opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", recording_open)
    return opened


def test_a_first_build_reads_no_article_file_it_wrote(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _article_reads(monkeypatch, archive.articles_dir)
    report = pipeline.build(archive)
    assert report.articles == 2
    assert opened == []


def test_a_noop_rebuild_reads_each_article_file_once(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(archive)
    opened = _article_reads(monkeypatch, archive.articles_dir)
    pipeline.build(archive)
    assert sorted(opened) == sorted(p.name for p in archive.articles_dir.glob("*.md"))


def test_an_article_edited_after_the_gather_step_is_read_again(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"

    def edit_while_converting(stage: str, done: int, total: int) -> None:
        # The gather step has read every article file; the load step is still to come.
        if stage == "Converting saved pages" and done == 0:
            text = path.read_text("utf-8")
            path.write_text(text + "\nA line added while the build ran.\n", encoding="utf-8")

    pipeline.build(archive, progress=edit_while_converting)
    page = (archive.site_dir / "articles" / f"{HARBOUR_STEM}.html").read_text("utf-8")
    assert "A line added while the build ran." in page
