"""A saved file's format, told by its bytes first and by its name only where they don't."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from site_builder.ingest import IngestError, read_saved_pages
from tests.ingest.conftest import touch


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml", ".shtml", ".HTML"])
def test_html_suffixes_are_read_as_html(content: Path, suffix: str) -> None:
    path = content / "saved" / f"page{suffix}"
    touch(path, b"<p>hello</p>")
    (page,) = read_saved_pages(path, content)
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
    touch(path, data)
    (page,) = read_saved_pages(path, content)
    assert page.kind == "html"
    assert page.text == data.decode()


def test_saved_from_mark_in_html_named_txt_gives_url(content: Path) -> None:
    path = content / "saved" / "page.txt"
    touch(path, b"<!-- saved from url=(0019)http://example.org/ -->\n<html></html>")
    assert read_saved_pages(path, content)[0].url == "http://example.org/"


def test_plain_text_named_txt_is_text(content: Path) -> None:
    path = content / "saved" / "page.txt"
    touch(path, b"Headline\n\nSome <b> text mentioning <html> later.\n")
    (page,) = read_saved_pages(path, content)
    assert page.kind == "text"
    assert page.text == "Headline\n\nSome <b> text mentioning <html> later.\n"


def test_html_named_txt_with_bom_is_read_as_html(content: Path) -> None:
    path = content / "saved" / "page.txt"
    touch(path, codecs.BOM_UTF8 + b"<!DOCTYPE html><html><body>hi</body></html>")
    assert read_saved_pages(path, content)[0].kind == "html"


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
    touch(path, data)
    with pytest.raises(IngestError) as caught:
        read_saved_pages(path, content)
    assert caught.value.reason == reason
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {reason}"


@pytest.mark.parametrize("data", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \r\n"])
def test_bom_only_file_is_empty(content: Path, data: bytes) -> None:
    path = content / "saved" / "bom.html"
    touch(path, data)
    with pytest.raises(IngestError, match="empty file"):
        read_saved_pages(path, content)


def test_utf16_page_with_bom_is_not_called_binary(content: Path) -> None:
    path = content / "saved" / "wide.html"
    touch(path, codecs.BOM_UTF16_LE + "<html><body>hé</body></html>".encode("utf-16-le"))
    (page,) = read_saved_pages(path, content)
    assert page.kind == "html"
    assert page.text == "<html><body>hé</body></html>"


@pytest.mark.parametrize(("name", "shown"), [("notes.docx", "'.docx'"), ("notes.rtf", "'.rtf'")])
def test_unknown_suffix_lists_supported_types(content: Path, name: str, shown: str) -> None:
    path = content / "saved" / name
    touch(path, b"Plain words that are no web page at all.\n")
    with pytest.raises(IngestError) as caught:
        read_saved_pages(path, content)
    assert caught.value.reason == (
        f"unsupported file type {shown}; supported: "
        ".gz, .htm, .html, .mht, .mhtml, .shtml, .txt, .warc, .xhtml"
    )
    assert str(caught.value).startswith(f"{path}: ")


def test_text_without_a_suffix_is_a_text_save(content: Path) -> None:
    path = content / "saved" / "README"
    touch(path, b"Plain words that are no web page at all.\n")
    assert read_saved_pages(path, content)[0].kind == "text"


@pytest.mark.parametrize("name", ["page.docx", "page", "page.mhtml"])
def test_content_decides_over_a_wrong_suffix(content: Path, name: str) -> None:
    path = content / "saved" / name
    touch(path, b"<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert read_saved_pages(path, content)[0].kind == "html"
