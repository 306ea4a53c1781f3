"""CPU cost of indexing one article with Whoosh: this tree's search_index against a baseline.

    .venv/bin/python bench/whoosh_cost.py [--docs 2000] [--rounds 3] [--baseline REV]
                                          [--profile FILE.prof]

Builds --docs articles of about 860 words (the archive's median) from the devset's
ground-truth texts, in id order, joining whole paragraphs until an article is long enough,
with a title, a site, tags and dates, as the pipeline would give them. Then, in this one
process, calls `rebuild_index` of the working tree and of `search_index.py` as it was at
--baseline (a git revision, HEAD by default) into fresh temporary folders, alternating
the two so both see the same machine load, and reports CPU time (time.process_time) per
document, the best round of each, and the ratio. The commit is included: it is part of
what a build pays for.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_builder import search_index  # noqa: E402  # needs the repo on the path
from site_builder.models import IndexDocument  # noqa: E402

DEVSET = Path(os.environ.get("SITE_BUILDER_DEVSET", "/work/shared/devset"))
COLLECTIONS = ("dragnet", "cleaneval", "wcxb_test")
ARTICLE_WORDS = 860
SITES = ("Reuters", "The Guardian", "Business Standard", "BBC News", None)
TAGS = ("belarus", "politics", "economy", "science", "sport", "culture")

Rebuild = Callable[[Path, Iterable[IndexDocument]], int]


def articles(count: int) -> list[IndexDocument]:
    """count articles of about ARTICLE_WORDS words, made of whole devset paragraphs."""
    paragraphs = [
        paragraph
        for collection in COLLECTIONS
        for path in sorted((DEVSET / collection / "gt").glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n")
        if paragraph.strip()
    ]
    made: list[IndexDocument] = []
    parts: list[str] = []
    words = 0
    for paragraph in paragraphs:
        parts.append(paragraph)
        words += len(paragraph.split())
        if words < ARTICLE_WORDS:
            continue
        number = len(made)
        body = "\n\n".join(parts)
        made.append(
            IndexDocument(
                path=f"articles/{number:05d}.html",
                title=" ".join(body.split()[:8]),
                body=body,
                site_name=SITES[number % len(SITES)],
                tags=(TAGS[number % len(TAGS)], TAGS[number * 7 % len(TAGS)]),
                language="en",
                published=f"{2015 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                saved="2024-05-01T12:00:00+00:00",
                url=f"https://example.org/{number}",
                fingerprint=f"{number:064x}",
            )
        )
        parts, words = [], 0
        if len(made) == count:
            return made
    raise SystemExit(f"the devset holds only {len(made)} articles of {ARTICLE_WORDS} words")


def baseline_module(revision: str) -> ModuleType:
    """search_index.py as it was at revision, imported under another name."""
    source = subprocess.run(
        ["git", "show", f"{revision}:site_builder/search_index.py"],  # noqa: S607
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="whoosh_cost_"))
    path = folder / "baseline_search_index.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("baseline_search_index", path)
    assert spec is not None and spec.loader is not None  # noqa: S101  # a file we just wrote
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pickled schemas name their module
    spec.loader.exec_module(module)
    return module


def cpu_seconds(rebuild: Rebuild, documents: list[IndexDocument]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.process_time()
        rebuild(Path(folder), documents)
        return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare against")
    parser.add_argument("--profile", type=Path, help="save a cProfile of one rebuild of ours")
    args = parser.parse_args()
    documents = articles(args.docs)
    words = sum(len(document.body.split()) for document in documents) / len(documents)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(cpu_seconds, search_index.rebuild_index, documents)
        profiler.dump_stats(str(args.profile))
        return
    baseline = baseline_module(args.baseline)
    ours_spent: list[float] = []
    baseline_spent: list[float] = []
    for rebuild in (baseline.rebuild_index, search_index.rebuild_index):
        cpu_seconds(rebuild, documents[:20])  # warm up imports and caches
    for _ in range(args.rounds):
        baseline_spent.append(cpu_seconds(baseline.rebuild_index, documents))
        ours_spent.append(cpu_seconds(search_index.rebuild_index, documents))
    best_baseline = min(baseline_spent) / len(documents) * 1000
    best_ours = min(ours_spent) / len(documents) * 1000
    print(f"documents: {len(documents)} of {words:.0f} words on average, rounds: {args.rounds}")
    print(f"baseline ({args.baseline}): {best_baseline:6.2f} ms/doc")
    print(f"this tree:       {best_ours:6.2f} ms/doc")
    print(f"ratio:           {best_ours / best_baseline:6.2f}x")


if __name__ == "__main__":
    main()
