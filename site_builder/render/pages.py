"""An article as the site shows it: its body rendered once, its summary, its link in
lists, and everything its own page shows.

Article HTML is made by body_html.markdown_to_html alone: Markdown converted with raw
HTML switched off, then sanitised with the shared allow-list; only article_page marks it
safe for Jinja.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from site_builder.core.records import (
    MEDIA_FOLDER,
    QUALITY_FLAGS,
    Article,
    ArticleSummary,
    RenderedArticle,
)
from site_builder.core.urls import is_web_url
from site_builder.render.body_html import html_to_text, markdown_to_html
from site_builder.render.listings import MONTHS, Facet, PageLink
from site_builder.render.standfirst import shown_standfirst

ARTICLES_SUBDIR = "articles"
# Adult silent reading speed for non-fiction is about 230 words a minute (Brysbaert 2019).
WORDS_PER_MINUTE = 230
EXCERPT_CHARS = 240
# The first stored image in an article's Markdown: its thumbnail in lists.
_FIRST_MEDIA = re.compile(r"!\[[^\]]*\]\(\.\./media/([0-9a-f]{64}\.(?:png|jpg|gif|webp))\)")
_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-\d{2}")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage:
    """Everything article.html shows about one article."""

    link: PageLink
    author: str | None
    url: str | None
    saved_display: str | None
    language: str | None
    description: str | None
    tags: tuple[str, ...]
    image: str | None
    content: Markup
    quality: str | None  # "short" or "empty" when extraction may have missed part
    original: str | None  # the saved page as published, relative to the site root
    original_name: str | None  # what it downloads as: "2020-08-16-slug.mhtml"
    previous: PageLink | None
    next: PageLink | None


def article_href(article: Article) -> str:
    return article_href_of(article.stem)


def article_href_of(stem: str) -> str:
    return f"{ARTICLES_SUBDIR}/{stem}.html"


def prepare(article: Article) -> RenderedArticle:
    """Render an article's body once; the pages and the search index both use the result."""
    body_html = markdown_to_html(article.body)
    return RenderedArticle(article=article, html=body_html, text=html_to_text(body_html))


def summarize(rendered: RenderedArticle, *, file_sha256: str) -> ArticleSummary:
    """The small record lists need; made once per article file version."""
    article = rendered.article
    thumbnail = _FIRST_MEDIA.search(article.body)
    return ArticleSummary(
        meta=article.meta,
        stem=article.stem,
        source_file=f"{article.stem}.md",
        file_sha256=file_sha256,
        words=len(rendered.text.split()),
        text_start=rendered.text[: EXCERPT_CHARS * 2],
        thumbnail=f"{MEDIA_FOLDER}/{thumbnail.group(1)}" if thumbnail else None,
    )


def newest_first(summaries: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Newest publication first, undated last, ties by file name (sorts are stable)."""
    by_name = sorted(summaries, key=lambda summary: summary.stem)
    return sorted(by_name, key=lambda s: s.meta.published or s.meta.saved or "", reverse=True)


def page_link(
    summary: ArticleSummary, site_slugs: dict[str, str], tag_slugs: dict[str, str]
) -> PageLink:
    """The article as lists and its neighbours' pages show it."""
    meta = summary.meta
    excerpt = meta.description or summary.text_start
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    published = meta.published if meta.published and _DATE.match(meta.published) else None
    return PageLink(
        title=meta.title,
        href=article_href_of(summary.stem),
        site=Facet(name=meta.site_name, href=f"sites/{site_slugs[meta.site_name]}.html")
        if meta.site_name
        else None,
        published=published,
        published_display=display_date(published),
        year=published[:4] if published else None,
        month=int(published[5:7]) if published else None,
        excerpt=" ".join(excerpt.split()),
        reading_minutes=max(1, math.ceil(summary.words / WORDS_PER_MINUTE)),
        thumbnail=summary.thumbnail,
        tags=tuple(Facet(name=t, href=f"tags/{tag_slugs[t]}.html") for t in meta.tags),
        language=primary_language(meta.language),
    )


def article_page(
    rendered: RenderedArticle,
    link: PageLink,
    *,
    original: str | None,
    original_name: str | None = None,
    previous: PageLink | None,
    next_link: PageLink | None,
) -> ArticlePage:
    meta = rendered.article.meta
    # The one place where HTML becomes trusted: prepare() passed it through the allow-list.
    content = Markup(rendered.html)  # noqa: S704
    return ArticlePage(
        link=link,
        author=meta.author,
        # Front matter is hand-editable; only a web address may become a link.
        url=meta.url if meta.url and is_web_url(meta.url) else None,
        saved_display=display_date(meta.saved),
        language=meta.language,
        description=shown_standfirst(meta.description, rendered.text),
        tags=meta.tags,
        image=meta.image if meta.image and is_web_url(meta.image) else None,
        content=content,
        quality=meta.quality if meta.quality in QUALITY_FLAGS else None,
        original=original,
        original_name=original_name,
        previous=previous,
        next=next_link,
    )


def primary_language(tag: str | None) -> str | None:
    """ "en" for "en-GB": the search keeps one index per language, not per region."""
    if not tag:
        return None
    primary = tag.split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def display_date(iso: str | None) -> str | None:
    """ "16 August 2020": the same in every locale, so builds are reproducible."""
    if not iso or len(iso) < 10 or not iso[:4].isdigit():
        return None
    try:
        year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    except ValueError:
        return None
    if not 1 <= month <= 12:
        return None
    return f"{day} {MONTHS[month - 1]} {year}"
