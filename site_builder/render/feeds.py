"""The files other programs read: the Atom feed, the sitemap and robots.txt."""

from __future__ import annotations

from site_builder.core.config import SiteConfig, shown_build_time
from site_builder.render.listings import PageLink
from site_builder.render.page_writer import PageWriter

FEED_ENTRIES = 50


def write_feeds(writer: PageWriter, links: list[PageLink], config: SiteConfig) -> None:
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    latest = links[:FEED_ENTRIES]
    updated = next((link.published for link in latest if link.published), None)
    writer.write(
        "feed.xml",
        "feed.xml",
        entries=latest,
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
