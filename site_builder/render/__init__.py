"""Render: Markdown articles -> the static reader site, through the Jinja templates.

render_archive (archive.py) writes the site as a table of contents: articles, home pages,
browse by site, tag and year, search, 404, feeds, assets. pages.py makes what each
article shows, body_html.py its HTML (the only HTML marked safe, after core/sanitize.py),
page_writer.py puts pages in place, asking a PageCache first, and site_assets.py the
files published as they are.
"""

from site_builder.render.archive import RenderResult, render_archive
from site_builder.render.body_html import html_to_text, markdown_to_html
from site_builder.render.environment import STOCK_TEMPLATES, RenderError, make_environment
from site_builder.render.links import link_graph
from site_builder.render.page_writer import NO_PAGE_CACHE, NoPageCache, PageCache
from site_builder.render.pages import (
    ARTICLES_SUBDIR,
    article_href,
    article_href_of,
    display_date,
    newest_first,
    prepare,
    primary_language,
    summarize,
)
from site_builder.render.site_assets import published_media
from site_builder.render.standfirst import STANDFIRST_SIMILARITY

__all__ = [
    "ARTICLES_SUBDIR",
    "NO_PAGE_CACHE",
    "STANDFIRST_SIMILARITY",
    "STOCK_TEMPLATES",
    "NoPageCache",
    "PageCache",
    "RenderError",
    "RenderResult",
    "article_href",
    "article_href_of",
    "display_date",
    "html_to_text",
    "link_graph",
    "make_environment",
    "markdown_to_html",
    "newest_first",
    "prepare",
    "primary_language",
    "published_media",
    "render_archive",
    "summarize",
]
