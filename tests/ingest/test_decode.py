"""Bytes to text: BOMs, declared charsets, guessing, and the characters removed."""

from __future__ import annotations

import codecs

import pytest

from site_builder.ingest.decode import decode_html, decode_text

# A realistic English paragraph with the characters where windows-1252 and UTF-8 differ:
# accented letters, curly quotes, an en dash and the euro sign.
CP1252_BODY = (
    "<p>The café on the corner serves a naïve crème brûlée – “the best in town”, "
    "says the owner’s daughter. Prices start at €5.</p>"
)
CP1252_TEXT = (
    "naïve crème brûlée – “the best in town”, says the owner’s daughter. Prices start at €5."
)
RUSSIAN = (
    "Президент России Владимир Путин заявил в воскресенье, что Москва готова оказать "
    "Белоруссии помощь в соответствии с договором о коллективной безопасности. "
    "Тысячи людей вышли на улицы Минска, требуя отставки Александра Лукашенко."
)


def _page(charset_meta: str = "", body: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head>{charset_meta}<title>Café</title></head>'
        f"<body>{body}</body></html>"
    )


def test_decode_html_utf8() -> None:
    data = _page('<meta charset="utf-8">', "<p>Zürich — 東京 — Москва</p>").encode("utf-8")
    assert decode_html(data) == _page('<meta charset="utf-8">', "<p>Zürich — 東京 — Москва</p>")


def test_decode_html_utf8_without_declaration() -> None:
    assert decode_html("<p>crème brûlée</p>".encode()) == "<p>crème brûlée</p>"


def test_decode_html_strips_utf8_bom() -> None:
    data = codecs.BOM_UTF8 + "<p>café</p>".encode()
    assert decode_html(data) == "<p>café</p>"


def test_decode_text_strips_utf8_bom() -> None:
    assert decode_text(codecs.BOM_UTF8 + "café\n".encode()) == "café\n"


def test_bom_outranks_a_wrong_meta_declaration() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="windows-1252"><p>café</p>'.encode()
    assert decode_html(data) == '<meta charset="windows-1252"><p>café</p>'


def test_decode_html_utf16_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + "<p>Привет, café</p>".encode("utf-16-le")
    assert decode_html(data) == "<p>Привет, café</p>"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1252">',
        "<meta charset=windows-1252>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        # Browsers read latin-1 labels as windows-1252, so curly quotes and € still decode.
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    ],
)
def test_decode_html_declared_windows_1252(meta: str) -> None:
    text = decode_html(_page(meta, CP1252_BODY).encode("cp1252"))
    assert text == _page(meta, CP1252_BODY)
    assert CP1252_TEXT in text


def test_decode_html_undeclared_windows_1251_cyrillic_is_readable() -> None:
    page = f"<html><head><title>Новости</title></head><body><p>{RUSSIAN}</p></body></html>"
    data = page.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test only means something if UTF-8 cannot read it
    assert decode_html(data) == page


def test_decode_text_undeclared_windows_1251_cyrillic_is_readable() -> None:
    assert decode_text(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_decode_html_declared_windows_1251() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert decode_html(page.encode("cp1251")) == page


def test_decode_html_declared_utf8_but_really_cp1252() -> None:
    page = _page('<meta charset="utf-8">', CP1252_BODY * 2)
    text = decode_html(page.encode("cp1252"))
    assert text == page
    assert "\ufffd" not in text


def test_decode_html_ignores_an_unknown_declared_charset() -> None:
    data = '<meta charset="no-such-charset"><p>café</p>'.encode()
    assert decode_html(data) == '<meta charset="no-such-charset"><p>café</p>'


def test_decode_html_explicit_declared_label_wins_over_meta() -> None:
    data = '<meta charset="utf-8"><p>caf\xe9</p>'.encode("latin-1")
    assert decode_html(data, "windows-1252") == '<meta charset="utf-8"><p>café</p>'


def test_decode_html_utf16_label_on_utf8_bytes_trusts_the_bytes() -> None:
    data = '<meta charset="utf-16"><p>café</p>'.encode()
    assert decode_html(data) == '<meta charset="utf-16"><p>café</p>'


def test_decode_text_declared_latin1_is_read_as_windows_1252() -> None:
    assert decode_text("“quoted” €".encode("cp1252"), "latin-1") == "“quoted” €"


def test_c0_control_characters_are_stripped() -> None:
    data = b"<p>a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1bh\x1fi</p>"
    assert decode_html(data) == "<p>abcdefghi</p>"
    assert decode_text(b"a\x00b\x07c") == "abc"


def test_tab_and_newline_are_kept() -> None:
    assert decode_text(b"a\tb\nc") == "a\tb\nc"


def test_crlf_is_normalised() -> None:
    assert decode_html(b"<p>one</p>\r\n<p>two</p>\r\n") == "<p>one</p>\n<p>two</p>\n"
    assert decode_text(b"line 1\r\nline 2\r\n\r\nline 4") == "line 1\nline 2\n\nline 4"


C0_CONTROLS = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"]


@pytest.mark.parametrize("control", [*C0_CONTROLS, "\t", "\n", "\r", "\x7f", "\x85", "\u200b"])
def test_exactly_the_c0_controls_are_removed(control: str) -> None:
    # Each control alone: the quick look for any control and the removal must agree.
    expected = "ab" if control in C0_CONTROLS else f"a{control}b"
    assert decode_text(f"a{control}b".encode()) == expected
    assert decode_html(f"<p>a{control}b</p>".encode()) == f"<p>{expected}</p>"
    assert len(C0_CONTROLS) == 29
