"""The page's landmarks (its one `<main>` region, its header, footer, nav and aside),
and the vote's two rules that read them.

The main rule.

HTML gives the page's dominant content a `<main>` element (or `role="main"`). When a
page has exactly one, readability's article lying wholly outside it while trafilatura's
lies inside it means readability took a box around the page: a footer's address (wcxb_test
5276: 7 words, F1 0, trafilatura 1.0), a forum's pager (5105). trafilatura's article is
then kept. A page with no `<main>`, or with several, says nothing here.

Measured on the devset's tuned part (bench/results.md, "The page's one main region"):
cleaneval has no page with one `<main>`, dragnet 72 and none where readability's article
lies outside it; wcxb_test has 234, 17 with readability's article outside it, and the
rule changes 2 of them (0 -> 0.72 and 0 -> 1.0).

The furniture rule. readability's article lying wholly inside the page's header, footer,
nav or aside (or an element whose role is banner, contentinfo, navigation or
complementary) while trafilatura's, longer, lies wholly outside it means readability took
the page's furniture: a footer's "about us" text (wcxb_test 5677, F1 0, trafilatura
0.82). trafilatura's article is then kept. Where readability's article lies is read from
its own marked parse (readability_adapter), by the ancestors of the first element it kept:
no walk over the page.

Measured on the devset's tuned part (bench/results.md, "The page's furniture"): no
dragnet or cleaneval page; wcxb_test 5677 and 4418.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.etree
from lxml import html as lxml_html

from site_builder.extract.blocks import parse_fragment
from site_builder.extract.quality import fragment_words

_MAIN = lxml.etree.XPath("//main | //*[@role = 'main']")
_FURNITURE_TAGS = frozenset({"header", "footer", "nav", "aside"})
_FURNITURE_ROLES = frozenset({"banner", "contentinfo", "navigation", "complementary"})
# readability's article carries the marks of its parse (readability_adapter._mark_elements).
_FIRST_MARK = re.compile(r'\sx="([0-9]+)"')
_MARKED = lxml.etree.XPath("descendant-or-self::*[@x = $x][1]")  # stops at the first
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
    words = _spaced_words(main)
    if _edges_found(readability, words) != 0:
        return None
    second = trafilatura()
    if _edges_found(second, words) != 2 or fragment_words(second) <= fragment_words(readability):
        return None
    return second


def furniture_text(article: str, reference: lxml_html.HtmlElement) -> str | None:
    """The text of the outermost piece of page furniture (header, footer, nav, aside, or
    their landmark roles) holding readability's article, or None when none holds it.

    article is readability's summary and reference its marked parse: the first element
    the article kept is looked up there, and the article's other boxes are its siblings.
    """
    mark = _FIRST_MARK.search(article)
    found = _MARKED(reference, x=mark.group(1)) if mark is not None else []
    if not found:
        return None
    holder = None
    for element in (found[0], *found[0].iterancestors()):
        if element.tag in _FURNITURE_TAGS or element.get("role") in _FURNITURE_ROLES:
            holder = element
    return " ".join(holder.itertext()) if holder is not None else None


def outside_furniture(
    readability: str, trafilatura: Callable[[], str], furniture: str | None
) -> str | None:
    """trafilatura's article when readability's lies in the page's furniture (whose text
    is furniture) and trafilatura's, longer, wholly outside it; None otherwise. trafilatura
    is asked only when readability's article is in the furniture."""
    if furniture is None:
        return None
    second = trafilatura()
    outside = _edges_found(second, _spaced_words(furniture)) == 0
    if not outside or fragment_words(second) <= fragment_words(readability):
        return None
    return second


def _spaced_words(text: str) -> str:
    """text's words, lower-cased, each with a space on both sides: a run of words is found
    in it only whole."""
    return f" {' '.join(_WORD.findall(text.lower()))} "


def _edges_found(fragment: str, words: str) -> int:
    """How many of the fragment's two edges (its first and its last EDGE_WORDS words) are
    in words (_spaced_words); 2 for an empty fragment, which lies nowhere."""
    root = parse_fragment(fragment)
    found = _WORD.findall(" ".join(root.itertext()).lower()) if root is not None else []
    if not found:
        return 2
    edges = (found[:EDGE_WORDS], found[-EDGE_WORDS:])
    return sum(f" {' '.join(edge)} " in words for edge in edges)
