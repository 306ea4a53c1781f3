"""Profile one full build of a generated archive with cProfile, in one process.

    .venv/bin/python bench/profile_build.py [--size 1000] [--top 40] [--out FILE.prof]

Extraction runs in this process too (jobs=1), so the profile covers every stage.
Generates the archive like bench.py if it is not there yet.
Prints the stage timings, the functions with the most cumulative and own time, and how
often the expensive per-article steps ran.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import tempfile
from pathlib import Path

from bench import ensure_corpus, log
from site_builder.build import pipeline
from site_builder.core.config import load_config

# Per-article steps worth counting: each should run once per article in a full build.
WATCHED = (
    "markdown_to_html",
    "sanitize_html",
    "html_to_text",
    "prepare",
    "load",
    "parse",
    "summary",
    "add_document",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None, help="also save the raw profile")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "site-builder-bench"
    )
    args = parser.parse_args()
    archive = args.workdir / f"archive-{args.size}"
    ensure_corpus(archive, args.size)
    shutil.rmtree(archive / "content" / "saved" / "added", ignore_errors=True)
    for name in ("output", "content/articles", "content/media"):
        shutil.rmtree(archive / name, ignore_errors=True)
    config = load_config(archive / "site.toml")

    log(f"profiling a full build of {args.size} pages, jobs=1")
    profiler = cProfile.Profile()
    report = profiler.runcall(pipeline.build, config, jobs=1)
    for stage, seconds in report.timings:
        print(f"{stage:>10} {seconds:8.2f} s")
    if args.out:
        profiler.dump_stats(str(args.out))
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    print(f"calls of per-article steps (articles: {report.articles})")
    for (filename, _, name), row in sorted(stats.stats.items()):  # type: ignore[attr-defined]
        if name in WATCHED and "site_builder" in filename:
            _, calls, own, cumulative, _ = row
            print(
                f"  {Path(filename).name}:{name}: {calls} calls, "
                f"{cumulative:.1f} s cumulative, {own:.1f} s own"
            )


if __name__ == "__main__":
    main()
