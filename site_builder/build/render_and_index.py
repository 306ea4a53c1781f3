"""The render and index steps: the site into a staging folder, and both search indexes.

The Whoosh index and the browser search's cache of article terms are brought up to
date together (search_indexes); the browser index is then written into the staging
folder from the cache, so the site is published with an index of exactly its articles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import render
from site_builder.build import cache_keys
from site_builder.build.options import BuildOptions
from site_builder.build.page_cache import PublishedSiteCache
from site_builder.build.progress import ProgressCallback, StageClock, no_progress
from site_builder.build.publish import folder_inode, fresh_staging
from site_builder.build.search_indexes import SearchIndexes
from site_builder.build.state import BuildState, FileStamp
from site_builder.core.config import SiteConfig
from site_builder.core.records import (
    ArticleSummary,
    IndexDocument,
    RenderedArticle,
    SavedCopy,
)
from site_builder.search.whoosh_index import SyncReport

WRITING = "Writing the site"


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteInputs:
    """What the site is made from: every article's summary (in file-name order), their
    bodies one at a time, the look, and all of it as one key (cache_keys.site_key)."""

    summaries: tuple[ArticleSummary, ...]
    bodies: Callable[[ArticleSummary], RenderedArticle]
    look: str
    key: str
    # Each article's saves, by its stem, where it has more than one (build/documents.py).
    copies: Mapping[str, tuple[SavedCopy, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteOutcome:
    """The new site, to swap into place (staging None: keep the published one)."""

    staging: Path | None
    rendered: int  # article pages rendered anew
    page_keys: dict[str, str]
    search: SyncReport  # what the Whoosh update did


def site_inputs(
    summaries: tuple[ArticleSummary, ...],
    bodies: Callable[[ArticleSummary], RenderedArticle],
    look: str,
    saved_files: Mapping[str, tuple[FileStamp, str]],
    config: SiteConfig,
    copies: Mapping[str, tuple[SavedCopy, ...]] | None = None,
) -> SiteInputs:
    """The site's key covers the saved pages its originals may be published from, and
    the saves of each article besides its own.

    A hidden article (`hidden: true`) is not part of the site: no page, listing, feed,
    original or search index holds it.
    """
    summaries = tuple(summary for summary in summaries if not summary.meta.hidden)
    copies = copies or {}
    others = (copy.summary for _, saves in sorted(copies.items()) for copy in saves)
    key = cache_keys.site_key(
        look,
        (*summaries, *others),
        ((name, sha256) for name, (_, sha256) in sorted(saved_files.items())),
        render.published_media(config.media_dir),
    )
    return SiteInputs(summaries=summaries, bodies=bodies, look=look, key=key, copies=copies)


def render_and_index(
    site: SiteInputs,
    search_index: SearchIndexes,
    config: SiteConfig,
    last: BuildState,
    clock: StageClock,
    options: BuildOptions,
) -> SiteOutcome:
    """Render the site into a staging folder, and bring both search indexes up to date.

    The published site is the last build's if its folder is the one that build
    published; its pages can then be trusted. Made from the same inputs, it has nothing
    to render, carry over or publish: keying the old site's pages and linking its files
    into a new folder would be most of a build that changes nothing. An untrusted
    site's pages are carried over only where they equal the new ones to the byte.
    """
    trusted = last.site_inode == folder_inode(config.site_dir)
    if trusted and site.key == last.site_key:
        with clock.timed("search"):
            synced = sync_search_index(search_index, site)
        return SiteOutcome(staging=None, rendered=0, page_keys=last.page_keys, search=synced)
    previous_keys = last.page_keys if trusted else None
    return _render_into_staging(site, search_index, config, previous_keys, clock, options)


def _render_into_staging(
    site: SiteInputs,
    search_index: SearchIndexes,
    config: SiteConfig,
    previous_keys: Mapping[str, str] | None,
    clock: StageClock,
    options: BuildOptions,
) -> SiteOutcome:
    """previous_keys: the page keys of the published site, if it can be trusted."""
    staging = fresh_staging(config.site_dir)
    previous_site = config.site_dir if config.site_dir.is_dir() else None
    cache = PublishedSiteCache(site.look, previous_site, previous_keys)
    progress = options.progress
    # Whoosh commits (in its own process, where it has one) while the site is made;
    # searches see the new index only once the site is made.
    with clock.timed("search"):
        finish_search = start_search_sync(search_index, site)
    with clock.timed("render"):
        progress(WRITING, 0, 1)
        result = options.stages.render_archive(
            site.summaries, site.bodies, config, staging, cache=cache, copies=site.copies
        )
        progress(WRITING, 1, 1)
    with clock.timed("search"):
        synced = finish_search(staging, progress)
    return SiteOutcome(
        staging=staging, rendered=result.rendered, page_keys=cache.keys, search=synced
    )


def sync_search_index(search_index: SearchIndexes, site: SiteInputs) -> SyncReport:
    """Index what the convert step did not offer, drop what is gone, and commit."""
    return start_search_sync(search_index, site)(None, no_progress)


def start_search_sync(
    search_index: SearchIndexes, site: SiteInputs
) -> Callable[[Path | None, ProgressCallback], SyncReport]:
    """sync_search_index, begun (SearchIndexes.start_finish)."""
    by_page = {render.article_href_of(s.stem): s for s in site.summaries}

    def document(page: str) -> IndexDocument:
        summary = by_page[page]
        return IndexDocument.of_article(summary, site.bodies(summary).text, path=page)

    fingerprints = {page: summary.file_sha256 for page, summary in by_page.items()}
    return search_index.start_finish(fingerprints, document)
