"""Parallel extraction: ordered results, and a crashing worker costs only its own item."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from site_builder.build import pipeline, workers
from site_builder.core.config import SiteConfig
from site_builder.search import whoosh_index
from tests.conftest import SMALL_HTML, file_digests, make_archive


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


def _build_and_send(config: SiteConfig, sender: Any) -> None:
    try:
        report = pipeline.build(config, jobs=2)
        sender.send(("ok", (len(report.new), report.failed)))
    except BaseException as error:  # noqa: BLE001  # the test reports whatever it was
        sender.send(("raised", repr(error)))


def test_a_build_in_a_daemonic_process_runs_in_that_one_process(tmp_path: Path) -> None:
    # multiprocessing forbids a daemonic process children: no workers, Whoosh in place.
    config = _many_pages(tmp_path)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_build_and_send, args=(config, sender), daemon=True)
    process.start()
    try:
        assert receiver.poll(120), "the build did not finish"
        assert receiver.recv() == ("ok", (16, ()))
    finally:
        process.kill()
        process.join()
    assert whoosh_index.search(config.whoosh_dir, "harbour", limit=20)


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


# A page this long takes a worker a good part of a second, so a build of a dozen is
# still converting when the test stops it.
_SLOW_BODY = "".join(
    f"<p>Paragraph {n} of the harbour story, with <a href='/x{n}'>a link</a> in it.</p>"
    for n in range(2000)
)


def _add_slow_pages(config: SiteConfig) -> None:
    for n in range(12):
        page = SMALL_HTML.replace("Quiet harbour reopens", f"Quiet harbour {n} reopens")
        page = page.replace("</article>", f"{_SLOW_BODY}</article>")
        (config.saved_dir / f"long story {n:02d}.html").write_text(page, encoding="utf-8")


def _process_group(leader: int) -> list[int]:
    """The live processes of a process group (zombies waiting to be reaped are gone)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = stat[0], int(stat[2])
        if group == leader and state != "Z":
            members.append(int(entry.name))
    return members


def _wait_for(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_build_stopped_mid_convert_leaves_no_process_behind(
    tmp_path: Path, how: signal.Signals
) -> None:
    config = make_archive(tmp_path)
    pipeline.build(config)
    published = file_digests(config.site_dir)
    _add_slow_pages(config)
    command = [sys.executable, "-m", "site_builder", "build", "--jobs", "2"]
    build = subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the build and its workers
    )
    try:
        # The build, its search index's process and its two workers.
        assert _wait_for(lambda: len(_process_group(build.pid)) == 4, 30), "no workers"
        build.send_signal(how)
        assert _wait_for(lambda: not _process_group(build.pid), 5), _process_group(build.pid)
        _, errors = build.communicate(timeout=5)  # the workers hold no pipe open
    finally:
        for pid in _process_group(build.pid):
            os.kill(pid, signal.SIGKILL)
        build.wait()
    assert file_digests(config.site_dir) == published
    if how != signal.SIGKILL:  # Ctrl-C, and SIGTERM as Ctrl-C: one line, 128 + the signal
        assert build.returncode == 128 + how
        name = "SIGTERM" if how == signal.SIGTERM else "Ctrl-C"
        assert errors.decode().strip().splitlines()[-1] == (
            f"Error: build stopped by {name}, the previous site is intact"
        )
