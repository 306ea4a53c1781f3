"""HTML saves: the marks savers leave at the top of the file."""

from __future__ import annotations

from pathlib import Path

from site_builder.core.records import SavedPage
from site_builder.ingest.html import read_html as read_html_file
from site_builder.ingest.saved_file import SavedFile


def read_html(data: bytes) -> SavedPage:
    saved = SavedFile(
        path=Path("/nonexistent/page.html"),
        data=data,
        name="page.html",
        source="saved/page.html",
        sha256="0" * 64,
    )
    (page,) = read_html_file(saved)
    return page


def test_saved_from_mark_gives_the_url() -> None:
    url = "https://example.com/news/2020/08/article.html"
    assert len(url) == 45
    data = f"<!-- saved from url=(0045){url} -->\n<html><body>x</body></html>".encode()
    page = read_html(data)
    assert page.url == url
    assert page.kind == "html"
    assert page.saved is None
    assert page.source == "saved/page.html"


def test_saved_from_mark_is_case_insensitive_and_spacing_tolerant() -> None:
    data = b"<!DOCTYPE html>\r\n<!--Saved From URL=(0019)http://example.org/-->\r\n<html></html>"
    assert read_html(data).url == "http://example.org/"


def test_saved_from_non_http_mark_gives_none() -> None:
    data = b"<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>"
    assert read_html(data).url is None


def test_no_saved_from_mark_gives_none() -> None:
    assert read_html(b"<html><body>https://example.com/</body></html>").url is None
