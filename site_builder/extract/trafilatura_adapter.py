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
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import lxml.etree
import trafilatura
from lxml import html as lxml_html
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json
from trafilatura.settings import Document as MetadataDocument

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
        metadata.author = extract_author(doc)
    metadata.clean_and_trim()
    return metadata


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
    """The inside of the `<html><body>` trafilatura wraps its article in, as a `div`."""
    try:
        root = lxml_html.document_fromstring(document)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        return ""
    body.tag = "div"
    body.attrib.clear()
    return str(lxml_html.tostring(body, encoding="unicode"))
