"""render_archive: every page of the site, in the order a reader meets them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleSummary, RenderedArticle
from site_builder.render.environment import STOCK_TEMPLATES, make_environment
from site_builder.render.feeds import write_feeds
from site_builder.render.listings import (
    Group,
    PageLink,
    facet_slugs,
    group_by,
    months,
    paginate,
    years,
)
from site_builder.render.not_found import not_found_context
from site_builder.render.page_writer import NO_PAGE_CACHE, PageCache, PageWriter
from site_builder.render.pages import article_page, newest_first, page_link, primary_language
from site_builder.render.site_assets import (
    copy_media,
    copy_static,
    original_download_name,
    publish_original,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderResult:
    pages: int  # pages written or carried over
    rendered: int  # article pages rendered anew


def render_archive(
    summaries: Sequence[ArticleSummary],
    load: Callable[[ArticleSummary], RenderedArticle],
    config: SiteConfig,
    site_dir: Path,
    *,
    cache: PageCache = NO_PAGE_CACHE,
    article_page_written: Callable[[str], None] = lambda href: None,
) -> RenderResult:
    """Write every page of the site into site_dir (which must be empty).

    Bodies are loaded one article at a time, and only for article pages the cache does
    not carry over. article_page_written(href) is told of each article page once it is
    in place.
    """
    writer = PageWriter(make_environment(config), site_dir, config, cache)
    ordered = newest_first(summaries)
    site_slugs = facet_slugs(s.meta.site_name for s in ordered if s.meta.site_name)
    tag_slugs = facet_slugs(tag for s in ordered for tag in s.meta.tags)
    links = [page_link(summary, site_slugs, tag_slugs) for summary in ordered]

    rendered = _write_articles(writer, ordered, links, load, article_page_written)
    _write_home_pages(writer, links)
    _write_groups(writer, "site", "sites", group_by(links, _site_names, site_slugs))
    _write_groups(writer, "tag", "tags", group_by(links, _tag_names, tag_slugs))
    _write_years(writer, links)
    writer.write("search.html", "search.html", page_title="Search")
    _write_not_found(writer)
    write_feeds(writer, links, config)
    _copy_assets(config, site_dir)
    return RenderResult(pages=writer.pages, rendered=rendered)


def _write_articles(
    writer: PageWriter,
    ordered: list[ArticleSummary],
    links: list[PageLink],
    load: Callable[[ArticleSummary], RenderedArticle],
    article_page_written: Callable[[str], None],
) -> int:
    """Each article's page, with its neighbours in the home page's order; returns how many
    were rendered anew."""
    config, rendered_count = writer.config, 0
    saved_root = config.saved_dir.resolve()
    real_folder = functools.lru_cache(maxsize=None)(Path.resolve)  # this build's answers
    for position, summary in enumerate(ordered):
        link = links[position]
        previous = links[position - 1] if position > 0 else None
        next_link = links[position + 1] if position + 1 < len(links) else None
        original = publish_original(
            summary.meta, config, writer.site_dir, saved_root=saved_root, real_folder=real_folder
        )
        # Made from its file's version, not from its whole body: the body is loaded only
        # if the page is rendered.
        made_from = {
            "file_sha256": summary.file_sha256,
            "stem": summary.stem,
            "link": link,
            "previous": previous,
            "next": next_link,
            "original": original,
        }
        if not writer.carry_over("article.html", link.href, made_from):
            page = article_page(
                load(summary),
                link,
                original=original,
                original_name=original_download_name(summary.meta.source or "", summary.stem),
                previous=previous,
                next_link=next_link,
            )
            writer.render(
                "article.html",
                link.href,
                article=page,
                page_title=summary.meta.title,
                page_language=primary_language(summary.meta.language) or config.language,
            )
            rendered_count += 1
        article_page_written(link.href)
    return rendered_count


def _write_home_pages(writer: PageWriter, links: list[PageLink]) -> None:
    """The home page and its continuation pages, page/2.html on."""
    pages = paginate(links, writer.config.per_page, "index.html", _home_page_path)
    for listing in pages:
        writer.write("index.html", listing.path, listing=listing, page_title=writer.config.title)


def _write_groups(writer: PageWriter, kind: str, folder: str, groups: list[Group]) -> None:
    """Browse by site or by tag: the list of groups, and each group's paginated page."""
    writer.write(
        "groups.html", f"{folder}/index.html", kind=kind, groups=groups, page_title=f"By {kind}"
    )
    for group in groups:
        pages = paginate(
            group.entries,
            writer.config.per_page,
            f"{folder}/{group.slug}.html",
            functools.partial(_numbered_path, f"{folder}/{group.slug}"),
        )
        for page in pages:
            writer.write(
                "group.html", page.path, kind=kind, group=group, listing=page, page_title=group.name
            )


def _write_years(writer: PageWriter, links: list[PageLink]) -> None:
    """Browse by year: the list of years, and each year's articles by month."""
    groups = years(links)
    writer.write("years.html", "years/index.html", groups=groups, page_title="By year")
    for group in groups:
        writer.write(
            "year.html",
            f"years/{group.slug}.html",
            group=group,
            months=months(group.entries),
            page_title=group.name,
        )


def _write_not_found(writer: PageWriter) -> None:
    """Hosts show 404.html at whatever address was missing (not_found)."""
    context = not_found_context(writer.config.base_url, writer.env)
    writer.write("404.html", "404.html", page_title="Not found", **context)


def _copy_assets(config: SiteConfig, site_dir: Path) -> None:
    # Stock assets first, then the user's, so a user file replaces its stock namesake.
    copy_static([STOCK_TEMPLATES / "static", config.templates_dir.resolve() / "static"], site_dir)
    copy_media(config.media_dir, site_dir)
    (site_dir / ".nojekyll").write_bytes(b"")  # GitHub Pages: serve files as they are


def _site_names(link: PageLink) -> list[str]:
    return [link.site.name] if link.site else []


def _tag_names(link: PageLink) -> list[str]:
    return [tag.name for tag in link.tags]


def _home_page_path(number: int) -> str:
    return f"page/{number}.html"


def _numbered_path(stem: str, number: int) -> str:
    """tags/SLUG/2.html: in a folder of its own, so it never meets another tag's SLUG-2."""
    return f"{stem}/{number}.html"
