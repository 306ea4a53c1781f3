"""The vote: readability's article and trafilatura's, settled into one, block by block.

Both engines' articles are HTML fragments; a block is a paragraph, a heading, a list, a
table, a quote, a code block or a figure (blocks.py), kept or dropped whole, so the vote
never turns structure into plain text. The per-page judgement, in order:
1. readability's verdict is short or empty (it kept the cleaned page): trafilatura's
   article is kept, and is "ok", when it holds at least SHORT_MAX_WORDS words (the
   verdict's own "ok" size); otherwise readability's stays.
2. readability's "ok" article is long (FRAGMENT_MIN_WORDS) but a fragment of
   trafilatura's: nearly all of it inside trafilatura's, and a small share of it. Then
   the two are merged block by block (merge_blocks): trafilatura's blocks in its order,
   each one readability also has taken from readability (its links and figures kept),
   the rest as trafilatura wrote them. This is readability picking one section of a
   long documentation or forum page.
3. Otherwise readability's article stands, and trafilatura is never run: the Ballot
   carries trafilatura as a call, made only by rules 1 and 2, and rule 2 asks only when
   readability's article is under ASK_MAX_SHARE of the page's words outside its
   chrome (trafilatura keeps no menus, sidebars or comments, so its article could not be
   large enough otherwise). Counting every word of the page instead asked trafilatura on
   340 of the tuned part's 1,086 long articles and on every generated benchmark page;
   without the chrome, 62, and rule 2 still merges the same 17 pages.

Measured on the devset's tuned part only (bench/vote_tuning.py, from cached ballots;
bench/results.md, "Block vote"): rule 2 gave cleaneval +0.005, wcxb_test +0.007 and
dragnet 0. Tried and left out before (bench/results.md, "The vote", "Lazy trafilatura"):
asking trafilatura on every page to drop readability's link-heavy edge blocks (+0.001 on
dragnet for 2.3 times the CPU), and trusting trafilatura whole for a short "ok" fragment
(dragnet -0.004 to -0.016: its short posts are short).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK, Quality
from site_builder.extract.blocks import blocks, parse_fragment, share_found, shingles
from site_builder.extract.quality import SHORT_MAX_WORDS, fragment_words

Engine = Literal["readability", "trafilatura", "both"]

# Readability found one section of a long page: its article is long (at least this many
# words), nearly all of it is in trafilatura's (this share of its text), and it is only a
# small part of trafilatura's (under this share). Seen on long documentation and forum
# pages of cleaneval and wcxb_test (readability F1 0.2-0.4, trafilatura 0.9); dragnet's
# short posts inside long comment threads are under the word count. Chosen on the tuned
# part: see bench/results.md, "Block vote".
FRAGMENT_MIN_WORDS = 400
FRAGMENT_INSIDE_SHARE = 0.85
FRAGMENT_MAX_SHARE = 0.4
# Rule 2 asks trafilatura only when readability's article is under this share of the
# page's words outside its chrome: that count is rough (a newspaper's "sidebar" story is
# chrome by its class), so the bound is looser than FRAGMENT_MAX_SHARE.
ASK_MAX_SHARE = 0.5
# A trafilatura block is the same as a readability block when this share of its text is
# in that block: readability's own HTML for it (links, figures) is then kept.
SAME_BLOCK_SHARE = 0.6


@dataclass(frozen=True, slots=True, kw_only=True)
class Ballot:
    """What the vote is given: each engine's article (HTML), and readability's verdict.

    trafilatura is asked for its article only when the vote calls `trafilatura()`, which
    runs the engine once however often it is called.
    """

    readability: str
    trafilatura: Callable[[], str]
    quality: Quality
    # The words of the page's text outside its chrome (menus, sidebars, comments,
    # footers), about the most trafilatura's article can hold, or None when unknown; it
    # spares trafilatura on pages rule 2 cannot apply to.
    page_words: Callable[[], int] | None = None


Settle = Callable[[Ballot], "Outcome"]  # vote() or another way to settle a ballot


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The article the vote settled on, and which engine it trusted."""

    html: str
    engine: Engine
    quality: Quality


def vote(ballot: Ballot) -> Outcome:
    """Trafilatura's article for a page readability found short or empty, when it holds
    an "ok" article's worth of words; the two merged block by block where readability's
    long article is a fragment of trafilatura's; readability's otherwise."""
    kept = Outcome(html=ballot.readability, engine="readability", quality=ballot.quality)
    if ballot.quality != QUALITY_OK:
        second = ballot.trafilatura()
        if fragment_words(second) >= SHORT_MAX_WORDS:
            return Outcome(html=second, engine="trafilatura", quality=QUALITY_OK)
        return kept
    words = fragment_words(ballot.readability)
    if words < FRAGMENT_MIN_WORDS:
        return kept  # trafilatura is not asked: the page is settled without it
    if ballot.page_words is not None and words >= ASK_MAX_SHARE * ballot.page_words():
        return kept  # trafilatura's article, inside the page, could not be large enough
    first = parse_fragment(ballot.readability)
    other = parse_fragment(ballot.trafilatura())
    if first is None or other is None:
        return kept
    ours, theirs = _text_shingles(first), _text_shingles(other)
    if (
        share_found(ours, theirs) >= FRAGMENT_INSIDE_SHARE
        and share_found(theirs, ours) < FRAGMENT_MAX_SHARE
    ):
        return Outcome(html=merge_blocks(first, other), engine="both", quality=QUALITY_OK)
    return kept


def merge_blocks(first: lxml_html.HtmlElement, second: lxml_html.HtmlElement) -> str:
    """trafilatura's blocks in its order, each one readability also has in readability's
    HTML, which keeps the page's links; the others as trafilatura wrote them."""
    ours = list(blocks(first))
    ours_text = [_text_shingles(block) for block in ours]
    where: dict[tuple[str, ...], list[int]] = {}
    for number, found in enumerate(ours_text):
        for shingle in found:
            where.setdefault(shingle, []).append(number)
    merged = lxml_html.Element("div")
    used: set[int] = set()
    for block in blocks(second):
        text = _text_shingles(block)
        votes = Counter(n for shingle in text for n in where.get(shingle, ()))
        best = votes.most_common(1)[0][0] if votes else None
        if best is not None and share_found(text, ours_text[best]) >= SAME_BLOCK_SHARE:
            if best not in used:
                used.add(best)
                merged.append(copy.deepcopy(ours[best]))
            continue
        merged.append(copy.deepcopy(block))
    for block in merged:
        block.tail = None
    return str(lxml_html.tostring(merged, encoding="unicode"))


def _text_shingles(root: lxml_html.HtmlElement) -> Counter[tuple[str, ...]]:
    return shingles(" ".join(root.itertext()))
