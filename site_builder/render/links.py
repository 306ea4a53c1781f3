"""Links between archived articles: which links of an article go to another article of
the archive, the backlinks of each, and the rewrite of those links on the article's page.

The Markdown keeps every original address. The rewrite happens here, when the site is
rendered, so an article that arrives later (a new save, a hand edit, an import) makes the
links to it work with nothing extracted again. Addresses compare as
core.urls.canonical_key folds them: tracking parameters, `www.`, http or https, a
trailing slash aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape

from markupsafe import escape

from site_builder.core.records import ArticleSummary
from site_builder.core.urls import canonical_key, is_web_url

# A link in sanitised article HTML: Python-Markdown writes href first and nh3 keeps the
# order, in double quotes; links never nest, so the first </a> closes it.
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
ARCHIVED_LINK_CLASS = "archived-link"
ORIGINAL_LINK_CLASS = "original-link"
# The small sign after a link that stays in the archive: a link to the original page.
ORIGINAL_SIGN = "↗"


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkGraph:
    """The links between the site's articles."""

    targets: Mapping[str, str]  # the stem of the article at each address (its url_key)
    backlinks: Mapping[str, tuple[str, ...]]  # stems of the articles linking to a stem
    internal_links: int  # (article, archived article it links to) pairs

    def archived(self, summary: ArticleSummary) -> dict[str, str]:
        """The stem each of summary's links leads to, by address, where it is archived."""
        return {
            key: self.targets[key]
            for key in summary.links
            if key in self.targets and self.targets[key] != summary.stem
        }


def outgoing_links(html: str, own_key: str) -> tuple[str, ...]:
    """The canonical keys of the web addresses an article's HTML links to, its own aside."""
    keys = {
        canonical_key(url)
        for url in (unescape(match.group(1)) for match in _LINK.finditer(html))
        if is_web_url(url)
    }
    keys.discard(own_key)
    keys.discard("")
    return tuple(sorted(keys))


def link_graph(summaries: Iterable[ArticleSummary]) -> LinkGraph:
    """Backlinks in date order: oldest first, the order in which they were written."""
    ordered = sorted(summaries, key=lambda s: (s.meta.published or s.meta.saved or "", s.stem))
    targets: dict[str, str] = {}
    for summary in sorted(ordered, key=lambda s: s.stem):  # one stem per address
        if summary.url_key:
            targets.setdefault(summary.url_key, summary.stem)
    backlinks: dict[str, list[str]] = {}
    count = 0
    for summary in ordered:
        for key in summary.links:
            stem = targets.get(key)
            if stem is not None and stem != summary.stem:
                backlinks.setdefault(stem, []).append(summary.stem)
                count += 1
    return LinkGraph(
        targets=targets,
        backlinks={stem: tuple(sources) for stem, sources in backlinks.items()},
        internal_links=count,
    )


def rewrite_links(html: str, hrefs: Mapping[str, str]) -> str:
    """Point each link whose address is a key of hrefs at its archived copy, marked, with
    a small second link to the original; other links are left as they are.

    html is sanitised; what is added is escaped, so the result is as safe as html was.
    """
    if not hrefs:
        return html

    def rewritten(match: re.Match[str]) -> str:
        original = match.group(1)  # escaped already, as the sanitiser wrote it
        url = unescape(original)
        href = hrefs.get(canonical_key(url)) if is_web_url(url) else None
        if href is None:
            return match.group(0)
        return (
            f'<a href="{escape(href)}" class="{ARCHIVED_LINK_CLASS}" '
            f'title="The copy in this archive (original: {original})">{match.group(2)}</a>'
            f'<a href="{original}" class="{ORIGINAL_LINK_CLASS}" '
            f'title="The original: {original}" aria-label="the original page" '
            'rel="noopener noreferrer nofollow">'
            f"{ORIGINAL_SIGN}</a>"
        )

    return _LINK.sub(rewritten, html)
