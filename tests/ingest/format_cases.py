"""The saved-page formats under test: how each tool saves a page, and what a reader must
recover from it. The saved files come from tests/saved_formats.py, which writes one article
page the way Chrome, Firefox, SingleFile, monolith, Chrome's MHTML, a WARC crawler and
Firefox's text save do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from site_builder.article import store
from site_builder.core.config import SiteConfig, load_config
from site_builder.core.records import Article, Resource, SavedPage
from tests.saved_formats import (
    Image,
    Page,
    save_complete,
    save_html_only,
    save_mhtml,
    save_monolith,
    save_singlefile,
    save_text,
    save_warc,
)

SAVED_AT = dt.datetime(2024, 3, 5, 10, 20, 30, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """How one tool saves a page, and what a reader must recover from it."""

    save: Callable[[Path, Page], Path]
    kind: str = "html"
    records_url: bool = True  # the save says where the page came from
    records_date: bool = False  # the save says when it was made
    local: tuple[str, ...] = ()  # images whose bytes came with the page: "photo", "chart"
    resources: tuple[str, ...] = ()  # of those, the ones a reader returns as Resources
    file_resources: bool = False  # Resource URLs are file:// URLs of a _files folder
    multi_page: bool = False  # a container of pages (WARC)


BOTH = ("photo", "chart")
FORMATS = {
    "html-only": Format(save=save_html_only),
    "chrome-complete": Format(
        save=partial(save_complete, flavour="chrome"),
        local=BOTH,
        resources=BOTH,
        file_resources=True,
    ),
    "firefox-complete": Format(
        save=partial(save_complete, flavour="firefox"),
        records_url=False,
        local=BOTH,
        resources=BOTH,
        file_resources=True,
    ),
    "singlefile": Format(save=save_singlefile, records_date=True, local=BOTH),
    "monolith": Format(save=save_monolith, records_date=True, local=BOTH),
    "mhtml": Format(save=save_mhtml, records_date=True, local=BOTH, resources=BOTH),
    "warc": Format(
        save=lambda folder, page: save_warc(folder, [page]),
        records_date=True,
        local=("photo",),  # the crawl did not capture the CDN chart
        resources=("photo",),
        multi_page=True,
    ),
    "warc-uncompressed": Format(
        save=lambda folder, page: save_warc(folder, [page], gz=False),
        records_date=True,
        local=("photo",),
        resources=("photo",),
        multi_page=True,
    ),
    "text": Format(save=save_text, kind="text", records_url=False),
}
# A "complete" save is a file and a folder named after it; gzip has no place there.
GZIPPABLE = [name for name in FORMATS if "complete" not in name and name != "warc"]


def archive(root: Path) -> SiteConfig:
    (root / "content" / "saved").mkdir(parents=True)
    (root / "site.toml").write_text('title = "Formats"\n', encoding="utf-8")
    return load_config(root / "site.toml")


def stored_articles(config: SiteConfig) -> list[Article]:
    return [store.load(path).article for path in sorted(config.articles_dir.glob("*.md"))]


def instant(value: object) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(str(value))


def images(page: Page, names: tuple[str, ...]) -> list[Image]:
    return [page.photo if name == "photo" else page.chart for name in names]


def resource_key(resource: Resource) -> tuple[str, str, bytes]:
    """A Resource with a file:// URL as the path it names, so spelling doesn't matter."""
    url = resource.url
    if url.startswith("file:"):
        url = str(Path(url2pathname(urlsplit(url).path)).resolve())
    return (url, resource.media_type, resource.data)


def expected_resources(fmt: Format, page: Page, path: Path) -> set[tuple[str, str, bytes]]:
    expected = set()
    for image in images(page, fmt.resources):
        if fmt.file_resources:
            url = str((path.with_name(f"{path.stem}_files") / image.name).resolve())
        else:
            url = image.url
        expected.add((url, image.media_type, image.data))
    return expected


def essentials(page: SavedPage) -> tuple[object, ...]:
    """What must not change when the same save is renamed or gzipped."""
    resources = sorted(resource_key(r) for r in page.resources)
    return (page.kind, page.url, instant(page.saved), page.text, resources)


def no_mojibake(text: str) -> None:
    # UTF-8 read as windows-1252 shows Ã and Â; windows-1251 read as UTF-8 shows U+FFFD;
    # windows-1251 read as windows-1252 shows accented Latin letters instead of Cyrillic.
    for marker in ("\ufffd", "Ã", "Â", "Ð", "Ñ", "ð", "ñ", "à", "è"):
        assert marker not in text, f"mis-decoded text: {marker!r} found"
