"""The render and index steps: the site into a staging folder, and both search indexes.

Pagefind runs as child processes, from threads that only wait on them: each year's
bundle is started as soon as its article pages are written, on the core that rendering,
and then Whoosh (pure Python, on the build's own thread), leave free; after Whoosh's
commit, two years at a time where memory allows. Each lane's runs keep to half of the
cores: Pagefind's threads, one per core it sees, took 15% more CPU on two cores than on
one. Progress is reported from the build's own thread alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_builder import render
from site_builder.build import cache_keys, workers
from site_builder.build.options import BuildOptions
from site_builder.build.page_cache import PublishedSiteCache
from site_builder.build.pagefind_years import YearBundles
from site_builder.build.progress import StageClock
from site_builder.build.publish import folder_inode, fresh_staging
from site_builder.build.state import BuildState, FileStamp
from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleSummary, IndexDocument, RenderedArticle
from site_builder.search.whoosh_index import IndexUpdate, SyncReport

WRITING = "Writing the site"
INDEXING = "Building the search indexes"


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteInputs:
    """What the site is made from: every article's summary (in file-name order), their
    bodies one at a time, the look, and all of it as one key (cache_keys.site_key)."""

    summaries: tuple[ArticleSummary, ...]
    bodies: Callable[[ArticleSummary], RenderedArticle]
    look: str
    key: str


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
) -> SiteInputs:
    """The site's key covers the saved pages its originals may be published from.

    A hidden article (`hidden: true`) is not part of the site: no page, listing, feed,
    original or search index holds it.
    """
    summaries = tuple(summary for summary in summaries if not summary.meta.hidden)
    key = cache_keys.site_key(
        look,
        summaries,
        ((name, sha256) for name, (_, sha256) in sorted(saved_files.items())),
        render.published_media(config.media_dir),
    )
    return SiteInputs(summaries=summaries, bodies=bodies, look=look, key=key)


def render_and_index(
    site: SiteInputs,
    search_index: IndexUpdate,
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
    search_index: IndexUpdate,
    config: SiteConfig,
    previous_keys: Mapping[str, str] | None,
    clock: StageClock,
    options: BuildOptions,
) -> SiteOutcome:
    """previous_keys: the page keys of the published site, if it can be trusted."""
    staging = fresh_staging(config.site_dir)
    previous_site = config.site_dir if config.site_dir.is_dir() else None
    cache = PublishedSiteCache(site.look, previous_site, previous_keys)
    bundles = options.stages.year_bundles(
        staging,
        (
            (PurePosixPath(render.article_href_of(s.stem)).name, s.meta.published)
            for s in site.summaries
        ),
        previous_site=previous_site,
        articles_subdir=render.ARTICLES_SUBDIR,
    )
    halves = workers.cpu_halves() or (None, None)
    progress = options.progress
    with (
        workers.background("pagefind", cpus=halves[0]) as submit,
        workers.background("pagefind-2", cpus=halves[1]) as submit_beside,
    ):
        years = _YearsIndexed(bundles, submit)
        with clock.timed("render"):
            progress(WRITING, 0, 1)
            result = options.stages.render_archive(
                site.summaries,
                site.bodies,
                config,
                staging,
                cache=cache,
                article_page_written=years.page_written,
            )
            progress(WRITING, 1, 1)
        with clock.timed("search"):
            progress(INDEXING, 0, 2)
            years.start_the_rest()
            synced = sync_search_index(search_index, site)
            progress(INDEXING, 1, 2)
            years.finish(submit_beside)
            progress(INDEXING, 2, 2)
    return SiteOutcome(
        staging=staging, rendered=result.rendered, page_keys=cache.keys, search=synced
    )


def sync_search_index(search_index: IndexUpdate, site: SiteInputs) -> SyncReport:
    """Index what the convert step did not offer, drop what is gone, and commit."""
    by_page = {render.article_href_of(s.stem): s for s in site.summaries}

    def document(page: str) -> IndexDocument:
        summary = by_page[page]
        return IndexDocument.of_article(summary, site.bodies(summary).text, path=page)

    fingerprints = {page: summary.file_sha256 for page, summary in by_page.items()}
    return search_index.finish(fingerprints, document)


class _YearsIndexed:
    """Each year's Pagefind run, started on submit as soon as its pages are written."""

    def __init__(self, bundles: YearBundles, submit: Callable[..., Future[None]]) -> None:
        self._bundles, self._submit = bundles, submit
        self._runs: dict[str, Future[None]] = {}

    def page_written(self, href: str) -> None:
        year = self._bundles.page_written(PurePosixPath(href).name)
        if year is not None:
            self._runs[year] = self._submit(self._bundles.index_year, year)

    def start_the_rest(self) -> None:
        """Every page was written, so every year is started; this is a safety net."""
        for year in self._bundles.years():
            if year not in self._runs:
                self._runs[year] = self._submit(self._bundles.index_year, year)

    def finish(self, submit_beside: Callable[..., Future[None]]) -> None:
        """Wait for every year, two at a time where they fit; then the manifest."""
        self._bundles.two_at_a_time(self._runs, self._submit, submit_beside)
        for run in self._runs.values():
            run.result()  # its error, if it failed, stops the build here
        self._bundles.finish()
