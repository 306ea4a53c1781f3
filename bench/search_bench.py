"""Search measurements on a built archive: Whoosh queries, the browser index's size, and
the requests and bytes a browser fetches for its first query."""

from __future__ import annotations

import contextlib
import json
import random
import re
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_builder import serve as preview
from site_builder.search import whoosh_index

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
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


def browser_index(site_dir: Path) -> dict[str, Any]:
    """The browser search's files: their size, count and shards."""
    root = site_dir / "search"
    manifest = json.loads((root / "index.json").read_text(encoding="utf-8"))
    return {
        "bytes": du(root),
        "files": sum(1 for path in root.rglob("*") if path.is_file()),
        "posting_shards": manifest["postingShards"],
        "word_shards": manifest["wordShards"],
        "documents": manifest["documents"],
    }


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
    """Requests and bytes of the search's own files (search/ and search.js) a fresh browser
    fetches until the first page of results shows."""
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
            page.wait_for_selector("#search-results li .excerpt", timeout=RESULTS_TIMEOUT_MS)
            page.wait_for_load_state("networkidle")
            seconds = time.perf_counter() - start
            shown = list(finished)
            results = page.locator("#search-results li").count()
            fetched = [r for r in shown if "/search/" in r.url or r.url.endswith("/search.js")]
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
    """search.js, index.json, a result card (docs), or the kind of shard: w, p or t."""
    if "/search/docs/" in url:
        return "docs"
    match = re.search(r"/search/[0-9a-f]+/(\w)/", url)
    return match.group(1) if match else url.rsplit("/", 1)[-1]
