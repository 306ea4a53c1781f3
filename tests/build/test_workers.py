"""Parallel extraction: ordered results, and a crashing worker costs only its own item."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import pipeline, workers
from site_builder.core.config import SiteConfig
from tests.conftest import SMALL_HTML, make_archive


def _square_or_die(number: int) -> int:
    if number == 13:
        os._exit(1)  # a hard crash, as a fault in a C library would be
    return number * number


def _crashed(number: int) -> int:
    return -1


def test_results_come_back_in_order_from_many_processes() -> None:
    items = list(range(40))
    results = list(workers.run_ordered(_square_or_die, items[:13], jobs=2, crashed=_crashed))
    assert results == [n * n for n in range(13)]


def test_a_crashing_item_fails_alone() -> None:
    items = list(range(20))
    results = list(workers.run_ordered(_square_or_die, items, jobs=2, crashed=_crashed))
    assert results == [-1 if n == 13 else n * n for n in items]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _many_pages(root: Path) -> SiteConfig:
    pages = {
        f"story {n:02d}.html": SMALL_HTML.replace(
            "Quiet harbour reopens after storm", f"Quiet harbour {n} reopens after storm"
        ).replace("2021-03-04T09:30:00Z", f"2021-03-{n % 28 + 1:02d}T09:30:00Z")
        for n in range(12)
    }
    pages["same title a.html"] = SMALL_HTML
    pages["same title b.html"] = SMALL_HTML + "<!-- another save of the same page -->"
    return make_archive(root, pages=pages)


def test_parallel_and_serial_builds_write_the_same_articles(tmp_path: Path) -> None:
    serial = _many_pages(tmp_path / "serial")
    parallel = _many_pages(tmp_path / "parallel")
    one = pipeline.build(serial, jobs=1)
    two = pipeline.build(parallel, jobs=2)
    assert one.failed == two.failed == ()
    assert one.new == two.new
    assert _tree(serial.articles_dir) == _tree(parallel.articles_dir)


def test_the_cpus_are_shared_in_two_halves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3, 0, 1, 2, 4})
    assert workers.cpu_halves() == (frozenset({2, 3, 4}), frozenset({0, 1}))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {5})
    assert workers.cpu_halves() == (frozenset({5}), frozenset({5}))
    monkeypatch.delattr(os, "sched_setaffinity")
    assert workers.cpu_halves() is None


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_a_pinned_background_thread_starts_processes_on_its_cpus_only() -> None:
    one_cpu = {min(os.sched_getaffinity(0))}
    before = os.sched_getaffinity(0)
    show = [sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"]
    with workers.background("pinned", cpus=one_cpu) as submit:
        seen = submit(subprocess.run, show, capture_output=True, text=True, check=True).result()
    assert seen.stdout.strip() == str(sorted(one_cpu))
    assert os.sched_getaffinity(0) == before  # the rest of the process is not pinned


def test_a_thread_the_system_will_not_pin_still_runs_its_tasks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(pid: int, cpus: object) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "sched_setaffinity", refused)
    with workers.background("unpinnable", cpus={0}) as submit:
        assert submit(sum, [1, 2, 3]).result() == 6
