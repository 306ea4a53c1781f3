"""Records passed between the pipeline stages.

Every record is frozen: a stage that needs a changed copy uses ``dataclasses.replace``.
This module does no I/O and imports nothing of ours.
"""

from __future__ import annotations

import re
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

# An article's read state, as imports record it (ArticleMeta.state).
ARTICLE_STATES: Final = ("unread", "archived")

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
class Highlight:
    """A passage the reader marked, kept in front matter (`highlights:`)."""

    quote: str  # the passage's text as it reads in the article (plain text)
    note: str = ""  # the reader's note on it, Markdown
    created: str | None = None  # ISO 8601 date, when the tool it came from recorded one


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedMeta:
    """What a read-it-later export says of one page (an import sidecar's record).

    It is laid over what extraction finds: the reader's tags, dates, read state and
    highlights come from the service the page was kept in, not from the page.
    """

    url: str
    title: str | None = None
    author: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    saved: str | None = None  # ISO 8601: when the reader saved it in the service
    published: str | None = None
    state: str | None = None  # "unread" or "archived"
    starred: bool = False
    highlights: tuple[Highlight, ...] = ()


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
    # What an export said of the page, from its import sidecar (ingest/import_sidecar.py).
    imported: ImportedMeta | None = None
    cut_off: bool = False  # the file ends early (an MHTML without its closing boundary)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageHighlight:
    """A highlight as its article's page shows it: marked in the text (`==text==`, or a
    front-matter quote found there), or in the Highlights box when its quote is not."""

    anchor: str  # the element's id on the article's page, e.g. "highlight-2"
    quote: str  # plain text
    note: str = ""  # Markdown
    in_text: bool = True  # False: shown in the box at the top of the article


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
    note: str | None = None  # the reader's note on the whole article, Markdown
    highlights: tuple[Highlight, ...] = ()  # passages stored in front matter (imports write these)
    state: str | None = None  # "unread" or "archived", from an import (issue 23)
    starred: bool = False  # from an import (issue 23); written only when true


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
    # Its highlights, in the order of their anchors: those marked in the text first.
    highlights: tuple[PageHighlight, ...] = ()
    # The canonical keys of the web addresses it links to (ArticleSummary.links), found
    # where it is rendered: in the extraction processes, for a new page.
    links: tuple[str, ...] = ()


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
    # The web addresses its body links to, as canonical_key compares them (its own aside):
    # the render step finds which are archived articles, for links and backlinks.
    links: tuple[str, ...] = ()
    highlights: tuple[PageHighlight, ...] = ()  # for the Highlights page and its feed


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedCopy:
    """One save of an article's page, as the article's page lists it."""

    summary: ArticleSummary  # of the save's own article file
    saved: str | None  # ISO 8601: the saver's date, or else the saved file's time
    version: bool  # its text is not the shown article's: it has a page of its own
    shown: bool  # the save the article shows


# A note's Markdown marks and link targets, which the search would otherwise take for part
# of a word ("*harbour master*" was indexed as "*harbour" and "master*").
_MARKDOWN_MARKS = re.compile(r"\]\([^)\s]*\)|[*_`~=#>\[\]^]")


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
    highlights: str = ""  # the passages the reader marked, a line each
    notes: str = ""  # the reader's notes: on the article, then on its highlights

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
            highlights="\n".join(h.quote for h in summary.highlights),
            notes="\n".join(
                _MARKDOWN_MARKS.sub(" ", note)
                for note in (meta.note or "", *(h.note for h in summary.highlights))
                if note
            ),
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
    internal_links: int = 0  # links from an article to another archived article
    articles: int = 0  # on the site
    timings: tuple[tuple[str, float], ...] = ()  # (stage, seconds), in stage order
    # Articles with one text at different addresses, not merged (article file names).
    near_duplicates: tuple[tuple[str, ...], ...] = ()
    # (article edited by hand, a newer save of its page kept in versions/)
    newer_versions: tuple[tuple[str, str], ...] = ()
    hidden: tuple[str, ...] = ()  # article files marked `hidden: true`, left off the site
    skipped: tuple[str, ...] = ()  # files under saved/ that are never saved pages
    unreadable: tuple[tuple[str, str], ...] = ()  # (article file, reason): not on the site
