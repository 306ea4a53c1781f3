"""Ingest: finding saved pages, sniffing their format, and decoding their bytes."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import pytest

from site_builder.ingest import (
    READ_AHEAD_BYTES,
    IngestError,
    find_saved_pages,
    read_ahead,
    read_saved_page,
)
from site_builder.ingest.decode import _C0_CHARACTERS, _C0_CONTROLS, decode_html, decode_text
from site_builder.ingest.html import read_html as _read_html_parts
from site_builder.ingest.record import PageParts, SavedFile

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


# --- decode_html / decode_text ------------------------------------------------------------


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


# --- the "saved from" mark ----------------------------------------------------------------


def read_html(data: bytes) -> PageParts:
    (parts,) = _read_html_parts(
        SavedFile(path=Path("/nonexistent/page.html"), data=data, name="page.html")
    )
    return parts


def test_saved_from_mark_gives_the_url() -> None:
    url = "https://example.com/news/2020/08/article.html"
    assert len(url) == 45
    data = f"<!-- saved from url=(0045){url} -->\n<html><body>x</body></html>".encode()
    parts = read_html(data)
    assert parts.url == url
    assert parts.kind == "html"
    assert parts.saved is None


def test_saved_from_mark_is_case_insensitive_and_spacing_tolerant() -> None:
    data = b"<!DOCTYPE html>\r\n<!--Saved From URL=(0019)http://example.org/-->\r\n<html></html>"
    assert read_html(data).url == "http://example.org/"


def test_saved_from_non_http_mark_gives_none() -> None:
    data = b"<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>"
    assert read_html(data).url is None


def test_no_saved_from_mark_gives_none() -> None:
    assert read_html(b"<html><body>https://example.com/</body></html>").url is None


# --- find_saved_pages ---------------------------------------------------------------------


def _touch(path: Path, data: bytes = b"<html></html>") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_find_saved_pages_skips_hidden_and_asset_folders_and_sorts(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    for name in (
        "zeta.html",
        "Alpha.htm",
        "beta.txt",
        "sub/gamma.html",
        "sub/deeper/delta.html",
        "notes_files.html",  # a file, not an asset folder
        ".DS_Store",
        ".hidden.html",
        ".git/config.html",
        "sub/.cache/x.html",
        "Article_files/style.html",
        "sub/Other page_files/img/frame.html",
    ):
        _touch(saved / name)
    (saved / "empty-dir").mkdir()

    found = find_saved_pages(saved)

    assert [p.relative_to(saved).as_posix() for p in found] == [
        "Alpha.htm",
        "beta.txt",
        "notes_files.html",
        "sub/deeper/delta.html",
        "sub/gamma.html",
        "zeta.html",
    ]
    assert found[0] == saved / "Alpha.htm"


def test_find_saved_pages_missing_folder_is_empty(tmp_path: Path) -> None:
    assert find_saved_pages(tmp_path / "nope") == []


# --- read_saved_page ----------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content" / "saved").mkdir(parents=True)
    return tmp_path / "content"


def test_read_saved_page_html(content: Path) -> None:
    data = (
        b"<!-- saved from url=(0027)https://example.com/a.html -->\r\n"
        b"<html><head><meta charset='windows-1252'></head><body>caf\xe9</body></html>"
    )
    path = content / "saved" / "news" / "A page.html"
    _touch(path, data)

    page = read_saved_page(path, content)

    assert page.path == path
    assert page.source == "saved/news/A page.html"
    assert page.sha256 == hashlib.sha256(data).hexdigest()
    assert page.kind == "html"
    assert page.url == "https://example.com/a.html"
    assert page.saved is None
    assert page.text == (
        "<!-- saved from url=(0027)https://example.com/a.html -->\n"
        "<html><head><meta charset='windows-1252'></head><body>café</body></html>"
    )


def test_sha256_is_of_the_raw_bytes_not_the_decoded_text(content: Path) -> None:
    data = codecs.BOM_UTF8 + b"line one\r\nline\x01 two\r\n"
    path = content / "saved" / "note.txt"
    _touch(path, data)

    page = read_saved_page(path, content)

    assert page.sha256 == hashlib.sha256(data).hexdigest()
    assert page.sha256 != hashlib.sha256(page.text.encode()).hexdigest()
    assert page.text == "line one\nline two\n"
    assert page.kind == "text"
    assert page.url is None


def test_source_uses_forward_slashes_relative_to_content(content: Path) -> None:
    path = content / "saved" / "2020" / "08" / "page.htm"
    _touch(path)
    assert read_saved_page(path, content).source == "saved/2020/08/page.htm"


def test_source_outside_content_is_absolute(tmp_path: Path, content: Path) -> None:
    path = tmp_path / "elsewhere" / "page.html"
    _touch(path)
    assert read_saved_page(path, content).source == path.resolve().as_posix()


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml", ".shtml", ".HTML"])
def test_html_suffixes_are_read_as_html(content: Path, suffix: str) -> None:
    path = content / "saved" / f"page{suffix}"
    _touch(path, b"<p>hello</p>")
    page = read_saved_page(path, content)
    assert page.kind == "html"
    assert page.text == "<p>hello</p>"


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>hi</body></html>",
        b"\n  <HTML><body>hi</body></HTML>",
        b"<head><title>t</title></head>",
        b"<!-- saved from url=(0019)http://example.org/ -->\n<html></html>",
    ],
)
def test_html_named_txt_is_read_as_html(content: Path, data: bytes) -> None:
    path = content / "saved" / "page.txt"
    _touch(path, data)
    page = read_saved_page(path, content)
    assert page.kind == "html"
    assert page.text == data.decode()


def test_saved_from_mark_in_html_named_txt_gives_url(content: Path) -> None:
    path = content / "saved" / "page.txt"
    _touch(path, b"<!-- saved from url=(0019)http://example.org/ -->\n<html></html>")
    assert read_saved_page(path, content).url == "http://example.org/"


def test_plain_text_named_txt_is_text(content: Path) -> None:
    path = content / "saved" / "page.txt"
    _touch(path, b"Headline\n\nSome <b> text mentioning <html> later.\n")
    page = read_saved_page(path, content)
    assert page.kind == "text"
    assert page.text == "Headline\n\nSome <b> text mentioning <html> later.\n"


def test_html_named_txt_with_bom_is_read_as_html(content: Path) -> None:
    path = content / "saved" / "page.txt"
    _touch(path, codecs.BOM_UTF8 + b"<!DOCTYPE html><html><body>hi</body></html>")
    assert read_saved_page(path, content).kind == "html"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.html", b"", "empty file"),
        ("blank.html", b"  \r\n\t \n", "empty file"),
        ("blank.txt", b"\n\n", "empty file"),
        (
            "image.html",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "this is a PNG image, not a saved web page",
        ),
        (
            "doc.html",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "this is a PDF document, not a saved web page",
        ),
        (
            "bundle.html",
            b"PK\x03\x04\x14\x00\x00\x00",
            "this is a zip archive, not a saved web page",
        ),
        (
            "photo.htm",
            b"\xff\xd8\xff\xe0\x00\x10JFIF",
            "this is a JPEG image, not a saved web page",
        ),
        ("anim.txt", b"GIF89a\x01\x00\x01\x00", "this is a GIF image, not a saved web page"),
        (
            "blob.html",
            b"\x7fELF\x02\x01\x01\x00\x00\x00",
            "this is a program, not a saved web page",
        ),
        ("blob.htm", b"\x01\x02\x00\x00\x03", "binary data, not a saved web page"),
        ("nul.txt", b"some text\x00with a NUL", "binary data, not a saved web page"),
    ],
)
def test_unreadable_files_raise_ingest_error(
    content: Path, name: str, data: bytes, reason: str
) -> None:
    path = content / "saved" / name
    _touch(path, data)
    with pytest.raises(IngestError) as caught:
        read_saved_page(path, content)
    assert caught.value.reason == reason
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {reason}"


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \r\n"])
def test_bom_only_file_is_empty(content: Path, data: bytes) -> None:
    path = content / "saved" / "bom.html"
    _touch(path, data)
    with pytest.raises(IngestError, match="empty file"):
        read_saved_page(path, content)


def test_utf16_page_with_bom_is_not_called_binary(content: Path) -> None:
    path = content / "saved" / "wide.html"
    _touch(path, codecs.BOM_UTF16_LE + "<html><body>hé</body></html>".encode("utf-16-le"))
    page = read_saved_page(path, content)
    assert page.kind == "html"
    assert page.text == "<html><body>hé</body></html>"


@pytest.mark.parametrize(("name", "shown"), [("notes.docx", "'.docx'"), ("notes.rtf", "'.rtf'")])
def test_unknown_suffix_lists_supported_types(content: Path, name: str, shown: str) -> None:
    path = content / "saved" / name
    _touch(path, b"Plain words that are no web page at all.\n")
    with pytest.raises(IngestError) as caught:
        read_saved_page(path, content)
    assert caught.value.reason == (
        f"unsupported file type {shown}; supported: "
        ".gz, .htm, .html, .mht, .mhtml, .shtml, .txt, .warc, .xhtml"
    )
    assert str(caught.value).startswith(f"{path}: ")


def test_text_without_a_suffix_is_a_text_save(content: Path) -> None:
    path = content / "saved" / "README"
    _touch(path, b"Plain words that are no web page at all.\n")
    assert read_saved_page(path, content).kind == "text"


@pytest.mark.parametrize("name", ["page.docx", "page", "page.mhtml"])
def test_content_decides_over_a_wrong_suffix(content: Path, name: str) -> None:
    path = content / "saved" / name
    _touch(path, b"<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert read_saved_page(path, content).kind == "html"


def test_missing_file_names_the_file(content: Path) -> None:
    path = content / "saved" / "gone.html"
    with pytest.raises(IngestError) as caught:
        read_saved_page(path, content)
    assert caught.value.path == str(path)
    assert caught.value.reason == "cannot read: No such file or directory"


def test_reading_ahead_never_waits_or_fails(content: Path) -> None:
    # Asked of any path a folder may hold: nothing to wait for, nothing raised, the file
    # unchanged; reading it later is what reports a problem.
    page = content / "saved" / "page.html"
    _touch(page, b"<p>Hello</p>")
    fifo = content / "saved" / "pipe.html"
    os.mkfifo(fifo)
    for path in (page, fifo, content / "saved" / "gone.html", content / "saved"):
        read_ahead(path)
    assert page.read_bytes() == b"<p>Hello</p>"


def test_the_controls_looked_for_are_the_ones_removed() -> None:
    removed = {chr(code) for code in range(0x110000) if _C0_CONTROLS.fullmatch(chr(code))}
    assert removed == set(_C0_CHARACTERS)
    assert len(_C0_CHARACTERS) == 29


def test_reading_ahead_asks_for_the_start_of_a_file_only(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = content / "saved" / "big.warc"
    _touch(page, b"x" * 10)
    asked: list[tuple[int, int]] = []

    def fadvise(fd: int, offset: int, length: int, advice: int) -> None:
        asked.append((offset, length))

    monkeypatch.setattr(os, "posix_fadvise", fadvise, raising=False)
    read_ahead(page)
    assert asked == [(0, READ_AHEAD_BYTES)]
