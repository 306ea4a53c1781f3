"""A captioned figure in chromium: the caption under its picture, in both themes, passing
axe. Writes output/screenshots/figure-{light,dark}.png for people to look at
(docs/screenshots/figure-light.png in the README is a copy of one)."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from site_builder.build import pipeline
from site_builder.core import config
from tests.test_browser import (
    SCREENSHOTS,
    blocking_axe_violations,
    launch,
    require_chromium,
    serve,
    themed_page,
)

pytestmark = pytest.mark.browser

CAPTION = "The inner harbour at low tide, from the swing bridge. Picture: Dan Mercer"
ARTICLE = f"""---
title: A walk round the inner harbour
published: '2021-05-14'
---

The tide was out, and the boats sat on the mud.

![Boats resting on the mud of the inner harbour](../media/{{image}})
*{CAPTION}*

By noon the water was back under the bridge.
"""


def _picture(width: int = 480, height: int = 200) -> bytes:
    """A PNG of sky over water: a picture of something, made without an image library."""
    rows = []
    for y in range(height):
        sky = y < height * 0.45
        colour = (150 + y // 4, 190 + y // 8, 235) if sky else (40, 90 + y // 6, 120 + y // 5)
        rows.append(b"\x00" + bytes(colour) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(b"".join(rows))),
            chunk(b"IEND", b""),
        )
    )


@pytest.fixture(scope="module")
def figure_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A hand-written article with a stored picture and its caption, built and served."""
    root = tmp_path_factory.mktemp("figure-archive")
    picture = _picture()
    image = f"{hashlib.sha256(picture).hexdigest()}.png"
    (root / "content" / "media").mkdir(parents=True)
    (root / "content" / "media" / image).write_bytes(picture)
    (root / "content" / "articles").mkdir()
    article = root / "content" / "articles" / "2021-05-14-a-walk-round-the-inner-harbour.md"
    article.write_text(ARTICLE.format(image=image), encoding="utf-8")
    (root / "site.toml").write_text('title = "Figure Archive"\n', encoding="utf-8")
    pipeline.build(config.load_config(root / "site.toml"))
    with serve(root / "output" / "site") as url:
        yield url + "articles/2021-05-14-a-walk-round-the-inner-harbour.html"


@pytest.fixture(scope="module")
def figure_browser() -> Iterator[Browser]:
    with launch(require_chromium()) as browser:
        yield browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_captioned_figure_shows_its_caption_under_its_picture(
    figure_browser: Browser, figure_site: str, scheme: str
) -> None:
    with themed_page(figure_browser, figure_site, scheme) as (page, axe):
        figure = page.locator(".content figure").first
        picture, caption = figure.locator("img"), figure.locator("figcaption")
        assert caption.inner_text() == CAPTION
        assert picture.evaluate("e => e.complete && e.naturalWidth") == 480
        picture_box, caption_box = picture.bounding_box(), caption.bounding_box()
        assert picture_box is not None and caption_box is not None
        assert caption_box["y"] >= picture_box["y"] + picture_box["height"] - 1

        assert blocking_axe_violations(page, axe, "figure") == []

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"figure-{scheme}.png"
        figure.screenshot(path=Path(shot), animations="disabled")
        assert shot.read_bytes().startswith(b"\x89PNG")
