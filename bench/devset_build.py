"""The full build of the devset's real pages against both engines alone, one after the other.

    .venv/bin/python bench/devset_build.py [--jobs 2] [--workdir DIR] [--pages N]

Generated pages cost the engines less than real ones, which flatters every other stage;
this times the build on the 2,573 real pages of ../shared/devset. It writes them, decoded
from their .gz, as saved pages of a fresh archive, then, in order:
1. both engines alone, one after the other, in this one process: readability-lxml's
   `Document(html).summary(html_partial=True)` on every page, then trafilatura through
   our adapter on every page (bench/extract_cost.py's functions), wall time;
2. the full build of a fresh copy of the archive with --jobs processes
   (bench/scenario.py, a child);
3. both engines alone again: each build is compared with the mean of the engines' runs
   just before and just after it, as this shared machine's speed drifts within minutes.
Steps 2 and 3 are repeated --rounds times (2 unless told): one round's ratio has varied
by 0.1 from run to run of the same code, more than the issue's margin, so every round's
ratio is printed, with their mean.
Prints one JSON line: the times, the ratios build / both engines, and the last build's
stages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import extract_cost

BENCH_DIR = Path(__file__).resolve().parent
DEVSET = Path(os.environ.get("SITE_BUILDER_DEVSET", "/work/shared/devset"))


def write_archive(root: Path, pages: int | None) -> list[Path]:
    """Every devset page (or the first `pages` of each collection) as a saved page."""
    saved = root / "content" / "saved"
    written = []
    for collection in extract_cost.COLLECTIONS:
        folder = saved / collection
        folder.mkdir(parents=True)
        zipped = sorted((DEVSET / collection / "html").glob("*.html.gz"))
        for source in zipped[:pages]:
            target = folder / source.name.removesuffix(".gz")
            target.write_bytes(gzip.decompress(source.read_bytes()))
            written.append(target)
    (root / "site.toml").write_text('title = "Devset archive"\n', encoding="utf-8")
    return written


def engines_alone(saved: list[Path]) -> dict[str, float]:
    """Wall seconds of readability alone on every page, then trafilatura alone on every
    page, in this process; decoding the pages is not timed."""
    pages = [extract_cost.saved_page(path, path.parent.name) for path in saved]
    spent = {}
    for name, run in (
        ("readability", extract_cost.readability_alone),
        ("trafilatura", extract_cost.trafilatura_alone),
    ):
        start = time.perf_counter()
        for page in pages:
            run(page)
        spent[name] = time.perf_counter() - start
    return spent


def full_build(root: Path, jobs: int) -> dict[str, object]:
    command = [sys.executable, str(BENCH_DIR / "scenario.py"), str(root), "--jobs", str(jobs)]
    finished = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pages", type=int, default=None, help="per collection (a quick look)")
    parser.add_argument("--rounds", type=int, default=2, help="builds, each between engine runs")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    root = args.workdir / "site-builder-devset-archive"
    shutil.rmtree(root, ignore_errors=True)
    saved = write_archive(root, args.pages)
    engines = [engines_alone(saved)]
    builds: list[dict[str, object]] = []
    for _ in range(args.rounds):
        shutil.rmtree(root, ignore_errors=True)
        write_archive(root, args.pages)  # a fresh archive: no cache from the last build
        builds.append(full_build(root, args.jobs))
        engines.append(engines_alone(saved))
    both = [sum(run.values()) for run in engines]
    walls = [float(build["wall"]) for build in builds]  # type: ignore[arg-type]
    ratios = [wall / ((both[n] + both[n + 1]) / 2) for n, wall in enumerate(walls)]
    readability = sum(run["readability"] for run in engines) / len(engines)
    last = builds[-1]
    print(
        json.dumps(
            {
                "pages": len(saved),
                "jobs": args.jobs,
                "engines_alone": engines,
                "both_engines": both,
                "build_walls": walls,
                "build_over_both_engines": ratios,
                "build_over_both_engines_mean": sum(ratios) / len(ratios),
                "build_over_readability": sum(walls) / len(walls) / readability,
                "timings": last["timings"],
                # CPU seconds: the build's own process, and its extraction workers.
                "cpu_self": last["cpu_self"],
                "cpu_children": last["cpu_children"],
                "stage_cpu": last.get("stage_cpu"),
                "new": last["new"],
                "failed_count": last["failed_count"],
            }
        )
    )


if __name__ == "__main__":
    main()
