"""The page's one `<main>` region, and the vote's main rule that reads it.

HTML gives the page's dominant content a `<main>` element (or `role="main"`). When a
page has exactly one, readability's article lying wholly outside it while trafilatura's
lies inside it means readability took a box around the page: a footer's address (wcxb_test
5276: 7 words, F1 0, trafilatura 1.0), a forum's pager (5105). trafilatura's article is
then kept. A page with no `<main>`, or with several, says nothing here.

Measured on the devset's tuned part (bench/results.md, "The page's one main region"):
cleaneval has no page with one `<main>`, dragnet 72 and none where readability's article
lies outside it; wcxb_test has 234, 17 with readability's article outside it, and the
rule changes 2 of them (0 -> 0.72 and 0 -> 1.0).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.etree
from lxml import html as lxml_html

from site_builder.extract.blocks import parse_fragment
from site_builder.extract.quality import fragment_words

_MAIN = lxml.etree.XPath("//main | //*[@role = 'main']")
_WORD = re.compile(r"\w+")
# An article is placed by its first and its last EDGE_WORDS words, each looked for in the
# main region's words: both missing is outside it, both found inside it.
EDGE_WORDS = 8


def main_text(doc: lxml_html.HtmlElement) -> str | None:
    """The text of the page's one `<main>` region (one inside another counts once), or
    None when the page has none or several."""
    found = _MAIN(doc)
    if not found:
        return None
    regions = set(found)
    outermost = [m for m in found if not any(a in regions for a in m.iterancestors())]
    if len(outermost) != 1:
        return None
    # Its pieces apart: text_content() runs a heading's last word into the next line's.
    return " ".join(outermost[0].itertext())


def outside_main(readability: str, trafilatura: Callable[[], str], main: str | None) -> str | None:
    """trafilatura's article when readability's lies outside the page's one main region
    and trafilatura's, longer, inside it; None otherwise. trafilatura is asked only when
    readability's article is outside."""
    if main is None:
        return None
    words = f" {' '.join(_WORD.findall(main.lower()))} "
    if _edges_found(readability, words) != 0:
        return None
    second = trafilatura()
    if _edges_found(second, words) != 2 or fragment_words(second) <= fragment_words(readability):
        return None
    return second


def _edges_found(fragment: str, words: str) -> int:
    """How many of the fragment's two edges (its first and its last EDGE_WORDS words) are
    in words; 2 for an empty fragment, which lies nowhere."""
    root = parse_fragment(fragment)
    found = _WORD.findall(" ".join(root.itertext()).lower()) if root is not None else []
    if not found:
        return 2
    edges = (found[:EDGE_WORDS], found[-EDGE_WORDS:])
    return sum(f" {' '.join(edge)} " in words for edge in edges)
