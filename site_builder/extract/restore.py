"""What readability drops from inside the article it chose, put back.

Its length and link rules remove small data tables, code blocks (with the highlighter's
wrappers around them, which hold too little text for it) or figures in link-heavy
wrappers, and paragraphs, headings and lists in the middle of the text it keeps (a short
paragraph with a link, a release's closing paragraphs, a section's heading); news pages
put the lead picture beside the text block it picks.
readability's own parse of the page carries a mark on every element (readability_adapter),
and so does its article, so what it dropped can be found in the parse and put back where
it stood.
"""

from __future__ import annotations

import copy
import itertools

import lxml.etree
from lxml import html as lxml_html

from site_builder.extract.article_images import image_key
from site_builder.extract.chrome import RELATED_LINK_SHARE, link_share, looks_like_chrome
from site_builder.extract.layout_tables import is_data_table

# Kept when readability drops them from inside the block it chose: its length and link
# rules remove small tables, and code or figures in link-heavy wrappers.
_RESTORED = ("table", "pre", "figure", "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol")
# Of those, what goes back only where readability kept text after it, in the same
# parent: a paragraph, heading or list it dropped from the middle of the article, not
# the notes, comments or sign-offs after its end. Measured on the devset's tuned part:
# bench/results.md, "Paragraphs and headings readability dropped".
_INSIDE_ONLY = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol"})
# A list goes back only when it holds under this share of the words readability kept: a
# longer one between two kept blocks is most often the comments, in an <ol>, above a
# kept "Leave a reply" note (dragnet R24 fell from 0.985 to 0.067 F1 without this).
_LIST_MAX_SHARE = 0.5
# A list between kept blocks goes back when under this share of its text is links: a
# roundup's links each with a line of comment, or dates that link to their events, are
# the article's own (dragnet R706, R902); a list that is all links is a related list.
# Paragraphs and headings keep chrome.RELATED_LINK_SHARE. Chosen on the tuned part:
# bench/results.md, "Home pages, headline-only articles and lists of links".
_LIST_LINK_SHARE = 0.7
# A highlighter's wrapper around a code block holds the code and at most this many more
# words (a language label, "Copy", "Copy code").
_WRAPPER_EXTRA_WORDS = 3


def restore_dropped(root: lxml_html.HtmlElement, reference: lxml_html.HtmlElement) -> None:
    """Put back data tables, code blocks, figures, and (between kept blocks) paragraphs,
    headings and small lists readability dropped from its choice.

    Only those whose parent readability kept, so a box it dropped as a whole (comments,
    a sidebar inside the article) stays out. Each goes back after the sibling it followed.
    """
    kept = {element.get("x"): element for element in root.iter() if element.get("x")}
    # Only parents of something restorable matter; looking up every element of the page
    # by its mark would cost far more.
    parents = {}
    wrappers = set()  # the marks of highlighters' wrappers around code blocks
    for child in reference.iter(*_RESTORED):
        if child.tag == "pre":
            child = _outermost_code_wrapper(child)
            if child.tag == "div":
                wrappers.add(child.get("x"))
        parent = child.getparent()
        if parent is not None:
            parents[parent.get("x")] = parent
    for path, element in list(kept.items()):
        original = parents.get(path)
        if original is None or element is root:
            continue
        for child in original:
            if child.get("x") in kept or not (child.tag in _RESTORED or child.get("x") in wrappers):
                continue
            if not _worth_restoring(child):
                continue
            if child.tag in _INSIDE_ONLY and not _kept_after(child, kept):
                continue
            if child.tag in ("ul", "ol") and not _small_beside(child, root):
                continue
            restored = copy.deepcopy(child)
            restored.tail = None
            anchor = _kept_previous_sibling(child, kept)
            if anchor is not None and anchor.getparent() is element:
                anchor.addnext(restored)
            else:
                element.insert(0, restored)
            for part in restored.iter():
                kept.setdefault(part.get("x"), part)


# The first element carrying a mark, looked for in C rather than element by element.
_MARKED = lxml.etree.XPath("descendant-or-self::*[@x = $x][1]")


def restore_lead_figure(root: lxml_html.HtmlElement, reference: lxml_html.HtmlElement) -> None:
    """The article's lead figure, when readability kept the text around it but not it.

    News pages put the lead picture between the headline (or standfirst) and the text, as
    a sibling of the text block readability picks. The first figure inside the same
    <article> or <main>, before the article's text ends, goes back after the kept block
    it followed, unless the article already shows its picture.
    """
    kept = {e.get("x"): e for e in root.iter() if isinstance(e.tag, str) and e.get("x")}
    first = next(iter(kept), None)
    found = _MARKED(reference, x=first) if first else []
    if not found:
        return
    start = found[0]
    frame = next((a for a in start.iterancestors("article", "main")), None)
    if frame is None:
        return
    anchor = anchor_source = None
    for element in frame.iter():
        found = kept.get(element.get("x"))
        if found is not None:
            anchor, anchor_source = found, element
            continue
        if element.tag != "figure" or not any(True for _ in element.iter("img")):
            continue
        if anchor is None or looks_like_chrome(element):
            return
        shown = {image_key(image.get("src") or "") for image in root.iter("img")}
        if any(image_key(image.get("src") or "") in shown for image in element.iter("img")):
            return
        if anchor_source is None or anchor_source.getparent() is not element.getparent():
            while anchor.getparent() is not None and anchor.getparent().get("x"):
                anchor = anchor.getparent()  # after the kept block, not inside it
        restored = copy.deepcopy(element)
        restored.tail = None
        anchor.addnext(restored)
        return


def _wraps_code(element: lxml_html.HtmlElement) -> bool:
    """Whether a <div> is a highlighter's wrapper around one code block (Sphinx's
    `div.highlight-python > div.highlight > pre`, GitHub's, Hugo's), holding little
    more than its code: a language label or a "Copy" button."""
    if element.tag != "div":
        return False
    blocks = list(itertools.islice(element.iter("pre"), 2))
    if len(blocks) != 1:
        return False
    extra_words = len(element.text_content().split()) - len(blocks[0].text_content().split())
    return extra_words <= _WRAPPER_EXTRA_WORDS


def _outermost_code_wrapper(pre: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    outer = pre
    for parent in pre.iterancestors():
        if not _wraps_code(parent):
            break
        outer = parent
    return outer


def _worth_restoring(element: lxml_html.HtmlElement) -> bool:
    if looks_like_chrome(element):
        return False
    if element.tag == "div":
        return bool(element.text_content().strip())  # a code block's wrapper
    if element.tag == "table":
        return is_data_table(element) and bool(element.text_content().strip())
    if element.tag == "pre":
        return bool(element.text_content().strip())
    if element.tag in _INSIDE_ONLY:
        most = _LIST_LINK_SHARE if element.tag in ("ul", "ol") else RELATED_LINK_SHARE
        return bool(element.text_content().strip()) and link_share(element) < most
    return any(True for _ in element.iter("img")) and link_share(element) < RELATED_LINK_SHARE


def _small_beside(listed: lxml_html.HtmlElement, root: lxml_html.HtmlElement) -> bool:
    """Whether the list holds under _LIST_MAX_SHARE of the words of the article root."""
    return len(listed.text_content().split()) < _LIST_MAX_SHARE * len(root.text_content().split())


def _kept_after(
    element: lxml_html.HtmlElement, kept: dict[str | None, lxml_html.HtmlElement]
) -> bool:
    return any(sibling.get("x") in kept for sibling in element.itersiblings())


def _kept_previous_sibling(
    element: lxml_html.HtmlElement, kept: dict[str | None, lxml_html.HtmlElement]
) -> lxml_html.HtmlElement | None:
    for sibling in element.itersiblings(preceding=True):
        found = kept.get(sibling.get("x"))
        if found is not None:
            return found
    return None
