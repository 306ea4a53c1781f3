"""Tune the vote on the devset's tuned part only, from a cache of both engines' ballots.

    .venv/bin/python bench/vote_tuning.py --collect   # once: every tuned page's ballot
    .venv/bin/python bench/vote_tuning.py             # score vote() on the cached ballots

`--collect` runs extract() on each tuned page (tests/eval_gate.py's split; held-out pages
are never read) with a `settle` that records the ballot: readability's article after the
verdict, trafilatura's article (always asked for) and the verdict. They are pickled under
.cache/vote_tuning/ (gitignored). Scoring then settles each cached ballot with the vote as
it stands, renders the article as the gate does and prints F1 per collection, in seconds
rather than minutes, so a change to vote.py can be tried on the tuned part alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import pickle
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import eval_gate

from site_builder.article.to_markdown import to_article
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import ExtractedPage, SavedPage
from site_builder.extract.extractor import extract
from site_builder.extract.mojibake import repair_fragment
from site_builder.extract.vote import Ballot, Outcome, vote
from site_builder.ingest.decode import decode_html

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "vote_tuning"


def _collect(task: eval_gate.Task) -> tuple[str, str, object]:
    folder = eval_gate.DEVSET / task.collection
    data = gzip.decompress((folder / "html" / f"{task.page_id}.html.gz").read_bytes())
    page = SavedPage(
        path=Path(f"{task.collection}/{task.page_id}.html"),
        source=f"{task.collection}/{task.page_id}.html",
        sha256="0" * 64,
        kind="html",
        text=decode_html(data),
        url=task.url,
    )
    seen: list[tuple[str, str, str]] = []

    def record(ballot: Ballot) -> Outcome:
        seen.append((ballot.readability, ballot.trafilatura(), ballot.quality))
        return vote(ballot)

    try:
        extracted: ExtractedPage | None = extract(page, settle=record)
    except SiteBuilderError:
        extracted = None
    return task.collection, task.page_id, (extracted, seen[0] if seen else None)


def collect(workers: int = eval_gate.WORKERS) -> None:
    chosen = eval_gate.tasks(eval_gate.DEVSET, tuned_only=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        found = list(pool.imap(_collect, chosen, chunksize=8))
    (CACHE / "ballots.pickle").write_bytes(pickle.dumps(found))


def _score(entry: tuple[str, str, object]) -> tuple[str, eval_gate.PR]:
    collection, page_id, (extracted, ballot) = entry  # type: ignore[misc]
    truth = (eval_gate.DEVSET / collection / "gt" / f"{page_id}.txt").read_text("utf-8")
    if extracted is None or ballot is None:
        return collection, eval_gate.precision_recall("", truth)
    readability, trafilatura, quality = ballot
    ballot = Ballot(
        readability=readability,
        trafilatura=lambda: trafilatura,
        quality=quality,
        title=extracted.meta.title,  # the summary rule's; the page's text is not cached
        description=extracted.meta.description,
    )
    outcome = vote(ballot)
    settled = replace(extracted, html=repair_fragment(outcome.html))
    settled = replace(settled, meta=replace(settled.meta, quality=outcome.quality))
    try:
        text = eval_gate.article_text(to_article(settled))
    except SiteBuilderError:
        text = ""
    return collection, eval_gate.precision_recall(text, truth)


def score(workers: int = eval_gate.WORKERS) -> dict[str, float]:
    # Our own cache, written by --collect above: not untrusted data.
    entries = pickle.loads((CACHE / "ballots.pickle").read_bytes())  # noqa: S301
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        scored = list(pool.imap(_score, entries, chunksize=16))
    result = {}
    for name in eval_gate.COLLECTIONS:
        pairs = [pr for collection, pr in scored if collection == name]
        result[name] = round(eval_gate.f1(*eval_gate._means(pairs)), 4)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--collect", action="store_true", help="cache the tuned part's ballots")
    parser.add_argument("--workers", type=int, default=eval_gate.WORKERS, help="processes")
    args = parser.parse_args()
    if args.collect:
        collect(args.workers)
    print(json.dumps(score(args.workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
