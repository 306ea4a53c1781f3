"""The fast writer makes the index whoosh's own writer makes: the same postings and
statistics, and the same answers to every judged query."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields, index

from site_builder import render
from site_builder.article import store
from site_builder.core.records import IndexDocument
from site_builder.search import whoosh_index
from site_builder.search.fast_writer import IndexWriter
from site_builder.search.whoosh_index import FAST_INDEXING, Indexing
from tests.conftest import REPO
from tests.search.documents import index_documents
from tests.search.judged_queries import CASES, Case, generated_archive, sample_cases
from tests.search.test_fast_analysis import TRICKY_TEXTS, whoosh_chain


def _stock_text_field(analyzer: Any, *, stored: bool, field_boost: float = 1.0) -> Any:
    return fields.TEXT(analyzer=analyzer, stored=stored, field_boost=field_boost)


def _stock_writer(ix: Any, *, limitmb: int) -> Any:
    return ix.writer(limitmb=limitmb)


# Whoosh's own way: its StemmingAnalyzer's steps (with CjkBigrams), a TEXT field's own
# format, and `ix.writer()`.
STOCK_INDEXING = Indexing(
    analyzer=whoosh_chain,
    text_field=_stock_text_field,
    writer=_stock_writer,
)


def _postings(folder: Path) -> tuple[list[Any], list[Any], list[Any]]:
    ix = index.open_dir(str(folder))
    with ix.reader() as reader:
        terms = []
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            found = []
            while matcher.is_active():
                # The block statistics hold the lengths the writer was given.
                block = (matcher.block_min_length(), matcher.block_max_length())
                found.append((matcher.id(), matcher.weight(), matcher.value(), block))
                matcher.next()
            info = reader.term_info(fieldname, text)
            stats = (
                info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                info.max_weight(), info.min_id(), info.max_id(),
            )  # fmt: skip
            terms.append((fieldname, text, stats, found))
        lengths = [
            (name, docnum, reader.doc_field_length(docnum, name))
            for name in ("title", "body")
            for docnum in range(reader.doc_count())
        ]
        return terms, lengths, list(reader.all_stored_fields())


def _indexed(folder: Path, make_writer: Any, texts: list[str]) -> Path:
    folder.mkdir()
    ix = index.create_in(str(folder), whoosh_index.schema())
    writer = make_writer(ix)
    for number, text in enumerate(texts):
        boosts = {"_body_boost": 1.5} if number % 7 == 3 else {}  # whoosh's per-field boost
        writer.add_document(
            path=f"articles/{number}.html",
            title=text[:40],
            body=text,
            fingerprint=str(number).encode(),  # a bytes column
            **boosts,
        )
    writer.commit()
    return folder


def test_the_writer_gives_the_index_whoosh_gives_even_when_it_spills(tmp_path: Path) -> None:
    words = [f"w{number}" for number in range(3000)] + TRICKY_TEXTS
    rng = random.Random(5)
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 400))) for _ in range(300)]
    # Terms in every article fill several of whoosh's blocks of 128 postings; "harbour"
    # is in 2 × 128 of them exactly, "quay" in one more than a block.
    texts = [
        f"{text} tide" + " harbour" * (number < 256) + " quay" * (number < 129)
        for number, text in enumerate(texts)
    ]
    # 1 MB holds about a tenth of these postings: both writers spill runs and merge them.
    stock = _indexed(tmp_path / "stock", lambda ix: ix.writer(limitmb=1), texts)
    ours = _indexed(tmp_path / "ours", lambda ix: IndexWriter(ix, limitmb=1), texts)
    assert _postings(ours) == _postings(stock)
    assert not list((ours).glob("*.run"))


def _documents(articles_dir: Path) -> list[IndexDocument]:
    """The index documents of the articles in articles_dir, made as the build makes them."""
    documents = []
    for path in sorted(articles_dir.glob("*.md")):
        rendered = render.prepare(store.load(path).article)
        summary = render.summarize(
            rendered, file_sha256=hashlib.sha256(path.read_bytes()).hexdigest()
        )
        href = render.article_href_of(path.stem)
        documents.append(IndexDocument.of_article(summary, rendered.text, path=href))
    return documents


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[IndexDocument], list[Case]]:
    """The sample articles and a generated archive, with the judged queries of both."""
    generated_dir = tmp_path_factory.mktemp("generated") / "articles"
    generated_cases = generated_archive(generated_dir)
    documents = _documents(REPO / "content" / "articles") + _documents(generated_dir)
    return documents, sample_cases() + generated_cases


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_every_judged_query_gets_the_answer_whoosh_own_writer_gives(
    judged: tuple[list[IndexDocument], list[Case]], tmp_path: Path, sort: whoosh_index.SortOrder
) -> None:
    documents, cases = judged
    assert len(cases) == len(CASES["sample"]) + CASES["generated"]["judged"] * len(
        CASES["generated"]["kinds"]
    )
    ours, stock = tmp_path / "ours", tmp_path / "stock"
    index_documents(ours, documents, indexing=FAST_INDEXING)
    index_documents(stock, documents, indexing=STOCK_INDEXING)
    for case in cases:
        hits = whoosh_index.search(ours, case.query, limit=10, sort=sort)
        # Hits, order, scores, snippets: the whole answer.
        assert hits == whoosh_index.search(stock, case.query, limit=10, sort=sort), case.query
        # Every query finds its article, so every comparison has hits to compare.
        assert case.expect in [Path(hit.path).stem for hit in hits], case.query
