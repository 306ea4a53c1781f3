"""Run one function over many items on all cores, in order, surviving a crashed worker;
and background threads, each pinned to its share of the cores if asked.

Generic machinery with no knowledge of the stages: the convert step decides what runs.
Results come back in the order of the items, so what the build writes never depends on
which core finished first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
MIN_ITEMS_FOR_PROCESSES = 8
# Items handed to a worker at a time: enough to amortise the hand-over, few enough that
# the progress bar moves and the cores finish together.
CHUNK_SIZE = 4


def default_jobs() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


def run_ordered(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    jobs: int,
    crashed: Callable[[Item], Result],
) -> Iterator[Result]:
    """function(item) for every item, in order; crashed(item) for an item whose worker died.

    A worker that dies (a crash in a C library, the kernel killing it for memory) takes
    its pool down with it; the items it had not finished are then run again one at a
    time, each in a fresh process, so only the item that crashes is lost.
    """
    if jobs <= 1 or len(items) < MIN_ITEMS_FOR_PROCESSES:
        for item in items:
            yield function(item)
        return
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(function, items, chunksize=CHUNK_SIZE):
                done += 1
                yield result
    except BrokenProcessPool:
        for item in items[done:]:
            yield _alone(function, item, crashed)


def _alone(
    function: Callable[[Item], Result], item: Item, crashed: Callable[[Item], Result]
) -> Result:
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, item).result()
    except BrokenProcessPool:
        return crashed(item)


def cpu_halves() -> tuple[frozenset[int], frozenset[int]] | None:
    """This process's CPUs in two halves (the same one twice if there is only one), or
    None where the system cannot say or pin."""
    if not hasattr(os, "sched_getaffinity") or not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return frozenset(cpus), frozenset(cpus)
    return frozenset(cpus[len(cpus) // 2 :]), frozenset(cpus[: len(cpus) // 2])


@contextmanager
def background(
    name: str, *, cpus: Collection[int] | None = None
) -> Iterator[Callable[..., Future[Any]]]:
    """submit() to one worker thread; if the block fails, what has not started never does.

    cpus: the only CPUs the thread, and every process it starts, may run on.
    """
    with ThreadPoolExecutor(
        max_workers=1, thread_name_prefix=name, initializer=_pinned_to, initargs=(cpus,)
    ) as executor:
        try:
            yield executor.submit
        except BaseException:
            executor.shutdown(wait=True, cancel_futures=True)
            raise


def _pinned_to(cpus: Collection[int] | None) -> None:
    if cpus:
        # On Linux, pid 0 is the calling thread alone, and a child inherits its mask.
        # Pinning only saves CPU: where the system refuses it, the thread runs unpinned
        # (an initializer that raised would fail every task given to the thread).
        with suppress(OSError):
            os.sched_setaffinity(0, cpus)
