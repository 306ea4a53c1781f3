"""One saved file to its article(s): read, extract, convert to Markdown.

`extract_articles` is what `site-builder extract` prints; `extract_saved_file` is what
each extraction process of a build runs, and it writes nothing: the main process writes
the articles, in the saved files' order, so their names never depend on which core
finished first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from site_builder import ingest, render
from site_builder.article import store
from site_builder.article.to_markdown import to_article
from site_builder.core.config import DEFAULT_EXTRACT_SECONDS, MEGABYTE, SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import Article, RenderedArticle, SavedPage
from site_builder.extract.extractor import extract
from site_builder.extract.guard import time_budget
from site_builder.extract.media import localize_images
from site_builder.extract.quality import flag_reason


def page_to_article(page: SavedPage, *, seconds: float = DEFAULT_EXTRACT_SECONDS) -> Article:
    """Extract (markup guard included), keep the page's own images, and convert to
    Markdown, in a time budget."""
    with time_budget(seconds, page.path):
        return to_article(localize_images(extract(page), page))


def extract_articles(
    path: Path, content_dir: Path, config: SiteConfig | None = None
) -> list[Article]:
    """The article(s) of one saved file, touching nothing on disk (`site-builder extract`)."""
    config = config or SiteConfig()
    pages = ingest.read_saved_pages(path, content_dir, max_bytes=config.max_page_mb * MEGABYTE)
    return [page_to_article(page, seconds=config.extract_seconds) for page in pages]


@dataclass(frozen=True, slots=True)
class ConvertedPage:
    """One page's article as a worker made it, ready for the main process to write.

    The worker also renders the body from the exact file text, as the load step would
    read it back, so that work runs on all cores instead of on the main process alone.
    """

    article: Article
    file_text: str
    rendered: RenderedArticle
    flag_reason: str = ""  # why the article is flagged short or empty (see flag_reason)


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """One page of a saved file: its source, and its article or the reason it failed."""

    source: str
    converted: ConvertedPage | None
    failure: str | None = None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What extracting one saved file gave: its sha256, and the outcome of each page."""

    sha256: str
    pages: tuple[PageOutcome, ...]


# A saved file that could not be read at all gives the reason, as text.
ExtractedFile = FileOutcome | str


def extract_saved_file(path: Path, config: SiteConfig) -> ExtractedFile:
    """Runs in a worker process: everything from bytes to Article, nothing written."""
    max_bytes = config.max_page_mb * MEGABYTE
    try:
        raw = ingest.read_saved_bytes(path, confine_to=config.saved_dir, max_bytes=max_bytes)
        pages = ingest.read_saved_pages(path, config.content_dir, max_bytes=max_bytes, raw=raw)
    except SiteBuilderError as err:
        return err.reason
    digest = pages[0].sha256 if pages else hashlib.sha256(raw).hexdigest()
    return FileOutcome(digest, tuple(_convert_page(page, config) for page in pages))


def _convert_page(page: SavedPage, config: SiteConfig) -> PageOutcome:
    try:
        article = page_to_article(page, seconds=config.extract_seconds)
        file_text = store.serialize(article)
        as_read = store.parse(file_text, Path(f"{article.stem}.md")).article
        converted = ConvertedPage(
            article,
            file_text,
            render.prepare(as_read),
            flag_reason(article.meta.quality, cut_off=page.cut_off),
        )
        return PageOutcome(page.source, converted)
    except SiteBuilderError as err:
        return PageOutcome(page.source, None, err.reason)
