"""Cleanup around readability: what it keeps that is not the article, what it drops that is.

Pure HTML transforms, with no engine of their own; the extractor applies them:

- `clean_article` tidies readability's output. It removes the chrome readability keeps
  (share bars, "related" lists, newsletter boxes, consent banners: chrome), puts back what
  it drops from inside the article (data tables, code blocks, figures: restore), tidies the
  pictures (lazy addresses, repeats, the lead image: article_images), and turns layout
  tables into plain blocks (layout_tables).
- `cleaned_page` is the whole page without scripts, navigation, menus and chrome: the
  body an article keeps when readability found too little of it.
"""

from __future__ import annotations

import copy
import re

import lxml.etree
from lxml import html as lxml_html

from site_builder.extract.article_images import (
    add_lead_image,
    drop_repeated_images,
    fix_lazy_images,
)
from site_builder.extract.chrome import (
    PAGE_CHROME_WORDS,
    drop_all,
    strip_menus,
    strip_newsletter_boxes,
    strip_page_chrome,
    strip_related_lists,
    strip_share_bars,
)
from site_builder.extract.layout_tables import untable_layout
from site_builder.extract.restore import restore_dropped, restore_lead_figure

# Wrappers the sanitiser would drop with their content: CleanEval's pages sit in <text>.
_UNWRAPPED = ("text",)
# Never text a reader sees.
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas",
                   "object", "embed", "head", "title", "meta", "link", "select", "textarea",
                   "input", "button", "map")  # fmt: skip
_PAGE_CHROME_TAGS = ("nav", "aside", "footer", "header", "dialog", "menu")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def clean_article(
    fragment: str,
    *,
    reference: lxml_html.HtmlElement | None = None,
    lead_image: str | None = None,
) -> str:
    """Readability's output, cleaned.

    `reference` is readability's own parse of the page with every element marked in an
    `x` attribute (as its `xpath=True` option does); the output carries the same marks, so what
    readability dropped from inside the article can be found and put back. `lead_image` is
    the page's og:image, shown first when the article has no image of its own but the page
    showed it.

    Cleaning after readability, not before: stripping the same boxes from the whole page
    first changed which block readability chose, and cost 0.007 F1 on dragnet.
    """
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    if reference is not None:
        restore_dropped(root, reference)
        restore_lead_figure(root, reference)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("x", None)
    for element in list(root.iter(*_UNWRAPPED)):
        element.drop_tag()
    untable_layout(root)
    strip_page_chrome(root)
    strip_share_bars(root)
    strip_related_lists(root)
    strip_newsletter_boxes(root)
    fix_lazy_images(root)
    drop_repeated_images(root)
    if lead_image and reference is not None:
        add_lead_image(root, lead_image, reference)
    return str(lxml_html.tostring(root, encoding="unicode"))


def page_text_words(doc: lxml_html.HtmlElement) -> int:
    """Words of visible text in the page's body: what a reader could see on screen."""
    body = doc.find("body")
    if body is None:
        return 0
    copied = _copy(body)
    _drop_invisible(copied)
    return len(copied.text_content().split())


def main_region_words(doc: lxml_html.HtmlElement) -> int:
    """Visible words in the page's largest marked main region: <main>, <article>, role=main."""
    body = doc.find("body")
    if body is None:
        return 0
    regions = body.xpath(".//main | .//article | .//*[@role='main']")
    if not regions:
        return 0
    copied = _copy(body)
    _drop_invisible(copied)
    regions = copied.xpath(".//main | .//article | .//*[@role='main']")
    return max((len(region.text_content().split()) for region in regions), default=0)


def cleaned_page(doc: lxml_html.HtmlElement) -> str:
    """The page's body without scripts, navigation, menus and chrome, as an HTML fragment."""
    body = doc.find("body")
    if body is None:
        return ""
    root = _copy(body)
    root.tag = "div"
    root.attrib.clear()
    _drop_invisible(root)
    for element in list(root.iter(*_UNWRAPPED)):
        element.drop_tag()
    drop_all(e for e in root.iter(*_PAGE_CHROME_TAGS) if e.find(".//main") is None)
    strip_page_chrome(root, PAGE_CHROME_WORDS)
    strip_menus(root)
    untable_layout(root)
    strip_share_bars(root)
    strip_newsletter_boxes(root)
    fix_lazy_images(root)
    drop_repeated_images(root)
    return str(lxml_html.tostring(root, encoding="unicode"))


def _copy(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    copied: lxml_html.HtmlElement = copy.deepcopy(element)
    return copied


def _drop_invisible(root: lxml_html.HtmlElement) -> None:
    doomed = [e for e in root.iter(*_INVISIBLE_TAGS) if e is not root]
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments and processing instructions
        elif element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style", "")):
            doomed.append(element)
    drop_all(doomed)
