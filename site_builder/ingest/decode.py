"""Bytes to text: the one place that decides a saved page's character encoding."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# How far into a page to look for <meta charset>: the HTML standard's prescan reads 1024
# bytes; savers often put a long comment first, so we look a little further.
_META_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.I)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers decode these labels as windows-1252 (WHATWG Encoding Standard), and pages rely
# on it: a "latin-1" page with curly quotes is really windows-1252.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
}

# C0 controls other than tab, newline and carriage return: lxml 6 refuses documents
# holding them (measured on the devset), and they never carry meaning in a saved page.
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML document: BOM, then a declared charset, then <meta>, then guessing."""
    for label in (declared, _meta_charset(data)):
        text = _try_codec(data, label)
        if text is not None:
            return _clean(text)
    return _clean(_decode_undeclared(data))


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a plain-text document: BOM, then a declared charset, then guessing."""
    text = _try_codec(data, declared)
    return _clean(text if text is not None else _decode_undeclared(data))


def _decode_undeclared(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_PRESCAN_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _try_codec(data: bytes, label: str | None) -> str | None:
    if not label:
        return None
    for bom, codec in _BOMS:
        if data.startswith(bom):  # a BOM outranks any declaration
            return data[len(bom) :].decode(codec, errors="replace")
    name = _WHATWG_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    if name.replace("_", "-") in {"utf-16", "utf-32", "utf-16-le", "utf-16-be"}:
        # A page saved as UTF-8 still says "utf-16" when the server sent that; trust bytes.
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None  # the declaration is wrong; let detection decide


def _clean(text: str) -> str:
    return _C0_CONTROLS.sub("", text.replace("\r\n", "\n"))
