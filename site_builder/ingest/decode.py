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


def _labels() -> dict[str, str]:
    """Labels browsers honour (WHATWG Encoding Standard), mapped to Python codecs.

    As in browsers, "latin1" and "ascii" mean windows-1252: a "latin-1" page with curly
    quotes is really windows-1252.
    """
    groups = {
        "utf-8": "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8",
        "cp1252": "windows-1252 cp1252 x-cp1252 iso-8859-1 iso8859-1 iso88591 iso_8859-1 "
        "latin1 latin-1 l1 ascii us-ascii ansi_x3.4-1968 cp819 ibm819 iso-ir-100 csisolatin1",
        "cp866": "ibm866 866 cp866 csibm866",
        "koi8_r": "koi8-r koi8_r koi8 koi cskoi8r",
        "koi8_u": "koi8-u koi8-ru",
        "mac_roman": "macintosh mac x-mac-roman csmacintosh",
        "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
        "cp874": "windows-874 tis-620 iso-8859-11 iso8859-11 dos-874",
        "cp932": "shift_jis shift-jis sjis ms_kanji ms932 windows-31j x-sjis csshiftjis",
        "euc_jp": "euc-jp cseucpkdfmtjapanese x-euc-jp",
        "iso2022_jp": "iso-2022-jp csiso2022jp",
        "gb18030": "gb18030 gbk gb2312 x-gbk chinese csgb2312 iso-ir-58 gb_2312 gb_2312-80",
        "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
        "cp949": "euc-kr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949",
    }
    table: dict[str, str] = {}
    for codec, labels in groups.items():
        table.update(dict.fromkeys(labels.split(), codec))
    for number in range(1250, 1259):
        table.update(
            dict.fromkeys((f"windows-{number}", f"cp{number}", f"x-cp{number}"), f"cp{number}")
        )
    for number in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16):
        spellings = (
            f"iso-8859-{number}",
            f"iso8859-{number}",
            f"iso8859{number}",
            f"iso_8859-{number}",
        )
        table.update(dict.fromkeys(spellings, f"iso8859_{number}"))
    table.update(
        {
            "latin2": "iso8859_2",
            "latin3": "iso8859_3",
            "latin4": "iso8859_4",
            "cyrillic": "iso8859_5",
            "arabic": "iso8859_6",
            "greek": "iso8859_7",
            "hebrew": "iso8859_8",
            "latin6": "iso8859_10",
            "latin9": "iso8859_15",
        }
    )
    return table


_WHATWG_LABELS = _labels()
# A declared UTF-8 page is taken as UTF-8 when it holds valid non-ASCII characters, at
# least this many per broken byte (a stray byte among accented words, say). A page that
# is really windows-1252 has no valid multi-byte character at all.
_MOSTLY_VALID_RATIO = 1

# C0 controls other than tab, newline and carriage return: lxml 6 refuses documents
# holding them (measured on the devset), and they never carry meaning in a saved page.
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_C0_CHARACTERS = tuple(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r")


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
    name = codec_for_label(label)
    if name is None:
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        pass
    if name == "utf-8":
        # Browsers decode a declared UTF-8 page with a few bad bytes as UTF-8, marking
        # just those bytes; only a page that is mostly not UTF-8 was mislabelled.
        text = data.decode("utf-8", errors="replace")
        broken = text.count("\ufffd")
        wide = sum(1 for ch in text if ord(ch) > 0x7F) - broken
        if wide > 0 and broken * _MOSTLY_VALID_RATIO <= wide:
            return text
    return None  # the declaration is wrong; let detection decide


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label, from the WHATWG Encoding Standard's list only.

    Python knows many more codecs, some of them dangerous to honour: UTF-7 turns
    "+ADw-script+AD4-" into markup, EBCDIC code pages and rot13/base64/zlib turn any page
    into garbage or errors. A label not on the list is ignored, as browsers ignore it.
    """
    return _WHATWG_LABELS.get(label.strip().strip("\"'").lower())


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n")
    # Looking for each control on its own is a fast scan of memory; the pattern looks at
    # every character, an order of magnitude slower on a typical page.
    if any(control in text for control in _C0_CHARACTERS):
        text = _C0_CONTROLS.sub("", text)
    return text
