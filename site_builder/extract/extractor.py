"""Extract: SavedPage -> ExtractedPage.

HTML saves pass the markup guard (guard), then readability-lxml (readability_adapter)
finds the article block, cleanup tidies it, and the quality verdict (quality) decides
whether the article keeps it or the cleaned page; trafilatura (trafilatura_adapter) finds
the article too, and the vote (vote) settles the two; metadata comes from the page head.
Plain-text saves have no markup for readability to see, so text_saves finds the article
by the shape of its lines instead.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
from lxml import html as lxml_html

from site_builder.core.records import (
    QUALITY_EMPTY,
    ArticleMeta,
    ExtractedPage,
    SavedPage,
)
from site_builder.extract.authors import clean_authors
from site_builder.extract.bylines import Byline, take_byline
from site_builder.extract.chrome import words_outside_chrome
from site_builder.extract.cleanup import clean_article
from site_builder.extract.errors import ExtractError
from site_builder.extract.furniture import strip_furniture
from site_builder.extract.guard import (
    drop_control_references,
    guard_document,
    trim_attribute_floods,
)
from site_builder.extract.headline import page_places
from site_builder.extract.htmldate_adapter import find_page_date
from site_builder.extract.imported import with_imported
from site_builder.extract.landmarks import furniture_text, main_text
from site_builder.extract.language import DETECT_MAX_CHARS, article_language
from site_builder.extract.metadata import PageMetadata, read_metadata
from site_builder.extract.mojibake import repair_fragment, repair_text
from site_builder.extract.page_dates import PageDates, settle_dates
from site_builder.extract.quality import (
    fragment_text,
    fragment_words,
    judge_article,
    judge_cut_off,
)
from site_builder.extract.readability_adapter import Unparseable, readable_summary
from site_builder.extract.text_saves import TextArticle, extract_text_article
from site_builder.extract.trafilatura_adapter import trafilatura_article, trafilatura_author
from site_builder.extract.vote import Ballot, Settle, vote

# Bump when a change to extraction would give different Markdown for the same page.
# 5: dates, authors and languages a reader can trust, and mojibake repaired (issue 26).
# 6: the block vote, bylines and furniture out of the body, captions kept (issue 20).
# 7: the vote asks trafilatura by the page's words outside its chrome (issue 20).
# 8: text saves: short posts, copyright notices, post navigation and smileys (issue 20).
# 9: trafilatura's second opinion on the author read without its other metadata (issue 20).
# 10: a copy of the story hidden by its class leaves the body (issue 20).
# 11: the page's own summary brings trafilatura's lead; author boxes and category lines
#     leave the body (issue 20).
# 12: an article far below the page's headline gives way to trafilatura's right under it;
#     text saves: line shapes that end an article or belong to it (issue 20).
# 13: the lead readability left out between the headline and its article is put back
#     (issue 20).
# 14: dates written in words are read in the page's language (declared, or its text's),
#     not in every language.
# 15: blocks that are only a control's label ("Back to top", "Read more") leave the body.
# 16: paragraphs and headings readability dropped between blocks it kept come back.
# 17: and lists under half the article's words.
# 18: a small article that is only the opening of trafilatura's long one is merged with it.
# 19: and one that is only its close.
# 20: a listing of other posts under their days leaves the end of the article.
# 21: navigation, breadcrumbs, footers and copyright lines readability kept leave it.
# 22: readability weighs class words its own patterns miss (captions, navigation; the
#     story's own box).
# 23: and more names of the story's own box ("main-content", "story-content").
# 24: text trafilatura leaves loose between its blocks becomes paragraphs (a forum's posts).
# 25: character references to control characters are dropped before the page is parsed.
# 26: what readability skipped between the page's summary and its article goes back
#     before it (a thread's earlier posts), not the summary alone.
# 27: a lead the vote puts back goes beside readability's first box, not into it.
# 28: readability's article outside the page's one <main>, trafilatura's inside it: the
#     latter (the main rule).
# 29: readability's article in the page's header, footer, nav or aside, trafilatura's
#     outside it: the latter (the furniture rule).
# 30: a tags line after a short lead ("Published: ... | Tags: ...") leaves the body.
# 31: a bar of controls ("Newer Post Older Post Home") leaves the body.
# 32: rule 1 keeps the cleaned page where trafilatura's article repeats itself.
# 33: a copyright notice ("© ... All rights reserved.") leaves the body.
# 34: the one-end rule does not ask trafilatura about a long article right under the
# headline (no close of a longer one), and no latest-date search follows a date read only
# in the page's text; the same articles and dates on the devset.
# 35: the Markdown keeps nested lists, list items of several blocks, definition lists and
#     code lines as Python-Markdown reads them; no paragraph indented by non-breaking
#     spaces becomes code (article/markdown_blocks.py).
# 36: words no longer glued where a bold or a link ends in a non-breaking space or holds
#     only a blank ("**Jay Cutler**to", "reallycan't").
# 37: a bold inside a bold (an italic inside an italic) is written once, not as a run of
#     asterisks the reader's page showed ("******Umansky****:**").
# 38: a "|" inside a table cell is escaped; the table no longer shows as text.
# 39: a standfirst sentence beside the title keeps its header block in the body.
# 40: code in a list item or a quote is an indented code block, as no fence is read there.
# 41: a nested list followed by more of its item ends with a blank line.
# 42: a list of links with a line of comment each, between kept blocks, comes back.
# 43: code in a list item or a quote is fenced with its language; two lists or quotes in a
#     row stay two; the language of highlight.js, Prism, Sphinx, GitHub, pandoc and
#     SyntaxHighlighter blocks is kept; a short code block in its highlighter's wrapper
#     comes back.
# 44: a table keeps every cell in its row and column (long rows, rowspans, an empty head,
#     a footer written first, row headings in the body).
EXTRACTOR_VERSION = "44"

# `lxml.html.fromstring` refuses a str that carries an XML encoding declaration.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def extract(page: SavedPage, *, today: date | None = None, settle: Settle = vote) -> ExtractedPage:
    """The article in a saved page. today: the latest day a page without a save date can
    be dated (the day of the build when not given); settle: how the two engines' articles
    are settled into one (the vote; a seam for measuring other ways)."""
    today = today or datetime.now(UTC).date()
    if page.kind == "text":
        found = _from_text(page, extract_text_article(page.text), today=today)
    else:
        found = _from_html(page, today=today, settle=settle)
    return replace(found, meta=with_imported(found.meta, page.imported))


def _from_html(page: SavedPage, *, today: date, settle: Settle) -> ExtractedPage:
    markup = _XML_DECLARATION.sub("", page.text, count=1)
    markup = trim_attribute_floods(drop_control_references(markup))
    doc = _page_tree(markup, page.path)
    found = read_metadata(doc, page.url)
    # Dates and authors are read from the page as it was, before readability changes it.
    dates = _page_dates(doc, found, page, today=today)
    second_authors = () if found.authors else _second_opinion_authors(doc, found, page)
    # For the vote, before readability changes doc: parsing the page again costs more.
    page_words = words_outside_chrome(doc)
    # readability drops scripts and styles first thing; dropped here, the body's text is
    # what a reader sees, for the vote's summary and position rules.
    lxml.etree.strip_elements(doc, "script", "style", with_tail=False)
    shown = _body_text(doc)
    main = main_text(doc)
    places = page_places(doc, shown, found.title)
    body, fallback_title, furniture = _readable(_without_base(doc), found)  # changes doc
    title = found.title or fallback_title or page.path.stem
    # The page as it was is needed again by the verdict and by trafilatura (last, as it
    # changes the tree); parsing it again is cheaper than copying every page's tree.
    again = functools.cache(lambda: _without_base(_page_tree(markup, page.path)))
    quality, body = judge_article(body, again)
    # trafilatura runs only when the vote asks for its article (see vote.py for when).
    second = functools.cache(
        lambda: trafilatura_article(again(), path=page.path, url=found.url or page.url)
    )
    ballot = Ballot(
        readability=body,
        trafilatura=second,
        quality=quality,
        page_words=lambda: page_words,
        title=title,
        description=found.description,
        page_text=lambda: shown,
        places=places,
        main=lambda: main,
        furniture=lambda: furniture,
    )
    outcome = settle(ballot)
    quality, body = outcome.quality, outcome.html
    if page.cut_off:
        quality, body = judge_cut_off(quality, body, again)
    body, byline = take_byline(body)
    found, dates = _with_byline(found, dates, byline, page, today=today)
    furnished = strip_furniture(body)
    body = furnished.html
    found = replace(
        found, authors=found.authors or second_authors, tags=found.tags or furnished.tags
    )
    if quality == QUALITY_EMPTY and not fragment_words(body):
        raise ExtractError(page.path, "no article text found")
    body = repair_fragment(body)
    meta = _meta(page, found, title, dates=dates, text=fragment_text(body))
    return ExtractedPage(meta=replace(meta, quality=quality), html=body)


def _with_byline(
    found: PageMetadata, dates: PageDates, byline: Byline | None, page: SavedPage, *, today: date
) -> tuple[PageMetadata, PageDates]:
    """The byline's author and dates where the page's metadata has none (its JSON-LD
    lost with its scripts, as in Chrome's MHTML); the metadata's otherwise."""
    if byline is None:
        return found, dates
    url = found.url or page.url
    host = urlsplit(url).hostname if url else None
    if not found.authors:
        named = clean_authors([byline.author], site_name=found.site_name, host=host)
        found = replace(found, authors=named)
    if byline.published and not found.published_dates:
        dates = settle_dates(
            declared_published=(byline.published,),
            declared_updated=found.updated_dates or _optional(byline.updated),
            url=url,
            saved=page.saved,
            today=today,
        )
    return found, dates


def _optional(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def _page_dates(
    doc: lxml_html.HtmlElement, found: PageMetadata, page: SavedPage, *, today: date
) -> PageDates:
    url = found.url or page.url
    # Asked only by htmldate's full-text search, on about a third of pages.
    language = functools.cache(lambda: article_language(found.language, _shown_start(doc)))
    return settle_dates(
        declared_published=found.published_dates,
        declared_updated=found.updated_dates,
        url=url,
        saved=page.saved,
        today=today,
        search=functools.partial(find_page_date, doc, url=url, language=language),
    )


def _second_opinion_authors(
    doc: lxml_html.HtmlElement, found: PageMetadata, page: SavedPage
) -> tuple[str, ...]:
    """trafilatura's authors, for a page whose metadata names nobody (see authors.py)."""
    url = found.url or page.url
    named = trafilatura_author(doc, path=page.path, url=url)
    if not named:
        return ()
    host = urlsplit(url).hostname if url else None
    return clean_authors([named], site_name=found.site_name, host=host)


def _page_tree(markup: str, path: Path) -> lxml_html.HtmlElement:
    """The page parsed, through the markup guard."""
    try:
        doc = _parse_page(markup)
    except (lxml.etree.ParserError, ValueError) as err:
        raise ExtractError(path, f"not parseable as HTML: {err}") from None
    return guard_document(doc, path, _parse_page)


# Elements whose text a reader does not see, while the page's scripts are still in it.
_UNSHOWN_TAGS = frozenset({"script", "style", "noscript", "template"})


def _shown_start(doc: lxml_html.HtmlElement) -> str:
    """The start of the text the page shows: as much as language detection reads, read
    element by element only that far (one XPath over every text of the body cost 2.4 ms
    a page). An element's tail comes with its text, before its children's: the detector
    counts letter runs, not sentences."""
    body = doc.find("body")
    if body is None:
        return ""
    words: list[str] = []
    length = 0
    for element in body.iter():
        shown = isinstance(element.tag, str) and element.tag not in _UNSHOWN_TAGS
        for text in (element.text if shown else None, None if element is body else element.tail):
            found = text.split() if text else []
            words.extend(found)
            length += sum(len(word) + 1 for word in found)
        if length >= DETECT_MAX_CHARS:
            break
    return " ".join(words)


def _body_text(doc: lxml_html.HtmlElement) -> str:
    """The text of the page's body (text_content() runs in C)."""
    body = doc.find("body")
    return body.text_content() if body is not None else ""


def _without_base(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    # readability resolves links against an archived <base href>, which may point
    # anywhere; links are made absolute against the page's own address instead.
    for base in list(doc.iter("base")):
        base.drop_tree()
    return doc


def _parse_page(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(markup, parser=_page_parser())


def _page_parser() -> lxml_html.HTMLParser:
    """lxml.html's parser, with each element's class chosen in C instead of in Python.

    huge_tree is on so the markup guard sees how deep the page really nests (without it
    libxml2 silently drops what lies below 256 levels); the guard flattens or refuses a
    page that deep, so the engines get the tree the default parser would have given.

    lxml.html asks a Python method for the class of every element it hands out, to give
    form fields classes of their own, which nothing here uses; readability and cleanup
    hand out each element many times. A new parser for each page (they cost next to
    nothing), as parsers are not for sharing between threads.
    """
    parser = lxml_html.HTMLParser(huge_tree=True)
    parser.set_element_class_lookup(
        lxml.etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement,
            comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction,
            entity=lxml_html.HtmlEntity,
        )
    )
    return parser


def _readable(
    doc: lxml_html.HtmlElement, found: PageMetadata
) -> tuple[str, str | None, str | None]:
    """Readability's article, cleaned; a title when the page's metadata has none; and the
    text of the page furniture holding the article, if any (landmarks.furniture_text).

    The article is empty when readability finds nothing.
    """
    try:
        summary, title, reference = readable_summary(doc, want_title=not found.title)
    except Unparseable:
        return "", None, None
    furniture = furniture_text(summary, reference)
    body = clean_article(summary, reference=reference, lead_image=found.image)
    return body, title, furniture


def _from_text(page: SavedPage, found: TextArticle, *, today: date) -> ExtractedPage:
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
        text = html.escape(repair_text(block.text))
        tag = {"paragraph": "p", "heading": "h2", "list_item": "li"}[block.kind]
        parts.append(f"<{tag}>{text}</{tag}>")
    if list_open:
        parts.append("</ul>")
    host = urlsplit(page.url).hostname if page.url else None
    meta = PageMetadata(
        title=found.title,
        url=page.url,
        site_name=found.site_name,
        authors=clean_authors(
            [found.author] if found.author else [], site_name=found.site_name, host=host
        ),
        published_dates=(found.published,) if found.published else (),
        description=found.description,
        tags=found.tags,
    )
    dates = settle_dates(
        declared_published=meta.published_dates,
        declared_updated=(),
        url=page.url,
        saved=page.saved,
        today=today,
    )
    body = "\n".join(parts)
    title = found.title or page.path.stem
    article = _meta(page, meta, title, dates=dates, text=" ".join(b.text for b in found.blocks))
    return ExtractedPage(meta=replace(article, quality=found.quality), html=body)


def _meta(
    page: SavedPage, found: PageMetadata, title: str, *, dates: PageDates, text: str
) -> ArticleMeta:
    title = repair_text(title)
    description = repair_text(found.description) if found.description else None
    url = found.url or page.url
    return ArticleMeta(
        title=title,
        url=url,
        saved_url=page.url if page.url != url else None,
        site_name=found.site_name,
        author=tuple(repair_text(name) for name in found.authors),
        published=dates.published,
        updated=dates.updated,
        saved=page.saved,
        language=article_language(found.language, f"{title}\n{description or ''}\n{text}"),
        description=description,
        keywords=found.tags,  # the publisher's; the reader's own tags start empty
        image=found.image,
        source=page.source,
        source_sha256=page.sha256,
        extractor=EXTRACTOR_VERSION,
    )
