"""Benchmark the build on synthetic archives: `make bench`, or

    .venv/bin/python bench/bench.py [--sizes 1000,10000] [--jobs N] [--out bench/results.md]

For each size it generates (once, then reuses) an archive of saved pages, then times a
full build, a no-op rebuild, one page added and one article edited, each in a fresh
child process (bench/scenario.py), with the floor (readability-lxml alone, serially,
bench/floor.py) timed just before the full build and just after the rebuilds; then
Pelican on the same Markdown when it is installed (`make bench-deps`), and the search
indexes. Results are merged by size into a JSON file beside --out, and the Markdown
tables are written to --out and printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus
import pelican_compare
import search_bench
from process_tree import PeakTreeRss
from report import render_markdown, with_notes

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
MIB = 1024 * 1024
# A common content word of the generated text (rank ~230 of the Zipf law).
BROWSER_QUERY = "harbour"
EDIT_TEXT = "\n\nThe benchmark added this paragraph to see how fast an edit is rebuilt.\n"
# Real pages the floor also times readability on, to check the generated pages against.
DEVSET_PAGES = 400
# Above this many pages the floor times a sample of them, scaled to all (at 100,000 pages
# timing every one twice would take longer than the build), and Pelican is not run.
FLOOR_SAMPLE_PAGES = 10_000
PELICAN_MAX_PAGES = 20_000
TRASH = ".trash"  # earlier runs' outputs, in the work folder until the run is over


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated page counts")
    parser.add_argument("--jobs", type=int, default=None, help="extraction processes")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.md")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "site-builder-bench",
        help="where the archives are generated and kept between runs",
    )
    parser.add_argument("--no-browser", action="store_true", help="skip bytes per first query")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    results_file = args.out.with_suffix(".json")
    results: dict[str, Any] = {}
    if results_file.exists():
        results = json.loads(results_file.read_text(encoding="utf-8"))
    for size in sizes:
        results[str(size)] = bench_size(size, args)
        results_file.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
        markdown = with_notes(render_markdown(results), args.out)
        args.out.write_text(markdown, encoding="utf-8")
    print(render_markdown(results))
    log("removing the outputs of earlier runs, now that nothing is being timed")
    shutil.rmtree(args.workdir / TRASH, ignore_errors=True)


def set_aside(path: Path, workdir: Path) -> None:
    """Move an earlier run's output out of the way; it is deleted once the run is over.

    Deleting it before timing a build made each file the build creates cost 0.2-0.5 ms of
    kernel CPU on this host: ext4 without a journal skips, one by one, inodes freed in the
    last one to six minutes (`recently_deleted` in perf; 5.6 s of our main process's CPU
    writing 10,000 articles 45 s after deleting the last ones, 1.8 s after moving them).
    """
    if path.exists():
        trash = workdir / TRASH / str(time.time_ns())
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / path.name)


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {
        "code": code_version(),
        "nproc": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "cpu": model,
        "memory_gb": round(memory, 1),
        "date": dt.date.today().isoformat(),
    }


def code_version() -> str:
    """The commit measured, and whether site_builder/ had changes not yet committed."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607  # git from PATH, fixed args
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "diff", "--quiet", "HEAD", "--", "site_builder"],  # noqa: S607
            cwd=REPO,
            check=False,
        ).returncode
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}{' with uncommitted changes' if dirty else ''}"


def log(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    archive = args.workdir / f"archive-{size}"
    saved = archive / "content" / "saved"
    ensure_corpus(archive, size)
    added_dir = saved / "added"
    shutil.rmtree(added_dir, ignore_errors=True)
    for name in ("output", "content/articles", "content/media"):
        set_aside(archive / name, args.workdir)
    result: dict[str, Any] = {"pages": size, "machine": machine(), "jobs": args.jobs}

    # The floor is timed just before the full build and just after it and the rebuilds
    # that follow (about a minute at 10,000 pages), and the build is compared with their
    # mean: this machine's speed drifts by a fifth within an hour (a shared host), and a
    # floor timed minutes away from the build skewed the ratio.
    log("floor, before the full build: readability alone and lxml alone, serially")
    floor_before = run_floor(saved, devset_pages=DEVSET_PAGES)
    log(f"{size} pages: full build")
    full = run_scenario(archive, args.jobs, "full")
    result["full"] = full
    site_files = [path for path in (archive / "output" / "site").rglob("*") if path.is_file()]
    result["site"] = {
        "bytes": sum(path.stat().st_size for path in site_files),
        "files": len(site_files),
    }
    if full["failed_count"] or full["new"] != size:
        log(f"warning: {full['new']} new, {full['failed_count']} failed: {full['failed'][:3]}")

    log("search: Whoosh size and queries, the browser index")
    site_dir = archive / "output" / "site"
    words = corpus.vocabulary()
    queries = search_bench.whoosh_queries(
        list(words.words), list(corpus.TAGS), [name for name, _ in corpus.SITES], corpus.SEED
    )
    result["search"] = {
        "whoosh_bytes": search_bench.du(archive / "output" / "whoosh"),
        "whoosh": search_bench.whoosh_latency(archive / "output" / "whoosh", queries),
        "browser_index": search_bench.browser_index(site_dir),
    }
    if not args.no_browser:
        log("search: bytes per first query in Chromium")
        result["search"]["first_query"] = search_bench.first_query_bytes(site_dir, BROWSER_QUERY)

    pelican_dir = args.workdir / f"pelican-{size}"
    if pelican_compare.available() and size <= PELICAN_MAX_PAGES:
        set_aside(pelican_dir, args.workdir)
        pelican_compare.prepare(archive / "content" / "articles", pelican_dir)

    log("no-op rebuild")
    result["noop"] = run_scenario(archive, args.jobs, "noop")

    log("one page added")
    added_dir.mkdir()
    page = corpus.make_page(
        10_000_000 + size, words, published=dt.datetime(2024, 12, 20, 9, 30)
    )  # newest year: where new saves land
    (added_dir / page.name).write_text(page.html, encoding="utf-8")
    result["added"] = run_scenario(archive, args.jobs, "added")

    log("one article edited")
    articles = sorted((archive / "content" / "articles").glob("*.md"))
    target = articles[len(articles) // 2]
    with target.open("a", encoding="utf-8") as handle:
        handle.write(EDIT_TEXT)
    result["edited"] = run_scenario(archive, args.jobs, "edited")
    result["edited"]["file"] = target.name
    shutil.rmtree(added_dir, ignore_errors=True)

    # After the rebuilds, not between them and the full build: minutes after a build,
    # this system had already reclaimed the cached output (its DAMON-based reclaim), and
    # a no-op rebuild then waited on the disk for 10 s (18 s against 5).
    log("floor, after the full build and the rebuilds")
    result["floor"] = mean_floor(floor_before, run_floor(saved, devset_pages=0))

    if pelican_compare.available() and size <= PELICAN_MAX_PAGES:
        log("Pelican on the same Markdown")
        result["pelican"] = pelican_compare.run(pelican_dir)
        result["pelican"]["articles"] = size
    else:
        result["pelican"] = None
    return result


def run_floor(saved: Path, *, devset_pages: int) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    command = [sys.executable, str(BENCH_DIR / "floor.py"), str(saved)]
    command += ["--sample", str(FLOOR_SAMPLE_PAGES)]
    floor = run_json([*command, "--devset", str(devset_pages)] if devset_pages else command)
    floor["load_average"] = [load_before, os.getloadavg()[0]]
    return floor


def mean_floor(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The two timings of the floor as one: their means, with each run kept."""
    mean = dict(before)
    for key in ("lxml", "lxml_cpu", "readability", "readability_cpu"):
        mean[key] = (before[key] + after[key]) / 2
    mean["runs"] = [before, after]
    return mean


def ensure_corpus(archive: Path, size: int) -> None:
    saved = archive / "content" / "saved"
    marker = archive / ".corpus"
    stamp = f"{corpus.GENERATOR_VERSION}:{corpus.SEED}:{size}"
    if marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return
    log(f"generating {size} saved pages in {saved}")
    shutil.rmtree(archive, ignore_errors=True)
    corpus.generate(saved, size)
    (archive / "site.toml").write_text('title = "Benchmark archive"\n', encoding="utf-8")
    marker.write_text(stamp, encoding="utf-8")


def run_scenario(archive: Path, jobs: int | None, name: str) -> dict[str, Any]:
    command = [
        sys.executable,
        str(BENCH_DIR / "scenario.py"),
        str(archive),
    ]
    if jobs:
        command += ["--jobs", str(jobs)]
    load_before = os.getloadavg()[0]
    host_before = host_cpu_ticks()
    result = run_json(command, measure_tree=True)
    result["load_average"] = [load_before, os.getloadavg()[0]]
    result["host_cpu"] = host_cpu_spent(host_before, host_cpu_ticks())
    stages = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in result["timings"].items())
    log(f"  {name}: {result['wall']:.2f} s wall ({stages})")
    return result


# /proc/stat's first eight counters for all cores, in clock ticks.
HOST_CPU_FIELDS = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")


def host_cpu_ticks() -> list[int]:
    """The whole machine's CPU counters now ([] where there is no /proc/stat)."""
    try:
        with Path("/proc/stat").open(encoding="ascii") as stat:
            fields = stat.readline().split()[1 : 1 + len(HOST_CPU_FIELDS)]
    except OSError:
        return []
    return [int(field) for field in fields]


def host_cpu_spent(before: list[int], after: list[int]) -> dict[str, float]:
    """Core-seconds the whole machine spent between two readings: busy, idle, waiting on
    the disk (iowait, also idle to the build) and taken by the host (steal).

    A build slower than its CPU time explains shows here as idle, iowait or steal.
    """
    if len(before) != len(HOST_CPU_FIELDS) or len(after) != len(HOST_CPU_FIELDS):
        return {}
    ticks = os.sysconf("SC_CLK_TCK")
    spent = dict(
        zip(
            HOST_CPU_FIELDS,
            ((b - a) / ticks for a, b in zip(before, after, strict=True)),
            strict=True,
        )
    )
    busy = sum(spent[name] for name in ("user", "nice", "system", "irq", "softirq"))
    return {"busy": busy, "idle": spent["idle"], "iowait": spent["iowait"], "steal": spent["steal"]}


def run_json(command: list[str], *, measure_tree: bool = False) -> dict[str, Any]:
    """Run a script that prints its results as a JSON line; with measure_tree, also the
    peak memory of the script and all its children together (rss_all_peak_mb)."""
    with (
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO
        ) as child,
        PeakTreeRss(child.pid) as memory,
    ):
        stdout, stderr = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    if measure_tree:
        result["rss_all_peak_mb"] = memory.peak_mb
    return result


if __name__ == "__main__":
    main()
