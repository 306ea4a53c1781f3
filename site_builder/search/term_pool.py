"""Whoosh's posting pool, holding each term's postings together: the same postings in the
same order, for less memory and CPU.

Part of the whoosh adapter; a fork of whoosh internals matching whoosh-reloaded 2.7.5
(`whoosh.writing.PostingPool` and the `whoosh.externalsort.SortingPool` it extends,
whose run files it writes in its own format). `fast_writer.IndexWriter` uses it.

Why: whoosh's pool keeps one tuple (field, term, docnum, weight, value) a posting and
sorts them all, in memory and again when it merges the runs it spilled: at 10,000
articles about five million tuples, sorted more than once. Here postings are kept by
term, in one flat list a term (docnum, weight, value, docnum, ...; no tuple a posting),
and only the terms are sorted.
"""

from __future__ import annotations

import heapq
import pickle
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from itertools import chain, groupby, repeat
from operator import itemgetter
from typing import Any

from whoosh.writing import PostingPool

# Most runs a merge reads at once (whoosh's own default for its pool).
MAX_OPEN_RUNS = 128
# Postings pickled together (with their terms) when a run is written to disk. Whoosh
# pickles each posting on its own: indexing 3,000 articles under cProfile, two runs of a
# million postings took 5.8 s of 15 to write and read back. Runs are temporary files read
# only by their pool.
RUN_BATCH = 10_000
# A posting's items in a term's flat list: document number, weight, value.
POSTING_ITEMS = 3
# An estimate of a posting's bytes in memory, but for its term and value: its three
# slots in the term's list, with room for the list to grow, and its weight.
_POSTING_SIZE = 60
_TERM_KEY = itemgetter(0)


class TermPool(PostingPool):  # type: ignore[misc]  # whoosh has no type hints
    """whoosh's PostingPool, holding each term's postings together in one flat list.

    A writer adds documents in order, so each term's postings come in document order,
    and runs, written one after another, merge by joining a term's parts in run order;
    postings added out of order are sorted, as whoosh would. It gives the postings in
    whoosh's order, and spills runs when its estimate of their memory passes the limit.
    """

    runs: list[str]  # the runs on disk, set by whoosh's pool

    def __init__(self, tempstore: Any, segment: Any, *, limitmb: int) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        # Postings by field, then by term: a term's key is its bytes, whose hash Python
        # keeps, where a (field, term) key would be made and hashed for every posting.
        self._by_field: dict[str, defaultdict[bytes, list[Any]]] = {}
        # Whether every term's postings came in document order (each document once).
        self._in_order = True
        # The newest document of each field, of any field, and the newest in the runs:
        # runs are spilled only when a new document starts, so a run holds whole
        # documents, all older than those still in memory.
        self._last_document: dict[str, int] = {}
        self._newest_document = -1
        self._spilled_through = -1
        # Postings a run pickles at once (RUN_BATCH).
        self.run_batch = RUN_BATCH

    @property
    def in_document_order(self) -> bool:
        """Whether every term's postings came in document order, each document once, so
        that runs merge by joining, with no sort."""
        return self._in_order

    def _field_terms(self, fieldname: str) -> defaultdict[bytes, list[Any]]:
        try:
            return self._by_field[fieldname]
        except KeyError:
            self.fieldnames.add(fieldname)
            by_term = self._by_field[fieldname] = defaultdict(list)
            return by_term

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self._spill_if_full(docnum)
        postings = self._field_terms(fieldname)[tbytes]
        last = self._last_document.get(fieldname, -1)
        if (
            docnum < last
            or docnum <= self._spilled_through
            or (postings and postings[-POSTING_ITEMS] == docnum)  # a term again
        ):
            self._in_order = False
        self._last_document[fieldname] = max(docnum, last)
        self._newest_document = max(docnum, self._newest_document)
        postings += (docnum, weight, vbytes)
        self.currentsize += _POSTING_SIZE + len(tbytes) + len(vbytes or b"")

    def add_document_terms(
        self,
        fieldname: str,
        docnum: int,
        terms: list[bytes],
        weights: list[float],
        values: list[bytes],
    ) -> None:
        """`add` for each term of one field of one document, with its weight and value.

        The terms are different from each other, as a document's terms are."""
        if not len(terms) == len(weights) == len(values):
            raise ValueError("a weight and a value for each term")
        self._spill_if_full(docnum)
        last = self._last_document.get(fieldname, -1)
        if docnum <= last or docnum <= self._spilled_through:  # (this field again: ==)
            self._in_order = False
        self._last_document[fieldname] = max(docnum, last)
        self._newest_document = max(docnum, self._newest_document)
        term_postings = map(self._field_terms(fieldname).__getitem__, terms)
        postings = zip(repeat(docnum), weights, values)
        deque(map(list.extend, term_postings, postings), maxlen=0)  # in C, term by term
        self.currentsize += (
            _POSTING_SIZE * len(terms) + sum(map(len, terms)) + sum(map(len, values))
        )

    def _spill_if_full(self, docnum: int) -> None:
        """A run spilled when memory is full and a new document starts (any time, once
        postings came out of order)."""
        if self.currentsize > self.limit and (docnum > self._newest_document or not self._in_order):
            self.save()

    def save(self) -> None:
        if self._by_field:
            path, file = self._new_run()
            self._write_run(file, self._sorted_terms())
            self._add_run(path)
            self._by_field = {}
            self._spilled_through = self._newest_document
        self.currentsize = 0

    def term_postings(
        self, maxfiles: int = MAX_OPEN_RUNS
    ) -> Iterator[tuple[tuple[str, bytes], list[Any]]]:
        """((field, term), postings) for every term in order, each term's postings in
        document order."""
        if not self.runs:
            yield from self._sorted_terms()
            self._by_field = {}
            return
        self.save()
        while len(self.runs) > maxfiles:  # as whoosh's pool does: merge runs into runs
            merged_path, file = self._new_run()
            # The oldest runs, merged into one that takes their place: runs stay in the
            # order their documents were added.
            oldest, self.runs = self.runs[:maxfiles], self.runs[maxfiles:]
            self._write_run(file, self._merged(oldest))
            self.runs.insert(0, merged_path)
        runs, self.runs = self.runs, []
        yield from self._merged(runs)

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, tbytes), postings in self.term_postings():
            for docnum, weight, vbytes in zip(*posting_columns(postings), strict=True):
                yield fieldname, tbytes, docnum, weight, vbytes

    def _sorted_terms(self) -> Iterator[tuple[tuple[str, bytes], list[Any]]]:
        for fieldname in sorted(self._by_field):
            by_term = self._by_field[fieldname]
            for tbytes in sorted(by_term):
                postings = by_term[tbytes]
                yield (fieldname, tbytes), postings if self._in_order else _sorted(postings)

    def _merged(self, paths: list[str]) -> Iterator[tuple[tuple[str, bytes], list[Any]]]:
        runs = [self._read_run(path) for path in paths]
        for key, parts in groupby(heapq.merge(*runs, key=_TERM_KEY), _TERM_KEY):
            lists = [postings for _, postings in parts]
            if len(lists) == 1:
                yield key, lists[0]
                continue
            joined = list(chain.from_iterable(lists))  # runs are read in document order
            yield key, joined if self._in_order else _sorted(joined)

    def _write_run(self, file: Any, items: Iterable[Any]) -> None:
        # A batch ends after run_batch postings, not terms: a merge holds one batch of
        # every run in memory at once.
        batch: list[Any] = []
        postings = 0
        for term in items:
            batch.append(term)
            postings += len(term[1]) // POSTING_ITEMS
            if postings >= self.run_batch:
                pickle.dump(batch, file, pickle.HIGHEST_PROTOCOL)
                batch, postings = [], 0
        if batch:
            pickle.dump(batch, file, pickle.HIGHEST_PROTOCOL)
        file.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        file = self._open_run(path)
        try:
            while True:
                try:
                    batch = pickle.load(file)  # noqa: S301  # a run this pool wrote
                except EOFError:
                    return
                yield from batch
        finally:
            file.close()
            self._remove_run(path)


def posting_columns(postings: list[Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """A term's flat postings as its document numbers, weights and values."""
    return postings[0::3], postings[1::3], postings[2::3]


def _sorted(postings: list[Any]) -> list[Any]:
    """Flat postings in whoosh's order, by document number, then weight and value."""
    return list(chain.from_iterable(sorted(zip(*posting_columns(postings), strict=True))))
