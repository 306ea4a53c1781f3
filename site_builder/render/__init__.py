"""Render: Markdown articles -> the static reader site, through the Jinja templates."""

from site_builder.render.body_html import html_to_text, markdown_to_html
from site_builder.render.site import (
    ARTICLES_SUBDIR,
    STANDFIRST_SIMILARITY,
    STOCK_TEMPLATES,
    RenderError,
    RenderResult,
    article_href,
    article_href_of,
    design_fingerprint,
    display_date,
    make_environment,
    newest_first,
    prepare,
    primary_language,
    render_archive,
    render_site,
    summarize,
)

__all__ = [
    "ARTICLES_SUBDIR",
    "STANDFIRST_SIMILARITY",
    "STOCK_TEMPLATES",
    "RenderError",
    "RenderResult",
    "article_href",
    "article_href_of",
    "design_fingerprint",
    "display_date",
    "html_to_text",
    "make_environment",
    "markdown_to_html",
    "newest_first",
    "prepare",
    "primary_language",
    "render_archive",
    "render_site",
    "summarize",
]
