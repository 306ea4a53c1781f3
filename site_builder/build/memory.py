"""Python's cyclic collector, told what a build keeps.

A build's main process keeps most of what it makes until the build ends: each article's
summary, and every posting Whoosh holds for its commit. Each of Python's full collections
walks all of it again, and a large build runs dozens of them. Objects frozen with
gc.freeze() are no longer walked, and are still freed as soon as nothing refers to them;
only a cycle among them waits for the end of the build to be collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Items between two freezes: each freeze is one pass over the collector's young objects.
SETTLE_EVERY = 500


def settle(done: int, total: int | None = None) -> None:
    """After every SETTLE_EVERY items, and after the last (if total is known), what is
    alive now is kept."""
    if done % SETTLE_EVERY == 0 or done == total:
        gc.freeze()


@contextmanager
def kept_for_the_build() -> Iterator[None]:
    """What the build starts with is kept too; on the way out, everything settled is the
    collector's again, as if never frozen.

    Frozen before the search index's process is forked (build/index_process.py), the
    build's objects are never written to by that process's collector, which would copy
    their pages into it: 16 MB of them at 3,000 articles.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
