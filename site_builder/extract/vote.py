"""The vote: readability's article and trafilatura's, settled into one, block by block.

Both engines' articles are HTML fragments; a block is a paragraph, a heading, a list, a
table, a quote, a code block or a figure (blocks.py), kept or dropped whole, so the vote
never turns structure into plain text. The per-page judgement, in order:
1. readability's verdict is short or empty (it kept the cleaned page): trafilatura's
   article, of at least SHORT_MAX_WORDS words (the verdict's "ok" size) and not repeating
   itself (DISTINCT_MIN_SHARE), is kept as "ok"; otherwise readability's stays.
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
   large enough otherwise; bench/results.md, "When the vote asks trafilatura").

Then the summary rule (summary_elsewhere; vote() applies it where by_rules() left
readability's "ok" article standing, whatever its length): the page shows its own summary
(its description, not its title), readability's article holds none of it, and
trafilatura's has it as a block of its own (the lead). Where readability's article lies
elsewhere in the page (a "most viewed" list, a sidebar's about text) or starts right
after that lead (readability cut it), the two are merged block by block as in rule 2;
where readability's article is further on inside trafilatura's (a press release quoted
under the story, one post of a forum thread), trafilatura's blocks from the lead down to
readability's first block are put before it. trafilatura is asked only when the
page's text shows the description that readability's article lacks: on 98 of the tuned
part's 1,784 pages (about 100).

Then the position rule (far_from_headline, where the summary rule did not apply either):
readability's "ok" article starts far below the page's headline (headline.py places an
article by its first words in the page's text) and trafilatura's, long enough, right under
it: trafilatura's article is kept. readability took a footer, a listing or teasers there
for their commas. trafilatura is asked only for an article that far: on 47 of the tuned
part's 1,779 pages.

Then the lead rule (lead_before, where none of those applied): readability's article
starts well below the headline, and trafilatura's opening blocks in that gap are put
before it. trafilatura is asked only for an article that far: on 147 of the tuned part's
1,779 pages.

Then the one-end rule (one_end_only, where none of those applied): readability's "ok"
article is one end of trafilatura's, with much more of trafilatura's on the other side.
Either it is small (under SHORT_MAX_WORDS words) and is where trafilatura's starts, with a
long way after it: readability stopped after the first lines (a service page's
introduction, a thread's first post). Or it is where trafilatura's ends, with a long way
before it: readability kept a page's last section. The two are merged block by block as
in rule 2. Readers' comments come after an article, never before it, so the second case
holds for longer articles too (up to CLOSING_MAX_WORDS words). trafilatura is asked only
when the page's words outside its chrome leave room for that much more, and not for a
longer article right under the headline: on 30 of the tuned part's 1,784 pages.

Then the main rule (in_main, landmarks.py): readability's "ok" article lies outside
the page's one `<main>` region and trafilatura's, longer, inside it: trafilatura's is kept.
trafilatura is asked only for an article outside that region.

Last the furniture rule (out_of_furniture, landmarks.py): readability's "ok" article lies
in the page's header, footer, nav or aside and trafilatura's, longer, outside it:
trafilatura's is kept. trafilatura is asked only for an article in the furniture.

Each rule was chosen on the devset's tuned part only (bench/vote_tuning.py, from cached
ballots); what each gained, and what was tried and left out: bench/results.md.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lxml import html as lxml_html

from site_builder.core.records import QUALITY_OK, Quality
from site_builder.extract.blocks import (
    Shingles,
    blocks,
    distinct_share,
    fragment_html,
    parse_fragment,
    share_found,
    shingles,
)
from site_builder.extract.headline import PagePlaces
from site_builder.extract.landmarks import outside_furniture, outside_main
from site_builder.extract.quality import SHORT_MAX_WORDS, fragment_words

Engine = Literal["readability", "trafilatura", "both"]
_WORD = re.compile(r"\w+")

# Readability found one section of a long page: its article is long (at least this many
# words), nearly all of it is in trafilatura's (this share of its text), and it is only a
# small part of trafilatura's (under this share). Seen on long documentation and forum
# pages of cleaneval and wcxb_test (readability F1 0.2-0.4, trafilatura 0.9); dragnet's
# short posts inside long comment threads are under the word count. Chosen on the tuned
# part: see bench/results.md, "Block vote".
FRAGMENT_MIN_WORDS = 400
FRAGMENT_INSIDE_SHARE = 0.85
FRAGMENT_MAX_SHARE = 0.4
# Rule 1 keeps readability's cleaned page when under this share of trafilatura's 4-word
# runs are distinct: a shop's shipping banner once per country (wcxb_test 4757, 26%, F1 0
# against 0.63). bench/results.md, "An article that repeats itself".
DISTINCT_MIN_SHARE = 0.4
# Rule 2 asks trafilatura only when readability's article is under this share of the
# page's words outside its chrome: that count is rough (a newspaper's "sidebar" story is
# chrome by its class), so the bound is looser than FRAGMENT_MAX_SHARE.
ASK_MAX_SHARE = 0.5
# A trafilatura block is the same as a readability block when this share of its text is
# in that block: readability's own HTML for it (links, figures) is then kept.
SAME_BLOCK_SHARE = 0.6
# The summary rule: a description of at least SUMMARY_MIN_WORDS words (shorter ones are
# a site's name or slogan) and under SUMMARY_TITLE_SHARE in the title, of which
# readability's article holds at most SUMMARY_MISSING_SHARE, and the page's text and then
# trafilatura's article at least SUMMARY_FOUND_SHARE. Its lead is trafilatura's first
# block holding over LEAD_HIT_SHARE of it, when that block is mostly the description
# (LEAD_OWN_SHARE) or opens with its first LEAD_OPENING_WORDS words (a description cut
# short). readability's article lies elsewhere when at most SUMMARY_APART_SHARE of it is
# in trafilatura's. Seen on dragnet R298 and R300 (readability took a "most viewed" list,
# F1 0, merged 0.9), R15, R922 and R924 (a press release quoted under the story), 168,
# 424 (the lead cut), wcxb_test 5029, 5071. Chosen on the tuned part from the cached
# ballots: bench/results.md, "The page's own summary".
SUMMARY_MIN_WORDS = 8
SUMMARY_TITLE_SHARE = 0.5
SUMMARY_MISSING_SHARE = 0.2
SUMMARY_FOUND_SHARE = 0.5
SUMMARY_APART_SHARE = 0.5
LEAD_HIT_SHARE = 0.2
LEAD_OWN_SHARE = 0.5
LEAD_OPENING_WORDS = 4
# The position rule: readability's "ok" article starts more than FAR_FROM_HEADLINE_WORDS
# words after the page's headline, while trafilatura's, of an
# "ok" article's worth of words, starts within NEAR_HEADLINE_WORDS after it. Seen on
# wcxb_test 4928 (readability took the site's footer text, F1 0.01, trafilatura 0.93),
# 5003, 5005, 5029, 5330 and dragnet T51, R684 (the comments). Chosen on the tuned part:
# bench/results.md, "The article under the headline".
FAR_FROM_HEADLINE_WORDS = 200
NEAR_HEADLINE_WORDS = 60
# The lead rule: readability's "ok" article starts more than LEAD_GAP_WORDS words after
# the headline; trafilatura's opening blocks that readability lacks and that lie in that
# gap (placed by their words: a block of at least headline.PLACE_MIN_WORDS) are put before it.
# readability dropped the story's lead or first section there. Seen on dragnet 429 (the
# standfirst), R258, R586, wcxb_test 4987 and 5638 (a first section, 0.37 -> 0.79).
# Chosen on the tuned part: bench/results.md, "The lead readability left out".
LEAD_GAP_WORDS = 40
# The one-end rule. Its opening case: readability's small "ok" article (under
# SHORT_MAX_WORDS words) has at least END_INSIDE_SHARE of its text in trafilatura's, whose
# blocks before the first one readability also has hold at most OPENING_BEFORE_WORDS words,
# and whose blocks after the last one hold at least OPENING_AFTER_WORDS, OPENING_GAIN times
# readability's article in all. Seen on wcxb_test 4486 (a guide's first line, F1 0 ->
# 0.89), 4982, 5335 and cleaneval 455 (a login box's first line, 0 -> 0.95); no tuned page
# lost. dragnet's short posts above a comment thread are longer than SHORT_MAX_WORDS or
# have under OPENING_AFTER_WORDS after them (R270, R184). Its closing case: readability's
# article under CLOSING_MAX_WORDS, as much of it in trafilatura's, at most
# CLOSING_AFTER_WORDS after it and at least CLOSING_BEFORE_WORDS before it. Seen on
# cleaneval 352 (0.07 -> 0.93), 599, 670 and wcxb_test 4461; no dragnet page met it.
# Chosen on the tuned part: bench/results.md, "Only the opening, or only the close".
END_INSIDE_SHARE = 0.8
OPENING_BEFORE_WORDS = 20
OPENING_AFTER_WORDS = 500
OPENING_GAIN = 5
CLOSING_MAX_WORDS = 1000
CLOSING_AFTER_WORDS = 100
CLOSING_BEFORE_WORDS = 500


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
    # The page's title and description (its metadata's summary of the article), and the
    # text the page shows (None when unknown): the summary rule asks trafilatura only when
    # that text holds the description.
    title: str | None = None
    description: str | None = None
    page_text: Callable[[], str] | None = None
    # Where in the page an article starts, counted from the page's headline (None when
    # the page has no headline like its title): for the position rule.
    places: PagePlaces | None = None
    # The text of the page's one <main> region (None when it has none or several): for
    # the main rule (landmarks.py).
    main: Callable[[], str | None] | None = None
    # The text of the page's header, footer, nav or aside holding readability's article
    # (None when none holds it): for the furniture rule (landmarks.py).
    furniture: Callable[[], str | None] | None = None


Settle = Callable[[Ballot], "Outcome"]  # vote() or another way to settle a ballot


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The article the vote settled on, and which engine it trusted."""

    html: str
    engine: Engine
    quality: Quality


def vote(ballot: Ballot) -> Outcome:
    """The numbered rules' article (by_rules); where they leave readability's "ok" article
    standing, the summary rule's, the position rule's, the lead rule's, the one-end
    rule's, the main rule's or the furniture rule's, the first that applies."""
    settled = by_rules(ballot)
    if settled.engine != "readability" or settled.quality != QUALITY_OK:
        return settled
    summary = summary_elsewhere(ballot)
    if summary is not None:
        return summary
    # Placed once for the rules that read it: it parses readability's whole article.
    start = ballot.places.after_headline(ballot.readability) if ballot.places else None
    placed = far_from_headline(ballot, start) or lead_before(ballot, start)
    if placed is not None:
        return placed
    return one_end_only(ballot, start) or in_main(ballot) or out_of_furniture(ballot) or settled


def in_main(ballot: Ballot) -> Outcome | None:
    """trafilatura's article where readability's lies outside the page's one main region
    and trafilatura's inside it (landmarks.outside_main), or None."""
    main = ballot.main() if ballot.main is not None else None
    return _trafilatura_kept(outside_main(ballot.readability, ballot.trafilatura, main))


def out_of_furniture(ballot: Ballot) -> Outcome | None:
    """trafilatura's article where readability's lies in the page's header, footer, nav
    or aside and trafilatura's, longer, outside it (landmarks.outside_furniture), or None."""
    furniture = ballot.furniture() if ballot.furniture is not None else None
    return _trafilatura_kept(outside_furniture(ballot.readability, ballot.trafilatura, furniture))


def _trafilatura_kept(second: str | None) -> Outcome | None:
    if second is None:
        return None
    return Outcome(html=second, engine="trafilatura", quality=QUALITY_OK)


def by_rules(ballot: Ballot) -> Outcome:
    """Trafilatura's article for a page readability found short or empty, when it holds
    an "ok" article's worth of words; the two merged block by block where readability's
    long article is a fragment of trafilatura's; readability's otherwise."""
    kept = Outcome(html=ballot.readability, engine="readability", quality=ballot.quality)
    if ballot.quality != QUALITY_OK:
        second = ballot.trafilatura()
        long_enough = fragment_words(second) >= SHORT_MAX_WORDS
        if long_enough and distinct_share(second) >= DISTINCT_MIN_SHARE:  # only then counted
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


# --- the summary rule ---------------------------------------------------------------------


def summary_elsewhere(ballot: Ballot) -> Outcome | None:
    """The article the summary rule settles on (see the module doc), or None when the
    rule does not apply; trafilatura is asked only when the page's text shows the
    description readability's article lacks."""
    summary = _summary(ballot)
    if not summary:
        return None  # before readability's article is read: 2 pages in 5 stop here
    first = parse_fragment(ballot.readability)
    ours = _text_shingles(first) if first is not None else Counter()
    if share_found(summary, ours) > SUMMARY_MISSING_SHARE:
        return None
    if ballot.page_text is not None and not _holds(ballot.page_text(), summary):
        return None
    other = parse_fragment(ballot.trafilatura())
    if other is None or share_found(summary, _text_shingles(other)) < SUMMARY_FOUND_SHARE:
        return None
    theirs = list(blocks(other))
    lead = _lead(theirs, summary, ballot.description or "")
    if lead is None:
        return None
    if first is None:
        return Outcome(html=ballot.trafilatura(), engine="trafilatura", quality=QUALITY_OK)
    apart = share_found(ours, _text_shingles(other)) <= SUMMARY_APART_SHARE
    start = _first_shared(first, theirs)
    if apart or start == lead + 1:  # elsewhere, or it opens right after the lead
        return Outcome(html=merge_blocks(first, other), engine="both", quality=QUALITY_OK)
    # What readability skipped from the lead down to its own first block goes before it.
    skipped = theirs[lead:start] if start is not None and start > lead else theirs[lead : lead + 1]
    _put_before(first, skipped)
    return Outcome(html=fragment_html(first), engine="both", quality=QUALITY_OK)


def _put_before(first: lxml_html.HtmlElement, found: list[lxml_html.HtmlElement]) -> None:
    """Copies of trafilatura's blocks found put before readability's article first, in
    their order: beside the box its first block is in, not inside it, as that box may be
    one the furniture rules judge whole (a hidden copy of the story, dragnet 492)."""
    opening = next(blocks(first), None)
    while opening is not None and opening.getparent() is not first:
        opening = opening.getparent()
    for number, block in enumerate(found):
        put_back = copy.deepcopy(block)
        put_back.tail = None
        if opening is None:
            first.insert(number, put_back)
        else:
            opening.addprevious(put_back)


def _summary(ballot: Ballot) -> Shingles:
    """The description's shingles, or none when it is too short or repeats the title."""
    description = ballot.description or ""
    if len(description.split()) < SUMMARY_MIN_WORDS:
        return Counter()
    summary = shingles(description)
    if share_found(summary, shingles(ballot.title or "")) >= SUMMARY_TITLE_SHARE:
        return Counter()
    return summary


def _holds(text: str, summary: Shingles) -> bool:
    """Whether text holds SUMMARY_FOUND_SHARE of the summary's shingles: looked up in the
    text's words, not counted from the text's own shingles, which cost more on a long page."""
    words = f" {' '.join(_WORD.findall(text.lower()))} "
    found = sum(count for run, count in summary.items() if f" {' '.join(run)} " in words)
    return found >= SUMMARY_FOUND_SHARE * sum(summary.values())


def _lead(theirs: list[lxml_html.HtmlElement], summary: Shingles, description: str) -> int | None:
    """The number of trafilatura's block that is the description: the first block
    holding some of it, when that block is mostly the description or opens with it."""
    opening = _WORD.findall(description.lower())[:LEAD_OPENING_WORDS]
    for number, block in enumerate(theirs):
        text = _text_shingles(block)
        if share_found(summary, text) <= LEAD_HIT_SHARE:
            continue
        words = _WORD.findall(" ".join(block.itertext()).lower())
        if share_found(text, summary) >= LEAD_OWN_SHARE or words[:LEAD_OPENING_WORDS] == opening:
            return number
        return None
    return None


def _first_shared(first: lxml_html.HtmlElement, theirs: list[lxml_html.HtmlElement]) -> int | None:
    """The number of trafilatura's first block that readability's article also has."""
    ours = [_text_shingles(block) for block in blocks(first)]
    for number, block in enumerate(theirs):
        text = _text_shingles(block)
        if any(share_found(text, found) >= SAME_BLOCK_SHARE for found in ours):
            return number
    return None


# --- the position rule ---------------------------------------------------------------------


def far_from_headline(ballot: Ballot, start: int | None) -> Outcome | None:
    """trafilatura's article where readability's starts far from the page's headline (at
    start, PagePlaces.after_headline's count) and trafilatura's right under it (see
    FAR_FROM_HEADLINE_WORDS), or None; trafilatura is asked only when readability's
    article is that far."""
    if ballot.places is None or start is None or start <= FAR_FROM_HEADLINE_WORDS:
        return None
    second = ballot.trafilatura()
    if fragment_words(second) < SHORT_MAX_WORDS:
        return None
    theirs = ballot.places.after_headline(second)
    if theirs is None or not 0 <= theirs <= NEAR_HEADLINE_WORDS:
        return None
    return Outcome(html=second, engine="trafilatura", quality=QUALITY_OK)


# --- the lead rule ----------------------------------------------------------------------------


def lead_before(ballot: Ballot, start: int | None) -> Outcome | None:
    """readability's article, which starts at start below the headline, with the lead it
    left out put back (see LEAD_GAP_WORDS), or None; trafilatura is asked only when
    readability's article starts that far below the headline."""
    if ballot.places is None or start is None or start <= LEAD_GAP_WORDS:
        return None
    first = parse_fragment(ballot.readability)
    other = parse_fragment(ballot.trafilatura())
    opening = next(blocks(first), None) if first is not None else None
    if first is None or other is None or opening is None:
        return None
    ours = _text_shingles(first)
    lead = []
    for block in blocks(other):
        if share_found(_text_shingles(block), ours) >= SAME_BLOCK_SHARE:
            break
        at = ballot.places.block_after_headline(block)
        if at is not None and 0 <= at < start:
            lead.append(block)
    if not lead:
        return None
    _put_before(first, lead)
    return Outcome(html=fragment_html(first), engine="both", quality=QUALITY_OK)


# --- the one-end rule --------------------------------------------------------------------


def one_end_only(ballot: Ballot, start: int | None = None) -> Outcome | None:
    """readability's article and trafilatura's merged block by block where readability's is
    only the opening or the close of trafilatura's (see OPENING_AFTER_WORDS and
    CLOSING_BEFORE_WORDS), or None; trafilatura is asked only when the page's words outside
    its chrome are known and leave room for that much more, and, for an article too long
    to be an opening, when it does not start right under the headline (at start, as
    PagePlaces.after_headline counts): no close has so little before it."""
    words = fragment_words(ballot.readability)
    room = words + min(CLOSING_BEFORE_WORDS, OPENING_AFTER_WORDS)
    if words >= CLOSING_MAX_WORDS or ballot.page_words is None or ballot.page_words() < room:
        return None  # without the page's words, no room for more is known
    if words >= SHORT_MAX_WORDS and start is not None and 0 <= start <= NEAR_HEADLINE_WORDS:
        return None
    first = parse_fragment(ballot.readability)
    other = parse_fragment(ballot.trafilatura())
    if first is None or other is None:
        return None
    ours = _text_shingles(first)
    if share_found(ours, _text_shingles(other)) < END_INSIDE_SHARE:
        return None
    theirs = [(_block_words(block), _text_shingles(block)) for block in blocks(other)]
    shared = [
        n for n, (_, text) in enumerate(theirs) if share_found(text, ours) >= SAME_BLOCK_SHARE
    ]
    if not shared:
        return None
    before = sum(count for count, _ in theirs[: shared[0]])
    after = sum(count for count, _ in theirs[shared[-1] + 1 :])
    total = sum(count for count, _ in theirs)
    opening = (
        words < SHORT_MAX_WORDS
        and before <= OPENING_BEFORE_WORDS
        and after >= OPENING_AFTER_WORDS
        and total >= OPENING_GAIN * words
    )
    closing = after <= CLOSING_AFTER_WORDS and before >= CLOSING_BEFORE_WORDS
    if not (opening or closing):
        return None
    return Outcome(html=merge_blocks(first, other), engine="both", quality=QUALITY_OK)


def _block_words(block: lxml_html.HtmlElement) -> int:
    return len(" ".join(block.itertext()).split())
