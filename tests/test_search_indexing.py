"""search_indexing gives exactly what whoosh gives: the analysis, and the index written."""

from __future__ import annotations

import contextlib
import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields, index
from whoosh.analysis import StemmingAnalyzer
from whoosh.filedb.filestore import FileStorage

from site_builder.search import whoosh_index, whoosh_writer
from site_builder.search.whoosh_writer import (
    IndexWriter,
    StemmingWords,
    _TermPool,
    stemmed_text_field,
)

TRICKY_TEXTS = [
    "",
    "   \n\t ",
    "Don't stop believing: O'Neil's dog’s bone, rock ’n’ roll",
    "3.141 1,000,000 v2.0 COVID-19 2020-08-16 17:45 4x4 10th 1990s $5.99 50%",
    "Café naïve façade résumé Ünïcödé Ångström cafe\u0301 Straße STRASSE",
    "İstanbul ǅungla ΣΊΣΥΦΟΣ Ωμέγα Ёлка ЕЛКА",
    "The and a of to be is it I x y z A B: not for with on at by, an or",
    "https://example.org/path/to-page?q=1&x=y#frag www.example.com e.g. i.e. U.S.A. a.b.c",
    "user@example.com under_score wild*card **bold** C++ C# .NET node.js",
    "東京は日本の首都です。中文分词测试 한국어 텍스트 ﾊﾝｶｸ",
    "Running runs ran runner RUNNING Running. running, connection connected CONNECTS",
    "Apple apple APPLE aPPLE apples Apples' apple's",
    "emoji 🙂 between 👍🏽 words \u200b zero\u200bwidth soft\u00adhyphen",
    "supercalifragilisticexpialidocious " * 3 + "x" * 300,
    "the the the start, then words after many stops: of of of end",
    "Lukashenko's re-election; Lukashenko protests — protested “quoted” «guillemets»",
]

# How whoosh calls an analyzer: indexing (through the format), the query parser,
# range queries (tokenize=False), the highlighter (chars, stop words kept), spelling.
CALLS: list[dict[str, Any]] = [
    {"positions": True, "boosts": True, "mode": "index"},
    {"mode": "query"},
    {"mode": "query", "tokenize": False, "removestops": False},
    {"chars": True, "mode": "query", "removestops": False},
    {"positions": True, "chars": True, "mode": "index", "removestops": False},
    {"positions": True, "chars": True, "start_pos": 5, "start_char": 7},
    {"no_morph": True},
]
TOKEN_ATTRIBUTES = ("text", "pos", "startchar", "endchar", "stopped", "boost")


def _tokens(analyzer: Any, text: str, call: dict[str, Any]) -> list[tuple[object, ...]]:
    return [
        tuple(getattr(token, name, None) for name in TOKEN_ATTRIBUTES)
        for token in analyzer(text, **call)
    ]


def test_indexed_postings_are_those_of_stemming_analyzer() -> None:
    # One field for all texts, as in a build, so its caches carry from text to text.
    ours = stemmed_text_field(StemmingWords(), stored=True, field_boost=2.0)
    theirs = fields.TEXT(analyzer=StemmingAnalyzer(cachesize=-1), stored=True, field_boost=2.0)
    for _ in range(2):  # the second time every word comes from the caches
        for text in TRICKY_TEXTS:
            assert list(ours.index(text)) == list(theirs.index(text)), text


def test_the_comparison_sees_terms_positions_and_stop_words() -> None:
    # A test that could not fail would prove nothing: check what it compares.
    ours = stemmed_text_field(StemmingWords(), stored=True)
    postings = {term: encoded for term, _, _, encoded in ours.index("The runner runs and runs")}
    assert set(postings) == {b"runner", b"run"}
    theirs = fields.TEXT(analyzer=StemmingAnalyzer(cachesize=-1))
    same_places = {term: encoded for term, _, _, encoded in theirs.index("x runner runs x runs")}
    other_places = {term: encoded for term, _, _, encoded in theirs.index("runner runs x runs")}
    assert postings[b"run"] == same_places[b"run"] != other_places[b"run"]


@pytest.mark.parametrize("call", CALLS, ids=lambda call: ",".join(sorted(call)))
def test_tokens_are_those_of_stemming_analyzer(call: dict[str, Any]) -> None:
    ours, theirs = StemmingWords(), StemmingAnalyzer(cachesize=-1)
    for text in TRICKY_TEXTS:
        assert _tokens(ours, text, call) == _tokens(theirs, text, call), text


def test_term_positions_renumber_after_stop_words_as_whoosh_does() -> None:
    assert StemmingWords().term_positions("The cats and the dogs, a cat") == {
        "cat": [1, 3],
        "dog": [2],
    }


def test_a_word_list_is_indexed_the_whoosh_way() -> None:
    ours = stemmed_text_field(StemmingWords(), stored=False)
    theirs = fields.TEXT(analyzer=StemmingAnalyzer(cachesize=-1))
    words = ["Running", "the", "dogs"]
    assert list(ours.index(words)) == list(theirs.index(words))


def test_the_pickled_schema_leaves_the_caches_out() -> None:
    words = StemmingWords()
    field = stemmed_text_field(words, stored=True)
    empty = len(pickle.dumps(field))
    list(field.index(" ".join(f"word{number}" for number in range(2000))))
    assert len(pickle.dumps(field)) == empty
    restored = pickle.loads(pickle.dumps(field))  # noqa: S301 - a pickle this test just made
    assert list(restored.index("Running dogs")) == list(field.index("Running dogs"))
    assert _tokens(restored.analyzer, "Running dogs", CALLS[3]) == _tokens(
        words, "Running dogs", CALLS[3]
    )


# --- the writer: the index whoosh's own writer gives -----------------------------------


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
    ix = index.create_in(str(folder), whoosh_index._schema())
    writer = make_writer(ix)
    for number, text in enumerate(texts):
        boosts = {"_body_boost": 1.5} if number % 7 == 3 else {}  # whoosh's per-field boost
        writer.add_document(
            path=f"articles/{number}.html",
            title=text[:40],
            body=text,
            fingerprint=str(number),
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


def test_runs_read_back_in_order_through_a_merge_of_merged_runs(tmp_path: Path) -> None:
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
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


def test_postings_added_in_document_order_are_joined_not_sorted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The writer's way: documents one after another, so runs hold documents in order
    # and a term's parts are joined in run order, also through a merge of merged runs.
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.limit = 2000  # bytes: a run every few documents
    sorts: list[int] = []
    real_sorted = whoosh_writer._sorted
    monkeypatch.setattr(
        whoosh_writer, "_sorted", lambda postings: sorts.append(1) or real_sorted(postings)
    )
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
    assert not sorts


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
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.add_document_terms("body", 6, [b"t1"], [1.0], [b"\x06"])
    pool.add_document_terms("body", 7, [b"t1"], [1.0], [b"\x07"])
    pool.add(late)
    found = list(pool.iter_postings())
    assert found == sorted(
        [("body", b"t1", 6, 1.0, b"\x06"), ("body", b"t1", 7, 1.0, b"\x07"), late]
    )


def test_a_document_added_again_for_a_field_is_sorted_into_place(tmp_path: Path) -> None:
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.add_document_terms("body", 4, [b"a", b"b"], [1.0, 1.0], [b"\x04", b"\x04"])
    pool.add_document_terms("body", 2, [b"b"], [1.0], [b"\x02"])
    assert list(pool.iter_postings()) == [
        ("body", b"a", 4, 1.0, b"\x04"),
        ("body", b"b", 2, 1.0, b"\x02"),
        ("body", b"b", 4, 1.0, b"\x04"),
    ]


def test_a_run_holds_whole_documents(tmp_path: Path) -> None:
    # A run is spilled when the next document starts, never between two fields or two
    # terms of one document: so every posting in memory is newer than those in the runs.
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
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
    assert pool._in_order


def _each(flat: list[Any]) -> list[tuple[Any, ...]]:
    """A term's flat postings, one (docnum, weight, value) at a time."""
    return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))


def test_a_pool_that_never_spilled_gives_its_postings_in_order(tmp_path: Path) -> None:
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    postings = [
        ("body", b"b", 2, 1.0, b"x"),
        ("body", b"a", 1, 1.0, None),
        ("body", b"b", 1, 1.0, b""),
    ]
    for posting in postings:
        pool.add(posting)
    assert list(pool.iter_postings()) == sorted(postings, key=lambda p: (p[0], p[1], p[2]))
    assert not pool.runs


def test_a_run_is_pickled_a_few_postings_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A merge holds one batch of every run at once; batches of many terms, each with all
    # its postings, took the writer's peak from 188 to 408 MB at 5,000 articles.
    monkeypatch.setattr(whoosh_writer, "RUN_BATCH", 50)
    pool = _TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
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
