"""Run one build in this fresh process and print its measurements as one JSON line.

Run by bench.py as a child, so that RUSAGE_SELF's peak is this build's alone and
RUSAGE_CHILDREN holds its extraction workers and Pagefind runs. Each Pagefind run also
goes through a small wrapper process that records that run's own peak memory, so the
peak of each year bundle is known apart from the workers'.

    python bench/scenario.py ARCHIVE_ROOT [--jobs N] [--pagefind-log FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from site_builder.build import pipeline, progress
from site_builder.core.config import load_config
from site_builder.search import pagefind

KIB = 1024
MIB = 1024 * 1024

_WRAPPER = """#!{python}
import json, os, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call([{real!r}, *sys.argv[1:]])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
glob = sys.argv[sys.argv.index("--glob") + 1] if "--glob" in sys.argv else ""
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps({{"glob": glob, "seconds": time.perf_counter() - start,
                           "max_rss_kib": usage.ru_maxrss,
                           "cpu": usage.ru_utime + usage.ru_stime}}) + "\\n")
sys.exit(code)
"""


def measure_pagefind_runs(log: Path) -> bool:
    """Route this process's Pagefind runs through a wrapper that logs each run's peak RSS."""
    get_executable = getattr(pagefind, "get_executable", None)
    if get_executable is None:
        return False  # the adapter changed; the children's peak below still covers Pagefind
    real = str(get_executable())
    wrapper = log.with_suffix(".pagefind-wrapper")
    wrapper.write_text(
        _WRAPPER.format(python=sys.executable, real=real, log=str(log)), encoding="utf-8"
    )
    wrapper.chmod(0o755)
    pagefind.get_executable = lambda: wrapper  # type: ignore[attr-defined]
    return True


def record_stage_cpu(cpu: dict[str, float]) -> None:
    """Add each stage's CPU seconds (ours and ended children's) to cpu, beside its wall time.

    Wall times mislead on a busy machine; CPU seconds do not. This wraps the build
    loop's private timer, so if that changes the stage CPU is simply not reported.
    """
    tally = getattr(progress, "StageClock", None)
    original = getattr(tally, "timed", None)
    if tally is None or original is None:
        return

    @contextlib.contextmanager
    def timed(self: object, stage: str) -> Iterator[None]:
        start = _cpu_now()
        try:
            with original(self, stage):
                yield
        finally:
            cpu[stage] = cpu.get(stage, 0.0) + _cpu_now() - start

    tally.timed = timed


def _cpu_now() -> float:
    return _cpu(resource.getrusage(resource.RUSAGE_SELF)) + _cpu(
        resource.getrusage(resource.RUSAGE_CHILDREN)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--pagefind-log", type=Path, default=None)
    args = parser.parse_args()

    config = load_config(args.root / "site.toml")
    if args.pagefind_log is not None:
        args.pagefind_log.unlink(missing_ok=True)
        measure_pagefind_runs(args.pagefind_log)
    stage_cpu: dict[str, float] = {}
    record_stage_cpu(stage_cpu)
    before_self = resource.getrusage(resource.RUSAGE_SELF)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    report = pipeline.build(config, jobs=args.jobs)
    wall = time.perf_counter() - start
    after_self = resource.getrusage(resource.RUSAGE_SELF)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)

    runs = []
    if args.pagefind_log is not None and args.pagefind_log.exists():
        lines = args.pagefind_log.read_text(encoding="utf-8").splitlines()
        runs = [json.loads(line) for line in lines]
    result = {
        "wall": wall,
        "cpu_self": _cpu(after_self) - _cpu(before_self),
        "cpu_children": _cpu(after_children) - _cpu(before_children),
        # ru_maxrss is in KiB on Linux: the high-water mark of this process, and of the
        # largest single child (worker or Pagefind) that has ended.
        "rss_self_mb": after_self.ru_maxrss * KIB / MIB,
        "rss_children_mb": after_children.ru_maxrss * KIB / MIB,
        "pagefind_runs": runs,
        "timings": dict(report.timings),
        "stage_cpu": stage_cpu,
        "new": len(report.new),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "kept_edited": len(report.kept_edited),
        "failed": [list(item) for item in report.failed[:5]],
        "failed_count": len(report.failed),
        "articles": report.articles,
        "pages_rendered": report.pages_rendered,
        "pid": os.getpid(),
    }
    print(json.dumps(result))


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
