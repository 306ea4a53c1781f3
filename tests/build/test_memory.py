"""What the build's main process keeps is frozen as it grows, and unfrozen at the end."""

from __future__ import annotations

import gc

import pytest

from site_builder.build import memory, pipeline
from site_builder.core.config import SiteConfig


class _Kept:
    """A container the collector tracks, as Whoosh's postings and the summaries are."""


def test_settle_freezes_after_every_batch_and_after_the_last_item() -> None:
    with memory.kept_for_the_build():
        frozen = gc.get_freeze_count()
        kept = [_Kept() for _ in range(100)]
        memory.settle(1, memory.SETTLE_EVERY * 2)
        assert gc.get_freeze_count() == frozen  # mid-batch: nothing frozen
        memory.settle(memory.SETTLE_EVERY, memory.SETTLE_EVERY * 2)
        assert gc.get_freeze_count() >= frozen + len(kept)
        frozen = gc.get_freeze_count()
        kept.extend(_Kept() for _ in range(100))
        memory.settle(7, 7)  # the last item of a short run
        assert gc.get_freeze_count() >= frozen + 100
    assert gc.get_freeze_count() == 0


def test_without_a_total_only_whole_batches_are_settled() -> None:
    # As the search index's process settles the postings of the articles it is offered.
    with memory.kept_for_the_build():
        kept = [_Kept() for _ in range(100)]
        frozen = gc.get_freeze_count()
        memory.settle(7)
        assert gc.get_freeze_count() <= frozen
        memory.settle(memory.SETTLE_EVERY)
        assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.get_freeze_count() == 0


def test_unfrozen_even_when_the_build_fails() -> None:
    with pytest.raises(RuntimeError), memory.kept_for_the_build():
        memory.settle(memory.SETTLE_EVERY, memory.SETTLE_EVERY)
        assert gc.get_freeze_count() > 0
        raise RuntimeError("build failed")
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_freezes_what_it_converted_and_unfreezes_at_the_end(
    archive: SiteConfig, jobs: int
) -> None:
    frozen: list[int] = []  # as the build starts converting, then after each page
    # (mid-batch, the count only drifts as frozen objects are freed: test_settle_...)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "Converting saved pages":  # told first, then once a page is written
            frozen.append(gc.get_freeze_count())

    pipeline.build(archive, progress=progress, jobs=jobs)
    assert len(frozen) == 3
    assert frozen[0] > 0  # what the build started with (before any process is forked)
    assert frozen[2] > frozen[0] + 1000  # the last page: all that was converted, kept
    assert gc.get_freeze_count() == 0
