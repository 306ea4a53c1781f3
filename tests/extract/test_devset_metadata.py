"""Metadata a reader can trust, on real pages: a fixed sample of the devset's articles.

Every DEVSET_STEP-th article page of dragnet (news and blogs) and wcxb_test (its pages
typed "article"), through extract() as a build does. The devset's pages have no save
date, so TODAY bounds their dates. Skipped where there is no devset (tests/eval_gate.py).
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path

import pytest

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import ArticleMeta, SavedPage
from site_builder.extract import extract
from site_builder.extract.authors import CMS_ACCOUNT, HANDLE
from site_builder.ingest.decode import decode_html
from tests.eval_gate import DEVSET

DEVSET_STEP = 6  # 276 pages, about fifteen seconds of CPU
COLLECTIONS = ("dragnet", "wcxb_test")
TODAY = date(2026, 6, 1)
DATED_SHARE = 0.95
LANGUAGE_SHARE = 0.98
EARLIEST = "1990-01-01"

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason=f"no devset at {DEVSET}")


def _article_pages() -> list[SavedPage]:
    pages = []
    for collection in COLLECTIONS:
        meta = json.loads((DEVSET / collection / "meta.json").read_text(encoding="utf-8"))
        ids = sorted(
            (path.name.removesuffix(".html.gz") for path in (DEVSET / collection).glob("html/*")),
            key=lambda name: (len(name), name),
        )
        articles = [i for i in ids if meta.get(i, {}).get("page_type", "article") == "article"]
        for page_id in articles[::DEVSET_STEP]:
            data = gzip.decompress(
                (DEVSET / collection / "html" / f"{page_id}.html.gz").read_bytes()
            )
            pages.append(
                SavedPage(
                    path=Path(f"{collection}/{page_id}.html"),
                    source=f"{collection}/{page_id}.html",
                    sha256="0" * 64,
                    kind="html",
                    text=decode_html(data),
                    url=meta.get(page_id, {}).get("url"),
                )
            )
    return pages


@pytest.fixture(scope="module")
def metas() -> list[ArticleMeta]:
    found = []
    for page in _article_pages():
        try:
            found.append(extract(page, today=TODAY).meta)
        except SiteBuilderError:
            continue  # no article text: not an article the archive would hold
    assert len(found) > 250
    return found


def test_articles_are_dated_and_no_date_is_impossible(metas: list[ArticleMeta]) -> None:
    dated = [meta.published for meta in metas if meta.published]
    assert len(dated) >= DATED_SHARE * len(metas)
    assert all(EARLIEST <= day[:10] <= TODAY.isoformat() for day in dated)
    for meta in metas:
        if meta.updated:
            assert meta.published and meta.published[:10] < meta.updated[:10] <= TODAY.isoformat()


def test_no_author_is_a_handle_an_address_an_account_or_a_byline(
    metas: list[ArticleMeta],
) -> None:
    names = [name for meta in metas for name in meta.author]
    assert names
    bad = [
        name
        for name in names
        if HANDLE.match(name)
        or "@" in name.replace(" @ ", "")
        or re.search(r"https?:|www\.|\.com/", name)
        or CMS_ACCOUNT.match(name)
        or re.match(r"by\b", name, re.IGNORECASE)
    ]
    assert bad == []


def test_articles_have_a_language(metas: list[ArticleMeta]) -> None:
    assert sum(1 for meta in metas if meta.language) >= LANGUAGE_SHARE * len(metas)
