"""The vote: readability's article and trafilatura's, settled into one.

Both engines' articles are HTML fragments. The vote compares them by their text, as
multisets of 4-word shingles (the devset gate's own unit), block by block:

1. Per page (`judge`): when readability's article is not "ok" (the verdict kept the
   cleaned page instead) and trafilatura found an article of at least SHORT_MAX_WORDS
   words (the verdict's own "ok" size), trafilatura's article is kept, and is "ok".
2. Otherwise readability's article is kept, and its blocks (paragraphs, headings, list
   items, table rows) that trafilatura does not find are settled with evidence (`prune`):
   when trafilatura's article is inside readability's (EDGE_TRUST of it found there), a
   block outside the first and last blocks both engines found goes if it is mostly links
   (a breadcrumb, a "Tags:" line, a "related" list); a heading that repeats the page
   title stays.

Pictures, figures, tables and code blocks with no text of their own carry no evidence
either way and are kept, as is everything both engines found: the structure comes from
whichever engine's markup is kept, never from plain text.

Measured on the devset's tuned part (tests/eval_gate.py --tuned-only; bench/results.md):
trusting trafilatura for a whole page when readability's "ok" article is a fragment of
its own (under half of trafilatura's text, a half or less of its words) gained up to 0.04
on wcxb_test and 0.009 on cleaneval but lost 0.004 to 0.016 on dragnet at every setting
tried (dragnet's short posts are short), so it is not done; nor are short edge blocks
without links voted out (they cost cleaneval and wcxb_test), nor favor_precision.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import lxml.etree
from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK, Quality
from site_builder.extract.chrome import drop_all, link_share
from site_builder.extract.quality import SHORT_MAX_WORDS

Engine = Literal["readability", "trafilatura", "both"]

# Tuned on the devset's tuned part (tests/eval_gate.py --tuned-only); see bench/results.md.
# EDGE_TRUST 0.5 and 0.8 scored the same, 0.95 lower on dragnet; 0 lower everywhere.
EDGE_TRUST = 0.8
# A block trafilatura "finds" when this share of its shingles is in trafilatura's article.
BLOCK_FOUND = 0.5
# An edge block trafilatura does not find goes when this share of its text is links;
# also dropping edge blocks of up to 12, 20 or 30 words without links scored lower.
EDGE_LINK_SHARE = 0.5

_TOKEN = re.compile(r"\w+")
_LEAF_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "dt", "dd", "pre", "blockquote",
     "figcaption", "caption", "div", "section", "article", "ul", "ol", "table", "figure"}
)  # fmt: skip
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "dt", "dd", "pre")

Shingles = Counter[tuple[str, ...]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Ballot:
    """What the vote is given: each engine's article (HTML), and the page's metadata."""

    readability: str
    trafilatura: str
    quality: Quality
    title: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The article the vote settled on, and which engine it trusted."""

    html: str
    engine: Engine
    quality: Quality


def vote(ballot: Ballot) -> Outcome:
    first = _fragment(ballot.readability)
    second = _fragment(ballot.trafilatura)
    if second is None or not _words(second):
        return Outcome(html=ballot.readability, engine="readability", quality=ballot.quality)
    if first is None:
        return Outcome(html=ballot.trafilatura, engine="trafilatura", quality=QUALITY_OK)
    engine = judge(second, ballot.quality)
    if engine == "trafilatura":
        return Outcome(html=ballot.trafilatura, engine=engine, quality=QUALITY_OK)
    if ballot.quality == QUALITY_OK and prune(first, second, ballot.title):
        html = str(lxml_html.tostring(first, encoding="unicode"))
        return Outcome(html=html, engine="both", quality=ballot.quality)
    return Outcome(html=ballot.readability, engine="readability", quality=ballot.quality)


def judge(second: lxml_html.HtmlElement, quality: Quality) -> Engine:
    """Which engine to trust for the whole page: "trafilatura", or "both" to vote by block."""
    if quality != QUALITY_OK and _words(second) >= SHORT_MAX_WORDS:
        return "trafilatura"
    return "both"


def prune(first: lxml_html.HtmlElement, second: lxml_html.HtmlElement, title: str | None) -> bool:
    """Drop readability's edge blocks trafilatura does not find; whether any were dropped."""
    their_text = _text(second)
    theirs = shingles(their_text)
    if _share(theirs, shingles(_text(first))) < EDGE_TRUST:
        return False
    their_words = f" {' '.join(_TOKEN.findall(their_text.lower()))} "
    blocks = [b for b in first.iter(*_BLOCKS) if not _holds_block(b) and _words(b)]
    found = [_found(_text(b), theirs, their_words) for b in blocks]
    if not any(found):
        return False
    start = found.index(True)
    end = len(found) - found[::-1].index(True)
    doomed = [b for b in blocks[:start] + blocks[end:] if not _is_title(b, title) and _furniture(b)]
    drop_all(doomed)
    return bool(doomed)


def _furniture(block: lxml_html.HtmlElement) -> bool:
    """Whether an edge block looks like page furniture: mostly links."""
    return link_share(block) >= EDGE_LINK_SHARE


def _found(text: str, theirs: Shingles, their_words: str) -> bool:
    """Whether trafilatura's article holds a block's text (a short one word for word)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < 4:
        return f" {' '.join(tokens)} " in their_words
    return _share(shingles(text), theirs) >= BLOCK_FOUND


def shingles(text: str) -> Shingles:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def _share(part: Shingles, whole: Shingles) -> float:
    """The share of `part`'s shingles found in `whole` (1.0 for an empty part)."""
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 1.0


def _is_title(block: lxml_html.HtmlElement, title: str | None) -> bool:
    if not title or not block.tag.startswith("h"):
        return False
    mine, page = _TOKEN.findall(_text(block).lower()), _TOKEN.findall(title.lower())
    return bool(mine) and mine == page[: len(mine)]


def _holds_block(element: lxml_html.HtmlElement) -> bool:
    return any(child.tag in _BLOCKS for child in element.iterdescendants())


def _fragment(html: str) -> lxml_html.HtmlElement | None:
    if not html.strip():
        return None
    try:
        root: lxml_html.HtmlElement = lxml_html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None
    return root


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.itertext())


def _words(element: lxml_html.HtmlElement) -> int:
    return len(_TOKEN.findall(_text(element)))
