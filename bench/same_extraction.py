"""Whether a change to extraction keeps its output: extract() on devset pages, page by page.

    .venv/bin/python bench/same_extraction.py --pages 800 --out /tmp/before.jsonl
    (change the code)
    .venv/bin/python bench/same_extraction.py --pages 800 --out /tmp/after.jsonl \
        --against /tmp/before.jsonl

Takes every n-th page of the devset's tuned part (tests/eval_gate.py's split; the held-out
pages are never read), runs `extract` on each with a fixed day, and writes one JSON line
a page: its front matter fields and its body (or the error it raised). With --against,
prints how many pages are identical and the fields that differ on the others. For
speed-ups that must not change what is extracted.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.eval_gate import DEVSET, Task, tasks  # noqa: E402

from site_builder.core.errors import SiteBuilderError  # noqa: E402
from site_builder.core.records import SavedPage  # noqa: E402
from site_builder.extract.extractor import extract  # noqa: E402
from site_builder.ingest.decode import decode_html  # noqa: E402

# The day the build runs: pages without a save date are dated no later than it.
TODAY = date(2026, 12, 6)
SHOWN = 20  # pages that differ, named


def chosen_pages(count: int) -> list[Task]:
    """Every n-th page of the tuned part, in the gate's order."""
    tuned = tasks(DEVSET, tuned_only=True)
    step = max(1, len(tuned) // count)
    return tuned[::step][:count]


def extracted(task: Task) -> dict[str, object]:
    """What extract() gives for one page, as JSON."""
    saved = DEVSET / task.collection / "html" / f"{task.page_id}.html.gz"
    data = gzip.decompress(saved.read_bytes())
    name = f"{task.collection}/{task.page_id}.html"
    page = SavedPage(
        path=Path(name), source=name, sha256="0" * 64, kind="html", text=decode_html(data),
        url=task.url,
    )  # fmt: skip
    try:
        found = extract(page, today=TODAY)
    except SiteBuilderError as err:
        return {"page": name, "error": str(err)}
    return {"page": name, "meta": dataclasses.asdict(found.meta), "html": found.html}


def differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The fields of one page's output that differ."""
    fields = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if key == "meta" and isinstance(old, dict) and isinstance(new, dict):
            fields += [f"meta.{k}" for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
        elif old != new:
            fields.append(key)
    return fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=800)
    parser.add_argument("--out", type=Path, required=True, help="the JSON lines written")
    parser.add_argument("--against", type=Path, help="an earlier --out to compare with")
    args = parser.parse_args()
    lines = [json.dumps(extracted(task), sort_keys=True) for task in chosen_pages(args.pages)]
    args.out.write_text("".join(line + "\n" for line in lines), "utf-8")
    rows = [json.loads(line) for line in lines]  # as read back, tuples turned lists
    if args.against is None:
        print(f"pages: {len(rows)}")
        return
    earlier = [json.loads(line) for line in args.against.read_text("utf-8").splitlines()]
    if [row["page"] for row in earlier] != [row["page"] for row in rows]:
        sys.exit("the two runs are not of the same pages")
    changed = [(row["page"], differences(old, row)) for old, row in zip(earlier, rows, strict=True)]
    changed = [(page, fields) for page, fields in changed if fields]
    print(f"pages: {len(rows)}, identical: {len(rows) - len(changed)}, different: {len(changed)}")
    for page, fields in changed[:SHOWN]:
        print(f"  {page}: {', '.join(fields)}")


if __name__ == "__main__":
    main()
