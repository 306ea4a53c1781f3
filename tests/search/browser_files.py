"""The browser index's files read back in Python, as search.js reads them."""

from __future__ import annotations

import json
from pathlib import Path

from site_builder.search.browser_index import shard_of


def postings_of(site: Path) -> dict[str, tuple[int, list[int], list[int]]]:
    """Every term of the index: (article count, kept numbers, their weights)."""
    manifest = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    found: dict[str, tuple[int, list[int], list[int]]] = {}
    for shard in sorted((site / "search" / manifest["generation"] / "p").glob("*.bin")):
        terms = read_shard(shard.read_bytes())
        assert {shard_of(term, manifest["postingShards"]) for term in terms} <= {int(shard.stem)}
        found.update(terms)
    return found


def read_shard(data: bytes) -> dict[str, tuple[int, list[int], list[int]]]:
    """A posting shard read as search.js's findTerm reads it."""
    found: dict[str, tuple[int, list[int], list[int]]] = {}
    at = 0

    def varint() -> int:
        nonlocal at
        value, shift = 0, 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    while at < len(data):
        length = varint()
        term = data[at : at + length].decode("utf-8")
        at += length
        df, kept = varint(), varint()
        numbers, number = [], 0
        for _ in range(kept):
            number += varint()
            numbers.append(number)
        found[term] = (df, numbers, list(data[at : at + kept]))
        at += kept
    return found
