"""Quality gate: our extraction against the devset's ground truth, beside each engine alone.

    .venv/bin/python -m tests.eval_gate                 # score, print the table, check
    .venv/bin/python -m tests.eval_gate --raise-floor   # pin this run's F1 where it is higher
    .venv/bin/python -m tests.eval_gate --lower-floor   # pin this run's F1 even where lower
    .venv/bin/python -m tests.eval_gate --sample 200    # a quick look while tuning; no checks
    .venv/bin/python -m tests.eval_gate --tuned-only    # the tuned part alone; no checks

Every page of /work/shared/devset (or $SITE_BUILDER_DEVSET) goes through our normal HTML
path in memory: ingest's decoder (decode_html) -> extract -> to_markdown -> render.prepare,
and the text scored is the article body as the reader's page renders it. Raw readability-lxml
(`summary(html_partial=True)`, a line per block) is scored on the same pages in the same
run, and so is trafilatura alone (through our adapter, with its defaults, its HTML a line
per block). The metric is the devset README's: `\\w+` tokens, multisets of 4-token shingles,
precision and recall per page, means per collection, F1 from the means.

The title is not prepended. Our title appears word for word in the ground truth of 54% of
dragnet pages, 35% of cleaneval and 13% of wcxb_test (WCXB's truth comes from trafilatura,
which leaves headlines out); prepending it moved F1 by +0.002, -0.003 and -0.008. The body
alone is also what readability's own output is scored on.

Each collection is split in two for good: a page is held out when the first byte of the
sha256 of "collection/id" is under HELD_OUT_SHARE of 256 (about 30% of each collection).
Tuning looks at the tuned part only (`--tuned-only`, and never the held-out pages one by
one); the gate reports both parts, and a change is kept only when the held-out part does
not get worse.

The gate fails when
- a collection's F1, on the whole of it, on its tuned part or on its held-out part, is
  under that floor in tests/evaldata/floor.json ("dragnet", "dragnet/tuned",
  "dragnet/held-out"; the floors on the parts were first pinned when the split came in);
- a page scores under 0.5 F1 where readability alone scored over 0.8 (the ids are listed;
  pages whose ground truth is empty are left out: there is nothing to extract, and an
  article that found nothing keeps the cleaned page on purpose);
- on a fixed sample of dragnet pages saved as text by tests/textsave.py, the text-save
  path's F1 is more than 0.03 under our HTML path's F1 on the same pages (issue 20's limit).
Our path runs on every page again each run, on two processes. Each engine alone gives the
same scores until the engine, our trafilatura adapter or this file changes, so those are
kept per page under .cache/eval_gate/ (gitignored; ENGINE_CACHE_KEY names the versions);
`--no-cache` scores them again. That halves a run's CPU. The test suite's run
(tests/extract/test_eval_gate.py) needs each engine alone only where its checks look: it
scores them only on pages where ours is under 0.5 (Task.engines_everywhere), which saves
`make test` about 100 s on a fresh clone, whose cache is empty.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import json
import math
import multiprocessing
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import lxml.etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

from site_builder import render
from site_builder.article.to_markdown import to_article
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import Article, SavedPage
from site_builder.extract.extractor import extract
from site_builder.extract.trafilatura_adapter import trafilatura_article
from site_builder.ingest.decode import decode_html

from .textsave import text_save

DEVSET = Path(os.environ.get("SITE_BUILDER_DEVSET", "/work/shared/devset"))
COLLECTIONS = ("dragnet", "cleaneval", "wcxb_test")
FLOOR_FILE = Path(__file__).resolve().parent / "evaldata" / "floor.json"
WORKERS = 2  # `make test` runs on two cores
# A page is a regression when we score under this where readability alone scored over that.
REGRESSION_OURS_BELOW = 0.5
REGRESSION_READABILITY_ABOVE = 0.8
# The text-save check: every TEXT_SAVE_STEP-th dragnet page in id order, this many of them.
TEXT_SAVE_COLLECTION = "dragnet"
TEXT_SAVE_PAGES = 200
TEXT_SAVE_MAX_GAP = 0.03  # issue 20; the gap was 0.042 and is 0.024 (bench/results.md)
FLOOR_DIGITS = 4
# The held-out part: pages whose id hashes under this share (see the module doc).
HELD_OUT_SHARE = 0.3
PARTS = ("tuned", "held-out")
# Each engine alone, scored once per page and kept (see the module doc).
ENGINE_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "eval_gate"
_ENGINE_SOURCES = (
    Path(__file__),
    Path(__file__).resolve().parent.parent / "site_builder/extract/trafilatura_adapter.py",
)


def engine_cache_key() -> str:
    """What the engines' scores depend on: their versions, the adapter and this file."""
    digest = hashlib.sha256()
    for package in ("readability-lxml", "trafilatura", "lxml"):
        digest.update(f"{package}={importlib.metadata.version(package)};".encode())
    for source in _ENGINE_SOURCES:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


_TOKEN = re.compile(r"\w+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# A line break after each of these when readability's HTML is turned into text.
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "pre", "blockquote",
     "tr", "table", "td", "th", "dt", "dd", "dl", "figure", "figcaption", "section",
     "article", "header", "footer", "main", "aside", "nav", "form", "address", "hr", "br",
     "center", "caption"}
)  # fmt: skip

PR = tuple[float, float]  # precision, recall
# A truth is UTF-16 read as UTF-8 when over a third of its characters are NUL (half are,
# in English text; real UTF-8 text has none).
_UTF16_NUL_SHARE = 3
_CLEANEVAL_HEADER = re.compile(r"\A\ufeff?URL: \S+[ \t]*(\n|\Z)")


# --- the metric ---------------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def precision_recall(predicted: str, truth: str) -> PR:
    found, wanted = shingles(predicted), shingles(truth)
    tp = sum((found & wanted).values())
    fp = sum((found - wanted).values())
    fn = sum((wanted - found).values())
    if tp + fp + fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- what is scored -----------------------------------------------------------------------


def article_text(article: Article) -> str:
    """The article body as its page shows it, a line per block (see the module doc)."""
    return render.prepare(article).text


def our_text(page: SavedPage) -> str:
    try:
        return article_text(to_article(extract(page)))
    except SiteBuilderError:
        return ""


def readability_text(html: str) -> str:
    """readability-lxml alone, as the devset README measured it."""
    try:
        summary = Document(_XML_DECLARATION.sub("", html, count=1)).summary(html_partial=True)
        root = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (Unparseable, lxml.etree.ParserError, ValueError):
        return ""
    return "".join(_block_text(root))


def trafilatura_text(html: str, path: Path, url: str | None) -> str:
    """trafilatura alone, through our adapter (its defaults), a line per block."""
    try:
        doc = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
        found = trafilatura_article(doc, path=path, url=url)
        root = lxml_html.fragment_fromstring(found, create_parent="div") if found else None
    except (SiteBuilderError, lxml.etree.ParserError, ValueError):
        return ""
    return "".join(_block_text(root)) if root is not None else ""


def read_truth(path: Path) -> str:
    """A page's ground truth, as the text it holds. Two kinds of file hold more:
    - five of dragnet's (27, 39, 42, 49, 158) are UTF-16LE text that was decoded as UTF-8
      when the devset was made: their byte-order mark became two U+FFFD and every
      character is followed by a NUL, so \\w+ read them as single letters and no
      extractor could score on them. They are read as the text they hold (a character
      whose UTF-16 bytes were not ASCII is already lost, as U+FFFD);
    - 75 of cleaneval's open with CleanEval's own file header, "URL: http://...", a line
      that is no part of the page's text (the other 606 have none). It is left out."""
    text = path.read_text(encoding="utf-8")
    if text.count("\x00") * _UTF16_NUL_SHARE > len(text):
        text = text.lstrip("\ufffd").replace("\x00", "")
    return _CLEANEVAL_HEADER.sub("", text, count=1)


def held_out(collection: str, page_id: str) -> bool:
    """Whether a page is in the held-out part of its collection: fixed by its id's hash."""
    digest = hashlib.sha256(f"{collection}/{page_id}".encode()).digest()
    return digest[0] < HELD_OUT_SHARE * 256


def _block_text(element: lxml_html.HtmlElement) -> Iterable[str]:
    """The element's text, with a line break after each block (the tree is not modified)."""
    if isinstance(element.tag, str):
        yield element.text or ""
        for child in element:
            yield from _block_text(child)
            yield child.tail or ""
        if element.tag in _BLOCK_TAGS:
            yield "\n"


@dataclass(frozen=True, slots=True)
class Task:
    collection: str
    page_id: str
    url: str | None
    with_text_save: bool
    held_out: bool = False
    engine_cache: Path | None = None  # the folder of this run's engine scores, if kept
    # Each engine alone on every page (the table's columns), or only on a page where ours
    # is under REGRESSION_OURS_BELOW (what the gate's checks need).
    engines_everywhere: bool = True


@dataclass(frozen=True, slots=True)
class PageScore:
    collection: str
    page_id: str
    ours: PR
    readability: PR | None  # None: not scored on this page (Task.engines_everywhere)
    text_save: PR | None  # the text-save path, on the sample only
    seconds: float
    empty_truth: bool = False
    trafilatura: PR | None = (0.0, 0.0)
    held_out: bool = False


def score_page(task: Task) -> PageScore:
    start = time.process_time()
    folder = DEVSET / task.collection
    data = gzip.decompress((folder / "html" / f"{task.page_id}.html.gz").read_bytes())
    truth = read_truth(folder / "gt" / f"{task.page_id}.txt")
    html = decode_html(data)
    page = SavedPage(
        path=Path(f"{task.collection}/{task.page_id}.html"),
        source=f"{task.collection}/{task.page_id}.html",
        sha256="0" * 64,
        kind="html",
        text=html,
        url=task.url,
    )
    ours = precision_recall(our_text(page), truth)
    raw = second = None
    if task.engines_everywhere or f1(*ours) < REGRESSION_OURS_BELOW:
        raw, second = _engine_scores(task, html, truth, page.path)
    saved_as_text = None
    if task.with_text_save:
        text_page = SavedPage(
            path=Path(f"{task.collection}/{task.page_id}.txt"),
            source=f"{task.collection}/{task.page_id}.txt",
            sha256="0" * 64,
            kind="text",
            text=text_save(html),
        )
        saved_as_text = precision_recall(our_text(text_page), truth)
    return PageScore(
        task.collection,
        task.page_id,
        ours,
        raw,
        saved_as_text,
        time.process_time() - start,
        empty_truth=not _TOKEN.search(truth),
        trafilatura=second,
        held_out=task.held_out,
    )


def _engine_scores(task: Task, html: str, truth: str, path: Path) -> tuple[PR, PR]:
    """(readability alone, trafilatura alone), from the cache when it holds them."""
    kept = (
        task.engine_cache / task.collection / f"{task.page_id}.json" if task.engine_cache else None
    )
    if kept is not None and kept.exists():
        found = json.loads(kept.read_text(encoding="utf-8"))
        return tuple(found["readability"]), tuple(found["trafilatura"])  # type: ignore[return-value]
    raw = precision_recall(readability_text(html), truth)
    second = precision_recall(trafilatura_text(html, path, task.url), truth)
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"readability": raw, "trafilatura": second}), "utf-8")
        partial.replace(kept)  # whole or not at all, should a run be stopped
    return raw, second


# --- running and summing up ---------------------------------------------------------------


def tasks(
    devset: Path,
    sample: int | None = None,
    *,
    tuned_only: bool = False,
    engine_cache: Path | None = None,
    engines_everywhere: bool = True,
) -> list[Task]:
    """The pages to score; engine_cache: the folder where engine scores are kept, or None;
    engines_everywhere: see Task."""
    found = []
    for collection in COLLECTIONS:
        meta = json.loads((devset / collection / "meta.json").read_text(encoding="utf-8"))
        ids = sorted(
            (path.name.removesuffix(".html.gz") for path in (devset / collection).glob("html/*")),
            key=lambda name: (len(name), name),
        )
        text_saves = set(_every_nth(ids, TEXT_SAVE_PAGES))
        if sample is not None:
            ids = _every_nth(ids, sample)
        for page_id in ids:
            url = meta.get(page_id, {}).get("url")
            with_text = collection == TEXT_SAVE_COLLECTION and page_id in text_saves
            aside = held_out(collection, page_id)
            if not (tuned_only and aside):
                found.append(
                    Task(
                        collection, page_id, url, with_text, aside, engine_cache, engines_everywhere
                    )
                )
    return found


def _every_nth(ids: Sequence[str], count: int) -> list[str]:
    step = max(1, len(ids) // count)
    return list(ids[::step][:count])


def run(all_tasks: Sequence[Task], workers: int = WORKERS) -> list[PageScore]:
    if workers <= 1:
        return [score_page(task) for task in all_tasks]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return list(pool.imap(score_page, all_tasks, chunksize=8))


@dataclass(frozen=True, slots=True)
class Summary:
    pages: int
    ours: PR
    readability: PR | None  # None: not scored on every page
    trafilatura: PR | None = (0.0, 0.0)

    @property
    def ours_f1(self) -> float:
        return f1(*self.ours)

    @property
    def readability_f1(self) -> float | None:
        return None if self.readability is None else f1(*self.readability)

    @property
    def trafilatura_f1(self) -> float | None:
        return None if self.trafilatura is None else f1(*self.trafilatura)


def _every_means(pairs: Iterable[PR | None]) -> PR | None:
    """The means, or None when a page was not scored."""
    listed = list(pairs)
    scored = [pair for pair in listed if pair is not None]
    return _means(scored) if len(scored) == len(listed) else None


def _means(pairs: Iterable[PR]) -> PR:
    listed = list(pairs)
    if not listed:
        return 0.0, 0.0
    return sum(p for p, _ in listed) / len(listed), sum(r for _, r in listed) / len(listed)


def in_part(score: PageScore, part: str | None) -> bool:
    """Whether a page is in a part ("tuned", "held-out"); every page is in part None."""
    return part is None or score.held_out == (part == "held-out")


def summarise(scores: Sequence[PageScore], part: str | None = None) -> dict[str, Summary]:
    """Per collection, over one part of it (see PARTS) or, with part None, all of it."""
    result = {}
    for collection in COLLECTIONS:
        mine = [s for s in scores if s.collection == collection and in_part(s, part)]
        if mine:
            result[collection] = Summary(
                len(mine),
                _means(s.ours for s in mine),
                _every_means(s.readability for s in mine),
                _every_means(s.trafilatura for s in mine),
            )
    return result


def regressions(scores: Sequence[PageScore]) -> list[str]:
    return [
        f"{s.collection}/{s.page_id} (ours {f1(*s.ours):.2f}, readability {f1(*s.readability):.2f})"
        for s in scores
        if not s.empty_truth
        and s.readability is not None
        and f1(*s.ours) < REGRESSION_OURS_BELOW
        and f1(*s.readability) > REGRESSION_READABILITY_ABOVE
    ]


def text_save_gap(scores: Sequence[PageScore]) -> tuple[int, float, float]:
    """(pages, our HTML F1, our text-save F1) on the text-save sample."""
    sample = [s for s in scores if s.text_save is not None]
    text = _means(s.text_save for s in sample if s.text_save is not None)
    return len(sample), f1(*_means(s.ours for s in sample)), f1(*text)


def table(scores: Sequence[PageScore]) -> str:
    """F1 per collection and part: ours, each engine alone, and our margin over readability."""
    rows = [
        f"{'collection':<11} {'part':<8} {'pages':>5}  {'ours P':>6} {'R':>6} {'F1':>6}   "
        f"{'rdblty F1':>9} {'trafila F1':>10}   {'margin':>7}"
    ]
    for part in (None, *PARTS):
        for name, s in summarise(scores, part).items():
            raw, second = s.readability_f1, s.trafilatura_f1
            margin = "-" if raw is None else f"{s.ours_f1 - raw:+.3f}"
            rows.append(
                f"{name:<11} {part or 'all':<8} {s.pages:>5}  {s.ours[0]:>6.3f} {s.ours[1]:>6.3f} "
                f"{s.ours_f1:>6.3f}   {_shown(raw):>9} {_shown(second):>10}   {margin:>7}"
            )
    return "\n".join(rows)


def _shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


# --- floors -------------------------------------------------------------------------------


def read_floors(path: Path = FLOOR_FILE) -> dict[str, float]:
    if not path.exists():
        return {}
    floors: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["f1_floor"]
    return floors


def write_floors(floors: dict[str, float], path: Path = FLOOR_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "about": "Minimum F1 per devset collection, whole and on its tuned and held-out "
        "parts; `python -m tests.eval_gate --raise-floor`.",
        "f1_floor": {key: floors[key] for key in _floor_keys() if key in floors},
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _floor_keys() -> list[str]:
    return [floor_key(name, part) for name in COLLECTIONS for part in (None, *PARTS)]


def pinned(value: float) -> float:
    """Rounded down, so a floor pinned from a run is never above that run's score."""
    scale = 10**FLOOR_DIGITS
    return math.floor(value * scale + 1e-9) / scale


def floor_key(collection: str, part: str | None) -> str:
    """A floor's name: the collection, and the part after a slash ("dragnet/held-out")."""
    return collection if part is None else f"{collection}/{part}"


def part_scores(scores: Sequence[PageScore]) -> dict[str, float]:
    """Our F1 per collection, whole and per part, by floor_key: what the floors hold."""
    return {
        floor_key(name, part): s.ours_f1
        for part in (None, *PARTS)
        for name, s in summarise(scores, part).items()
    }


def new_floors(
    scores: dict[str, float], floors: dict[str, float], *, lower: bool
) -> dict[str, float]:
    """Floors at `scores` (from part_scores) where higher, or anyway when lowering."""
    updated = dict(floors)
    for name, score in scores.items():
        current = pinned(score)
        if lower or current > floors.get(name, 0.0):
            updated[name] = current
    return updated


def failures(scores: Sequence[PageScore], floors: dict[str, float]) -> list[str]:
    found = []
    for key, score in part_scores(scores).items():
        floor = floors.get(key)
        if floor is None:
            found.append(f"{key}: no floor pinned; run --raise-floor")
        elif pinned(score) < floor:
            found.append(f"{key}: F1 {score:.4f} is under the floor {floor:.4f}")
    bad = regressions(scores)
    if bad:
        found.append(
            f"{len(bad)} page(s) under {REGRESSION_OURS_BELOW} F1 where readability alone "
            f"scored over {REGRESSION_READABILITY_ABOVE}: " + ", ".join(bad)
        )
    pages, html_f1, text_f1 = text_save_gap(scores)
    if pages and html_f1 - text_f1 > TEXT_SAVE_MAX_GAP:
        found.append(
            f"text saves: F1 {text_f1:.4f} on {pages} pages is more than {TEXT_SAVE_MAX_GAP} "
            f"under the HTML path's {html_f1:.4f}"
        )
    return found


def report(scores: Sequence[PageScore], seconds: float) -> str:
    pages, html_f1, text_f1 = text_save_gap(scores)
    cpu = sum(s.seconds for s in scores) / max(1, len(scores)) * 1000
    return (
        f"{table(scores)}\n"
        f"text saves ({TEXT_SAVE_COLLECTION}, {pages} pages): HTML F1 {html_f1:.3f}, "
        f"text F1 {text_f1:.3f}, gap {html_f1 - text_f1:+.3f} (limit {TEXT_SAVE_MAX_GAP})\n"
        f"{len(scores)} pages in {seconds:.0f} s, {cpu:.0f} CPU ms a page"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval_gate", description=__doc__)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--raise-floor", action="store_true", help="raise floors to this run")
    group.add_argument(
        "--lower-floor", action="store_true", help="set floors to this run, even if lower"
    )
    group.add_argument("--sample", type=int, help="score N pages a collection; no checks")
    parser.add_argument(
        "--tuned-only", action="store_true", help="score the tuned part alone; no checks"
    )
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--dump", type=Path, help="write every page's scores to this JSON file")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument(
        "--no-cache", action="store_true", help="score each engine alone again on every page"
    )
    args = parser.parse_args(argv)
    if args.devset != DEVSET:
        os.environ["SITE_BUILDER_DEVSET"] = str(args.devset)  # read again by spawned workers
        globals()["DEVSET"] = args.devset

    start = time.perf_counter()
    cache = None if args.no_cache else ENGINE_CACHE / engine_cache_key()
    chosen = tasks(args.devset, args.sample, tuned_only=args.tuned_only, engine_cache=cache)
    scores = run(chosen, args.workers)
    print(report(scores, time.perf_counter() - start))
    if args.dump is not None:
        args.dump.write_text(json.dumps([asdict(s) for s in scores]), encoding="utf-8")
    if args.sample is not None or args.tuned_only:
        for line in regressions(scores):
            print(f"regression: {line}")
        return 0
    floors = read_floors()
    if args.raise_floor or args.lower_floor:
        lowest = part_scores(scores)
        updated = new_floors(lowest, floors, lower=args.lower_floor)
        lowered = [name for name in updated if updated[name] < floors.get(name, 0.0)]
        below = [n for n, score in lowest.items() if pinned(score) < floors.get(n, 0)]
        if args.raise_floor and below:
            print(f"not lowering {', '.join(below)}: pass --lower-floor to lower a floor")
        write_floors(updated)
        print(f"floors: {updated}" + (f" (lowered: {', '.join(lowered)})" if lowered else ""))
        floors = updated
    problems = failures(scores, floors)
    for problem in problems:
        print(f"FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
