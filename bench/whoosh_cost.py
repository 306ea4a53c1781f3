"""CPU cost of indexing one article with Whoosh: this tree's whoosh_index against a baseline.

    .venv/bin/python bench/whoosh_cost.py [--docs 2000] [--rounds 3] [--baseline REV]
                                          [--via offer|rebuild] [--profile FILE.prof]
    .venv/bin/python bench/whoosh_cost.py --check ARCHIVE [--baseline REV]

Builds --docs articles of about 860 words (the archive's median) from the devset's
ground-truth texts, in id order, joining whole paragraphs until an article is long enough,
with a title, a site, tags and dates, as the pipeline would give them. Then, in this one
process, indexes them with the working tree's Whoosh adapter and with the adapter as it
was at --baseline (a git revision, HEAD by default) into fresh temporary folders,
alternating the two so both see the same machine load, and reports CPU time
(time.process_time) per document, the best round of each, and the ratio. --via offer
(the default) goes through `IndexUpdate.offer` and `finish`, as the build does; --via
rebuild calls `rebuild_index`, which only revisions before the re-layout have. The
commit is included: it is part of what a build pays for.

A cheaper tree is only worth having if it indexes the same thing. --check compares, field
by field, what the baseline's schema and this tree's give whoosh for the titles and
bodies of the devset articles and of ARCHIVE's content/articles (as the build renders
them): the postings (terms, frequencies, weights, encoded positions), and the tokens the
query parser and the highlighter ask for. It prints the first difference and exits 1.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from revision import modules_at  # noqa: E402  # bench/ is on the path, as the script's folder
from site_builder import render  # noqa: E402
from site_builder.article import store  # noqa: E402  # needs the repo on the path
from site_builder.core.records import IndexDocument  # noqa: E402
from site_builder.search import whoosh_index  # noqa: E402

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
    """The Whoosh adapter as it was at revision (search_index.py before the re-layout),
    imported under another name, with the modules of the search stage it imports there
    (its fast writer, analysis and query language) under other names too."""
    adapter = whoosh_index.__name__

    def in_scope(name: str) -> bool:
        return name.startswith("site_builder.search.")

    return modules_at(revision, (adapter,), in_scope)[adapter]


def by_offers(module: ModuleType) -> Rebuild:
    """Index as the build does: offer each document to an IndexUpdate, then finish."""

    def index(folder: Path, documents: Iterable[IndexDocument]) -> int:
        documents = list(documents)

        def load(path: str) -> IndexDocument:
            raise AssertionError(f"{path} was offered, so finish() should not load it")

        with module.IndexUpdate(folder) as update:
            for document in documents:
                update.offer(document)
            update.finish({document.path: document.fingerprint for document in documents}, load)
        return len(documents)

    return index


def indexer(module: ModuleType, via: str) -> Rebuild:
    if via == "offer":
        return by_offers(module)
    if not hasattr(module, "rebuild_index"):
        raise SystemExit(f"{module.__name__} has no rebuild_index (gone in issue 18): --via offer")
    rebuild: Rebuild = module.rebuild_index
    return rebuild


def cpu_seconds(rebuild: Rebuild, documents: list[IndexDocument]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.process_time()
        rebuild(Path(folder), documents)
        return time.process_time() - start


# How whoosh calls a text field's analyzer outside indexing: the query parser, and the
# highlighter, which wants character offsets and keeps stop words.
ANALYZER_CALLS: tuple[dict[str, object], ...] = (
    {"mode": "query"},
    {"chars": True, "mode": "query", "removestops": False},
    {"positions": True, "chars": True, "mode": "index", "removestops": False},
)


def archive_texts(archive: Path) -> list[str]:
    """The titles and plain-text bodies of an archive's articles, as the build indexes them."""
    texts: list[str] = []
    for path in store.article_files(archive / "content" / "articles"):
        article = store.load(path).article
        texts += [article.meta.title, render.prepare(article).text]
    return texts


def check_same_analysis(baseline: ModuleType, texts: list[str]) -> str | None:
    """The first difference between the baseline's and this tree's analysis, if any."""
    theirs, ours = schema_of(baseline), schema_of(whoosh_index)
    for name in ("title", "body"):
        for text in texts:
            if list(ours[name].index(text)) != list(theirs[name].index(text)):
                return f"{name}: postings differ for {text[:80]!r}"
            for call in ANALYZER_CALLS:
                if tokens(ours[name].analyzer, text, call) != tokens(
                    theirs[name].analyzer, text, call
                ):
                    return f"{name}: tokens differ for {call} in {text[:80]!r}"
    return None


def schema_of(adapter: ModuleType) -> Any:
    """The adapter's Whoosh schema: `schema()`, or `_schema()` before the re-layout."""
    make = getattr(adapter, "schema", None) or adapter._schema  # a revision's private name
    return make()


def tokens(analyzer: Any, text: str, call: dict[str, object]) -> list[tuple[object, ...]]:
    attributes = ("text", "pos", "startchar", "endchar", "stopped", "boost")
    return [
        tuple(getattr(token, name, None) for name in attributes) for token in analyzer(text, **call)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default="HEAD", help="git revision to compare against")
    parser.add_argument("--via", choices=("offer", "rebuild"), default="offer")
    parser.add_argument("--profile", type=Path, help="save a cProfile of one rebuild of ours")
    parser.add_argument("--check", type=Path, metavar="ARCHIVE", help="compare, don't time")
    args = parser.parse_args()
    documents = articles(args.docs)
    if args.check:
        texts = [text for document in documents for text in (document.title, document.body)]
        texts += archive_texts(args.check)
        difference = check_same_analysis(baseline_module(args.baseline), texts)
        print(difference or f"{len(texts)} titles and bodies: the same postings and tokens")
        raise SystemExit(1 if difference else 0)
    words = sum(len(document.body.split()) for document in documents) / len(documents)
    ours = indexer(whoosh_index, args.via)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(cpu_seconds, ours, documents)
        profiler.dump_stats(str(args.profile))
        return
    theirs = indexer(baseline_module(args.baseline), args.via)
    ours_spent: list[float] = []
    baseline_spent: list[float] = []
    for rebuild in (theirs, ours):
        cpu_seconds(rebuild, documents[:20])  # warm up imports and caches
    for _ in range(args.rounds):
        baseline_spent.append(cpu_seconds(theirs, documents))
        ours_spent.append(cpu_seconds(ours, documents))
    best_baseline = min(baseline_spent) / len(documents) * 1000
    best_ours = min(ours_spent) / len(documents) * 1000
    print(f"documents: {len(documents)} of {words:.0f} words on average, rounds: {args.rounds}")
    print(f"indexed via: {args.via}")
    print(f"baseline ({args.baseline}): {best_baseline:6.2f} ms/doc")
    print(f"this tree:       {best_ours:6.2f} ms/doc")
    print(f"ratio:           {best_ours / best_baseline:6.2f}x")


if __name__ == "__main__":
    main()
