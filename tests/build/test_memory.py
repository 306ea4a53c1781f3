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


def test_unfrozen_even_when_the_build_fails() -> None:
    with pytest.raises(RuntimeError), memory.kept_for_the_build():
        memory.settle(memory.SETTLE_EVERY, memory.SETTLE_EVERY)
        assert gc.get_freeze_count() > 0
        raise RuntimeError("build failed")
    assert gc.get_freeze_count() == 0


def test_a_build_freezes_what_it_converted_and_unfreezes_at_the_end(
    archive: SiteConfig,
) -> None:
    frozen_after_each_page: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "Converting saved pages" and done > 0:  # told once a page is written
            frozen_after_each_page.append(gc.get_freeze_count())

    pipeline.build(archive, progress=progress)
    assert len(frozen_after_each_page) == 2  # one report per converted page
    assert frozen_after_each_page[0] == 0  # the first of two pages: mid-batch
    assert frozen_after_each_page[-1] > 0  # the last page: all of it kept
    assert gc.get_freeze_count() == 0
