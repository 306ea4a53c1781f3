"""Records passed between the pipeline stages.

Every record is frozen: a stage that needs a changed copy uses ``dataclasses.replace``.
This module does no I/O and imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

SavedKind = Literal["html", "text"]

# The verdict on an extracted article (ArticleMeta.quality): "ok", or a flag when the
# engine found only a part of the page ("short") or next to nothing ("empty"). A flagged
# article keeps the cleaned page instead; the build reports it and its page shows it.
Quality = Literal["ok", "short", "empty"]
QUALITY_OK: Final = "ok"
QUALITY_SHORT: Final = "short"
QUALITY_EMPTY: Final = "empty"
QUALITY_FLAGS: Final[tuple[Quality, ...]] = (QUALITY_SHORT, QUALITY_EMPTY)

# How article Markdown refers to a stored image: content/articles/ and content/media/ are
# siblings, as are output/site/articles/ and output/site/media/, so one path serves both.
MEDIA_FOLDER = "media"
MEDIA_REFERENCE_PREFIX = f"../{MEDIA_FOLDER}/"


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """A file that came with a saved page: an MHTML part, a WARC record, a `_files` image."""

    url: str  # how the page refers to it, made absolute (http(s):// or file://)
    media_type: str  # e.g. "image/png"
    data: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaFile:
    """An image kept with the archive, stored once under its content hash."""

    name: str  # "<sha256>.<ext>"
    data: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedPage:
    """A saved page as read from disk, decoded to text, with the saver's marks."""

    path: Path
    source: str  # path relative to the content folder, with forward slashes
    sha256: str
    kind: SavedKind
    text: str  # the decoded document: HTML for "html", plain text for "text"
    url: str | None = None  # original URL, from a "saved from" mark or similar
    saved: str | None = None  # ISO 8601 save date, when the saver recorded one
    resources: tuple[Resource, ...] = ()  # images that came with the page
    cut_off: bool = False  # the file ends early (an MHTML without its closing boundary)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleMeta:
    """Everything the front matter of an article holds, in front-matter order."""

    title: str
    url: str | None = None  # the page's own address: its rel=canonical, or the saver's
    # The address the saver recorded, as it was written, when the page names another.
    saved_url: str | None = None
    site_name: str | None = None
    # Display names, one per person or organisation; one author is written as text.
    author: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date or datetime
    updated: str | None = None  # ISO 8601: the last update the page declares, if later
    saved: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    description: str | None = None
    # The reader's own tags (hand edits, imports); the site also shows the publisher's
    # keywords that pass render/publisher_tags.py's filter beside them.
    tags: tuple[str, ...] = ()
    # The publisher's keywords as the page gave them: searchable, never a page of their own.
    keywords: tuple[str, ...] = ()
    image: str | None = None
    # A Quality when extraction wrote it; front matter is hand-editable, so any text.
    quality: str | None = None
    source: str | None = None  # saved page, relative to the content folder
    source_sha256: str | None = None
    # The extractor version that wrote the article: a newer one extracts its page again.
    extractor: str | None = None
    # `hidden: true`, set by hand: the article stays in content/articles/ but is left out
    # of the site, its feeds and both searches. Written to the file only when true.
    hidden: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractedPage:
    """The article found in a saved page: metadata and a sanitised HTML fragment."""

    meta: ArticleMeta
    html: str  # the article body as found; untrusted until it passes the sanitiser
    media: tuple[MediaFile, ...] = ()  # local images the body refers to as ../media/NAME


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A Markdown article: the editable source of truth in content/articles/."""

    meta: ArticleMeta
    body: str  # Markdown, ending with one newline
    stem: str  # file name without ".md": "YYYY-MM-DD-slug"
    media: tuple[MediaFile, ...] = ()  # images to store in content/media/ with the article


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredArticle:
    """An article file on disk, with what the build needs to know about it."""

    article: Article
    path: Path
    edited: bool  # the file differs from what the build last wrote


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedArticle:
    """An article with its body rendered once, for the site pages and the search index."""

    article: Article
    html: str  # sanitised article HTML
    text: str  # plain text, a line per block


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    """What lists, feeds and neighbours need of an article, without its body."""

    meta: ArticleMeta
    stem: str
    source_file: str  # the Markdown file's name in content/articles/
    file_sha256: str  # of the Markdown file: the key of everything made from it
    words: int
    text_start: str  # the start of the plain text, for excerpts
    thumbnail: str | None  # the first stored image, as media/NAME
    # Of the plain text's words, case aside: one for two saves with the same article.
    text_sha256: str = ""
    url_key: str = ""  # the address, as core.urls.canonical_key compares it
    # The publisher's keywords the whole text names, for the tags (the text itself is not
    # kept in the summary).
    keywords_in_text: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedCopy:
    """One save of an article's page, as the article's page lists it."""

    summary: ArticleSummary  # of the save's own article file
    saved: str | None  # ISO 8601: the saver's date, or else the saved file's time
    version: bool  # its text is not the shown article's: it has a page of its own
    shown: bool  # the save the article shows


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexDocument:
    """What the full-text index stores about one article."""

    path: str  # page path inside the site, e.g. "articles/2020-08-16-x.html"
    title: str
    body: str  # plain text of the article
    site_name: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()  # the reader's tags and the publisher's keywords, whole
    keywords: tuple[str, ...] = ()  # the publisher's keywords, searched word by word
    language: str | None = None
    published: str | None = None  # ISO 8601
    saved: str | None = None  # ISO 8601
    url: str | None = None
    fingerprint: str = ""  # hash of what the document was made from

    @classmethod
    def of_article(cls, summary: ArticleSummary, text: str, *, path: str) -> IndexDocument:
        """The document for an article's page at path, with the article's plain text."""
        meta = summary.meta
        return cls(
            path=path,
            title=meta.title,
            body=text,
            site_name=meta.site_name,
            author=", ".join(meta.author) or None,
            # Both kinds of label are found by a search: keywords have no page to browse.
            tags=tuple(dict.fromkeys(meta.tags + meta.keywords)),
            keywords=meta.keywords,
            language=meta.language,
            published=meta.published,
            saved=meta.saved,
            url=meta.url,
            fingerprint=summary.file_sha256,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One ranked result of a full-text query."""

    title: str
    path: str  # page path inside the site, e.g. "articles/2020-08-16-x.html"
    site_name: str | None
    published: str | None
    url: str | None
    snippet: str  # plain text; highlighted words are wrapped in [[ ]] markers
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildReport:
    """What one build did, for the summary printed at the end."""

    ingested: int = 0
    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    kept_edited: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (saved file, reason)
    flagged: tuple[tuple[str, str, str], ...] = ()  # (file, one of QUALITY_FLAGS, why)
    warnings: tuple[str, ...] = ()  # things the build repaired on its own
    pages_rendered: int = 0  # article pages rendered anew (the rest were unchanged)
    articles: int = 0  # on the site
    timings: tuple[tuple[str, float], ...] = ()  # (stage, seconds), in stage order
    # Articles with one text at different addresses, not merged (article file names).
    near_duplicates: tuple[tuple[str, ...], ...] = ()
    # (article edited by hand, a newer save of its page kept in versions/)
    newer_versions: tuple[tuple[str, str], ...] = ()
    hidden: tuple[str, ...] = ()  # article files marked `hidden: true`, left off the site
    skipped: tuple[str, ...] = ()  # files under saved/ that are never saved pages
    unreadable: tuple[tuple[str, str], ...] = ()  # (article file, reason): not on the site
