"""CPU cost of extracting one page: each engine alone against our page_to_article (the vote).

    .venv/bin/python bench/extract_cost.py [--pages 300] [--rounds 2] [--profile FILE.prof]

Takes a fixed sample of devset pages (every n-th id of each collection, in id order, an
equal share from each) and, in this one process, times for every page (a) readability-lxml
`Document(html).summary(html_partial=True)`, (t) trafilatura alone through our adapter (the
page parsed by lxml, then `trafilatura_article` with its defaults), and (b) `page_to_article` from
site_builder/build/extract_file.py (extract (its markup guard included) -> localize_images
-> to_article), in CPU time
(time.process_time), interleaved so all see the same machine load. Pages are decoded
before timing, as ingest would. Prints ms/page for each and the ratios. Each round runs
every page once; the best round of each is reported, the usual way to discount a
shared machine's noise.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gzip
import os
import sys
import time
from pathlib import Path

import lxml.etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_builder.build.extract_file import page_to_article  # noqa: E402
from site_builder.core.errors import SiteBuilderError  # noqa: E402
from site_builder.core.records import SavedPage  # noqa: E402
from site_builder.extract.trafilatura_adapter import trafilatura_article  # noqa: E402
from site_builder.ingest.decode import decode_html  # noqa: E402  # needs the repo on the path

DEVSET = Path(os.environ.get("SITE_BUILDER_DEVSET", "/work/shared/devset"))
COLLECTIONS = ("dragnet", "cleaneval", "wcxb_test")


def sample(pages: int) -> list[SavedPage]:
    """Every n-th page of each collection in id order: pages // 3 from each, decoded."""
    chosen: list[SavedPage] = []
    share = pages // len(COLLECTIONS)
    for collection in COLLECTIONS:
        ids = sorted(
            (p.name.removesuffix(".html.gz") for p in (DEVSET / collection / "html").iterdir()),
            key=lambda name: (len(name), name),
        )
        step = max(1, len(ids) // share)
        folder = DEVSET / collection / "html"
        for page_id in ids[::step][:share]:
            chosen.append(saved_page(folder / f"{page_id}.html.gz", collection))
    return chosen


def saved_page(path: Path, collection: str) -> SavedPage:
    """A devset page (its .html.gz, or the .html written from it), decoded as ingest would."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    name = f"{collection}/{path.name.split('.')[0]}.html"
    return SavedPage(
        path=Path(name), source=name, sha256="0" * 64, kind="html", text=decode_html(data)
    )


def readability_alone(page: SavedPage) -> None:
    with contextlib.suppress(Unparseable):
        Document(page.text).summary(html_partial=True)


def trafilatura_alone(page: SavedPage) -> None:
    with contextlib.suppress(SiteBuilderError, ValueError, lxml.etree.ParserError):
        doc = lxml_html.document_fromstring(page.text.encode("utf-8"))
        trafilatura_article(doc, path=page.path, url=None)


def ours(page: SavedPage) -> None:
    with contextlib.suppress(SiteBuilderError):
        page_to_article(page)


ENGINES = (("readability alone", readability_alone), ("trafilatura alone", trafilatura_alone),
           ("page_to_article", ours))  # fmt: skip


def timed_round(pages: list[SavedPage]) -> list[float]:
    """CPU seconds of each of ENGINES over all pages, interleaved per page."""
    spent = [0.0] * len(ENGINES)
    for page in pages:
        for index, (_name, run) in enumerate(ENGINES):
            start = time.process_time()
            run(page)
            spent[index] += time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", type=Path, help="save a cProfile of one run of ours")
    args = parser.parse_args()
    pages = sample(args.pages)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [ours(page) for page in pages])
        profiler.dump_stats(str(args.profile))
        return
    for page in pages[:10]:  # warm up imports and caches
        ours(page)
    rounds = [timed_round(pages) for _ in range(args.rounds)]
    best = [min(r[index] for r in rounds) / len(pages) * 1000 for index in range(len(ENGINES))]
    print(f"pages: {len(pages)}, rounds: {args.rounds} (best of each shown)")
    for (name, _run), ms in zip(ENGINES, best, strict=True):
        print(f"{name + ':':<19}{ms:6.1f} ms/page  {ms / best[0]:5.2f}x readability")
    print(f"{'both engines:':<19}{best[0] + best[1]:6.1f} ms/page  (readability + trafilatura)")


if __name__ == "__main__":
    main()
