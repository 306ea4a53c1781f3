"""Blocks of an article fragment, and how much of one fragment's text another holds.

A block is a unit the vote keeps or drops whole: a paragraph, a heading, a list, a table,
a quote, a code block, a figure. Lists and tables are one block each, so a vote never
splits them and their structure survives. Text is compared as multisets of 4-word
shingles, as the devset's metric does, so "found in the other engine" means the same
thing to the vote as to the gate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import lxml.etree
from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre", "blockquote",
     "figure", "img"}
)  # fmt: skip
_WORD = re.compile(r"\w+")
Shingles = Counter[tuple[str, ...]]


def parse_fragment(fragment: str) -> lxml_html.HtmlElement | None:
    """The fragment under one `div`, or None when it holds nothing parseable."""
    if not fragment.strip():
        return None
    try:
        return lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def fragment_html(root: lxml_html.HtmlElement) -> str:
    """The fragment parse_fragment gave root for, as HTML: its one element when the
    fragment was one element, so wrappers do not pile up."""
    only = root[0] if len(root) == 1 else None
    if only is not None and not (root.text or "").strip() and not (only.tail or "").strip():
        root = only
    return str(lxml_html.tostring(root, encoding="unicode"))


def blocks(root: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """The outermost block elements under root, in document order."""
    for element in root.iterdescendants():
        if not isinstance(element.tag, str) or element.tag not in BLOCK_TAGS:
            continue
        if any(parent.tag in BLOCK_TAGS for parent in element.iterancestors()):
            continue
        yield element


def shingles(text: str) -> Shingles:
    """The text's consecutive 4-word runs (one run for a text of 1 to 3 words)."""
    words = _WORD.findall(text.lower())
    if len(words) < 4:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))


def distinct_share(fragment: str) -> float:
    """The share of the fragment's 4-word runs that are distinct (1 for no text): low for
    the same lines said over and over."""
    root = parse_fragment(fragment)
    runs = shingles(" ".join(root.itertext())) if root is not None else Counter()
    total = sum(runs.values())
    return len(runs) / total if total else 1.0


def share_found(part: Shingles, whole: Shingles) -> float:
    """How much of `part`'s text `whole` holds, 0 to 1 (1 for an empty part)."""
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 1.0


def remove_block(block: lxml_html.HtmlElement) -> None:
    """block out of its tree, the text after it kept."""
    parent = block.getparent()
    if parent is None:
        return
    previous = block.getprevious()
    if block.tail and block.tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + block.tail
        else:
            parent.text = (parent.text or "") + block.tail
    parent.remove(block)


# Elements that end a run of loose text: blocks, and the containers blocks sit in.
_RUN_ENDS = BLOCK_TAGS | {"div", "section", "article", "hr", "li", "tr", "td", "th"}


def wrap_loose_text(root: lxml_html.HtmlElement) -> None:
    """Text standing loose among root's children (in no block) put into `p` blocks of
    its own: one for each run between two blocks or two line breaks in a row, so that a
    vote keeping or dropping blocks keeps it too. Inline elements (links, emphasis) go
    into the paragraph with its text; a paragraph's edge line breaks are dropped.

    trafilatura writes a forum post after a quote that way ("<blockquote>…</blockquote>
    <br> They are…<br><br> I have…"): merged block by block, such posts were lost
    (wcxb_test 5080, 6,000 words).
    """
    items: list[str | lxml_html.HtmlElement] = [root.text or ""]
    for child in root:
        items += [child, child.tail or ""]
        child.tail = None
    root.text = None
    for child in list(root):
        root.remove(child)
    paragraph: lxml_html.HtmlElement | None = None
    for item in items:
        if isinstance(item, str):
            if item.strip() and paragraph is None:
                paragraph = _new_paragraph(root)
            if paragraph is not None:
                _append_text(paragraph, item)
        elif not isinstance(item.tag, str) or item.tag in _RUN_ENDS:
            _close_paragraph(paragraph)
            paragraph = None
            root.append(item)
        elif item.tag == "br" and paragraph is not None:
            if _ends_in_break(paragraph):
                _close_paragraph(paragraph)
                paragraph = None
            else:
                paragraph.append(item)
        elif item.tag == "br":
            continue  # a paragraph's opening line break
        else:
            paragraph = paragraph if paragraph is not None else _new_paragraph(root)
            paragraph.append(item)
    _close_paragraph(paragraph)


def _new_paragraph(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    paragraph: lxml_html.HtmlElement = lxml_html.Element("p")
    root.append(paragraph)
    return paragraph


def _append_text(paragraph: lxml_html.HtmlElement, text: str) -> None:
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + text
    else:
        paragraph.text = (paragraph.text or "") + text


def _ends_in_break(paragraph: lxml_html.HtmlElement) -> bool:
    last = paragraph[-1] if len(paragraph) else None
    return last is not None and last.tag == "br" and not (last.tail or "").strip()


def _close_paragraph(paragraph: lxml_html.HtmlElement | None) -> None:
    """The paragraph without its trailing line breaks; gone when nothing is left in it."""
    if paragraph is None:
        return
    while _ends_in_break(paragraph):
        paragraph.remove(paragraph[-1])
    parent = paragraph.getparent()
    if parent is not None and not len(paragraph) and not paragraph.text_content().strip():
        parent.remove(paragraph)
