"""Search measurements on a built archive: Whoosh queries, Pagefind bundles and memory,
and the bytes a browser fetches for its first query."""

from __future__ import annotations

import contextlib
import json
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable

from site_builder import serve as preview
from site_builder.search import whoosh_index

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIME_V = Path("/usr/bin/time")
MIB = 1024 * 1024
RESULTS_TIMEOUT_MS = 120_000


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def whoosh_queries(words: list[str], tags: list[str], sites: list[str], seed: int) -> list[str]:
    """About 50 queries a reader might type: words, pairs, phrases, prefixes, filters."""
    rng = random.Random(seed)
    pool = [w for w in words[150:1500] if len(w) > 3]
    queries = [rng.choice(pool) for _ in range(25)]
    queries += [f"{rng.choice(pool)} {rng.choice(pool)}" for _ in range(10)]
    queries += [f'"{rng.choice(words[:300])} {rng.choice(words[:300])}"' for _ in range(5)]
    queries += [f"{rng.choice(pool)[:4]}*" for _ in range(3)]
    queries += [f'tag:"{rng.choice(tags)}" {rng.choice(pool)}' for _ in range(3)]
    queries += [f'site:"{rng.choice(sites)}" {rng.choice(pool)}' for _ in range(2)]
    queries += [f"{rng.choice(pool)}~" for _ in range(2)]
    return queries


def whoosh_latency(index_dir: Path, queries: list[str]) -> dict[str, float]:
    whoosh_index.search(index_dir, queries[0])  # warm the page cache once
    times = []
    for query in queries:
        start = time.perf_counter()
        whoosh_index.search(index_dir, query, limit=10)
        times.append(time.perf_counter() - start)
    return {
        "queries": len(times),
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": sorted(times)[int(len(times) * 0.9)] * 1000,
    }


def pagefind_bundles(site_dir: Path) -> dict[str, Any]:
    root = site_dir / "pagefind"
    manifest = json.loads((root / "bundles.json").read_text(encoding="utf-8"))
    years = [entry["path"] for entry in manifest["bundles"]]
    sizes = {year: du(root / year) for year in years}
    pages = Counter(
        p.name[:4] for p in (site_dir / "articles").glob("*.html") if p.name[:4].isdigit()
    )
    return {
        "bundles": len(years),
        "total_bytes": du(root),
        "largest_bundle_bytes": max(sizes.values(), default=0),
        "pages_per_year": dict(sorted(pages.items())),
    }


def pagefind_alone(site_dir: Path, year: str) -> dict[str, float] | None:
    """One year's Pagefind run under /usr/bin/time -v, into a scratch folder."""
    if not TIME_V.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="bench-pagefind-") as scratch:
        command = [
            str(TIME_V),
            "-v",
            str(get_executable()),
            "--site",
            str(site_dir),
            "--glob",
            f"articles/{year}-*.html",
            "--output-path",
            str(Path(scratch) / "bundle"),
            "--silent",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    seconds = 0.0
    if wall:
        hours, minutes, secs = wall.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    return {"peak_mb": int(peak.group(1)) / 1024 if peak else 0.0, "seconds": seconds}


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """The site as `site-builder serve` previews it, on a free port, in a thread."""
    server = preview.make_server(site_dir, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def first_query_bytes(site_dir: Path, word: str) -> dict[str, Any] | None:
    """Bytes of pagefind/ responses a fresh browser fetches until the first results show."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    finished: list[Any] = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_context().new_page()
            page.on("requestfinished", lambda request: finished.append(request))
            start = time.perf_counter()
            page.goto(f"{base}search.html?q={word}")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=RESULTS_TIMEOUT_MS)
            seconds = time.perf_counter() - start
            shown = list(finished)
            results = page.locator(".pagefind-ui__result").count()
            fetched = [r for r in shown if "/pagefind/" in r.url]
            sizes = [r.sizes() for r in fetched]
        finally:
            browser.close()
    body = sum(s["responseBodySize"] for s in sizes)
    headers = sum(s["responseHeadersSize"] for s in sizes)
    kinds: dict[str, list[int]] = {}
    for request, size in zip(fetched, sizes, strict=True):
        tally = kinds.setdefault(_kind(request.url), [0, 0])
        tally[0] += 1
        tally[1] += size["responseBodySize"] + size["responseHeadersSize"]
    return {
        "word": word,
        "requests": len(fetched),
        "bytes": body + headers,
        "body_bytes": body,
        "seconds": seconds,
        "results_shown": results,
        "by_kind": dict(sorted(kinds.items())),
    }


def _kind(url: str) -> str:
    name = url.rsplit("/", 1)[-1]
    if name.endswith(".pf_meta"):
        return "meta"
    for prefix in ("pagefind-ui", "pagefind-entry", "pagefind.js", "wasm", "pagefind-worker"):
        if name.startswith(prefix):
            return prefix
    match = re.search(r"/(fragment|index|filter|meta)/", url)
    if match:
        return match.group(1)
    return name.split(".")[0] or name
