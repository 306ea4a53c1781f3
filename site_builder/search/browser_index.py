"""The browser search's index: static files, of which a query fetches a handful.

One index over the whole archive, every language and year, ranked as one: each
(term, article) pair carries its BM25 weight, saturated and normalised by the
article's length here, and the browser multiplies it by the term's rarity, which it
computes from the term's article count. So a word found in one article ranks that
article first, whatever else the archive holds (issue 19: Pagefind's separate
per-year and per-language indexes, merged by raw score, put 30% of the judged cases
out of the top three).

Files, under `search/` in the site (search.js reads them):
- `index.json`: the counts a query needs, and the folder of this generation;
- `<generation>/w/<n>.json`: the vocabulary, each word as folded -> its terms, in
  shards by the word's first three letters (so a prefix finds its words);
- `<generation>/p/<n>.bin`: the postings, in shards by a hash of the term;
- `<generation>/t/<n>.bin`: each article's publication day, for "newest first";
- `docs/<number>.json`: each article's title, page, site, date and text (`card`),
  kept from build to build while the article is unchanged.

A new generation folder per change means a browser never mixes a new index.json with
old shards from its cache.

This module owns the format; build/browser_search.py keeps the parts between builds
and hands them over already grouped by shard, so a build that adds one article encodes
only that article's terms.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from site_builder.core.files import link_or_copy
from site_builder.search.browser_terms import DocumentTerms
from site_builder.search.stemmers import STOP_WORDS_ANY_LANGUAGE

FORMAT = 1
INDEX_FOLDER = "search"
CARDS_FOLDER = "docs"
# A term in more articles than this keeps only its best-weighted ones: "said" in
# 60,000 of 100,000 articles would otherwise cost 150 KB a query, for articles that
# rank last anyway. Its article count stays exact, so its rarity does too.
POSTINGS_CAP = 20_000
# Shards are sized for a query's cost: about this many bytes each on average.
SHARD_BYTES = 16 * 1024
PREFIX_LETTERS = 3  # a vocabulary shard holds whole prefixes of this many letters
VOCABULARY_ENTRY_BYTES = 8  # a word's entry besides the word itself, on average
DAYS_PER_CHUNK = 4096  # articles per file of publication days
_DAY_ZERO = date(1900, 1, 1).toordinal() - 1  # day 1 is 1900-01-01; 0 is "undated"
_LAST_DAY = 0xFFFF


@dataclass(frozen=True, slots=True, kw_only=True)
class BrowserIndexReport:
    documents: int
    generation: str
    bytes: int  # postings and vocabulary


class _Varints(dict[int, bytes]):
    """Each number's LEB128 bytes, made once: encoding postings is then a C loop."""

    def __missing__(self, number: int) -> bytes:
        encoded = varint(number)
        if number < 1 << 14:
            self[number] = encoded
        return encoded


_VARINTS = _Varints()


def varint(number: int) -> bytes:
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        if number:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def shard_of(key: str, shards: int) -> int:
    """search.js computes the same: CRC-32 of the UTF-8 bytes, modulo the shard count."""
    return zlib.crc32(key.encode("utf-8")) % shards


def word_shard_of(word: str, shards: int) -> int:
    """A word's vocabulary shard: that of its first letters, so a prefix finds it."""
    return shard_of(word[:PREFIX_LETTERS], shards)


def shard_count(total_bytes: int) -> int:
    """The power of two that makes shards of about SHARD_BYTES."""
    count = 1
    while count * SHARD_BYTES < total_bytes:
        count *= 2
    return count


def vocabulary_bytes(words: int, word_bytes: int) -> int:
    """About what the vocabulary of so many words, so long in all, takes."""
    return word_bytes + words * VOCABULARY_ENTRY_BYTES


def publication_day(published: str | None) -> int:
    try:
        day = date.fromisoformat((published or "")[:10]).toordinal() - _DAY_ZERO
    except ValueError:
        return 0
    return max(0, min(_LAST_DAY, day))


def encode_term(
    term: str, numbers: array[int], impacts: array[int], cap: int = POSTINGS_CAP
) -> bytes:
    """A term's entry in its shard: its name, its article count, then its kept articles'
    number gaps and weights (numbers ascending, as search.js reads them)."""
    df = len(numbers)
    if df > cap:
        best = sorted(range(df), key=impacts.__getitem__, reverse=True)[:cap]
        best.sort()
        numbers = array("I", (numbers[at] for at in best))
        impacts = array("B", (impacts[at] for at in best))
    gaps = [numbers[0], *(b - a for a, b in pairwise(numbers))] if numbers else []
    name = term.encode("utf-8")
    return b"".join(
        (
            varint(len(name)),
            name,
            varint(df),
            varint(len(numbers)),
            b"".join(map(_VARINTS.__getitem__, gaps)),
            impacts.tobytes(),
        )
    )


def card(document: DocumentTerms) -> bytes:
    """What a result shows of an article: `docs/<number>.json`."""
    data = {
        "p": document.path,
        "t": document.title,
        "s": document.site_name or "",
        "d": (document.published or "")[:10],
        "x": document.excerpt,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def cards_folder(site_dir: Path) -> Path:
    return site_dir / INDEX_FOLDER / CARDS_FOLDER


def card_name(number: int) -> str:
    return f"{number}.json"


@dataclass(frozen=True, slots=True)
class ShardFile:
    """A shard already encoded and kept in a file: linked into the site, not rewritten."""

    path: Path
    sha256: str
    size: int


Shard = bytes | ShardFile
EMPTY_POSTINGS = b""
EMPTY_VOCABULARY = b"{}"


def encode_vocabulary(words: dict[str, list[str]]) -> bytes:
    """A vocabulary shard: each word and its terms, as search.js reads them."""
    return json.dumps(_compact(words), ensure_ascii=False, separators=(",", ":")).encode()


def write_generation(
    site_dir: Path,
    *,
    documents: int,
    posting_shards: int,
    postings: Iterable[tuple[int, Shard]],
    word_shards: int,
    vocabulary: Iterable[tuple[int, Shard]],
    days: Sequence[int],
) -> BrowserIndexReport:
    """Write the shards and index.json (the cards are written apart, by the caller).

    postings: each posting shard's number and bytes (its terms' encode_term, joined);
    vocabulary: each word shard's number and bytes (encode_vocabulary); either may be a
    ShardFile kept from an earlier build instead. days: each article number's
    publication_day. A shard not given is written empty.
    """
    root = site_dir / INDEX_FOLDER
    building = root / ".building"
    shutil.rmtree(building, ignore_errors=True)
    for part in ("w", "p", "t"):
        (building / part).mkdir(parents=True)
    digest = hashlib.sha256()
    written = _write_shards(
        building / "p", ".bin", posting_shards, postings, EMPTY_POSTINGS, digest.update
    )
    written += _write_shards(
        building / "w", ".json", word_shards, vocabulary, EMPTY_VOCABULARY, digest.update
    )
    _write_days(building / "t", days)
    # From the shards' digests, not their bytes: a kept shard is not read again.
    generation = digest.hexdigest()[:12]
    for old in root.iterdir():
        if old.is_dir() and old.name not in (".building", CARDS_FOLDER):
            shutil.rmtree(old)
    building.rename(root / generation)
    manifest = {
        "format": FORMAT,
        "generation": generation,
        "documents": documents,
        "postingShards": posting_shards,
        "wordShards": word_shards,
        "prefixLetters": PREFIX_LETTERS,
        "daysPerChunk": DAYS_PER_CHUNK,
        "stopWords": sorted(STOP_WORDS_ANY_LANGUAGE),
    }
    (root / "index.json").write_text(json.dumps(manifest), encoding="utf-8")
    return BrowserIndexReport(documents=documents, generation=generation, bytes=written)


def _compact(words: dict[str, list[str]]) -> dict[str, object]:
    """Each word's terms as search.js reads them: 0 when the word is its own only term
    (the most common case, spelled once), the term when it has one, else the list."""
    return {
        word: 0 if terms == [word] else terms[0] if len(terms) == 1 else terms
        for word, terms in words.items()
    }


def _write_shards(
    folder: Path,
    suffix: str,
    count: int,
    shards: Iterable[tuple[int, Shard]],
    empty: bytes,
    hashed: Callable[[bytes], None],
) -> int:
    """Write (or link) each shard given, in ascending order of number, and the others
    empty; the bytes written. One shard's bytes are held at a time."""

    def put(number: int, shard: Shard) -> int:
        target = folder / f"{number}{suffix}"
        if isinstance(shard, ShardFile):
            link_or_copy(shard.path, target)
            hashed(bytes.fromhex(shard.sha256))
            return shard.size
        target.write_bytes(shard)
        hashed(hashlib.sha256(shard).digest())
        return len(shard)

    written, upcoming = 0, 0
    for number, shard in shards:
        for missing in range(upcoming, number):
            written += put(missing, empty)
        written += put(number, shard)
        upcoming = number + 1
    for missing in range(upcoming, count):
        written += put(missing, empty)
    return written


def _write_days(folder: Path, days: Sequence[int]) -> None:
    for chunk, start in enumerate(range(0, max(len(days), 1), DAYS_PER_CHUNK)):
        values = array("H", days[start : start + DAYS_PER_CHUNK])
        if sys.byteorder == "big":
            values.byteswap()  # search.js reads them little-endian
        (folder / f"{chunk}.bin").write_bytes(values.tobytes())
