"""The gather step: what the build starts from, read before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder import ingest
from site_builder.build import cache_keys, workers
from site_builder.build.article_files import ArticleFiles, read_article_files
from site_builder.build.browser_search import BrowserSearchUpdate
from site_builder.build.index_process import IndexProcess
from site_builder.build.options import BuildOptions
from site_builder.build.search_indexes import SearchIndexes
from site_builder.build.state import BuildState
from site_builder.core.config import SiteConfig
from site_builder.search.whoosh_index import IndexUpdate


@dataclass(frozen=True, slots=True, kw_only=True)
class Gathered:
    """The saved pages, the article files there are, the search index as it is, and the
    site's look (a hash of what shapes every page besides its content)."""

    look: str
    saved_pages: tuple[Path, ...]
    skipped: tuple[str, ...]  # files under saved/ that are never saved pages, by name
    article_files: ArticleFiles
    search_index: SearchIndexes


def gather(config: SiteConfig, state: BuildState, options: BuildOptions) -> Gathered:
    """Raises ConfigError for a bad SOURCE_DATE_EPOCH, before any work is done."""
    look = cache_keys.design_fingerprint(config)
    saved = ingest.find_saved_files(config.saved_dir)
    article_files = read_article_files(config.articles_dir, state)
    return Gathered(
        look=look,
        saved_pages=tuple(saved.pages),
        skipped=tuple(path.relative_to(config.saved_dir).as_posix() for path in saved.skipped),
        article_files=article_files,
        search_index=SearchIndexes(
            _whoosh_update(config, options),
            BrowserSearchUpdate(config.output_dir, rebuild=options.reindex),
        ),
    )


def _whoosh_update(config: SiteConfig, options: BuildOptions) -> IndexUpdate | IndexProcess:
    """With more than one core, the Whoosh update runs in a process of its own, so its
    commit is made beside the render step (index_process)."""
    update, rebuild = options.stages.search_index, options.reindex
    if (options.jobs or workers.default_jobs()) > 1 and workers.may_start_processes():
        return IndexProcess(update, config.whoosh_dir, rebuild=rebuild)
    return update(config.whoosh_dir, rebuild=rebuild)
