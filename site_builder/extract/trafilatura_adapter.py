"""The trafilatura adapter: the only code that imports trafilatura, the second engine.

It matches trafilatura 2.3 (pyproject.toml pins `>=2.3,<2.4`): the keyword arguments of
`trafilatura.extract` and the shape of its `output_format="html"` output (a `<body>`
of `h1`-`h6`, `p`, `ul`/`ol`/`li`, `table`/`tr`/`td`, `blockquote`, `pre`/`code`,
`img` and inline formatting) are that version's. A new trafilatura means checking both.

Its defaults, and why:
- comments off: the devset's ground truth leaves comments out, and with them on
  trafilatura scored 0.842, 0.856 and 0.811 F1 instead of 0.904, 0.861 and 0.855;
- formatting, tables and images on, links off: the vote keeps structure, and an engine
  that drops headings, lists, tables and pictures could only ever vote them out; links
  are taken from readability's markup, which keeps the page's own;
- favor_precision: see FAVOR_PRECISION.

Its failure modes: trafilatura catches its own errors, logs them as warnings ("discarding
data") and returns None, as it does when it finds no article; either is an empty article
here (readability's then stands), and its log is kept quiet while it runs, as a build
reports per page what it could not extract. lxml's own errors escaping it, and a tree
too deep for Python's recursion, become an ExtractError naming the page.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from pathlib import Path
from typing import Any

import lxml.etree
import trafilatura
from lxml import html as lxml_html
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_metainfo,
)
from trafilatura.settings import Document as MetadataDocument
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from site_builder.extract.blocks import wrap_loose_text
from site_builder.extract.errors import ExtractError

# favor_precision on, on the devset's tuned part with a draft of the vote: dragnet +0.004,
# cleaneval +0.001, wcxb_test -0.029 F1 (bench/results.md, issue 20); so off.
FAVOR_PRECISION = False
_ENGINE_LOG = logging.getLogger("trafilatura")


Engine = Callable[..., str | None]
MetadataEngine = Callable[..., Any]  # returns a trafilatura Document


def trafilatura_article(
    doc: lxml_html.HtmlElement, *, path: Path, url: str | None, engine: Engine = trafilatura.extract
) -> str:
    """trafilatura's article in the page `doc` as an HTML fragment, "" when it finds none.

    `doc` is the guarded parse of the page; trafilatura changes it, so pass a tree nobody
    else needs. `engine` is `trafilatura.extract`, a seam for tests of the failure modes.
    """
    try:
        with _engine_quiet():
            found = _extract(engine, doc, url)
    except (lxml.etree.LxmlError, RecursionError) as err:
        raise ExtractError(path, f"trafilatura could not read the page: {err}") from None
    return _body_of(found) if found else ""


def _extract(engine: Engine, doc: lxml_html.HtmlElement, url: str | None) -> str | None:
    found: str | None = engine(
        doc,
        url=url,
        output_format="html",
        include_comments=False,
        include_formatting=True,
        include_tables=True,
        include_images=True,
        include_links=False,
        favor_precision=FAVOR_PRECISION,
        deduplicate=False,
        with_metadata=False,
    )
    return found


def trafilatura_author(
    doc: lxml_html.HtmlElement,
    *,
    path: Path,
    url: str | None,
    engine: MetadataEngine | None = None,
) -> str | None:
    """trafilatura's reading of the page's author, "Jane Doe; John Roe", or None.

    The second opinion on authors (as the engine's article is on the text), asked only
    where the page's own metadata names nobody: trafilatura also reads bylines in the
    page's markup. `doc` is left as it was (trafilatura copies what it prunes); `engine`
    is how trafilatura's metadata is read (`author_metadata`, or trafilatura's whole
    `extract_metadata`), a seam for tests.
    """
    read = engine or author_metadata
    try:
        with _engine_quiet():
            found = read(doc, default_url=url, date_config=_NO_DATE_SEARCH, extensive=False)
    except (lxml.etree.LxmlError, RecursionError) as err:
        raise ExtractError(path, f"trafilatura could not read the page: {err}") from None
    author = getattr(found, "author", None)
    return author if isinstance(author, str) and author.strip() else None


# For trafilatura's whole extract_metadata, which always runs htmldate: without text
# search it costs little.
_NO_DATE_SEARCH = {"original_date": True, "extensive_search": False}


def author_metadata(doc: lxml_html.HtmlElement, **_options: object) -> MetadataDocument:
    """The steps of trafilatura's `extract_metadata` that find the author, in its order:
    the <meta> tags, JSON-LD, then bylines in the markup, trimmed as it trims them.

    Its date, title, site name, categories, tags and licence searches are not run: on 300
    devset pages the whole took 10.0 ms a page and this 6.6 ms, with the same author on
    all but one (which kept a broken byte the whole drops: bench/results.md).
    """
    metadata = examine_meta(doc)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # as extract_metadata does: a one-word name is a handle
    # As extract_metadata does: a bug in its JSON-LD reader leaves the <meta> tags' reading.
    with contextlib.suppress(Exception):
        metadata = extract_meta_json(doc, metadata)
    if not metadata.author:
        metadata.author = byline_author(doc)
    metadata.clean_and_trim()
    return metadata


# --- trafilatura's byline search, without its copy of the page ----------------------------
#
# trafilatura's `extract_author` copies the whole page, prunes comments, sidebars, dates
# and figures from the copy, then runs three XPath searches (AUTHOR_XPATHS) and takes the
# first element whose text is 3-119 characters long. The XPaths scan every element with
# a dozen tests each: 6.3 ms a page on the devset's tuned part. `byline_author` finds
# the same elements in one walk of the page, left as it is, and copies and prunes only the
# element it reads: 1.1 ms, the same author on all 1,780 tuned pages (bench/results.md,
# "The same extraction for less CPU"). Its tests mirror trafilatura 2.3's xpaths.py, re:test
# being Python's re.search (lxml's EXSLT), so the patterns below are its own.

# AUTHOR_XPATHS[0]: tags, and the exact values or class pattern that name an author.
_FIRST_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
_AUTHOR_TEST_IDS = frozenset({"AuthorCard", "AuthorURL"})
# AUTHOR_XPATHS[1].
_SECOND_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_SECOND_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
# AUTHOR_XPATHS[2], any tag.
_THIRD_ID = re.compile("[Aa]uthor")
_THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# A word every attribute value that can pass one of the three holds: an element whose
# values hold none is passed over without looking at each attribute.
_ANY_AUTHOR_WORD = re.compile(
    "uthor|yline|byl|BBL|username|channel-name|zuozhe|bianji|xiaobian|submitted-by"
    "|posted-by|journalist-name|screenname|writer"
)
# AUTHOR_DISCARD_XPATHS: what is pruned before the search.
_PRUNED_TAGS = frozenset({"a", "div", "section", "span"})
_PRUNED_ALWAYS = frozenset({"time", "figure"})
_PRUNED_CLASSES = frozenset({"comments", "title", "date"})
_PRUNED_ID = re.compile("^comments|comment-?list|ProductReviews")
_PRUNED_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
# trafilatura's AUTHOR_XPATHS[0] also takes an element with a `<rel>` child reading "me";
# pruning inside that child can change what it reads, so a page with one is left to
# trafilatura. No devset page has one.
_REL_ELEMENT = "rel"
# extract_metainfo's bounds on the text read, exclusive (trafilatura 2.3).
_BYLINE_LENGTHS = (2, 120)
# sha256 of trafilatura 2.3's AUTHOR_XPATHS, AUTHOR_DISCARD_XPATHS, extract_author and
# extract_metainfo, which the walk mirrors; another trafilatura gets its own search.
MIRRORED_TRAFILATURA = "e4d23208218c022b"


def byline_author(
    doc: lxml_html.HtmlElement, *, plain: Callable[[Any], str | None] = extract_author
) -> str | None:
    """trafilatura's `extract_author(doc)` (2.3), the same answer found without copying the
    page: a speed-up, see above.

    `plain` (trafilatura's own) answers for a tree that is not a whole page, for a page
    with a `<rel>` element, and under a trafilatura the walk does not mirror.
    """
    found = _byline_candidates(doc) if _mirrors_trafilatura() and doc.getparent() is None else None
    if found is None:
        return plain(doc)
    low, high = _BYLINE_LENGTHS
    for element in itertools.chain.from_iterable(found):
        if _pruned_away(element):
            continue
        kept = prune_unwanted_nodes(deepcopy(element), AUTHOR_DISCARD_XPATHS)
        content = trim(" ".join(kept.itertext()))
        if content and low < len(content) < high:
            named: str | None = normalize_authors(None, content)
            return named
    return None


@functools.cache
def _mirrors_trafilatura() -> bool:
    return mirrors_trafilatura()


def mirrors_trafilatura(read_source: Callable[[Any], str] = inspect.getsource) -> bool:
    """Whether the installed trafilatura's author search is the one the walk mirrors;
    read_source reads a function's source (a seam for tests)."""
    mirrored = [x.path for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS)]
    try:
        mirrored += [read_source(f) for f in (extract_author, extract_metainfo)]
    except (OSError, TypeError):  # installed without its sources: trafilatura's own search
        return False
    digest = hashlib.sha256("\n".join(mirrored).encode()).hexdigest()[:16]
    return digest == MIRRORED_TRAFILATURA


def _byline_candidates(
    doc: lxml_html.HtmlElement,
) -> tuple[list[lxml_html.HtmlElement], ...] | None:
    """What each of AUTHOR_XPATHS finds in the page, in page order; None if it has a <rel>."""
    first: list[lxml_html.HtmlElement] = []
    second: list[lxml_html.HtmlElement] = []
    third: list[lxml_html.HtmlElement] = []
    for element in doc.iter(lxml.etree.Element):
        tag = element.tag
        if tag == _REL_ELEMENT:
            return None
        if tag == "author":  # its own clause of AUTHOR_XPATHS[0]
            first.append(element)
        values = element.values()
        if not values or _ANY_AUTHOR_WORD.search(" ".join(values)) is None:
            continue
        if tag in _FIRST_TAGS and _names_author_first(element):
            first.append(element)
        if tag in _SECOND_TAGS and _names_author_second(element):
            second.append(element)
        if _names_author_third(element):
            third.append(element)
    return first, second, third


def _names_author_first(element: lxml_html.HtmlElement) -> bool:
    get = element.get
    return (
        get("rel") == "author"
        or get("id") == "author"
        or get("class") == "author"
        or get("itemprop") == "author name"
        or get("data-testid") in _AUTHOR_TEST_IDS
        or _FIRST_CLASS.search(get("class") or "") is not None
    )


def _names_author_second(element: lxml_html.HtmlElement) -> bool:
    get = element.get
    return (
        get("class") in _SECOND_CLASSES
        or "author" in (get("itemprop") or "")
        or _SECOND_ID.search(get("id") or "") is not None
        or _SECOND_CLASS.search(get("class") or "") is not None
    )


def _names_author_third(element: lxml_html.HtmlElement) -> bool:
    get = element.get
    return (
        "Byline" in (get("data-component") or "")
        or "author" in (get("itemprop") or "")
        or _THIRD_ID.search(get("id") or "") is not None
        or _THIRD_CLASS.search(get("class") or "") is not None
    )


def _pruned_away(element: lxml_html.HtmlElement) -> bool:
    """Whether trafilatura's pruning removes the element, itself or a box around it."""
    return any(_pruned(node) for node in itertools.chain((element,), element.iterancestors()))


def _pruned(element: lxml_html.HtmlElement) -> bool:
    tag = element.tag
    if tag in _PRUNED_ALWAYS:
        return True
    if tag not in _PRUNED_TAGS:
        return False
    get = element.get
    ident, classes = get("id") or "", get("class") or ""
    return (
        ident == "comments"
        or classes in _PRUNED_CLASSES
        or _PRUNED_ID.search(ident) is not None
        or _PRUNED_CLASS.search(classes) is not None
        or "Figure" in (get("data-component") or "")
    )


@contextmanager
def _engine_quiet() -> Iterator[None]:
    """trafilatura's warnings silenced, unless its logger was given a level by the user."""
    if _ENGINE_LOG.level != logging.NOTSET:
        yield
        return
    _ENGINE_LOG.setLevel(logging.ERROR)
    try:
        yield
    finally:
        _ENGINE_LOG.setLevel(logging.NOTSET)


def _body_of(document: str) -> str:
    """The inside of the `<html><body>` trafilatura wraps its article in, as a `div`, its
    loose text in paragraphs (blocks.wrap_loose_text): the vote keeps blocks."""
    try:
        root = lxml_html.document_fromstring(document)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        return ""
    body.tag = "div"
    body.attrib.clear()
    wrap_loose_text(body)
    return str(lxml_html.tostring(body, encoding="unicode"))
