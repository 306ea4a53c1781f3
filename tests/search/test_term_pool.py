"""The term pool gives whoosh's postings in whoosh's order, through runs spilled to disk
and merged, whatever order they were added in."""

from __future__ import annotations

import contextlib
import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.filestore import FileStorage

from site_builder.search.term_pool import TermPool


def test_runs_read_back_in_order_through_a_merge_of_merged_runs(tmp_path: Path) -> None:
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.limit = 2000  # bytes: a run every few postings
    rng = random.Random(9)
    # Out of document order on purpose, and with repeats: whoosh's pool sorts whatever
    # it is given; so must ours.
    postings = [
        ("body", f"t{rng.randrange(500)}".encode(), rng.randrange(10_000), 1.0, b"\x01")
        for _ in range(5000)
    ] + [("title", b"t1", docnum, 2.0, b"\x02") for docnum in range(300)]
    for posting in postings:
        pool.add(posting)
    for docnum in range(300, 400):
        pool.add_document_terms("title", docnum, [b"t1", b"t0"], [2.0, 1.0], [b"\x02", b""])
        postings += [("title", b"t1", docnum, 2.0, b"\x02"), ("title", b"t0", docnum, 1.0, b"")]
    assert len(pool.runs) > 3
    # maxfiles=3 makes the pool merge runs into new runs (written by our _write_run from
    # a generator) before the final merge.
    terms = list(pool.term_postings(maxfiles=3))
    found = [(field, term, *posting) for (field, term), part in terms for posting in _each(part)]
    assert found == sorted(postings)
    assert [key for key, _ in terms] == sorted({key for key, _ in terms})  # each term once
    assert not list(tmp_path.iterdir())  # every run read is removed


def test_postings_added_in_document_order_are_joined_not_sorted(tmp_path: Path) -> None:
    # The writer's way: documents one after another, so runs hold documents in order
    # and a term's parts are joined in run order, also through a merge of merged runs.
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.limit = 2000  # bytes: a run every few documents
    rng = random.Random(3)
    expected = []
    for docnum in range(400):
        terms = sorted({f"t{rng.randrange(60)}".encode() for _ in range(8)})
        # weights falling with the document number: a sort by weight would reorder them
        weights = [1000.0 - docnum] * len(terms)
        values = [bytes([docnum % 256])] * len(terms)
        pool.add_document_terms("body", docnum, terms, weights, values)
        pool.add(("site", b"s", docnum, 1.0, None))
        expected += [
            ("body", t, docnum, w, v) for t, w, v in zip(terms, weights, values, strict=True)
        ]
        expected.append(("site", b"s", docnum, 1.0, None))
    assert len(pool.runs) > 3
    terms = list(pool.term_postings(maxfiles=3))
    found = [(field, term, *posting) for (field, term), part in terms for posting in _each(part)]
    assert found == sorted(expected, key=lambda p: (p[0], p[1], p[2]))
    assert pool.in_document_order  # so the runs were joined, with no sort


@pytest.mark.parametrize(
    "late",
    [
        ("body", b"t1", 5, 1.0, b"\x01"),  # an earlier document, added later
        ("body", b"t1", 7, 0.5, b"\x00"),  # the same document's term twice
    ],
)
def test_a_posting_out_of_document_order_is_sorted_into_place(
    tmp_path: Path, late: tuple[str, bytes, int, float, bytes]
) -> None:
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.add_document_terms("body", 6, [b"t1"], [1.0], [b"\x06"])
    pool.add_document_terms("body", 7, [b"t1"], [1.0], [b"\x07"])
    pool.add(late)
    assert not pool.in_document_order
    found = list(pool.iter_postings())
    assert found == sorted(
        [("body", b"t1", 6, 1.0, b"\x06"), ("body", b"t1", 7, 1.0, b"\x07"), late]
    )


def test_a_document_added_again_for_a_field_is_sorted_into_place(tmp_path: Path) -> None:
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.add_document_terms("body", 4, [b"a", b"b"], [1.0, 1.0], [b"\x04", b"\x04"])
    pool.add_document_terms("body", 2, [b"b"], [1.0], [b"\x02"])
    assert not pool.in_document_order
    assert list(pool.iter_postings()) == [
        ("body", b"a", 4, 1.0, b"\x04"),
        ("body", b"b", 2, 1.0, b"\x02"),
        ("body", b"b", 4, 1.0, b"\x04"),
    ]


def test_a_run_holds_whole_documents(tmp_path: Path) -> None:
    # A run is spilled when the next document starts, never between two fields or two
    # terms of one document: so every posting in memory is newer than those in the runs.
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.limit = 500  # bytes: less than one document
    pool.add_document_terms(
        "body", 0, [f"t{n}".encode() for n in range(20)], [1.0] * 20, [b""] * 20
    )
    pool.add(("site", b"s", 0, 1.0, None))
    pool.add(("tags", b"a", 0, 1.0, None))
    assert not pool.runs
    pool.add_document_terms("body", 1, [b"t0"], [1.0], [b""])
    assert len(pool.runs) == 1
    pool.add(("tags", b"a", 1, 1.0, None))
    pool.add(("tags", b"b", 1, 1.0, None))
    assert len(pool.runs) == 1
    assert [posting[:3] for posting in pool.iter_postings()][-4:] == [
        ("site", b"s", 0),
        ("tags", b"a", 0),
        ("tags", b"a", 1),
        ("tags", b"b", 1),
    ]
    assert pool.in_document_order


def _each(flat: list[Any]) -> list[tuple[Any, ...]]:
    """A term's flat postings, one (docnum, weight, value) at a time."""
    return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))


def test_a_pool_that_never_spilled_gives_its_postings_in_order(tmp_path: Path) -> None:
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    postings = [
        ("body", b"b", 2, 1.0, b"x"),
        ("body", b"a", 1, 1.0, None),
        ("body", b"b", 1, 1.0, b""),
    ]
    for posting in postings:
        pool.add(posting)
    assert list(pool.iter_postings()) == sorted(postings, key=lambda p: (p[0], p[1], p[2]))
    assert not pool.runs


def test_a_run_is_pickled_a_few_postings_at_a_time(tmp_path: Path) -> None:
    # A merge holds one batch of every run at once; batches of many terms, each with all
    # its postings, took the writer's peak from 188 to 408 MB at 5,000 articles.
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.run_batch = 50
    for docnum in range(20):
        terms = [f"t{n}".encode() for n in range(100)]
        pool.add_document_terms("body", docnum, terms, [1.0] * 100, [b"\x01"] * 100)
    pool.save()
    [run] = pool.runs
    batches = []
    with (tmp_path / run).open("rb") as file, contextlib.suppress(EOFError):
        while True:
            batches.append(pickle.load(file))  # noqa: S301 - a run this test made
    sizes = [sum(len(postings) // 3 for _, postings in batch) for batch in batches]
    assert sum(sizes) == 2000
    assert max(sizes) < 50 + 20  # the batch limit, plus at most one term's postings
