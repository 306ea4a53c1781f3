"""render_archive: every page of the site, in the order a reader meets them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleSummary, RenderedArticle, SavedCopy
from site_builder.render.environment import STOCK_TEMPLATES, make_environment
from site_builder.render.feeds import FEED_ENTRIES, write_feeds
from site_builder.render.highlights_page import highlight_entries, write_highlights
from site_builder.render.links import LinkGraph, link_graph
from site_builder.render.listings import (
    Group,
    PageLink,
    TagIndex,
    facet_slugs,
    group_by,
    months,
    paginate,
    reading_filters,
    tag_index,
    years,
)
from site_builder.render.not_found import not_found_context
from site_builder.render.page_writer import NO_PAGE_CACHE, PageCache, PageWriter
from site_builder.render.pages import (
    Labels,
    article_page,
    newest_first,
    page_link,
    primary_language,
)
from site_builder.render.site_assets import (
    copy_media,
    copy_static,
    original_download_name,
    publish_original,
)
from site_builder.render.sites import article_sites
from site_builder.render.tags import TagSettings, article_tags
from site_builder.render.versions import save_links, write_version_pages

# The less used tags, A to Z: tags/all.html. No tag's page may take its name, nor index's.
ALL_TAGS_PAGE = "all"
FOLDER_PAGES = ("index", ALL_TAGS_PAGE)


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
    copies: Mapping[str, tuple[SavedCopy, ...]] | None = None,
) -> RenderResult:
    """Write every page of the site into site_dir (which must be empty).

    Bodies are loaded one article at a time, and only for article pages the cache does
    not carry over. copies: each article's saves, by its stem, where it has several; each
    version among them gets a page of its own.
    """
    writer = PageWriter(make_environment(config), site_dir, config, cache)
    ordered = newest_first(summaries)
    labels = archive_labels(ordered, config)
    links = [page_link(summary, labels) for summary in ordered]

    rendered = _write_articles(writer, ordered, links, load, copies or {})
    _write_home_pages(writer, links)
    sites = group_by(links, _site_names, labels.site_slugs)
    _write_groups(writer, "site", "sites", sites)
    _write_group_pages(writer, "site", "sites", sites)
    tags = group_by(links, _tag_names, labels.tag_slugs)
    write_tag_index(writer, tag_index(tags))
    _write_group_pages(writer, "tag", "tags", tags)
    _write_years(writer, links)
    link_of = {summary.stem: link for summary, link in zip(ordered, links, strict=True)}
    write_highlights(writer, highlight_entries(ordered, link_of), config)
    writer.write(
        "search.html",
        "search.html",
        page_title="Search",
        search_integrity=writer.search_integrity,
    )
    _write_not_found(writer)
    full = [load(summary) for summary in ordered[:FEED_ENTRIES]] if config.feed_full_content else []
    write_feeds(writer, links, config, full)
    _copy_assets(config, site_dir)
    return RenderResult(pages=writer.pages, rendered=rendered)


def _write_articles(
    writer: PageWriter,
    ordered: list[ArticleSummary],
    links: list[PageLink],
    load: Callable[[ArticleSummary], RenderedArticle],
    copies: Mapping[str, tuple[SavedCopy, ...]],
) -> int:
    """Each article's page, with its neighbours in the home page's order; returns how many
    were rendered anew."""
    config, rendered_count = writer.config, 0
    graph = link_graph(ordered)
    link_of = {summary.stem: link for summary, link in zip(ordered, links, strict=True)}
    original_of = functools.partial(
        publish_original,
        config=config,
        site_dir=writer.site_dir,
        saved_root=config.saved_dir.resolve(),
        real_folder=functools.lru_cache(maxsize=None)(Path.resolve),  # this build's answers
    )
    for position, summary in enumerate(ordered):
        link = links[position]
        previous = links[position - 1] if position > 0 else None
        next_link = links[position + 1] if position + 1 < len(links) else None
        original = original_of(summary.meta)
        saves = save_links(copies.get(summary.stem, ()), original_of)
        archived, backlinks = _links_of(summary, graph, link_of)
        # Made from its file's version, not from its whole body: the body is loaded only
        # if the page is rendered. An article that arrives later changes the links and
        # backlinks of the pages that name it, so they are rendered again.
        made_from = {
            "file_sha256": summary.file_sha256,
            "stem": summary.stem,
            "link": link,
            "previous": previous,
            "next": next_link,
            "original": original,
            "saves": saves,
            "archived": sorted(archived.items()),
            "backlinks": backlinks,
        }
        if not writer.carry_over("article.html", link.href, made_from):
            page = article_page(
                load(summary),
                link,
                original=original,
                original_name=original_download_name(summary.meta.source or "", summary.stem),
                previous=previous,
                next_link=next_link,
                saves=saves,
                archived_links=archived,
                backlinks=backlinks,
            )
            writer.render(
                "article.html",
                link.href,
                article=page,
                page_title=summary.meta.title,
                page_language=primary_language(summary.meta.language) or config.language,
            )
            rendered_count += 1
        if saves:
            write_version_pages(writer, summary, copies[summary.stem], saves, load)
    return rendered_count


def _links_of(
    summary: ArticleSummary, graph: LinkGraph, link_of: Mapping[str, PageLink]
) -> tuple[dict[str, str], tuple[PageLink, ...]]:
    """The hrefs of its links' archived copies (its page's neighbours in articles/), by
    address; and the articles that link to it."""
    archived = {key: f"{stem}.html" for key, stem in graph.archived(summary).items()}
    backlinks = tuple(link_of[stem] for stem in graph.backlinks.get(summary.stem, ()))
    return archived, backlinks


def _write_home_pages(writer: PageWriter, links: list[PageLink]) -> None:
    """The home page and its continuation pages, page/2.html on; and, when imports
    recorded read states or stars, each filter's pages (unread.html, unread/2.html...)."""
    filters = reading_filters(links)
    title = writer.config.title
    pages = paginate(links, writer.config.per_page, "index.html", _home_page_path)
    for listing in pages:
        writer.write(
            "index.html", listing.path, listing=listing, filters=filters, shown=None,
            page_title=title,
        )  # fmt: skip
    for group in filters:
        numbered = functools.partial(_numbered_path, group.slug)
        for listing in paginate(
            group.entries, writer.config.per_page, f"{group.slug}.html", numbered
        ):
            writer.write(
                "index.html", listing.path, listing=listing, filters=filters, shown=group.slug,
                page_title=f"{group.name} · {title}",
            )  # fmt: skip


def archive_labels(ordered: Sequence[ArticleSummary], config: SiteConfig) -> Labels:
    """The site and tags of every article, and their slugs (none of them a page of the
    folder's own: index.html, all.html)."""
    sites = article_sites(ordered, config.site_names)
    tags = article_tags(ordered, TagSettings.of(config))
    return Labels(
        sites=sites,
        tags=tags,
        site_slugs=facet_slugs((s for s in sites.values() if s), reserved=FOLDER_PAGES),
        tag_slugs=facet_slugs((t for ts in tags.values() for t in ts), reserved=FOLDER_PAGES),
    )


def write_tag_index(writer: PageWriter, index: TagIndex) -> None:
    """The Tags index (the most used tags), and the rest A to Z: below them when all fit
    on one page, else on a page of their own."""
    writer.write("tags.html", "tags/index.html", index=index, page_title="By tag")
    if not index.rest_on_index:
        writer.write(
            "tags_all.html", f"tags/{ALL_TAGS_PAGE}.html", tags=index.rest, page_title="More tags"
        )


def _write_groups(writer: PageWriter, kind: str, folder: str, groups: list[Group]) -> None:
    """Browse by site: the list of sites."""
    writer.write(
        "groups.html", f"{folder}/index.html", kind=kind, groups=groups, page_title=f"By {kind}"
    )


def _write_group_pages(writer: PageWriter, kind: str, folder: str, groups: list[Group]) -> None:
    """Each site's or tag's paginated page."""
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
