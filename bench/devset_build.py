"""The full build of the devset's real pages against both engines alone, one after the other.

    .venv/bin/python bench/devset_build.py [--jobs 2] [--workdir DIR] [--pages N]

Generated pages cost the engines less than real ones, which flatters every other stage;
this times the build on the 2,573 real pages of ../shared/devset. It writes them, decoded
from their .gz, as saved pages of a fresh archive, then, in order:
1. both engines alone, one after the other, in this one process: readability-lxml's
   `Document(html).summary(html_partial=True)` on every page, then trafilatura through
   our adapter on every page (bench/extract_cost.py's functions), wall time;
2. the full build of the archive with --jobs processes (bench/scenario.py, a child);
3. both engines alone again: the build is compared with the mean of 1 and 3, as this
   shared machine's speed drifts within minutes.
Prints one JSON line: the times, the ratio build / both engines, and the build's stages.
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
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    root = args.workdir / "site-builder-devset-archive"
    shutil.rmtree(root, ignore_errors=True)
    saved = write_archive(root, args.pages)
    before = engines_alone(saved)
    build = full_build(root, args.jobs)
    after = engines_alone(saved)
    both = (sum(before.values()) + sum(after.values())) / 2
    wall = float(build["wall"])  # type: ignore[arg-type]
    print(
        json.dumps(
            {
                "pages": len(saved),
                "jobs": args.jobs,
                "engines_alone": {"before": before, "after": after, "mean_both": both},
                "build_wall": wall,
                "build_over_both_engines": wall / both,
                "build_over_readability": wall
                / ((before["readability"] + after["readability"]) / 2),
                "timings": build["timings"],
                # CPU seconds: the build's own process, and its extraction workers.
                "cpu_self": build["cpu_self"],
                "cpu_children": build["cpu_children"],
                "stage_cpu": build.get("stage_cpu"),
                "new": build["new"],
                "failed_count": build["failed_count"],
            }
        )
    )


if __name__ == "__main__":
    main()
