"""The browser index's shards as the last build encoded them, kept beside the cache
(output/browser-search-shards/), so a build encodes again only the shards it changed.

Articles keep their published numbers: a first build numbers them in the order of their
pages' names, and later builds give new articles the next numbers. (Numbering every
build by page name renumbered each article after a new one's name, so nearly every
shard changed.) A posting shard then changes only when one of its terms gains or loses
an article: adding one article to 100,000 changes its few hundred terms' shards, and the
other shards of 8,192 are linked into the new site as they are, not read out of the
cache and encoded again (issue 19: that was 28 s of the 95 s such a build took).

What is stale is recorded in the cache's own transaction, with the postings it comes
from, so a build that fails before its site is written leaves it stale for the next.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from site_builder.search import browser_index
from site_builder.search.browser_index import ShardFile

SHARDS_FOLDER = "browser-search-shards"
# Numbers left unused by articles gone, past this share of the articles, are closed up:
# every article is numbered again by page name, and every shard encoded again.
UNUSED_NUMBERS_SHARE = 0.2
UNPUBLISHED = 0xFFFFFFFF  # in a published numbering: an article that has no number yet
POSTINGS, VOCABULARY = "p", "w"
_SUFFIX = {POSTINGS: ".bin", VOCABULARY: ".json"}
_EMPTY = {POSTINGS: browser_index.EMPTY_POSTINGS, VOCABULARY: browser_index.EMPTY_VOCABULARY}
_STALE_SHARDS = {
    POSTINGS: "SELECT DISTINCT shard(term, ?) FROM stale_terms",
    VOCABULARY: "SELECT DISTINCT word_shard(word, ?) FROM stale_words",
}
SCHEMA = """
CREATE TABLE IF NOT EXISTS stale_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stale_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kept_shards (
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (kind, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS layout (key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


class KeptShards:
    """The encoded shards of the last written index, and what has changed since."""

    def __init__(self, db: sqlite3.Connection, folder: Path) -> None:
        self._db = db
        self._folder = folder
        self._all_stale = False  # every article numbered again in this write

    def mark_stale(self, terms: Iterable[str], words: Iterable[str]) -> None:
        """Terms whose postings changed, words whose terms changed (not committed here)."""
        self._db.executemany("INSERT OR IGNORE INTO stale_terms VALUES (?)", ((t,) for t in terms))
        self._db.executemany("INSERT OR IGNORE INTO stale_words VALUES (?)", ((w,) for w in words))

    def published_numbers(self, paths: Sequence[tuple[int, str]], size: int) -> array[int]:
        """Each cached article number's published number (paths: the articles' numbers
        and page paths; size: one more than the highest cache number): the last write's,
        new articles after them in page-name order; all by page name on a first write,
        or when too many numbers went unused."""
        published = array("I", [UNPUBLISHED]) * size
        last = array("I")
        last.frombytes(self._layout("published") or b"")
        for number, _ in paths:
            if number < len(last):
                published[number] = last[number]
        kept = [n for n in published if n != UNPUBLISHED]
        upcoming = max(kept, default=-1) + 1
        if upcoming - len(kept) > UNUSED_NUMBERS_SHARE * len(paths):
            published, upcoming = array("I", [UNPUBLISHED]) * size, 0
            self._all_stale = True
        for number, _ in sorted(
            (row for row in paths if published[row[0]] == UNPUBLISHED), key=lambda row: row[1]
        ):
            published[number] = upcoming
            upcoming += 1
        return published

    def stale_shards(self, kind: str, count: int) -> set[int] | None:
        """The shards of kind to encode again, None for all of them."""
        if self._layout(f"{kind}-count") != str(count).encode():
            return None
        if kind == POSTINGS and self._all_stale:
            return None
        rows = self._db.execute(_STALE_SHARDS[kind], (count,))
        stale = {int(number) for (number,) in rows}
        kept = {number for (number,) in self._db.execute(
            "SELECT number FROM kept_shards WHERE kind = ?", (kind,)
        )}  # fmt: skip
        present = _names_in(self._folder / kind)
        suffix = _SUFFIX[kind]
        missing = {n for n in range(count) if n not in kept or f"{n}{suffix}" not in present}
        return stale | missing

    def shards(
        self, kind: str, count: int, stale: set[int] | None, encoded: Iterable[tuple[int, bytes]]
    ) -> Iterator[tuple[int, ShardFile]]:
        """Every shard of kind, in order, as a kept file: the stale ones (encoded: their
        new bytes, in order; a stale shard not among them is empty now) written anew."""
        upcoming = 0
        for number, data in encoded:
            yield from self._between(kind, upcoming, number, stale)
            yield number, self._keep(kind, number, data)
            upcoming = number + 1
        yield from self._between(kind, upcoming, count, stale)

    def written(self, published: Sequence[int], counts: dict[str, int]) -> None:
        """The index was written: nothing is stale, and this is the layout it has."""
        self._db.execute("DELETE FROM stale_terms")
        self._db.execute("DELETE FROM stale_words")
        values = {"published": array("I", published).tobytes()}
        values |= {f"{kind}-count": str(count).encode() for kind, count in counts.items()}
        self._db.executemany("INSERT OR REPLACE INTO layout VALUES (?, ?)", values.items())
        self._db.commit()

    def _between(
        self, kind: str, start: int, end: int, stale: set[int] | None
    ) -> Iterator[tuple[int, ShardFile]]:
        for number in range(start, end):
            if stale is None or number in stale:
                yield number, self._keep(kind, number, _EMPTY[kind])
            else:
                yield number, self._kept(kind, number)

    def _keep(self, kind: str, number: int, data: bytes) -> ShardFile:
        folder = self._folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{number}{_SUFFIX[kind]}"
        # A new file, never the old one rewritten: the published site links to it.
        writing = path.with_suffix(".writing")
        writing.write_bytes(data)
        writing.replace(path)
        sha256 = hashlib.sha256(data).hexdigest()
        self._db.execute(
            "INSERT OR REPLACE INTO kept_shards VALUES (?, ?, ?, ?)",
            (kind, number, sha256, len(data)),
        )
        return ShardFile(path, sha256, len(data))

    def _kept(self, kind: str, number: int) -> ShardFile:
        sha256, size = self._db.execute(
            "SELECT sha256, size FROM kept_shards WHERE kind = ? AND number = ?", (kind, number)
        ).fetchone()
        return ShardFile(self._folder / kind / f"{number}{_SUFFIX[kind]}", sha256, int(size))

    def _layout(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM layout WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])


def _names_in(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in folder.iterdir()}
    except OSError:
        return set()
