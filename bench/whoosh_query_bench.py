"""Whoosh query time on a built index: this tree's whoosh_index against a baseline.

    .venv/bin/python bench/whoosh_query_bench.py INDEX_DIR [--baseline REV] [--rounds 3]
                                                 [--processes 10]

INDEX_DIR is a built archive's output/whoosh (`make bench` leaves one per size). The
queries are `make bench`'s (search_bench.whoosh_queries). First it checks that both
adapters give the same hits (titles, paths, scores, snippets) for every query, by
relevance and by date, and exits 1 at the first difference. Then it reports median
wall times, alternating the two adapters so both see the same machine load:

- fresh call: `search()` once per query, as `make bench` times it;
- reused: one `SearchIndex` answering every query, as the preview server does;
- one process per query, as `site-builder search` runs: the time of the first search
  in a new process (interpreter start and imports not included), for --processes queries.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import corpus  # noqa: E402
import search_bench  # noqa: E402
from revision import modules_at  # noqa: E402
from site_builder.search import whoosh_index  # noqa: E402

Search = Callable[[str], Any]


def queries() -> list[str]:
    words = corpus.vocabulary()
    sites = [name for name, _ in corpus.SITES]
    return search_bench.whoosh_queries(list(words.words), list(corpus.TAGS), sites, corpus.SEED)


def baseline_module(revision: str) -> ModuleType:
    """The Whoosh adapter as it was at revision, with the search modules it imports."""
    adapter = whoosh_index.__name__
    return modules_at(revision, (adapter,), lambda name: name.startswith("site_builder.search."))[
        adapter
    ]


def first_difference(baseline: ModuleType, index_dir: Path, asked: list[str]) -> str | None:
    for sort in ("relevance", "date"):
        for query in asked:
            theirs = baseline.search(index_dir, query, limit=10, sort=sort)
            ours = whoosh_index.search(index_dir, query, limit=10, sort=sort)
            if theirs != ours:
                return f"{query!r} by {sort}:\n  {theirs}\n  {ours}"
    return None


def median_ms(search: Search, asked: list[str]) -> float:
    search(asked[0])  # the page cache, once
    times = []
    for query in asked:
        start = time.perf_counter()
        search(query)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def in_new_processes(code: str, index_dir: Path, asked: list[str], revision: str) -> float:
    times = []
    for query in asked:
        command = [sys.executable, __file__, str(index_dir), "--one", query, "--code", code]
        command += ["--baseline", revision]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        times.append(float(done.stdout))
    return statistics.median(times)


def one_query(index_dir: Path, query: str, code: str, revision: str) -> None:
    module = baseline_module(revision) if code == "baseline" else whoosh_index
    start = time.perf_counter()
    module.search(index_dir, query, limit=10)
    print((time.perf_counter() - start) * 1000)


def report(name: str, theirs: list[float], ours: list[float]) -> None:
    before, after = statistics.median(theirs), statistics.median(ours)
    print(
        f"{name:26s} baseline {before:7.1f} ms   tree {after:7.1f} ms   ratio {after / before:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare against")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=10, help="queries run one a process")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--code", choices=("baseline", "tree"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one_query(args.index_dir, args.one, args.code, args.baseline)
        return
    baseline, asked = baseline_module(args.baseline), queries()
    difference = first_difference(baseline, args.index_dir, asked)
    if difference:
        raise SystemExit(f"the answers differ for {difference}")
    print(f"same answers for {len(asked)} queries, by relevance and by date")
    fresh: tuple[list[float], list[float]] = ([], [])
    reused: list[float] = []
    with whoosh_index.SearchIndex(args.index_dir) as opened:
        for _ in range(args.rounds):
            fresh[0].append(median_ms(lambda q: baseline.search(args.index_dir, q), asked))
            fresh[1].append(median_ms(lambda q: whoosh_index.search(args.index_dir, q), asked))
            reused.append(median_ms(opened.search, asked))
    report("fresh call (make bench)", *fresh)
    report("reused SearchIndex", fresh[0], reused)
    some = asked[: args.processes]
    alone = [
        in_new_processes(code, args.index_dir, some, args.baseline) for code in ("baseline", "tree")
    ]
    report("one process per query", [alone[0]], [alone[1]])


if __name__ == "__main__":
    main()
