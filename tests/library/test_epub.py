"""`site-builder export epub`: one EPUB 3 that epubcheck passes with no errors or warnings."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from site_builder.build import pipeline
from site_builder.cli import main
from site_builder.core.config import SiteConfig
from site_builder.library.importer import import_export

from .exports import WALLABAG_ENTRIES, wallabag_export

# In CI (.ci/run) a missing epubcheck fails the tests instead of skipping them.
REQUIRE_EPUBCHECK = os.environ.get("SITE_BUILDER_REQUIRE_EPUBCHECK") == "1"
# A 1x1 PNG.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
PIXEL_NAME = "a" * 64 + ".png"
HAND_WRITTEN = f"""---
title: Pictures of the pier
url: https://pier.example.com/pictures
site_name: Pier News
author: Grace Hopper
published: '2023-02-01'
tags: [photos]
---

The pier at dawn, before the [storm](2024-04-30-quiet-harbour-reopens.html).

![The pier](../media/{PIXEL_NAME})

A remote picture is left out: ![remote](https://cdn.example.com/x.png)

1. Walk to the pier.

    Take the east stairs.

    - a coat
    - a camera

2. Wait for the light:

        sunrise 06:42

Tide
:   The water's rise and fall.
"""


def epubcheck_command() -> list[str]:
    found = shutil.which("epubcheck")
    if found is None:
        message = "epubcheck is not installed (apt-get install epubcheck)"
        if REQUIRE_EPUBCHECK:
            pytest.fail(message)
        pytest.skip(message)
    # Debian's /usr/bin/epubcheck is the jar itself, run by binfmt where that is set up.
    real = os.path.realpath(found)
    return ["java", "-jar", real] if real.endswith(".jar") else [found]


@pytest.fixture
def library(archive: SiteConfig, tmp_path: Path) -> SiteConfig:
    import_export(wallabag_export(tmp_path, WALLABAG_ENTRIES[:2]), archive)
    pipeline.build(archive, jobs=1)
    (archive.articles_dir / "pier.md").write_text(HAND_WRITTEN, "utf-8")
    archive.media_dir.mkdir(parents=True, exist_ok=True)
    (archive.media_dir / PIXEL_NAME).write_bytes(PIXEL)
    return archive


def _export(config: SiteConfig, out: Path, *options: str) -> zipfile.ZipFile:
    site_toml = str(config.content_dir.parent / "site.toml")
    result = CliRunner().invoke(
        main,
        ["export", "epub", *options, "-o", str(out), "--config", site_toml],
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.exit_code == 0, result.output
    return zipfile.ZipFile(out)


def test_the_epub_passes_epubcheck_with_no_errors_or_warnings(
    library: SiteConfig, tmp_path: Path
) -> None:
    command = epubcheck_command()
    out = tmp_path / "all.epub"
    book = _export(library, out)
    assert book.namelist()[0] == "mimetype"
    assert book.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    checked = subprocess.run(
        [*command, str(out)], capture_output=True, text=True, timeout=120, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in checked.stdout, checked.stdout


def test_the_epub_has_a_toc_chapters_with_their_details_images_and_highlights(
    library: SiteConfig, tmp_path: Path
) -> None:
    book = _export(library, tmp_path / "all.epub")
    nav = book.read("EPUB/nav.xhtml").decode()
    titles = [
        "Pictures of the pier",
        "Quiet harbour reopens",
        "Zürich: Die Flut «stieg» – 東京",
    ]
    assert [t for t in titles if f">{t}</a>" in nav] == titles
    # Oldest first: 2023, then 2024.
    assert nav.index(">Pictures of the pier</a>") < nav.index(">Quiet harbour reopens</a>")
    chapters = {
        name: book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml")
    }
    pier = next(text for text in chapters.values() if "<h1>Pictures of the pier</h1>" in text)
    assert '<p class="byline">Grace Hopper · Pier News · 2023-02-01</p>' in pier
    assert '<a href="https://pier.example.com/pictures">' in pier
    assert f'src="media/{PIXEL_NAME}"' in pier and "cdn.example.com" not in pier
    assert "before the storm." in pier  # a link to the site's own page kept as text
    assert book.read(f"EPUB/media/{PIXEL_NAME}") == PIXEL
    steps = lxml_html.fromstring(pier.encode())  # nested lists, code in a step, definitions
    assert [
        li.xpath("string(ul)").split() for li in steps.iter("li") if li.find("ul") is not None
    ] == [["a", "coat", "a", "camera"]]
    assert steps.xpath("string(//li/pre)") == "sunrise 06:42\n"
    assert steps.xpath("string(//dl/dt)") == "Tide" and "rise and fall" in steps.xpath(
        "string(//dl/dd)"
    )
    harbour = next(text for text in chapters.values() if "<h1>Quiet harbour reopens</h1>" in text)
    assert "by morning <mark>the fishing boats were back</mark> at" in harbour
    assert "<li><mark>the fishing boats were back</mark><br/>*Good* news</li>" in harbour


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--tag", "coast"], ["Quiet harbour reopens"]),
        (["--site", "Pier News"], ["Pictures of the pier"]),
        (["--year", "2023"], ["Pictures of the pier"]),
        (["--query", "Flut"], ["Zürich: Die Flut «stieg» – 東京"]),
        (["--highlighted"], ["Quiet harbour reopens"]),
    ],
)
def test_export_filters_pick_the_articles(
    library: SiteConfig, tmp_path: Path, options: list[str], expected: list[str]
) -> None:
    book = _export(library, tmp_path / "some.epub", *options)
    chapters = [n for n in book.namelist() if n.startswith("EPUB/c")]
    assert len(chapters) == len(expected)
    assert all(title in book.read("EPUB/nav.xhtml").decode() for title in expected)
