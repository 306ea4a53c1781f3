"""Run one function over many items on all cores, in order, surviving a crashed worker;
and background threads, each pinned to its share of the cores if asked.

Generic machinery with no knowledge of the stages: the convert step decides what runs.
Results come back in the order of the items, so what the build writes never depends on
which core finished first. Worker processes end with the build: killed (SIGKILL, or
SIGTERM from `timeout` or a cancelled CI job), it would otherwise leave them running
forever, each holding the write end of the pipes the others read.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Collection, Generator, Iterator, Sequence
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
# How often a worker checks that the build that started it is still there, where the
# system cannot signal it when its parent dies (Linux can: PR_SET_PDEATHSIG). A worker
# left behind by a killed build ends within this time.
PARENT_CHECK_SECONDS = 1.0
# prctl(2): ask for a signal when the parent dies.
_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


def may_start_processes() -> bool:
    """False in a daemonic process (a build run by another program's worker, or by a
    test in a forked child), which multiprocessing forbids to have children."""
    return not multiprocessing.current_process().daemon


def run_ordered(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    jobs: int,
    crashed: Callable[[Item], Result],
) -> Generator[Result, None, None]:
    """function(item) for every item, in order; crashed(item) for an item whose worker died.

    A worker that dies (a crash in a C library, the kernel killing it for memory) takes
    its pool down with it; the items it had not finished are then run again one at a
    time, each in a fresh process, so only the item that crashes is lost.
    """
    if jobs <= 1 or len(items) < MIN_ITEMS_FOR_PROCESSES or not may_start_processes():
        for item in items:
            yield function(item)
        return
    done = 0
    try:
        with _worker_pool(jobs) as pool:
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
        with _worker_pool(1) as pool:
            return pool.submit(function, item).result()
    except BrokenProcessPool:
        return crashed(item)


@contextmanager
def _worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool whose workers end with this process; and at once, with what they were
    doing, when the block is left early (Ctrl-C, SIGTERM, an error in the caller), where
    the pool's own exit would wait for every item already handed out."""
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=end_with_parent, initargs=(os.getpid(),)
    )
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in set(multiprocessing.active_children()) - before:
            worker.kill()
        raise
    finally:
        pool.shutdown(wait=True)


def end_with_parent(parent: int) -> None:
    """Runs first in each worker (and in the search index's process): end when the
    build ends, however it ends.

    The build alone handles Ctrl-C and SIGTERM (it stops its workers); a worker keeps
    the default SIGTERM, not the handler the build may have had when it forked it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died before the signal was asked for; and where there is no
    # such signal, a watchdog thread notices the orphaning (the worker's parent changes).
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


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
