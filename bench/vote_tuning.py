"""Tune the vote on the devset's tuned part only, from a cache of both engines' ballots.

    .venv/bin/python bench/vote_tuning.py --collect   # once: every tuned page's ballot
    .venv/bin/python bench/vote_tuning.py             # score vote() on the cached ballots

`--collect` runs extract() on each tuned page (tests/eval_gate.py's split; held-out pages
are never read) with a `settle` that records the ballot: readability's article after the
verdict, trafilatura's article (always asked for), the verdict and the page's words
outside its chrome. They are pickled under
.cache/vote_tuning/ (gitignored). Scoring then settles each cached ballot with the vote as
it stands, renders the article as the gate does and prints F1 per collection, in seconds
rather than minutes, so a change to vote.py can be tried on the tuned part alone.

    .venv/bin/python bench/vote_tuning.py --pages /tmp/pages.json

also writes each tuned page's precision and recall for the vote's outcome, readability's
article alone and trafilatura's alone, with the engine the vote trusted and the words of
each article and of the page outside its chrome: where to look for the next rule.
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
from site_builder.core.records import QUALITY_OK, ExtractedPage, Quality, SavedPage
from site_builder.extract.bylines import take_byline
from site_builder.extract.extractor import extract
from site_builder.extract.furniture import strip_furniture
from site_builder.extract.headline import PagePlaces
from site_builder.extract.mojibake import repair_fragment
from site_builder.extract.quality import fragment_words
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
    seen: list[tuple[str, str, str, int | None, PagePlaces | None, str | None, str | None]] = []

    def record(ballot: Ballot) -> Outcome:
        words = ballot.page_words() if ballot.page_words is not None else None
        main = ballot.main() if ballot.main is not None else None
        furniture = ballot.furniture() if ballot.furniture is not None else None
        seen.append(
            (
                ballot.readability,
                ballot.trafilatura(),
                ballot.quality,
                words,
                ballot.places,
                main,
                furniture,
            )
        )
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


def _ballot(
    cached: tuple[str, str, Quality, int | None, PagePlaces | None, str | None, str | None],
    extracted: ExtractedPage,
) -> Ballot:
    """The ballot --collect cached (an older cache has no page words: rule 2 then asks
    trafilatura whatever the page's size; nor places: no position rule; nor the main
    region: no main rule; nor the furniture: no furniture rule), with the title and
    description the summary rule reads (the page's text is not cached)."""
    readability, trafilatura, quality, *rest = cached
    words = rest[0] if rest else None
    places = rest[1] if len(rest) > 1 else None
    main = rest[2] if len(rest) > 2 else None
    furniture = rest[3] if len(rest) > 3 else None
    return Ballot(
        readability=readability,
        trafilatura=lambda: trafilatura,
        quality=quality,
        page_words=None if words is None else (lambda: words),
        title=extracted.meta.title,
        description=extracted.meta.description,
        places=places,
        main=lambda: main,
        furniture=lambda: furniture,
    )


def _settled_text(extracted: ExtractedPage, html: str, quality: Quality) -> str:
    """The article's text as the gate reads it, with html (the vote's outcome) as its
    body, after the steps extract() takes after the vote: the byline and the furniture
    out (without them the F1 read here was about 0.004 under the gate's on dragnet)."""
    body, _ = take_byline(html)
    settled = replace(extracted, html=repair_fragment(strip_furniture(body).html))
    settled = replace(settled, meta=replace(settled.meta, quality=quality))
    try:
        return eval_gate.article_text(to_article(settled))
    except SiteBuilderError:
        return ""


def _score(entry: tuple[str, str, object]) -> tuple[str, eval_gate.PR]:
    collection, page_id, (extracted, cached) = entry  # type: ignore[misc]
    truth = eval_gate.read_truth(eval_gate.DEVSET / collection / "gt" / f"{page_id}.txt")
    if extracted is None or cached is None:
        return collection, eval_gate.precision_recall("", truth)
    outcome = vote(_ballot(cached, extracted))
    text = _settled_text(extracted, outcome.html, outcome.quality)
    return collection, eval_gate.precision_recall(text, truth)


def _page_row(entry: tuple[str, str, object]) -> dict[str, object]:
    """One tuned page for --pages: the vote's outcome and each engine's article alone,
    each rendered as the gate renders ours, with precision and recall."""
    collection, page_id, (extracted, cached) = entry  # type: ignore[misc]
    row: dict[str, object] = {"collection": collection, "id": page_id}
    if extracted is None or cached is None:
        return row
    truth = eval_gate.read_truth(eval_gate.DEVSET / collection / "gt" / f"{page_id}.txt")
    ballot = _ballot(cached, extracted)
    outcome = vote(ballot)
    second = ballot.trafilatura()
    row.update(
        engine=outcome.engine,
        quality=ballot.quality,
        readability_words=fragment_words(ballot.readability),
        trafilatura_words=fragment_words(second),
        page_words=ballot.page_words() if ballot.page_words is not None else None,
    )
    for name, html, quality in [
        ("ours", outcome.html, outcome.quality),
        ("readability", ballot.readability, ballot.quality),
        ("trafilatura", second, QUALITY_OK),
    ]:
        row[name] = eval_gate.precision_recall(_settled_text(extracted, html, quality), truth)
    return row


def pages(path: Path, workers: int = eval_gate.WORKERS) -> None:
    """Write every tuned page's row (_page_row) to path as JSON."""
    entries = pickle.loads((CACHE / "ballots.pickle").read_bytes())  # noqa: S301
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        rows = list(pool.imap(_page_row, entries, chunksize=16))
    path.write_text(json.dumps(rows, indent=1), encoding="utf-8")


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
    parser.add_argument(
        "--pages", type=Path, help="also write each tuned page's scores (JSON) to this file"
    )
    args = parser.parse_args()
    if args.collect:
        collect(args.workers)
    if args.pages:
        pages(args.pages, args.workers)
    print(json.dumps(score(args.workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
