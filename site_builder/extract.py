"""Extract: SavedPage -> ExtractedPage. The only module that imports readability.

HTML saves go through readability-lxml, which finds the article block; metadata comes from
the page head. Plain-text saves have no markup for readability to see, so text_article
finds the article by the shape of its lines instead.
"""

from __future__ import annotations

import html
import re

import lxml.etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

from site_builder.cleanup import without_chrome
from site_builder.metadata import PageMetadata, read_metadata
from site_builder.models import ArticleMeta, ExtractedPage, SavedPage, SiteBuilderError
from site_builder.text_article import TextArticle, extract_text_article

# Bump when a change to extraction would give different Markdown for the same page.
EXTRACTOR_VERSION = "1"

# `lxml.html.fromstring` refuses a str that carries an XML encoding declaration.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


class ExtractError(SiteBuilderError):
    """No article could be found in a saved page."""


def extract(page: SavedPage) -> ExtractedPage:
    if page.kind == "text":
        return _from_text(page, extract_text_article(page.text))
    return _from_html(page)


def _from_html(page: SavedPage) -> ExtractedPage:
    markup = _XML_DECLARATION.sub("", page.text, count=1)
    try:
        doc = lxml_html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as err:
        raise ExtractError(page.path, f"not parseable as HTML: {err}") from None
    found = read_metadata(doc, page.url)
    try:
        # html_partial: the default mode can delete the wrapper under <body> and return
        # nothing, or retry into the comments (measured on the devset; see its README).
        # It gets a string, not our tree: its retry re-parses its input from scratch.
        readable = Document(lxml_html.tostring(doc, encoding="unicode"))
        body = readable.summary(html_partial=True)
        fallback_title = readable.short_title()
    except Unparseable as err:
        raise ExtractError(page.path, f"readability could not parse the page: {err}") from None
    title = found.title or fallback_title or page.path.stem
    body = without_chrome(body)
    if not _has_text(body):
        raise ExtractError(page.path, "no article text found")
    return ExtractedPage(meta=_meta(page, found, title), html=body)


def _from_text(page: SavedPage, found: TextArticle) -> ExtractedPage:
    if not found.blocks:
        raise ExtractError(page.path, "no article text found in the plain-text save")
    parts: list[str] = []
    list_open = False
    for block in found.blocks:
        if block.kind == "list_item" and not list_open:
            parts.append("<ul>")
            list_open = True
        elif block.kind != "list_item" and list_open:
            parts.append("</ul>")
            list_open = False
        text = html.escape(block.text)
        tag = {"paragraph": "p", "heading": "h2", "list_item": "li"}[block.kind]
        parts.append(f"<{tag}>{text}</{tag}>")
    if list_open:
        parts.append("</ul>")
    meta = PageMetadata(
        title=found.title,
        url=page.url,
        site_name=found.site_name,
        author=found.author,
        published=found.published,
        description=found.description,
        tags=found.tags,
    )
    return ExtractedPage(
        meta=_meta(page, meta, found.title or page.path.stem), html="\n".join(parts)
    )


def _meta(page: SavedPage, found: PageMetadata, title: str) -> ArticleMeta:
    return ArticleMeta(
        title=title,
        url=found.url or page.url,
        site_name=found.site_name,
        author=found.author,
        published=found.published,
        saved=page.saved,
        language=found.language,
        description=found.description,
        tags=found.tags,
        image=found.image,
        source=page.source,
        source_sha256=page.sha256,
    )


def _has_text(fragment: str) -> bool:
    try:
        return bool(
            lxml_html.fragment_fromstring(fragment, create_parent="div").text_content().strip()
        )
    except (lxml.etree.ParserError, ValueError):
        return False
