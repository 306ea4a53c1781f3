"""The archive's highlights, as `site-builder highlights` prints them: every article's,
newest first, from the last build's summaries where a file is unchanged."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder import render
from site_builder.build.load import load_summaries
from site_builder.build.spool import ArticleSpool
from site_builder.build.state import read_state
from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleSummary
from site_builder.render.tag_filter import fold_key
from site_builder.render.tags import TagSettings, article_tags


@dataclass(frozen=True, slots=True, kw_only=True)
class HighlightedArticle:
    """An article with highlights or a note, and the tags the site files it under."""

    summary: ArticleSummary
    tags: tuple[str, ...]


def archive_highlights(config: SiteConfig, tag: str | None = None) -> list[HighlightedArticle]:
    """The articles of the site with highlights or a note (tag: only those it tags)."""
    with ArticleSpool() as spool:
        loaded = load_summaries(config.articles_dir, read_state(config.output_dir), spool, {}, {})
    shown = [
        summary
        for name, summary in loaded.summaries.items()
        if "/" not in name and not summary.meta.hidden
    ]
    tags = article_tags(shown, TagSettings.of(config))
    return [
        HighlightedArticle(summary=summary, tags=tags.get(summary.stem, ()))
        for summary in render.newest_first(shown)
        if (summary.highlights or summary.meta.note)
        and (
            tag is None or fold_key(tag) in {fold_key(name) for name in tags.get(summary.stem, ())}
        )
    ]
