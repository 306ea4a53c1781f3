"""An article as the site shows it: its body rendered once, its summary, its link in
lists, and everything its own page shows.

Article HTML is made by body_html.markdown_to_html alone: Markdown converted with raw
HTML switched off, then sanitised with the shared allow-list; only article_page marks it
safe for Jinja.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from site_builder.core.records import (
    MEDIA_FOLDER,
    QUALITY_FLAGS,
    Article,
    ArticleSummary,
    PageHighlight,
    RenderedArticle,
)
from site_builder.core.urls import canonical_key, is_web_url
from site_builder.render.body_html import (
    NoteHtml,
    html_to_text,
    note_to_html,
    render_body,
)
from site_builder.render.links import outgoing_links, rewrite_links
from site_builder.render.listings import MONTHS, Facet, PageLink
from site_builder.render.standfirst import shown_standfirst
from site_builder.render.tag_filter import named_in_text

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
    keywords: tuple[str, ...]  # the publisher's, all of them: searchable, not shown
    image: str | None
    content: Markup
    quality: str | None  # "short" or "empty" when extraction may have missed part
    original: str | None  # the saved page as published, relative to the site root
    original_name: str | None  # what it downloads as: "2020-08-16-slug.mhtml"
    previous: PageLink | None
    next: PageLink | None
    saves: tuple[Any, ...] = ()  # render.versions.SaveLink: every save, when several
    note: Markup | None = None  # the reader's note on the article (`note:`), as HTML
    boxed: tuple[ShownHighlight, ...] = ()  # stored highlights the text does not hold
    backlinks: tuple[PageLink, ...] = ()  # archived articles that link here, oldest first


@dataclass(frozen=True, slots=True, kw_only=True)
class ShownHighlight:
    """A highlight as a page shows it, its note rendered."""

    anchor: str
    quote: str
    note: Markup | None


def shown_highlight(highlight: PageHighlight) -> ShownHighlight:
    return ShownHighlight(
        anchor=highlight.anchor, quote=highlight.quote, note=note_html(highlight.note)
    )


def note_html(note: str | None) -> Markup | None:
    """A reader's note, Markdown, as sanitised HTML (a note is as untrusted as a page:
    an import may have written it)."""
    if not note or not note.strip():
        return None
    return trusted_html(note_to_html(note))


def article_href(article: Article) -> str:
    return article_href_of(article.stem)


def article_href_of(stem: str) -> str:
    return f"{ARTICLES_SUBDIR}/{stem}.html"


def article_stem_of(href: str) -> str | None:
    """The article file's stem of an article page's href (article_href_of reversed)."""
    folder, _, name = href.partition("/")
    if folder != ARTICLES_SUBDIR or "/" in name or not name.endswith(".html"):
        return None
    return name.removesuffix(".html")


def prepare(article: Article) -> RenderedArticle:
    """Render an article's body once; the pages and the search index both use the result."""
    body = render_body(article.body, article.meta.highlights)
    return RenderedArticle(
        article=article,
        html=body.html,
        text=html_to_text(body.html),
        highlights=body.highlights,
        links=outgoing_links(body.html, url_key_of(article)),
    )


def url_key_of(article: Article) -> str:
    return canonical_key(article.meta.url) if article.meta.url else ""


def summarize(rendered: RenderedArticle, *, file_sha256: str) -> ArticleSummary:
    """The small record lists need; made once per article file version."""
    article = rendered.article
    thumbnail = _FIRST_MEDIA.search(article.body)
    url_key = url_key_of(article)
    return ArticleSummary(
        meta=article.meta,
        stem=article.stem,
        source_file=f"{article.stem}.md",
        file_sha256=file_sha256,
        words=len(rendered.text.split()),
        text_start=rendered.text[: EXCERPT_CHARS * 2],
        thumbnail=f"{MEDIA_FOLDER}/{thumbnail.group(1)}" if thumbnail else None,
        text_sha256=text_fingerprint(rendered.text),
        # Kept with the summary, so a build that changes nothing compares no addresses.
        url_key=url_key,
        keywords_in_text=named_in_text(article.meta.keywords, rendered.text),
        links=rendered.links,
        highlights=rendered.highlights,
    )


def text_fingerprint(text: str) -> str:
    """The same for two articles whose words are the same, whatever their spacing or case."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def newest_first(summaries: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Newest publication first, undated last, ties by file name (sorts are stable)."""
    by_name = sorted(summaries, key=lambda summary: summary.stem)
    return sorted(by_name, key=lambda s: s.meta.published or s.meta.saved or "", reverse=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Labels:
    """The site and tags the site files an article under (render/sites.py, tags.py), with
    the slug of every site and tag of the archive."""

    sites: dict[str, str | None]  # by stem
    tags: dict[str, tuple[str, ...]]  # by stem
    site_slugs: dict[str, str]
    tag_slugs: dict[str, str]


def page_link(summary: ArticleSummary, labels: Labels) -> PageLink:
    """The article as lists and its neighbours' pages show it."""
    meta = summary.meta
    site = labels.sites.get(summary.stem)
    excerpt = meta.description or summary.text_start
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    published = meta.published if meta.published and _DATE.match(meta.published) else None
    return PageLink(
        title=meta.title,
        href=article_href_of(summary.stem),
        site=Facet(name=site, href=f"sites/{labels.site_slugs[site]}.html") if site else None,
        published=published,
        published_display=display_date(published),
        year=published[:4] if published else None,
        month=int(published[5:7]) if published else None,
        excerpt=" ".join(excerpt.split()),
        reading_minutes=max(1, math.ceil(summary.words / WORDS_PER_MINUTE)),
        thumbnail=summary.thumbnail,
        tags=tuple(
            Facet(name=tag, href=f"tags/{labels.tag_slugs[tag]}.html")
            for tag in labels.tags.get(summary.stem, ())
        ),
        language=primary_language(meta.language),
        state=meta.state,
        starred=meta.starred,
    )


def article_page(
    rendered: RenderedArticle,
    link: PageLink,
    *,
    original: str | None,
    original_name: str | None = None,
    previous: PageLink | None,
    next_link: PageLink | None,
    saves: tuple[Any, ...] = (),
    archived_links: Mapping[str, str] | None = None,
    backlinks: tuple[PageLink, ...] = (),
) -> ArticlePage:
    """archived_links: the href of the archived copy, by the canonical key of its address."""
    meta = rendered.article.meta
    content = trusted_html(rendered, archived_links)
    return ArticlePage(
        link=link,
        author=authors_display(meta.author),
        # Front matter is hand-editable; only a web address may become a link.
        url=meta.url if meta.url and is_web_url(meta.url) else None,
        saved_display=display_date(meta.saved),
        language=meta.language,
        description=shown_standfirst(meta.description, rendered.text),
        keywords=meta.keywords,
        image=meta.image if meta.image and is_web_url(meta.image) else None,
        content=content,
        quality=meta.quality if meta.quality in QUALITY_FLAGS else None,
        original=original,
        original_name=original_name,
        previous=previous,
        next=next_link,
        saves=saves,
        note=note_html(meta.note),
        boxed=tuple(shown_highlight(h) for h in rendered.highlights if not h.in_text),
        backlinks=backlinks,
    )


def authors_display(names: tuple[str, ...]) -> str | None:
    """ "Jane Doe", "Jane Doe and John Roe", "Jane Doe, John Roe and Ann Poe"."""
    if len(names) < 2:
        return names[0] if names else None
    return f"{', '.join(names[:-1])} and {names[-1]}"


def trusted_html(
    rendered: RenderedArticle | NoteHtml, archived_links: Mapping[str, str] | None = None
) -> Markup:
    """The one place where HTML becomes trusted: prepare() and note_to_html passed it
    through the allow-list, and links.rewrite_links adds only escaped text. Article pages,
    version pages, the reader's notes and the Highlights page show it."""
    return Markup(rewrite_links(rendered.html, archived_links or {}))  # noqa: S704


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
