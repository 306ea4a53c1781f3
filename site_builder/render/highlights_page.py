"""The Highlights page: every highlight of the archive, newest article first, each
linking to its place in its article; and its own Atom feed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from site_builder.core.config import SiteConfig, shown_build_time
from site_builder.core.records import ArticleSummary
from site_builder.render.feeds import FEED_ENTRIES, atom_date
from site_builder.render.listings import PageLink
from site_builder.render.page_writer import PageWriter
from site_builder.render.pages import ShownHighlight, shown_highlight

HIGHLIGHTS_PAGE = "highlights.html"
HIGHLIGHTS_FEED = "highlights.xml"


@dataclass(frozen=True, slots=True, kw_only=True)
class HighlightEntry:
    """One highlight, with the article it is in."""

    article: PageLink
    highlight: ShownHighlight
    href: str  # its place in the article's page, from the site root
    content: str  # quote and note as text, for the feed (a feed carries no HTML)


def highlight_entries(
    ordered: Sequence[ArticleSummary], link_of: Mapping[str, PageLink]
) -> list[HighlightEntry]:
    """Every highlight of the articles, in their order (newest first), then the page's."""
    entries = []
    for summary in ordered:
        for highlight in summary.highlights:
            link = link_of[summary.stem]
            shown = shown_highlight(highlight)
            entries.append(
                HighlightEntry(
                    article=link,
                    highlight=shown,
                    href=f"{link.href}#{highlight.anchor}",
                    content="\n\n".join(filter(None, (highlight.quote, highlight.note))),
                )
            )
    return entries


def write_highlights(writer: PageWriter, entries: list[HighlightEntry], config: SiteConfig) -> None:
    """highlights.html, and highlights.xml with the newest FEED_ENTRIES of them."""
    writer.write("highlights.html", HIGHLIGHTS_PAGE, entries=entries, page_title="Highlights")
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    latest = entries[:FEED_ENTRIES]
    updated = next((e.article.published for e in latest if e.article.published), None)
    writer.write(
        "highlights.xml",
        HIGHLIGHTS_FEED,
        entries=latest,
        base=base,
        updated=atom_date(updated) or shown_build_time() or "1970-01-01T00:00:00Z",
        atom_date=atom_date,
    )
