"""Tune the text-save path on the gate's text-save sample, tuned part only, in seconds.

    .venv/bin/python bench/textsave_tuning.py --collect   # once: the saves and HTML scores
    .venv/bin/python bench/textsave_tuning.py             # score the text path as it stands
    .venv/bin/python bench/textsave_tuning.py --pages     # and every page's F1, worst first

`--collect` turns each page of tests/eval_gate.py's text-save sample that is in the tuned
part into a text save (tests/textsave.py) and scores our HTML path on it once; held-out
pages are never read. Both are pickled under .cache/textsave_tuning/ (gitignored). Scoring
then runs only the text path (to_article(extract(text page)), rendered as the gate does)
on one process, so a change to extract/text_*.py costs seconds to measure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import eval_gate
from tests.textsave import text_save

from site_builder.core.records import SavedPage
from site_builder.ingest.decode import decode_html

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "textsave_tuning"
# (page id, text save, ground truth, our HTML path's precision and recall)
Entry = tuple[str, str, str, eval_gate.PR]
SHOWN_CHANGE = 0.0005  # --baseline lists the pages whose F1 moved at least this much


def _page(page_id: str, kind: str, text: str) -> SavedPage:
    collection = eval_gate.TEXT_SAVE_COLLECTION
    suffix = "html" if kind == "html" else "txt"
    return SavedPage(
        path=Path(f"{collection}/{page_id}.{suffix}"),
        source=f"{collection}/{page_id}.{suffix}",
        sha256="0" * 64,
        kind=kind,  # type: ignore[arg-type]
        text=text,
    )


def collect() -> None:
    chosen = eval_gate.tasks(eval_gate.DEVSET, tuned_only=True)
    entries: list[Entry] = []
    for task in chosen:
        if not task.with_text_save:
            continue
        folder = eval_gate.DEVSET / task.collection
        data = gzip.decompress((folder / "html" / f"{task.page_id}.html.gz").read_bytes())
        truth = eval_gate.read_truth(folder / "gt" / f"{task.page_id}.txt")
        html = decode_html(data)
        ours = eval_gate.precision_recall(
            eval_gate.our_text(_page(task.page_id, "html", html)), truth
        )
        entries.append((task.page_id, text_save(html), truth, ours))
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "saves.pickle").write_bytes(pickle.dumps(entries))
    print(f"{len(entries)} tuned text saves collected")


def score(show_pages: bool, baseline: Path | None = None) -> None:
    entries: list[Entry] = pickle.loads((CACHE / "saves.pickle").read_bytes())  # noqa: S301
    text_scores: list[eval_gate.PR] = []
    rows = []
    for page_id, saved, truth, ours in entries:
        found = eval_gate.precision_recall(eval_gate.our_text(_page(page_id, "text", saved)), truth)
        text_scores.append(found)
        rows.append((eval_gate.f1(*found) - eval_gate.f1(*ours), page_id, found, ours))
    if baseline is not None:
        _compare(baseline, {page_id: eval_gate.f1(*found) for _, page_id, found, _ in rows})
    html_f1 = _f1_of_means([ours for *_, ours in entries])
    text_f1 = _f1_of_means(text_scores)
    if show_pages:
        for delta, page_id, found, ours in sorted(rows):
            print(
                f"{page_id:>6}  text P {found[0]:.3f} R {found[1]:.3f} F1 "
                f"{eval_gate.f1(*found):.3f}  html F1 {eval_gate.f1(*ours):.3f}  {delta:+.3f}"
            )
    print(
        f"tuned text saves: {len(entries)} pages, HTML F1 {html_f1:.4f}, text F1 "
        f"{text_f1:.4f}, gap {html_f1 - text_f1:+.4f}"
    )


def _f1_of_means(scores: list[eval_gate.PR]) -> float:
    """The gate's F1: from the mean precision and the mean recall."""
    count = max(1, len(scores))
    return eval_gate.f1(sum(p for p, _ in scores) / count, sum(r for _, r in scores) / count)


def _compare(baseline: Path, scores: dict[str, float]) -> None:
    """Print the pages whose F1 moved since the baseline's run; the first run writes it."""
    if not baseline.exists():
        baseline.write_text(json.dumps(scores), encoding="utf-8")
        return
    before: dict[str, float] = json.loads(baseline.read_text(encoding="utf-8"))
    for page_id, now in sorted(scores.items(), key=lambda item: item[1] - before[item[0]]):
        if abs(now - before[page_id]) >= SHOWN_CHANGE:
            print(f"{page_id:>6}  F1 {before[page_id]:.3f} -> {now:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--collect", action="store_true", help="collect the saves once")
    parser.add_argument("--pages", action="store_true", help="print every page's F1")
    parser.add_argument(
        "--baseline", type=Path, help="a JSON of page F1s: written once, then compared with"
    )
    args = parser.parse_args()
    if args.collect:
        collect()
    score(args.pages, args.baseline)


if __name__ == "__main__":
    main()
