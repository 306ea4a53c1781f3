"""The render and index steps of a build: Pagefind's year bundles run beside the rest,
on their share of the cores, and their failures stop the build before anything is
published."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from site_builder import render
from site_builder.build import pagefind_years, pipeline, workers
from site_builder.build.options import Stages
from site_builder.build.pagefind_years import YearBundles
from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import IndexDocument
from site_builder.search import pagefind, whoosh_index
from tests.build.test_pipeline import HARBOUR_STEM, SEED_STEM, BrokenBundles


def test_pagefind_indexes_while_whoosh_does(archive: SiteConfig) -> None:
    whoosh_started = threading.Event()
    threads: dict[str, int] = {}
    progress_threads: set[int] = set()

    class BundlesAfterWhooshStarts(YearBundles):
        def index_year(self, year: str) -> None:
            threads["pagefind"] = threading.get_ident()
            # Run one after the other, this would wait in vain: Whoosh could not start.
            assert whoosh_started.wait(timeout=30)
            super().index_year(year)

    class WatchedIndex(whoosh_index.IndexUpdate):
        def finish(self, *args: Any) -> whoosh_index.SyncReport:
            threads["whoosh"] = threading.get_ident()
            whoosh_started.set()
            return super().finish(*args)

    def progress(stage: str, done: int, total: int) -> None:
        progress_threads.add(threading.get_ident())

    stages = Stages(year_bundles=BundlesAfterWhooshStarts, search_index=WatchedIndex)
    report = pipeline.build(archive, progress=progress, stages=stages)

    assert threads["whoosh"] == threading.get_ident() != threads["pagefind"]
    assert progress_threads == {threading.get_ident()}  # the CLI's bar is not thread-safe
    assert [stage for stage, _ in report.timings] == [
        "gather", "convert", "load", "render", "search", "publish"
    ]  # fmt: skip
    assert (archive.site_dir / "pagefind" / "bundles.json").is_file()
    assert whoosh_index.search(archive.whoosh_dir, "harbour")


def test_pagefind_starts_on_a_year_while_the_site_is_still_written(archive: SiteConfig) -> None:
    pagefind_started = threading.Event()
    waited: list[bool] = []

    class WatchedBundles(YearBundles):
        def index_year(self, year: str) -> None:
            pagefind_started.set()
            super().index_year(year)

    def render_then_wait(*args: Any, **options: Any) -> render.RenderResult:
        result = render.render_archive(*args, **options)
        # Were Pagefind started only once the whole site is written, this would wait in
        # vain: the build is still inside the render step.
        waited.append(pagefind_started.wait(timeout=30))
        return result

    stages = Stages(year_bundles=WatchedBundles, render_archive=render_then_wait)
    pipeline.build(archive, stages=stages)
    assert waited == [True]
    assert (archive.site_dir / "pagefind" / "bundles.json").is_file()
    # Each year's pages were shown to Pagefind in a folder of their own, gone since.
    assert not list(archive.site_dir.glob(".pagefind-input-*"))


def test_a_pagefind_failure_stops_the_build_after_whoosh(archive: SiteConfig) -> None:
    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive, stages=Stages(year_bundles=BrokenBundles))
    assert not archive.site_dir.exists()  # nothing published


def test_whoosh_indexes_each_new_article_as_it_is_written(archive: SiteConfig) -> None:
    events: list[str] = []

    class WatchedIndex(whoosh_index.IndexUpdate):
        def offer(self, document: IndexDocument) -> None:
            events.append(f"offer {document.path}")
            super().offer(document)

    def progress(stage: str, done: int, total: int) -> None:
        events.append(f"{stage} {done}/{total}")

    report = pipeline.build(archive, progress=progress, stages=Stages(search_index=WatchedIndex))

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


def test_a_failing_pagefind_is_reported_against_the_year_it_was_indexing(
    archive: SiteConfig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: no pages to index' >&2\nexit 1\n", "utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind, "get_executable", lambda: failing)
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

    class BundlesHeldForWhoosh(YearBundles):
        def index_year(self, year: str) -> None:
            # Both years are written before Whoosh commits; held until it has, so the
            # second waits in the queue. Indexed side by side, each finds the other running.
            assert whoosh_done.wait(timeout=30)
            try:
                both_running.wait(timeout=2 if free_mb == 100_000.0 else 0.5)
                side_by_side.append(True)
            except threading.BrokenBarrierError:
                side_by_side.append(False)
            super().index_year(year)

    class WatchedIndex(whoosh_index.IndexUpdate):
        def finish(self, *args: Any) -> whoosh_index.SyncReport:
            result = super().finish(*args)
            whoosh_done.set()
            return result

    monkeypatch.setattr(pagefind_years, "free_memory_mb", lambda: free_mb)  # the system's
    stages = Stages(year_bundles=BundlesHeldForWhoosh, search_index=WatchedIndex)
    pipeline.build(archive, stages=stages)
    assert side_by_side == ([True, True] if free_mb == 100_000.0 else [False, False])
    manifest = json.loads((archive.site_dir / "pagefind" / "bundles.json").read_text("utf-8"))
    assert [bundle["path"] for bundle in manifest["bundles"]] == ["2021", "2020"]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_pagefind_runs_on_half_of_the_cores(archive: SiteConfig) -> None:
    cpus_seen: list[frozenset[int]] = []

    class WatchedBundles(YearBundles):
        def index_year(self, year: str) -> None:
            # This thread's CPUs, and so those of the Pagefind process it starts.
            cpus_seen.append(frozenset(os.sched_getaffinity(0)))
            super().index_year(year)

    halves = workers.cpu_halves()
    before = os.sched_getaffinity(0)
    pipeline.build(archive, stages=Stages(year_bundles=WatchedBundles))

    assert halves is not None
    assert cpus_seen  # every year of the archive went through Pagefind
    assert set(cpus_seen) <= set(halves)
    assert os.sched_getaffinity(0) == before
