"""CPU cost of the two Markdown stages, the working tree against a git revision, same output.

    .venv/bin/python bench/markdown_cost.py [--rev HEAD] [--pages 1000] [--devset 0 | --all-devset]
        [--rounds 3] [--cache FILE.pkl] [--check]

The stages are to_article (HTML fragment -> Markdown: markdownify, with our tidying and
escaping) and prepare (Markdown -> sanitised HTML and its text: Python-Markdown, nh3,
lxml). The revision's to_markdown and render modules (at their current paths or, at a
revision before the re-layout, their flat ones: bench/revision.py) are loaded from git
beside the working tree's, so both run in this one process on the same inputs; what else
they import (the records, the settings) is the tree's.

Inputs are the saved pages of the bench archive (SITE_BUILDER_BENCH_ARCHIVE, default
/tmp/site-builder-bench/archive-1000), plus with --devset N an equal share of N devset
pages (as bench/extract_cost.py picks them) or with --all-devset all of them, each
extracted once before timing; --cache keeps those extractions for the next run.

Timing is CPU time (time.process_time) per article, old and new interleaved page by page
(alternating which goes first), so both see the same machine load; each round runs every
page once, and the best round of each is reported with the ratio new/old.

--check instead asserts that the Article, the HTML and the text are byte-identical
between the two, on every input, and lists any page that differs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# extract_cost is a sibling script: bench/ is on the path. The rest needs the repo's.
from extract_cost import COLLECTIONS, DEVSET, sample  # noqa: E402
from revision import modules_at  # noqa: E402  # bench/ is on the path, as the script's folder
from site_builder import ingest, render  # noqa: E402
from site_builder.article import to_markdown  # noqa: E402
from site_builder.core.errors import SiteBuilderError  # noqa: E402
from site_builder.core.records import ExtractedPage, SavedPage  # noqa: E402
from site_builder.extract.extractor import extract  # noqa: E402
from site_builder.extract.guard import time_budget  # noqa: E402
from site_builder.extract.media import localize_images  # noqa: E402

ARCHIVE = Path(
    os.environ.get("SITE_BUILDER_BENCH_ARCHIVE", "/tmp/site-builder-bench/archive-1000")  # noqa: S108
)


@dataclass(frozen=True, slots=True)
class Stages:
    to_article: Callable[[ExtractedPage], Any]
    prepare: Callable[[Any], Any]


def old_stages(rev: str) -> Stages:
    """to_article and prepare as they are at rev, loaded from git under other names, with
    the modules of the article and render stages they import at rev."""
    converter, renderer = to_markdown.to_article.__module__, render.prepare.__module__

    def in_scope(name: str) -> bool:
        return name == converter or name.startswith("site_builder.render.")

    modules = modules_at(rev, (converter, renderer), in_scope)
    return Stages(to_article=modules[converter].to_article, prepare=modules[renderer].prepare)


def archive_pages(limit: int) -> list[SavedPage]:
    content = ARCHIVE / "content"
    pages: list[SavedPage] = []
    for path in sorted((content / "saved").iterdir())[:limit]:
        pages += ingest.read_saved_pages(path, content)
    return pages


def all_devset_pages() -> list[SavedPage]:
    """Every devset page, decoded: sample() with a share larger than any collection."""
    largest = max(len(list((DEVSET / name / "html").iterdir())) for name in COLLECTIONS)
    return sample(len(COLLECTIONS) * largest)


def extracted(pages: list[SavedPage]) -> list[ExtractedPage]:
    """What to_article receives in a build: the page extracted (and guarded), images localised."""
    result = []
    for page in pages:
        with contextlib.suppress(SiteBuilderError), time_budget(60, page.path):
            result.append(localize_images(extract(page), page))
    return result


def inputs(args: argparse.Namespace) -> list[ExtractedPage]:
    if args.cache and args.cache.exists():
        cached: list[ExtractedPage] = pickle.loads(args.cache.read_bytes())  # noqa: S301
        return cached
    devset = all_devset_pages() if args.all_devset else sample(args.devset) if args.devset else []
    pages = archive_pages(args.pages) + devset
    result = extracted(pages)
    if args.cache:
        args.cache.write_bytes(pickle.dumps(result))
    return result


def check(old: Stages, new: Stages, pages: list[ExtractedPage]) -> int:
    """Pages whose Article, HTML or text differ between old and new; prints each."""
    differences = 0
    for page in pages:
        old_article, new_article = old.to_article(page), new.to_article(page)
        old_rendered, new_rendered = old.prepare(old_article), new.prepare(old_article)
        if old_article != new_article or (old_rendered.html, old_rendered.text) != (
            new_rendered.html,
            new_rendered.text,
        ):
            differences += 1
            print(f"differs: {page.meta.source or page.meta.url}")
    return differences


def timed_round(old: Stages, new: Stages, pages: list[ExtractedPage]) -> dict[str, float]:
    """CPU seconds per stage for old and new over all pages, interleaved per page."""
    spent = dict.fromkeys(("old to_article", "new to_article", "old prepare", "new prepare"), 0.0)
    for number, page in enumerate(pages):
        order = (("old", old), ("new", new)) if number % 2 else (("new", new), ("old", old))
        for label, stages in order:
            start = time.process_time()
            article = stages.to_article(page)
            middle = time.process_time()
            stages.prepare(article)
            spent[f"{label} to_article"] += middle - start
            spent[f"{label} prepare"] += time.process_time() - middle
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rev", default="HEAD", help="git revision to compare against")
    parser.add_argument("--pages", type=int, default=1000, help="bench archive pages")
    parser.add_argument("--devset", type=int, default=0, help="devset pages besides")
    parser.add_argument("--all-devset", action="store_true", help="every devset page besides")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="pickle of the extracted inputs")
    parser.add_argument("--check", action="store_true", help="compare outputs, don't time")
    args = parser.parse_args()
    pages = inputs(args)
    old = old_stages(args.rev)
    new = Stages(to_article=to_markdown.to_article, prepare=render.prepare)
    if args.check:
        differences = check(old, new, pages)
        print(f"pages compared: {len(pages)}, differences: {differences}")
        sys.exit(1 if differences else 0)
    timed_round(old, new, pages[:20])  # warm up imports and caches
    rounds = [timed_round(old, new, pages) for _ in range(args.rounds)]
    best = {key: min(r[key] for r in rounds) / len(pages) * 1000 for key in rounds[0]}
    print(f"pages: {len(pages)}, rounds: {args.rounds} (best of each shown), against {args.rev}")
    for stage in ("to_article", "prepare"):
        old_ms, new_ms = best[f"old {stage}"], best[f"new {stage}"]
        ratio = new_ms / old_ms
        print(f"{stage:<11} old {old_ms:6.2f} ms  new {new_ms:6.2f} ms  new/old {ratio:.2f}")


if __name__ == "__main__":
    main()
