"""The browser search's cache: the archive's postings and vocabulary, kept between
builds in a SQLite file beside the Whoosh index, from which each build that changes the
site writes the static index (search.browser_index) into the new site.

The cache is updated, not remade: an article new or changed is analysed once and its
terms' postings are updated in place, each term's entry in the shard format encoded
again; an article gone is taken out of its terms. A build that adds one article to
100,000 touches its few hundred terms. Like the Whoosh update, it comes in two halves:
offer() while the convert step writes articles, finish() for the rest. Nothing is kept
unless finish() commits it.

The cache numbers articles in the order they come, and keeps each one's number, so
adding one touches no other article's postings. The published index has its own
numbers (browser_shards.KeptShards.published_numbers): by page name in a first build,
which the articles alone decide, and kept from build to build, new articles after the
rest, so that a build re-encodes only the shards it changed. Each article's card is
kept as a file in the cache too, and linked into the site under its published number.
"""

from __future__ import annotations

import json
import sqlite3
import time
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from itertools import groupby, repeat
from operator import and_, lshift, or_, rshift
from pathlib import Path

from site_builder.build.browser_shards import (
    POSTINGS,
    SHARDS_FOLDER,
    VOCABULARY,
    KeptShards,
)
from site_builder.build.browser_shards import (
    SCHEMA as SHARD_SCHEMA,
)
from site_builder.core.files import link_or_copy
from site_builder.core.records import IndexDocument
from site_builder.search import browser_index
from site_builder.search.browser_index import BrowserIndexReport
from site_builder.search.browser_terms import TermAnalyzer

# Bump when browser_terms analyses articles differently: the cache is then dropped.
ANALYSIS_VERSION = "4"
CACHE_FILE = "browser-search.sqlite"
CARDS_FOLDER = "browser-search-cards"  # beside it: each article's card, by cache number
# What a posting takes in a shard, about (a gap of one or two bytes and a weight), and a
# term's entry besides its postings: to size the shards before encoding them.
POSTING_BYTES = 2.5
TERM_ENTRY_BYTES = 4
# Postings waiting in memory are written to the cache past this many (8 bytes each),
# so a first build of 100,000 articles stays within a few tens of MB for them.
PENDING_POSTINGS = 4_000_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    number INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    fingerprint TEXT NOT NULL,
    changed_ns INTEGER NOT NULL,
    day INTEGER NOT NULL,
    card BLOB NOT NULL,
    terms TEXT NOT NULL,
    words TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    term TEXT PRIMARY KEY,
    numbers BLOB NOT NULL,
    impacts BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS vocabulary (
    word TEXT NOT NULL,
    term TEXT NOT NULL,
    refs INTEGER NOT NULL,
    PRIMARY KEY (word, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class _Pending:
    """Changes not yet written to the cache's postings and vocabulary."""

    def __init__(self) -> None:
        self.added: defaultdict[str, array[int]] = defaultdict(lambda: array("Q"))
        self.removed: defaultdict[str, set[int]] = defaultdict(set)
        self.words: Counter[tuple[str, str]] = Counter()
        self.size = 0


class BrowserSearchUpdate:
    """The cache of the archive's postings, brought in line with the archive."""

    def __init__(self, output_dir: Path, *, rebuild: bool = False) -> None:
        self._file = output_dir / CACHE_FILE
        self._cards = output_dir / CARDS_FOLDER
        self._cards.mkdir(parents=True, exist_ok=True)
        if rebuild:
            self._file.unlink(missing_ok=True)
        self._db = self._open()
        self._kept = KeptShards(self._db, output_dir / SHARDS_FOLDER)
        self._analyzer = TermAnalyzer()
        rows = self._db.execute("SELECT path, number, fingerprint FROM articles")
        self._known = {path: (number, fingerprint) for path, number, fingerprint in rows}
        self._next_number = max((n for n, _ in self._known.values()), default=-1) + 1
        self._offered: set[str] = set()
        self._stored_now: set[int] = set()  # articles stored in this build
        self._pending = _Pending()

    def _open(self) -> sqlite3.Connection:
        """The cache, started afresh if it is missing, damaged or of another version."""
        try:
            db = self._connect()
            found = db.execute("SELECT value FROM about WHERE key = 'version'").fetchone()
            if found is not None and found[0] == ANALYSIS_VERSION:
                return db
            db.close()
        except sqlite3.DatabaseError:
            pass
        self._file.unlink(missing_ok=True)
        db = self._connect()
        db.execute("INSERT INTO about VALUES ('version', ?)", (ANALYSIS_VERSION,))
        db.commit()
        return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._file)
        db.executescript(_SCHEMA + SHARD_SCHEMA)
        db.create_function("shard", 2, browser_index.shard_of, deterministic=True)
        db.create_function("word_shard", 2, browser_index.word_shard_of, deterministic=True)
        return db

    def __enter__(self) -> BrowserSearchUpdate:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._db.rollback()  # what was offered but not finished
        self._db.close()

    def offer(self, document: IndexDocument) -> None:
        known = self._known.get(document.path)
        if known is not None and known[1] == document.fingerprint:
            return
        self._store(document)
        self._offered.add(document.path)

    def finish(self, fingerprints: Mapping[str, str], load: Callable[[str], IndexDocument]) -> None:
        """Analyse what was not offered, take out what is gone, commit."""
        for path, fingerprint in sorted(fingerprints.items()):
            known = self._known.get(path)
            if path not in self._offered and (known is None or known[1] != fingerprint):
                self._store(load(path))
        for path in sorted(set(self._known) - set(fingerprints)):
            number, _ = self._known.pop(path)
            self._take_out(number)
            self._db.execute("DELETE FROM articles WHERE number = ?", (number,))
        self._apply()
        self._db.commit()

    def _store(self, document: IndexDocument) -> None:
        known = self._known.get(document.path)
        if known is None:
            number, self._next_number = self._next_number, self._next_number + 1
        else:
            number = known[0]
            self._take_out(number)
        terms = self._analyzer.document_terms(document)
        impacts = terms.impacts()
        pending = self._pending
        for term, impact in impacts.items():
            pending.added[term].append(number << 8 | impact)
        pending.words.update((word, term) for word, found in terms.words.items() for term in found)
        pending.size += len(impacts)
        self._db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                document.path,
                document.fingerprint,
                time.time_ns(),
                browser_index.publication_day(document.published),
                browser_index.card(terms),
                json.dumps(sorted(impacts), ensure_ascii=False),
                json.dumps(terms.words, ensure_ascii=False),
            ),
        )
        self._known[document.path] = (number, document.fingerprint)
        self._stored_now.add(number)
        if pending.size > PENDING_POSTINGS:
            self._apply()

    def _take_out(self, number: int) -> None:
        """Mark an article's postings and words as gone (it is stored again, or deleted)."""
        if number in self._stored_now:
            self._apply()  # its postings from earlier in this build are still pending
        row = self._db.execute(
            "SELECT terms, words FROM articles WHERE number = ?", (number,)
        ).fetchone()
        for term in json.loads(row[0]):
            self._pending.removed[term].add(number)
        for word, terms in json.loads(row[1]).items():
            self._pending.words.subtract((word, term) for term in terms)

    def _apply(self) -> None:
        """Write the pending changes into the postings and the vocabulary."""
        pending, self._pending = self._pending, _Pending()
        changed = sorted(pending.added.keys() | pending.removed.keys())
        for term in changed:
            self._update_term(term, pending.added.get(term), pending.removed.get(term, set()))
        self._kept.mark_stale(changed, {word for (word, _), n in pending.words.items() if n})
        self._db.executemany(
            "INSERT INTO vocabulary VALUES (?, ?, ?) "
            "ON CONFLICT (word, term) DO UPDATE SET refs = refs + excluded.refs",
            ((word, term, change) for (word, term), change in pending.words.items() if change),
        )
        self._db.execute("DELETE FROM vocabulary WHERE refs <= 0")

    def _update_term(self, term: str, added: array[int] | None, removed: set[int]) -> None:
        row = self._db.execute(
            "SELECT numbers, impacts FROM postings WHERE term = ?", (term,)
        ).fetchone()
        numbers, impacts = array("I"), array("B")
        if row is not None:
            numbers.frombytes(row[0])
            impacts.frombytes(row[1])
        for number in sorted(removed):
            at = bisect_left(numbers, number)
            if at < len(numbers) and numbers[at] == number:
                del numbers[at]
                del impacts[at]
        entries = sorted(added) if added else []
        if entries and (not numbers or entries[0] >> 8 > numbers[-1]):
            numbers.extend(entry >> 8 for entry in entries)
            impacts.extend(entry & 0xFF for entry in entries)
        else:
            for entry in entries:
                at = bisect_left(numbers, entry >> 8)
                numbers.insert(at, entry >> 8)
                impacts.insert(at, entry & 0xFF)
        if not numbers:
            self._db.execute("DELETE FROM postings WHERE term = ?", (term,))
            return
        self._db.execute(
            "INSERT OR REPLACE INTO postings VALUES (?, ?, ?)",
            (term, numbers.tobytes(), impacts.tobytes()),
        )

    def write(self, site_dir: Path) -> BrowserIndexReport:
        """The static index of every article, under site_dir."""
        paths = self._db.execute("SELECT number, path FROM articles").fetchall()
        kept = self._kept
        published = kept.published_numbers(paths, self._next_number)
        self._link_cards(site_dir, published)
        numbers = 1 + max((published[number] for number, _ in paths), default=-1)
        days = array("H", bytes(2 * numbers))
        for number, day in self._db.execute("SELECT number, day FROM articles"):
            days[published[number]] = day
        postings, terms_bytes = self._db.execute(
            "SELECT SUM(LENGTH(impacts)), SUM(LENGTH(CAST(term AS BLOB))) FROM postings"
        ).fetchone()
        posting_shards = browser_index.shard_count(
            int((postings or 0) * POSTING_BYTES + (terms_bytes or 0) * 2)
        )
        words, word_bytes = self._db.execute(
            "SELECT COUNT(DISTINCT word), SUM(LENGTH(CAST(word AS BLOB))) FROM vocabulary"
        ).fetchone()
        word_shards = browser_index.shard_count(
            browser_index.vocabulary_bytes(words or 0, word_bytes or 0)
        )
        stale_postings = kept.stale_shards(POSTINGS, posting_shards)
        stale_words = kept.stale_shards(VOCABULARY, word_shards)
        report = browser_index.write_generation(
            site_dir,
            documents=len(paths),
            posting_shards=posting_shards,
            postings=kept.shards(
                POSTINGS,
                posting_shards,
                stale_postings,
                self._posting_shards(posting_shards, published, stale_postings),
            ),
            word_shards=word_shards,
            vocabulary=kept.shards(
                VOCABULARY, word_shards, stale_words, self._word_shards(word_shards, stale_words)
            ),
            days=days,
        )
        kept.written(published, {POSTINGS: posting_shards, VOCABULARY: word_shards})
        return report

    def _posting_shards(
        self, shards: int, published: array[int], only: set[int] | None
    ) -> Iterator[tuple[int, bytes]]:
        """The shards in only (None: all), encoded, in order."""
        if only is not None and not only:
            return
        self._db.create_function("in_posting_shards", 1, _shard_filter(only))
        rows = self._db.execute(
            "SELECT shard(term, ?) AS s, term, numbers, impacts FROM postings "
            "WHERE in_posting_shards(s) ORDER BY s, term",
            (shards,),
        )
        for number, group in groupby(rows, key=lambda row: int(row[0])):
            yield (
                number,
                b"".join(
                    browser_index.encode_term(term, *_renumbered(numbers, impacts, published))
                    for _, term, numbers, impacts in group
                ),
            )

    def _word_shards(self, shards: int, only: set[int] | None) -> Iterator[tuple[int, bytes]]:
        if only is not None and not only:
            return
        self._db.create_function("in_word_shards", 1, _shard_filter(only))
        rows = self._db.execute(
            "SELECT word_shard(word, ?) AS s, word, term FROM vocabulary "
            "WHERE in_word_shards(s) ORDER BY s, word, term",
            (shards,),
        )
        for number, group in groupby(rows, key=lambda row: int(row[0])):
            words: dict[str, list[str]] = {}
            for _, word, term in group:
                words.setdefault(word, []).append(term)
            yield number, browser_index.encode_vocabulary(words)

    def _link_cards(self, site_dir: Path, published: array[int]) -> None:
        """Each article's card, linked from the cache under its published number; a card
        the cache has not written since the article last changed is written first."""
        folder = browser_index.cards_folder(site_dir)
        folder.mkdir(parents=True, exist_ok=True)
        rows = self._db.execute("SELECT number, changed_ns FROM articles ORDER BY number")
        for number, changed_ns in rows.fetchall():
            kept = self._cards / browser_index.card_name(number)
            if not _written_since(kept, changed_ns):
                (card,) = self._db.execute(
                    "SELECT card FROM articles WHERE number = ?", (number,)
                ).fetchone()
                # A new file, never the old one rewritten: the last site links to it.
                writing = kept.with_suffix(".writing")
                writing.write_bytes(card)
                writing.replace(kept)
            link_or_copy(kept, folder / browser_index.card_name(published[number]))


def _shard_filter(only: set[int] | None) -> Callable[[int], bool]:
    if only is None:
        return lambda _shard: True
    return only.__contains__


def _renumbered(
    numbers: bytes, impacts: bytes, published: array[int]
) -> tuple[array[int], array[int]]:
    """A term's postings under the published numbers, in their order (C loops only: a
    build of 100,000 articles renumbers some 40 million postings)."""
    cached, weights = array("I"), array("B")
    cached.frombytes(numbers)
    weights.frombytes(impacts)
    packed = sorted(map(or_, map(lshift, map(published.__getitem__, cached), repeat(8)), weights))
    return (
        array("I", map(rshift, packed, repeat(8))),
        array("B", map(and_, packed, repeat(0xFF))),
    )


def _written_since(path: Path, changed_ns: int) -> bool:
    """Whether a card file was written after its article last changed in the cache."""
    try:
        return path.stat().st_mtime_ns >= changed_ns
    except OSError:
        return False
