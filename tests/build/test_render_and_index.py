"""The render and index steps of a build: the site into a staging folder, both search
indexes brought up to date together, the browser index written into the site before it
is published, and a failure of either stopping the build before anything is published."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from site_builder import render
from site_builder.build import pipeline
from site_builder.build.options import Stages
from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import IndexDocument
from site_builder.search import whoosh_index
from tests.build.test_pipeline import HARBOUR_STEM, SEED_STEM, BrokenIndex, browser_documents


def test_both_search_indexes_are_made_in_the_search_step(archive: SiteConfig) -> None:
    events: list[str] = []
    progress_threads: set[int] = set()

    def progress(stage: str, done: int, total: int) -> None:
        progress_threads.add(threading.get_ident())
        events.append(f"{stage} {done}/{total}")

    report = pipeline.build(archive, progress=progress)

    assert progress_threads == {threading.get_ident()}  # the CLI's bar is not thread-safe
    assert [event for event in events if event.startswith("Building the search")] == [
        "Building the search indexes 0/2",
        "Building the search indexes 1/2",
        "Building the search indexes 2/2",
    ]
    # The search step starts before the render step (Whoosh commits beside it).
    assert [stage for stage, _ in report.timings] == [
        "gather", "convert", "load", "search", "render", "publish"
    ]  # fmt: skip
    assert sorted(browser_documents(archive.site_dir)) == [
        f"articles/{SEED_STEM}.html",
        f"articles/{HARBOUR_STEM}.html",
    ]
    assert whoosh_index.search(archive.whoosh_dir, "harbour")


def test_the_browser_index_is_written_after_the_site_into_its_staging_folder(
    archive: SiteConfig,
) -> None:
    staged: list[tuple[str, bool]] = []

    def render_and_look(*args: Any, **options: Any) -> render.RenderResult:
        result = render.render_archive(*args, **options)
        staging = args[3]  # render_archive(summaries, bodies, config, site_dir)
        staged.append((staging.name, (staging / "search").exists()))
        return result

    pipeline.build(archive, stages=Stages(render_archive=render_and_look))

    ((staging_name, index_while_rendering),) = staged
    assert staging_name != archive.site_dir.name  # not the published folder
    assert not index_while_rendering  # the render step writes no index of its own
    assert (archive.site_dir / "search" / "index.json").is_file()


def test_a_failing_search_index_stops_the_build_before_publishing(archive: SiteConfig) -> None:
    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive, stages=Stages(search_index=BrokenIndex))
    assert not archive.site_dir.exists()  # nothing published


def test_whoosh_indexes_each_new_article_as_it_is_written(archive: SiteConfig) -> None:
    events: list[str] = []

    class WatchedIndex(whoosh_index.IndexUpdate):
        def offer(self, document: IndexDocument) -> None:
            events.append(f"offer {document.path}")
            super().offer(document)

    def progress(stage: str, done: int, total: int) -> None:
        events.append(f"{stage} {done}/{total}")

    # In one process, Whoosh's update is the build's own (test_index_process.py: beside it).
    stages = Stages(search_index=WatchedIndex)
    report = pipeline.build(archive, progress=progress, stages=stages, jobs=1)

    # Each article is offered as it is written, before the next saved page is done.
    assert events[:5] == [
        "Converting saved pages 0/2",
        f"offer articles/{HARBOUR_STEM}.html",
        "Converting saved pages 1/2",
        f"offer articles/{SEED_STEM}.html",
        "Converting saved pages 2/2",
    ]
    assert not any(event.startswith("offer") for event in events[5:])
    assert report.warnings == ()
    assert [hit.path for hit in whoosh_index.search(archive.whoosh_dir, "harbour")] == [
        f"articles/{HARBOUR_STEM}.html"
    ]
    # The browser index got the same articles from the same offers.
    assert sorted(browser_documents(archive.site_dir)) == [
        f"articles/{SEED_STEM}.html",
        f"articles/{HARBOUR_STEM}.html",
    ]
