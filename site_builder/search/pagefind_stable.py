"""Pagefind's bundle files made byte-stable: the part of the Pagefind adapter that reads
and rewrites what the binary wrote.

Pagefind 1.x lists each filter's values (sites, tags), its metadata file the filters,
and pagefind-entry.json the languages, in hash-map order, which changes from run to run
(Pagefind issue 638: since 1.3 only the fragments are stable). The filter and metadata
files are named by a hash of their content, and the metadata file names them, so two
builds of the same pages published different filter, metadata and entry files.
`make_stable` sorts the three lists and names the files again as Pagefind names them.

Each such file is gzip of b"pagefind_dcd" and CBOR. Pagefind names a filter file LANG_
and the first 7 hex digits of the SHA-1 of its CBOR, each byte written without a leading
zero; the metadata file the same with 10 digits, and pagefind-entry.json gives that
name. Only the subset of CBOR those files use is read (unsigned integers, byte and text
strings, arrays), and a file is rewritten only when its CBOR reads back to exactly its
own bytes: a bundle of any other shape, as a later Pagefind might write, is left as
Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

_SIGNATURE = b"pagefind_dcd"
_ENTRY_FILE = "pagefind-entry.json"
_FILTER_HASH_DIGITS = 7
_META_HASH_DIGITS = 10
_META_FILTERS = 3  # the position of [[filter, file], ...] in the metadata's array
_UNSIGNED, _BYTES, _TEXT, _ARRAY = 0, 2, 3, 4


class UnexpectedFormat(ValueError):
    """A file is not in the format this module knows."""


def make_stable(bundle: Path) -> bool:
    """Sort the filter values, filters and languages of one bundle, naming its files again.

    Returns whether it did; False leaves the bundle untouched (an unknown format).
    """
    entry_path = bundle / _ENTRY_FILE
    try:
        entry_text = entry_path.read_text(encoding="utf-8")
        entry = json.loads(entry_text)
        if _entry_json(entry) != entry_text:
            raise UnexpectedFormat(entry_path)
        rewrites = _stable_files(bundle, entry)
        entry["languages"] = dict(sorted(entry["languages"].items()))  # hash-map order too
    except (OSError, ValueError, LookupError, TypeError, EOFError):
        return False
    # Everything was read and checked first, so a bundle is rewritten whole or not at all.
    for new, data in rewrites.values():
        new.write_bytes(data)
    kept = {new for new, _ in rewrites.values()}
    for old in rewrites.keys() - kept:
        old.unlink()
    entry_path.write_text(_entry_json(entry), encoding="utf-8")
    return True


def _stable_files(bundle: Path, entry: dict[str, Any]) -> dict[Path, tuple[Path, bytes]]:
    """Each file to rewrite -> its new path and bytes; names the new metadata in entry."""
    rewrites: dict[Path, tuple[Path, bytes]] = {}
    for language, about in entry["languages"].items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read_bundle_file(meta_path)
        renamed: dict[str, str] = {}
        for filter_name, file_hash in meta[_META_FILTERS]:
            filter_path = bundle / "filter" / f"{file_hash}.pf_filter"
            name, values = read_bundle_file(filter_path)
            if name != filter_name:
                raise UnexpectedFormat(filter_path)
            values.sort(key=_value_name)
            payload = cbor_encode([name, values])
            renamed[file_hash] = pagefind_file_name(language, payload, _FILTER_HASH_DIGITS)
            new_path = filter_path.with_name(f"{renamed[file_hash]}.pf_filter")
            rewrites[filter_path] = (new_path, _gzip(payload))
        meta[_META_FILTERS] = sorted([name, renamed[old]] for name, old in meta[_META_FILTERS])
        payload = cbor_encode(meta)
        about["hash"] = pagefind_file_name(language, payload, _META_HASH_DIGITS)
        rewrites[meta_path] = (bundle / f"pagefind.{about['hash']}.pf_meta", _gzip(payload))
    return rewrites


def _value_name(value: Any) -> str:
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        raise UnexpectedFormat(value)
    return value[0]


def pagefind_file_name(language: str, payload: bytes, digits: int) -> str:
    """The name Pagefind gives a file of language holding payload (its CBOR)."""
    digest = hashlib.sha1(payload, usedforsecurity=False).digest()  # Pagefind's naming
    # Pagefind writes each byte in hex without a leading zero: 07 a0 -> "7a0".
    return f"{language}_{''.join(f'{byte:x}' for byte in digest)[:digits]}"


def _entry_json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def _gzip(payload: bytes) -> bytes:
    # mtime=0, as Pagefind's own: the same bytes give the same file.
    return gzip.compress(_SIGNATURE + payload, compresslevel=9, mtime=0)


def read_bundle_file(path: Path) -> list[Any]:
    """The CBOR array in a filter or metadata file; UnexpectedFormat unless writing it
    back would give exactly the file's own bytes."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise UnexpectedFormat(path)
    payload = data[len(_SIGNATURE) :]
    value, end = cbor_decode(payload, 0)
    if end != len(payload) or not isinstance(value, list) or cbor_encode(value) != payload:
        raise UnexpectedFormat(path)
    return value


def cbor_decode(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item of the subset at data[at:]; returns it and where it ends."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        count = info
    elif info <= 27:
        size = 1 << (info - 24)
        count = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnexpectedFormat(f"CBOR length code {info}")
    if major == _UNSIGNED:
        return count, at
    if major in (_BYTES, _TEXT):
        chunk = data[at : at + count]
        if len(chunk) != count:
            raise UnexpectedFormat("CBOR string past the end")
        return (chunk.decode("utf-8") if major == _TEXT else bytes(chunk)), at + count
    if major == _ARRAY:
        items = []
        for _ in range(count):
            item, at = cbor_decode(data, at)
            items.append(item)
        return items, at
    raise UnexpectedFormat(f"CBOR major type {major}")


def cbor_encode(value: Any) -> bytes:
    """value in CBOR's shortest form, as Pagefind writes it."""
    if isinstance(value, bool):
        raise UnexpectedFormat(value)
    if isinstance(value, int):
        return _head(_UNSIGNED, value)
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(_TEXT, len(text)) + text
    if isinstance(value, bytes):
        return _head(_BYTES, len(value)) + value
    if isinstance(value, list):
        return _head(_ARRAY, len(value)) + b"".join(cbor_encode(item) for item in value)
    raise UnexpectedFormat(value)


def _head(major: int, count: int) -> bytes:
    if count < 24:
        return bytes([major << 5 | count])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if count < 1 << (8 * size):
            return bytes([major << 5 | info]) + count.to_bytes(size, "big")
    raise UnexpectedFormat(count)
