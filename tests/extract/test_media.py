"""The article's images point at stored copies of the bytes that came with the page."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from site_builder.core.records import ArticleMeta, ExtractedPage, Resource, SavedPage
from site_builder.extract.media import localize_images
from tests.saved_formats import png_bytes

PNG = png_bytes((200, 30, 30))
PNG_NAME = f"{hashlib.sha256(PNG).hexdigest()}.png"


def _page(tmp_path: Path, resources: tuple[Resource, ...] = ()) -> SavedPage:
    path = tmp_path / "saved" / "page.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<p>the page</p>", encoding="utf-8")
    return SavedPage(
        path=path,
        source="saved/page.html",
        sha256="0" * 64,
        kind="html",
        text="<p>the page</p>",
        url="https://example.org/news/page.html",
        resources=resources,
    )


def _extracted(html: str) -> ExtractedPage:
    return ExtractedPage(meta=ArticleMeta(title="A page"), html=html)


def test_without_bytes_from_the_page_remote_images_stay_as_they_are(tmp_path: Path) -> None:
    extracted = _extracted('<p>Text</p><img src="https://cdn.example.org/a.png" alt="A">')
    assert localize_images(extracted, _page(tmp_path)) is extracted


def test_images_in_data_uris_are_stored_and_broken_ones_dropped(tmp_path: Path) -> None:
    good = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    html = f'<p>Text</p><img src="{good}" alt="good"><img src="data:image/png;base64,!!" alt="bad">'
    found = localize_images(_extracted(html), _page(tmp_path))
    assert found.html == f'<div><p>Text</p><img src="../media/{PNG_NAME}" alt="good"></div>'
    assert [media.name for media in found.media] == [PNG_NAME]


def test_images_that_came_with_the_page_are_stored(tmp_path: Path) -> None:
    beside = Resource(
        url=(tmp_path / "saved" / "page_files" / "photo.png").as_uri(),
        media_type="image/png",
        data=PNG,
    )
    page = _page(tmp_path, (beside,))
    html = '<p>Text</p><img src="page_files/photo.png" alt="P"><img src="https://elsewhere.example/x.png">'
    found = localize_images(_extracted(html), page)
    assert found.html == (
        f'<div><p>Text</p><img src="../media/{PNG_NAME}" alt="P">'
        '<img src="https://elsewhere.example/x.png"></div>'
    )
    assert [media.data for media in found.media] == [PNG]
