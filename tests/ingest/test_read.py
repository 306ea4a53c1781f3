"""Reading one saved file: what a SavedPage records, and the reasons a file is refused."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from site_builder.ingest import IngestError, read_saved_pages
from tests.ingest.conftest import touch


def test_reading_an_html_save(content: Path) -> None:
    data = (
        b"<!-- saved from url=(0027)https://example.com/a.html -->\r\n"
        b"<html><head><meta charset='windows-1252'></head><body>caf\xe9</body></html>"
    )
    path = content / "saved" / "news" / "A page.html"
    touch(path, data)

    (page,) = read_saved_pages(path, content)

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
    touch(path, data)

    (page,) = read_saved_pages(path, content)

    assert page.sha256 == hashlib.sha256(data).hexdigest()
    assert page.sha256 != hashlib.sha256(page.text.encode()).hexdigest()
    assert page.text == "line one\nline two\n"
    assert page.kind == "text"
    assert page.url is None


def test_source_uses_forward_slashes_relative_to_content(content: Path) -> None:
    path = content / "saved" / "2020" / "08" / "page.htm"
    touch(path)
    assert read_saved_pages(path, content)[0].source == "saved/2020/08/page.htm"


def test_source_outside_content_is_absolute(tmp_path: Path, content: Path) -> None:
    path = tmp_path / "elsewhere" / "page.html"
    touch(path)
    assert read_saved_pages(path, content)[0].source == path.resolve().as_posix()


def test_missing_file_names_the_file(content: Path) -> None:
    path = content / "saved" / "gone.html"
    with pytest.raises(IngestError) as caught:
        read_saved_pages(path, content)
    assert caught.value.path == str(path)
    assert caught.value.reason == "cannot read: No such file or directory"
