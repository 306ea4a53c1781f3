"""Find the article in a plain-text save of a web page ("Save Page As: Text").

A text save has no markup for Readability to score, only lines: menus, the headline, a
byline, the body, related links, comments and the footer, one after another. This module
finds the article from the shape of the lines alone:

1. Each non-empty line is classified (text_lines): prose (several words ending in sentence
   punctuation, also as a list item), bullet, date line, photo caption, chrome heading
   ("Related News", "Comments", "12 comments"), noise ("Advertisement") or other text.
2. Prose (and a long caption) scores its word count; a short line that continues a
   sentence scores nothing; everything else scores a penalty. Chrome headings split the
   page into sections. A run of lines scores the sum (Kadane's maximum subarray, as in Finn's
   body text extraction), so a few headings and a list between paragraphs stay in, while
   menus and link lists, which hold little prose, stay out.
3. The body is the first good run after the headline (the <title>, or a part of it, shown
   on the page), else the best run before the comments, else the best run on the page.
   Comments often hold more prose than the article, and the best run alone picked them:
   with these rules, F1 on the gate's 200 text saves rose from 0.75 to 0.88. A short post,
   under that score, is the best run of the few lines between its headline and the next
   chrome heading.
4. The metadata comes from the article's header (text_header): the lines between the last
   repeat of the page title and the body hold the byline, the date and the standfirst.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from site_builder.core.records import QUALITY_EMPTY, QUALITY_OK, Quality
from site_builder.core.titles import TITLE_SEPARATOR, same_text, strip_site_name
from site_builder.extract.quality import EMPTY_MAX_WORDS
from site_builder.extract.text_header import (
    find_author,
    find_description,
    find_published,
    find_site_name,
    find_tags,
    is_name,
)
from site_builder.extract.text_lines import (
    BULLET,
    TAG_LABEL,
    Line,
    LineKind,
    classify_line,
    ends_article,
    opens_comments,
)

# What each non-prose line costs the run that includes it. A heading or a short list costs
# less than one sentence of prose, so sub-headings and lists inside the body are kept; a menu
# of forty links costs more than a cookie notice earns, so menus are never bridged.
HEADING_PENALTY = 3
LIST_ITEM_PENALTY = 1
# A long line that does not end like a sentence is mostly another story's headline or a
# teaser ("Witness One Woman's Descent Into Madness as Her Coworkers Steal ..." under a
# Gawker post): it costs as much as a 15-word sentence earns. At 5, such lines joined the
# article to teasers after it; on the gate's tuned text saves 15 raised text F1 0.8973 ->
# 0.9000 (five pages up, R5 0.75 -> 0.95, none down), the same from 13 to 30, 0.8996 at 10,
# 0.8973 at 40 (R376's long lines then split its body).
LONG_LINE_PENALTY = 15
DATE_LINE_PENALTY = 3
CAPTION_PENALTY = 10
NOISE_PENALTY = 1
# Without a repeat of the title, the article header is this many lines before the body:
# enough for a kicker, a byline, two date lines and a caption.
HEADER_LOOKBACK_LINES = 8
# A caption of at least this many words ("Hong Kongers attend a charity Halloween parade.
# (ED Jones/AFP/Getty Images)") scores as prose and is kept: photo galleries' captions are
# their text (R208, R701, R677 on the gate's tuned text saves; text F1 0.9107 -> 0.9128).
# Shorter ones are credits and links to galleries ("Pictures: Celebrity weddings", "Fun Fun
# Fun Fest: Saturday In Photos: ...") and stay out: at 10 words R274 fell 0.93 -> 0.66; 11
# and 12 gave the same, 13 to 16 0.0002 less.
CAPTION_PROSE_WORDS = 12
# A short line that ends in "," or ";" continues a sentence (verse, a sentence broken by
# <br>: "at the office;", "while waiting in line;") and scores this, neither earning nor
# costing: a poem's lines stay between its sentences, and a run never ends on one. (At -1
# or below, post 445 kept one line of its poem: F1 0.35; at +1, post 312 took its blog's
# tag cloud: F1 0. Lines starting in lower case as well gave the same on the tuned pages,
# but lower-case menus and tag lists, "via youtube.com", would then be bridged for free.)
FRAGMENT_SCORE = 0
_FRAGMENT_END = (",", ";")
# When the run before the first comment opener ("46 Comments") scores this much, the
# article is there, only short; later openers are inside the comment thread, and the run
# before them is comments (R118 on the gate's tuned text saves: F1 0.002 -> 0.34). The same
# for every value from 5 to 25; a count beside the byline has only menus before it.
COMMENTED_MIN_SCORE = 15

# The quality verdict (see _verdict) counts these lines as the article's words...
_BODY_KINDS = frozenset({"prose", "prose_bullet", "long", "short", "bullet"})
# ... and keeps these of the whole save when it finds none.
_PAGE_KINDS = frozenset({"prose", "prose_bullet", "long"})
# The headline: a part of the <title> line of at least this many words, not a name ("Uwe E.
# Reinhardt: ..."), alone or with at most HEADLINE_TAIL_WORDS more ("... October 26, 2012",
# "... 274 Comments"). The run after it is the article
# when it scores at least ANCHOR_MIN_SCORE, about three sentences: a teaser under a headline
# in a list of stories scores less. (A longer run elsewhere is usually the comments.)
HEADLINE_MIN_WORDS = 3
HEADLINE_TAIL_WORDS = 8
ANCHOR_MIN_SCORE = 30
# A short post (a video and two lines, a poem) scores under ANCHOR_MIN_SCORE; when its
# headline is followed within this many lines by a chrome heading ("0 responses"), those
# lines are the article. On the gate's tuned text saves, three such posts went from F1 0
# to 0.89, 0.69 and 0.30 (one gallery page fell from 0.86 to 0.15: its truth holds the
# comment rules, not the captions); text F1 0.8809 -> 0.8903, the same for 16 to 40 lines,
# 0.8808 for 12.
SHORT_POST_MAX_LINES = 20

_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
_NON_ALNUM = re.compile(r"[\W_]+")
_HEADLINE_SEPARATOR = re.compile(r"\s+[|\-–—·•:»]\s+|:\s+")  # "Blog: Headline", "Site | Headline"

BlockKind = Literal["paragraph", "heading", "list_item"]
_PENALTIES: dict[LineKind, int] = {
    "bullet": LIST_ITEM_PENALTY,
    "date": DATE_LINE_PENALTY,
    "caption": CAPTION_PENALTY,
    "noise": NOISE_PENALTY,
    "short": HEADING_PENALTY,
    "long": LONG_LINE_PENALTY,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class TextBlock:
    """One block of the article body, in reading order."""

    kind: BlockKind
    text: str  # the line as saved, without surrounding whitespace or its list marker


@dataclass(frozen=True, slots=True, kw_only=True)
class TextArticle:
    """The article found in a plain-text save, with what its header says about it."""

    title: str
    author: str | None
    published: str | None  # ISO 8601 via dates.parse_date
    site_name: str | None
    description: str | None  # the standfirst, when one stands between headline and body
    tags: tuple[str, ...]
    blocks: tuple[TextBlock, ...]  # the article body in order (the page's text if not "ok")
    quality: Quality = QUALITY_OK  # as for HTML saves, but never "short" (see _verdict)


def extract_text_article(text: str) -> TextArticle:
    """Find the article, its title and its header metadata in a plain-text page save."""
    lines = [classify_line(raw) for raw in text.splitlines() if raw.strip()]
    if not lines:
        return TextArticle(title="", author=None, published=None, site_name=None,
                           description=None, tags=(), blocks=())  # fmt: skip

    site_name = find_site_name(lines)
    title = strip_site_name(lines[0].text, site_name, name_is_declared=False)
    title_repeats = [i for i in range(1, len(lines)) if same_text(lines[i].text, title)]
    if not title_repeats and site_name is None:
        # The page shows its headline without the " | Brand" of the <title>: the rest is chrome.
        headline = TITLE_SEPARATOR.split(lines[0].text)[0]
        title_repeats = [i for i in range(1, len(lines)) if same_text(lines[i].text, headline)]
        title = headline if title_repeats else title

    _, body_start, body_end = _best_run(lines)
    headlines = _headline_lines(lines, title)
    all_headlines = sorted({*title_repeats, *headlines})
    anchored = (
        _run_after_headline(lines, headlines)
        or _run_before_comments(lines, all_headlines)
        or _short_post(lines, all_headlines)
    )
    if anchored is not None:
        body_start, body_end = anchored
    elif body_end > body_start:
        # The headline marks where the article starts, even after a prose line of chrome.
        inside = [i for i in title_repeats if body_start <= i < body_end]
        if inside:
            body_start = inside[-1] + 1
    header_start = max(
        (i + 1 for i in [*title_repeats, *headlines] if i < body_start), default=None
    )
    if header_start is None:
        header_start = max(0, body_start - HEADER_LOOKBACK_LINES)
    header = lines[header_start:body_start]

    quality, blocks = _verdict(lines, lines[body_start:body_end])
    return TextArticle(
        title=title,
        author=find_author(header),
        published=find_published(header, lines),
        site_name=site_name,
        description=find_description(header),
        tags=find_tags(lines[body_end:]),
        blocks=blocks,
        quality=quality,
    )


def _score(line: Line) -> int:
    if line.kind in ("prose", "prose_bullet"):
        return line.words
    if line.kind == "caption" and line.words >= CAPTION_PROSE_WORDS:
        return line.words
    if line.kind == "short" and line.text.endswith(_FRAGMENT_END):
        return FRAGMENT_SCORE
    return -_PENALTIES.get(line.kind, 0)


def _best_run(lines: list[Line], start: int = 0, end: int | None = None) -> tuple[int, int, int]:
    """(score, start, end): the half-open run of lines with the largest score that crosses
    no section heading, looking only at lines[start:end]."""
    best_score, best = 0, (start, start)
    run_score, run_start = 0, start
    for index in range(start, len(lines) if end is None else end):
        line = lines[index]
        if line.kind == "section":
            run_score, run_start = 0, index + 1
            continue
        if run_score <= 0:
            run_score, run_start = 0, index
        run_score += _score(line)
        if run_score > best_score:
            best_score, best = run_score, (run_start, index + 1)
    return best_score, *best


def _headline_lines(lines: list[Line], title: str) -> list[int]:
    """Where the page shows its headline: the title, or a part of the <title> line, alone or
    followed by a few words (a date, a byline). Compared on letters and digits only, since
    the <title> often loses the headline's dashes and apostrophes. A part is also all that
    follows a separator: "The Science of Sport: London 2012: Spectacular 800m" shows its
    headline with its own colon (R557 on the gate's tuned text saves, 0.93 -> 0.98)."""
    first = lines[0].text
    separators = list(_HEADLINE_SEPARATOR.finditer(first))
    candidates = [
        title,
        *_HEADLINE_SEPARATOR.split(first),
        *(first[found.end() :] for found in separators),
    ]
    wanted = {
        _letters(head): _real_words(head)
        for head in candidates
        if _real_words(head) >= HEADLINE_MIN_WORDS and not is_name(head)
    }
    found = []
    for index in range(1, len(lines)):
        key, words = _letters(lines[index].text), lines[index].words
        if any(
            key.startswith(head) and words - head_words <= HEADLINE_TAIL_WORDS
            for head, head_words in wanted.items()
        ):
            found.append(index)
    return found


def _run_after_headline(lines: list[Line], headlines: list[int]) -> tuple[int, int] | None:
    """The first run after a headline that scores ANCHOR_MIN_SCORE, up to its section's end.

    The article follows its headline; a longer run elsewhere is usually the comments (which
    may repeat the headline: "274 Responses to ..."), a forum thread or the next story, so
    the first good run wins over the best one. A teaser under a headline in a list of
    stories scores less than ANCHOR_MIN_SCORE. A headline with the post's end (its post
    navigation, "Previous post: ...") before any prose has no text of its own.
    """
    for headline in headlines:
        # A section line in the header ("41 Comments" beside the byline) ends nothing yet.
        first_prose = next(
            (i for i in range(headline + 1, len(lines)) if lines[i].kind == "prose"), len(lines)
        )
        if any(ends_article(line.text, line.words) for line in lines[headline + 1 : first_prose]):
            continue
        end = next(
            (i for i in range(first_prose, len(lines)) if lines[i].kind == "section"), len(lines)
        )
        found = _first_run(lines, first_prose, end)
        if found is not None:
            return found
    return None


def _run_before_comments(lines: list[Line], headlines: list[int]) -> tuple[int, int] | None:
    """The best run before the comments, when one scores ANCHOR_MIN_SCORE.

    Each line that opens comments ("23 comments to ...") is tried in turn: the first may be
    a count beside the byline, with only the menus before it. Not when the run before it
    scores COMMENTED_MIN_SCORE, nor when the post ended (its post navigation) after its
    headline: Paulo Coelho's blog shows a video post's headline, byline, "Previous post",
    "Next post", then 43 comments, and the comments were its article (on the gate's tuned
    text saves, page 60 went from F1 0 to 0.53, text F1 0.9128 -> 0.9176).
    """
    post_ended = False
    for index, line in enumerate(lines):
        if line.kind != "section":
            continue
        if opens_comments(line.text, line.words):
            score, start, end = _best_run(lines, 0, index)
            if score >= ANCHOR_MIN_SCORE:
                return start, end
            if score >= COMMENTED_MIN_SCORE or post_ended:
                return None
        elif ends_article(line.text, line.words) and any(h < index for h in headlines):
            post_ended = True
    return None


def _short_post(lines: list[Line], headlines: list[int]) -> tuple[int, int] | None:
    """The lines between the headline and the chrome heading after it, when there are few.

    A short post (a video with two lines, a poem) scores under ANCHOR_MIN_SCORE, and the
    best run on the page was then the blog's tagline or its comments. Of those lines, the
    best run is the post when there is one: Gawker's 26-word post was followed by ten
    headlines of other stories (R100 on the gate's tuned text saves, F1 0.30 -> 0.77, text
    F1 0.9000 -> 0.9050 with FRAGMENT_SCORE).
    """
    for headline in headlines:
        if _in_list(lines, headline):
            continue  # the post's own link in a list of recent posts
        end = next(
            (i for i in range(headline + 1, len(lines)) if lines[i].kind == "section"), len(lines)
        )
        body = range(headline + 1, end)
        if len(body) <= SHORT_POST_MAX_LINES and any(lines[i].kind in _BODY_KINDS for i in body):
            score, start, stop = _best_run(lines, headline + 1, end)
            if score > 0:
                return start, stop
            return headline + 1, end
    return None


def _in_list(lines: list[Line], index: int) -> bool:
    """Whether the line is an item of a list: a bullet beside another. A headline saved as
    a lone list item ("• More Nikkor 70-200mm f/4G ED VR sample images", then its byline)
    is the post's own."""
    items = ("bullet", "prose_bullet")
    return lines[index].kind in items and any(
        lines[near].kind in items for near in (index - 1, index + 1) if 0 <= near < len(lines)
    )


def _first_run(lines: list[Line], start: int, end: int) -> tuple[int, int] | None:
    """The first run in lines[start:end] whose best score reaches ANCHOR_MIN_SCORE."""
    run_score, run_start, best_score, best_end = 0, start, 0, start
    for index in range(start, end):
        if run_score <= 0:
            if best_score >= ANCHOR_MIN_SCORE:
                break
            run_score, run_start, best_score, best_end = 0, index, 0, index
        run_score += _score(lines[index])
        if run_score > best_score:
            best_score, best_end = run_score, index + 1
    return (run_start, best_end) if best_score >= ANCHOR_MIN_SCORE else None


def _real_words(text: str) -> int:
    """Words with a letter or digit. In "- Pruning Shears - Hiram residents ...", the <title>'s
    leading dash made "- Pruning Shears" a three-word headline, matched by the blog's name
    (on the gate's tuned text saves, that page's F1 went from 0.59 to 0.94)."""
    return sum(1 for word in text.split() if _NON_ALNUM.sub("", word))


def _letters(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


def _blocks(body: list[Line]) -> tuple[TextBlock, ...]:
    blocks: list[TextBlock] = []
    seen: set[str] = set()
    previous = ""
    for line in body:
        if line.kind in ("date", "noise", "section") or line.text == previous:
            continue
        if line.kind == "caption" and line.words < CAPTION_PROSE_WORDS:
            continue
        if TAG_LABEL.match(line.text) and line.kind != "prose":
            continue  # "Tags: ...": the front matter holds them
        previous = line.text
        if line.kind == "prose_bullet" and _NUMBERED.match(line.text):
            # "2. Simple kind of life, by No Doubt...": a numbered paragraph keeps its number.
            blocks.append(TextBlock(kind="paragraph", text=line.text))
            continue
        if line.kind in ("bullet", "prose_bullet"):
            blocks.append(TextBlock(kind="list_item", text=BULLET.sub("", line.text, count=1)))
            continue
        # Text saves repeat captions and pull quotes; an article never says a paragraph twice.
        if line.text in seen:
            continue
        seen.add(line.text)
        kind: BlockKind = "heading" if line.kind == "short" else "paragraph"
        blocks.append(TextBlock(kind=kind, text=line.text))
    return tuple(blocks)


def _verdict(lines: list[Line], body: list[Line]) -> tuple[Quality, tuple[TextBlock, ...]]:
    """The quality verdict and the blocks to keep: the text-save equivalent of quality.py's.

    "empty": the body holds at most EMPTY_MAX_WORDS words; the article then keeps the save's
    prose (every sentence-like or long line, without menus, captions and chrome headings),
    so no text the user saved is lost. There is no "short" for text saves: without a main
    region to compare with, a short article cannot be told from a partial one. Rules like
    the HTML one ("under 150 words and under 30%, 5% or 10% of the save") each cost
    0.013-0.034 F1 on the gate's 200 text saves.
    """
    body_words = sum(line.words for line in body if line.kind in _BODY_KINDS)
    if body_words <= EMPTY_MAX_WORDS:
        return QUALITY_EMPTY, _blocks([line for line in lines if line.kind in _PAGE_KINDS])
    return QUALITY_OK, _blocks(body)
