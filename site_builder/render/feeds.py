"""The files other programs read: the Atom feed, the sitemap and robots.txt."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.core.config import SiteConfig, shown_build_time
from site_builder.core.records import MEDIA_REFERENCE_PREFIX, RenderedArticle
from site_builder.render.listings import PageLink
from site_builder.render.page_writer import PageWriter

FEED_ENTRIES = 50
# A stored image, as an article's page refers to it (from articles/), and as the feed
# must, from the site's root (the feed's xml:base).
_PAGE_MEDIA = f'src="{MEDIA_REFERENCE_PREFIX}'
_FEED_MEDIA = f'src="{MEDIA_REFERENCE_PREFIX.removeprefix("../")}'


def write_feeds(
    writer: PageWriter,
    links: list[PageLink],
    config: SiteConfig,
    bodies: Sequence[RenderedArticle] = (),
) -> None:
    """bodies: the newest articles' (as many as the feed has entries), for
    feed_full_content; their sanitised HTML is the entry's content, instead of a summary."""
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    latest = links[:FEED_ENTRIES]
    # Plain str, not Markup: the template escapes it, as Atom's type="html" wants.
    contents = [body.html.replace(_PAGE_MEDIA, _FEED_MEDIA) for body in bodies]
    updated = next((link.published for link in latest if link.published), None)
    writer.write(
        "feed.xml",
        "feed.xml",
        entries=latest,
        contents=contents,
        base=base,
        updated=atom_date(updated) or shown_build_time() or "1970-01-01T00:00:00Z",
        atom_date=atom_date,
    )
    if base:  # a sitemap must give absolute addresses
        writer.write("sitemap.xml", "sitemap.xml", entries=links, base=base)
    writer.write("robots.txt", "robots.txt", base=base)


def atom_date(iso: str | None) -> str | None:
    """RFC 3339 for Atom: a date alone becomes midnight UTC."""
    if not iso or len(iso) < 10:
        return None
    if len(iso) == 10:
        return f"{iso}T00:00:00Z"
    return iso if ("+" in iso[10:] or iso.endswith("Z") or "-" in iso[10:]) else f"{iso}Z"
