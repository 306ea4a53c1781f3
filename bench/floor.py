"""The floor: readability-lxml alone, and lxml alone, over the saved pages, serially.

One process, one page after another, no writing: the least any build that runs
readability on every page must spend. Prints one JSON line.

    python bench/floor.py SAVED_DIR
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import random
import resource
import time
from pathlib import Path

from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

KIB = 1024
MIB = 1024 * 1024
DEVSET = Path(os.environ.get("SITE_BUILDER_DEVSET", "/work/shared/devset"))
DEVSET_DRAW_SEED = 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("saved_dir", type=Path)
    parser.add_argument("--devset", type=int, default=0, metavar="N")
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        metavar="N",
        help="time every k-th page, N in all, and scale the times to every page",
    )
    args = parser.parse_args()
    every = sorted(p for p in args.saved_dir.rglob("*.html") if p.is_file())
    step = max(1, len(every) // args.sample) if args.sample else 1
    paths = every[::step]
    scale = len(every) / max(len(paths), 1)
    texts = [p.read_bytes().decode("utf-8") for p in paths]

    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        lxml_html.fromstring(text)
    lxml_seconds, lxml_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        Document(text).summary(html_partial=True)
    readability_seconds = time.perf_counter() - start
    readability_cpu = time.process_time() - cpu

    devset = _devset_readability(args.devset) if args.devset else {}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                **devset,
                "pages": len(every),
                "pages_timed": len(texts),
                "bytes": round(sum(len(t.encode("utf-8")) for t in texts) * scale),
                "lxml": lxml_seconds * scale,
                "lxml_cpu": lxml_cpu * scale,
                "readability": readability_seconds * scale,
                "readability_cpu": readability_cpu * scale,
                "rss_mb": usage.ru_maxrss * KIB / MIB,
            }
        )
    )


def _devset_readability(count: int) -> dict[str, float]:
    """CPU ms a page of readability over `count` devset pages; {} without the devset."""
    # readability logs a traceback for each page it cannot read; the count says enough.
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)
    paths = sorted(DEVSET.glob("*/html/*.html.gz"))
    if not paths:
        return {}
    random.Random(DEVSET_DRAW_SEED).shuffle(paths)
    texts = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in paths[:count]]
    timed = 0
    cpu = time.process_time()
    for text in texts:
        try:
            Document(text).summary(html_partial=True)
        except Unparseable:
            continue  # a page readability cannot read is left out of the average
        timed += 1
    return {
        "devset_pages": timed,
        "devset_readability_cpu_ms": (time.process_time() - cpu) / max(timed, 1) * 1000,
    }


if __name__ == "__main__":
    main()
