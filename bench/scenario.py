"""Run one build in this fresh process and print its measurements as one JSON line.

Run by bench.py as a child, so that RUSAGE_SELF's peak is this build's alone and
RUSAGE_CHILDREN holds its extraction workers.

    python bench/scenario.py ARCHIVE_ROOT [--jobs N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path

from site_builder.build import pipeline, progress
from site_builder.core.config import load_config

KIB = 1024
MIB = 1024 * 1024


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
    args = parser.parse_args()

    config = load_config(args.root / "site.toml")
    stage_cpu: dict[str, float] = {}
    record_stage_cpu(stage_cpu)
    before_self = resource.getrusage(resource.RUSAGE_SELF)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    report = pipeline.build(config, jobs=args.jobs)
    wall = time.perf_counter() - start
    after_self = resource.getrusage(resource.RUSAGE_SELF)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)

    result = {
        "wall": wall,
        "cpu_self": _cpu(after_self) - _cpu(before_self),
        "cpu_children": _cpu(after_children) - _cpu(before_children),
        # ru_maxrss is in KiB on Linux: the high-water mark of this process, and of the
        # largest single child (an extraction worker) that has ended.
        "rss_self_mb": after_self.ru_maxrss * KIB / MIB,
        "rss_children_mb": after_children.ru_maxrss * KIB / MIB,
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
