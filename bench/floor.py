"""The floor: readability-lxml alone, and lxml alone, over the saved pages, serially.

One process, one page after another, no writing: the least any build that runs
readability on every page must spend. Prints one JSON line.

    python bench/floor.py SAVED_DIR
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from lxml import html as lxml_html
from readability import Document

KIB = 1024
MIB = 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("saved_dir", type=Path)
    args = parser.parse_args()
    paths = sorted(p for p in args.saved_dir.rglob("*.html") if p.is_file())
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

    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "pages": len(texts),
                "bytes": sum(len(t.encode("utf-8")) for t in texts),
                "lxml": lxml_seconds,
                "lxml_cpu": lxml_cpu,
                "readability": readability_seconds,
                "readability_cpu": readability_cpu,
                "rss_mb": usage.ru_maxrss * KIB / MIB,
            }
        )
    )


if __name__ == "__main__":
    main()
