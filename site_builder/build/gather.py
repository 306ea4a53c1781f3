"""The gather step: what the build starts from, read before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder import ingest
from site_builder.build import cache_keys
from site_builder.build.article_files import ArticleFiles, read_article_files
from site_builder.build.browser_search import BrowserSearchUpdate
from site_builder.build.options import BuildOptions
from site_builder.build.search_indexes import SearchIndexes
from site_builder.build.state import BuildState
from site_builder.core.config import SiteConfig


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
            options.stages.search_index(config.whoosh_dir, rebuild=options.reindex),
            BrowserSearchUpdate(config.output_dir, rebuild=options.reindex),
        ),
    )
