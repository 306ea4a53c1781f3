"""Whoosh's update in a process of its own (build/index_process.py): the same index, made
beside the build's process, seen by searches only once the site is made, and every way
it can fail reported as the build's own failure."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest

from site_builder import render
from site_builder.build import pipeline
from site_builder.build.index_process import END_WAIT_SECONDS, IndexProcess
from site_builder.build.options import Stages
from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import IndexDocument
from site_builder.search import whoosh_index
from site_builder.search.whoosh_index import IndexUpdate, SyncReport
from tests.build.test_pipeline import HARBOUR_STEM, SEED_STEM, BrokenIndex
from tests.conftest import file_digests
from tests.search.documents import ARCHIVE, BELARUS, FARMERS, fingerprints, paths

LATER_PAGE = "Later page\n\n" + "A sentence about zeppelins that is long enough to count. " * 8
HARBOUR_PAGE = f"articles/{HARBOUR_STEM}.html"
SEED_PAGE = f"articles/{SEED_STEM}.html"


class LoggedIndex(IndexUpdate):
    """Writes the process it runs in and each article offered to it into a log beside
    the index, a line each (another process's memory can't be looked at)."""

    def __init__(self, index_dir: Path, **options: Any) -> None:
        super().__init__(index_dir, **options)
        self.log = index_dir.parent / "index.log"

    def offer(self, document: IndexDocument) -> None:
        with self.log.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} offer {document.path}\n")
        super().offer(document)


def logged(archive: SiteConfig) -> list[str]:
    return (archive.output_dir / "index.log").read_text(encoding="utf-8").splitlines()


def test_with_two_processes_whoosh_indexes_in_its_own(archive: SiteConfig) -> None:
    report = pipeline.build(archive, jobs=2, stages=Stages(search_index=LoggedIndex))

    pids = {line.split()[0] for line in logged(archive)}
    assert len(pids) == 1 and pids != {str(os.getpid())}
    assert [line.split(maxsplit=1)[1] for line in logged(archive)] == [
        f"offer {HARBOUR_PAGE}",
        f"offer {SEED_PAGE}",
    ]  # as each article is written
    assert report.warnings == ()
    assert [hit.path for hit in whoosh_index.search(archive.whoosh_dir, "harbour")] == [
        HARBOUR_PAGE
    ]
    assert [hit.path for hit in whoosh_index.search(archive.whoosh_dir, "Lukashenko")] == [
        SEED_PAGE
    ]


def test_with_one_process_whoosh_indexes_in_the_builds(archive: SiteConfig) -> None:
    pipeline.build(archive, jobs=1, stages=Stages(search_index=LoggedIndex))
    assert {line.split()[0] for line in logged(archive)} == {str(os.getpid())}


def test_the_index_answers_the_same_made_beside_the_build_or_in_it(
    archive: SiteConfig, tmp_path: Path
) -> None:
    pipeline.build(archive, jobs=2)
    beside = archive.whoosh_dir.rename(tmp_path / "beside")
    pipeline.build(archive, jobs=1, reindex=True)
    for query in ("harbour", "Lukashenko protest", "storm"):
        assert whoosh_index.search(beside, query) == whoosh_index.search(archive.whoosh_dir, query)


@pytest.mark.parametrize("reindex", [False, True], ids=["in place", "rebuilt"])
def test_a_render_that_fails_leaves_the_last_index_as_it_was(
    archive: SiteConfig, reindex: bool
) -> None:
    pipeline.build(archive, jobs=2)
    whoosh_before = file_digests(archive.whoosh_dir)
    (archive.saved_dir / "later.txt").write_text(LATER_PAGE, encoding="utf-8")

    def render_fails(*args: Any, **options: Any) -> render.RenderResult:
        raise SiteBuilderError(Path("templates"), "render failed: simulated")

    with pytest.raises(SiteBuilderError, match="simulated"):
        pipeline.build(archive, jobs=2, reindex=reindex, stages=Stages(render_archive=render_fails))
    assert file_digests(archive.whoosh_dir) == whoosh_before
    assert not list(archive.output_dir.glob(".whoosh*"))  # no staging folder left
    # What the failed build offered was not kept: the next build indexes it.
    pipeline.build(archive, jobs=2)
    assert [hit.title for hit in whoosh_index.search(archive.whoosh_dir, "zeppelins")] == [
        "Later page"
    ]


class OfferFails(IndexUpdate):
    def offer(self, document: IndexDocument) -> None:
        raise SiteBuilderError(Path("whoosh"), "could not update the search index: disk full")


class ProcessDies(IndexUpdate):
    def offer(self, document: IndexDocument) -> None:
        os._exit(3)  # as the kernel's OOM killer would end it


class Unpicklable(Exception):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} {second}")  # pickled with one argument: not read back


class FinishRaisesOddly(IndexUpdate):
    def finish(self, *args: Any, **options: Any) -> SyncReport:
        raise Unpicklable("odd", "failure")


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (BrokenIndex, "^whoosh: search index failed: simulated$"),
        (OfferFails, "^whoosh: could not update the search index: disk full$"),
        (ProcessDies, r"whoosh: the search index's process stopped \(exit code 3\)$"),
        (FinishRaisesOddly, r"whoosh: the search index's process failed: Unpicklable\("),
    ],
    ids=["finish fails", "offer fails", "process dies", "unpicklable error"],
)
def test_a_failing_index_process_stops_the_build_with_one_line(
    archive: SiteConfig, index: type[IndexUpdate], message: str
) -> None:
    with pytest.raises(SiteBuilderError, match=message) as raised:
        pipeline.build(archive, jobs=2, stages=Stages(search_index=index))
    assert "\n" not in str(raised.value)
    assert not archive.site_dir.exists()  # nothing published


class SlowCommit(IndexUpdate):
    def finish(self, *args: Any, **options: Any) -> SyncReport:
        time.sleep(60)  # a commit of a large archive
        return super().finish(*args, **options)


def test_ctrl_c_during_the_render_ends_the_commit_at_once(archive: SiteConfig) -> None:
    pipeline.build(archive, jobs=2)
    whoosh_before = file_digests(archive.whoosh_dir)
    (archive.saved_dir / "later.txt").write_text(LATER_PAGE, encoding="utf-8")

    def render_stopped(*args: Any, **options: Any) -> render.RenderResult:
        time.sleep(0.5)  # the process is well into its commit
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        stages = Stages(search_index=SlowCommit, render_archive=render_stopped)
        pipeline.build(archive, jobs=2, reindex=True, stages=stages)
    # Not the commit's minute, nor the wait before the process would be killed.
    assert time.monotonic() - started < END_WAIT_SECONDS
    assert file_digests(archive.whoosh_dir) == whoosh_before
    assert not list(archive.output_dir.glob(".whoosh*"))  # it cleaned up as it ended


# The process on its own


def test_searches_see_the_update_only_when_the_call_is_made(tmp_path: Path) -> None:
    folder = tmp_path / "whoosh"
    with IndexProcess(IndexUpdate, folder, rebuild=False) as update:
        for document in ARCHIVE:
            update.offer(document)
        finished = update.start_finish(fingerprints(ARCHIVE), _never)
        assert not folder.exists()  # committed in its staging folder, not yet in place
        report = finished()
        assert report == SyncReport(
            added=len(ARCHIVE), rebuilt_because="there was no search index yet"
        )
    assert paths(folder, "lukashenko protest") == [BELARUS.path]


def test_what_was_not_offered_is_loaded_by_the_build_and_sent(tmp_path: Path) -> None:
    folder, calls = tmp_path / "whoosh", []
    by_path = {document.path: document for document in ARCHIVE}

    def load(path: str) -> IndexDocument:
        calls.append(path)
        return by_path[path]

    with IndexProcess(IndexUpdate, folder, rebuild=False) as update:
        update.offer(BELARUS)
        update.start_finish(fingerprints(ARCHIVE), load)()
    assert sorted(calls) == sorted(d.path for d in ARCHIVE if d is not BELARUS)
    assert paths(folder, "farmers")[0] == FARMERS.path


def test_leaving_before_the_call_keeps_the_last_index_and_ends_the_process(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "whoosh"
    with IndexProcess(IndexUpdate, folder, rebuild=False) as update:
        update.start_finish(fingerprints(ARCHIVE[:2]), {d.path: d for d in ARCHIVE}.__getitem__)()
    before = file_digests(folder)
    with (
        pytest.raises(KeyboardInterrupt),
        IndexProcess(IndexUpdate, folder, rebuild=True) as update,
    ):
        update.start_finish(fingerprints(ARCHIVE), {d.path: d for d in ARCHIVE}.__getitem__)
        raise KeyboardInterrupt
    assert not [p for p in multiprocessing.active_children() if p.name == "search-index"]
    assert file_digests(folder) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["whoosh"]


def _never(path: str) -> IndexDocument:
    raise AssertionError(f"{path} was offered; it is not loaded")
