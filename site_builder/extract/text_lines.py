"""What each line of a plain-text save is: prose, a list item, a date, a caption, chrome.

A text save has no markup, only lines; the article is found from their shape alone
(text_saves), and its header read from them (text_header). The tuning constants were
chosen on the seed sample (a Firefox save of The Business Standard) and a WordPress-style
blog layout in the tests; each note says what the value trades off.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from site_builder.core.dates import looks_like_date_line

# A prose line has at least this many words: "Protesters show no signs of backing down." has
# seven; "All rights reserved." (three) and "Thanks!" are chrome, not paragraphs.
PROSE_MIN_WORDS = 4
# A list item of at least this many words ending like a sentence is body text, not a menu
# entry ("Dropbox caching in theory and practice. LRU is the winner."): link roundups and
# step-by-step lists are articles too.
PROSE_BULLET_MIN_WORDS = 8
# A non-prose line this short reads as a heading ("'WARY RUSSIA'", "What to pack"); a longer
# one is a caption, a standfirst or a link text.
HEADING_MAX_WORDS = 12
# Headings that open the comments below an article.
COMMENT_HEADINGS = frozenset({
    "comments", "comment", "leave a reply", "leave a comment", "post a comment",
    "join the conversation", "join the discussion", "discuss this post", "discussion",
    "add a comment", "add your comment", "write a comment", "have your say", "reader comments",
    "user comments", "readers' comments", "what do you think",
})  # fmt: skip
# Headings that open a section of page chrome, compared case-insensitively without final
# punctuation. Exact names, then prefixes ("More from Business", "More Videos from TBS").
SECTION_HEADINGS = frozenset({
    "related", "related news", "related articles", "related posts", "related stories",
    "related topics", "top stories", "top news", "latest", "latest news", "latest stories",
    "most read", "most viewed", "most popular", "most shared", "popular", "popular posts",
    "trending", "trending now", "comments", "comment", "leave a reply", "leave a comment",
    "post a comment", "join the conversation", "recommended", "recommended for you",
    "you may also like", "you might also like", "also read", "features", "share",
    "share this", "share this article", "share this story", "like this", "follow us",
    "newsletter", "sign up", "sign in", "log in", "subscribe", "subscribe now",
    "recent posts", "recent comments", "archives", "categories", "post navigation",
    "editor's picks", "don't miss", "in other news", "contact us", "email us", "about us",
    *COMMENT_HEADINGS,
})  # fmt: skip
SECTION_HEADING_PREFIXES = (
    "more from ", "more videos", "more stories", "more news", "more in ",
    # "Also on HuffPost:" opens a slideshow of other stories under the article (on the gate's
    # tuned text saves, one page kept about 4,000 words of it: F1 0.12, then 0.94).
    "also on ",
)  # fmt: skip
# Lines that open the comments below an article: "{ 12 comments… read them below }",
# "43 Responses to ...", "3 thoughts on ...", "Comments (12)". Comments often hold more prose
# than the article; they must not win.
_COMMENTS_OPENER = re.compile(
    r"^\W*(?:\d[\d,]*\s+(?:comments?|responses?|replies|thoughts|trackbacks?|reactions?)\b.*"
    r"|(?:comments?|responses?|replies|trackbacks?|reactions?)\b"
    r"(?:\s*(?:\(\d+\)|\d+|to\b.*|on\b.*|so far.*|….*|\.\.\..*))?\W*)$",
    re.IGNORECASE,
)
# "100 of 253 comments loaded", "45 users responded", "3 thoughts on ...": a count of
# comments in a short line. (Without the number, "Thoughts on search and media" is a tagline.)
_COMMENT_COUNT = re.compile(
    r"\b\d[\d,]*\s+(?:\w+\s+)?(?:comments?|responses?|replies|responded|commented"
    r"|thoughts\s+on|trackbacks?|reactions?)\b",
    re.IGNORECASE,
)
COMMENT_COUNT_MAX_WORDS = 12
_ARTICLE_END = re.compile(
    r"^\W*(?:previous|next|older|newer)\s+(?:post|entry|article|story)\b|^\W*be\s+sociable\b",
    re.IGNORECASE,
)
# "« Previous post's title | Main | Next post's title »", of any length: post navigation,
# shown above the headline and again under the article, where the comments follow it (on
# the gate's tuned text saves, one page's F1 from 0.83 to 0.87, where Disqus comments
# without a heading followed).
_POST_NAVIGATION = re.compile(r"^[«‹].*[»›]$")
# A copyright notice ends the article: "© 2012 CBS Interactive Inc. All rights reserved.",
# "Copyright 2009, Blue Lily Photography." A long one is prose (NHL.com's 216 words of
# trademarks) and joined the article above it: on the gate's tuned text saves, F1 on two
# such pages went from 0.43 and 0.51 to 0.94 and 0.85, and text F1 from 0.8727 to 0.8777.
# An article that mentions copyright neither starts with it nor says "all rights reserved".
_COPYRIGHT_NOTICE = re.compile(
    r"^(?:[•*·-]\s*)?(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b",
    re.IGNORECASE,
)
# "Tags: ...", "Filed under: ...": the article's tags. A labelled line of them ends the
# article: Thought Catalog's "Tagged Adele, ..." was followed by teasers of other stories,
# each with a byline and a prose summary (on the gate's tuned text saves, R454 0.84 -> 0.95,
# R376 0.88 -> 0.98, text F1 0.9091 -> 0.9104). A bare "Tags" is a sidebar's tag cloud
# heading, not the end of anything (as a section it took two short posts to F1 0).
TAG_LABEL = re.compile(
    r"^(?:tags?|topics?|tagged(?: with)?|filed under|categories|category|keywords)\b\s*:?\s*",
    re.IGNORECASE,
)
# Single lines of chrome that can interrupt a body without ending it; they are dropped.
NOISE_LINES = frozenset({
    "advertisement", "advertisements", "sponsored", "ad", "read more", "continue reading",
    "skip to main content", "skip to content", "loading...", "loading", "search",
    "scroll to continue with content", "story continues below advertisement",
    "advertise | adchoices", "adchoices", "print", "email", "e-mail", "tweet", "like",
    "reply", "permalink", "flag as inappropriate", "report abuse", "share on facebook",
    "share on twitter", "reply to this", "reply to this share",
})  # fmt: skip
BOUNDARY_MAX_WORDS = 6
BULLET = re.compile(r"^(?:[•*·‣◦▪▫■□●○–—+-]|\d{1,2}[.)])\s+")
# A sentence ends in . ! ? … or : (a lead-in to a list), perhaps followed by quotes/brackets,
# or in a smiley: a blog post whose paragraphs all ended in ":-)" had no prose, and the text
# path took its comment form (on the gate's tuned text saves, F1 0.00, then 0.97).
SENTENCE_END = re.compile(r"(?:[.!?…:]|[:;]-\))[\"'”’»)\]]*$")
# A line whose every word of TITLE_CASE_MIN_LETTERS+ letters is capitalised, with at least
# TITLE_CASE_MIN_WORDS of them, is a headline even when it ends like a sentence ("Assassin's
# Creed III Is A Bummer! No, It's Not!"): Gawker-style pages list other stories' headlines
# right under the article, and as prose they joined it. On the gate's tuned text saves:
# text F1 0.9176 -> 0.9193, five pages up (R803 0.85 -> 0.93, R388 0.85 -> 0.90), two down
# (R184 0.97 -> 0.93, whose "Follow Movieline on Twitter." the truth keeps); 5 letters:
# 0.9191; 80% of the words: 0.9181 (page 137 fell 0.96 -> 0.75); 2 or 3 words the same.
TITLE_CASE_MIN_LETTERS = 4
TITLE_CASE_MIN_WORDS = 3
# "Photo: Reuters", "Image credit: AP", "REUTERS/Ece Toksabay", "File Photo".
# (The agency credit is case-sensitive: ignoring case, "and/or" looked like a credit.)
CAPTION_MARK = re.compile(
    r"(?i:\b(?:photo|image|picture|illustration|graphic)s?(?:\s+credit)?\s*:|\bfile photo\b)"
    r"|\b[A-Z]{3,}/[A-Z][a-z]"
)

LineKind = Literal[
    "prose", "prose_bullet", "bullet", "date", "caption", "section", "noise", "short", "long"
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One non-empty line of a text save, and what it is."""

    text: str  # stripped
    kind: LineKind
    words: int


def classify_line(raw: str) -> Line:
    """The line without its surrounding blanks, and what it is (see LineKind)."""
    text = raw.strip()
    words = len(text.split())
    # A widget's heading saved as a list item ("• Recent Comments", "• Archives") is a chrome
    # heading too: a blog's sidebar list joined its post (on the gate's tuned text saves, R5
    # 0.75 -> 0.95, text F1 0.8973 -> 0.8984).
    key = boundary_key(BULLET.sub("", text, count=1))
    if (
        (words <= BOUNDARY_MAX_WORDS and is_section_heading(key))
        or opens_comments(text, words)
        or ends_article(text, words)
        or _COPYRIGHT_NOTICE.search(text)
    ):
        kind: LineKind = "section"
    elif key in NOISE_LINES:
        kind = "noise"
    elif BULLET.match(text):
        # A list item that is a sentence of its own is body text; menus are short links.
        item = BULLET.sub("", text, count=1)
        is_prose = len(item.split()) >= PROSE_BULLET_MIN_WORDS and SENTENCE_END.search(item)
        kind = "prose_bullet" if is_prose else "bullet"
    elif looks_like_date_line(text):
        kind = "date"
    elif CAPTION_MARK.search(text):
        kind = "caption"
    elif words >= PROSE_MIN_WORDS and SENTENCE_END.search(text) and not _title_case(text):
        kind = "prose"
    elif _lists_tags(text):
        kind = "section"
    else:
        kind = "short" if words <= HEADING_MAX_WORDS else "long"
    return Line(text=text, kind=kind, words=words)


def _title_case(text: str) -> bool:
    """ "Why Isn't Your Dishwasher Cleaning Like it Used to?": a headline, even with a "?"."""
    long_words = [w for w in text.split() if w[:1].isalpha() and len(w) >= TITLE_CASE_MIN_LETTERS]
    return len(long_words) >= TITLE_CASE_MIN_WORDS and all(w[0].isupper() for w in long_words)


def _lists_tags(text: str) -> bool:
    """ "Tagged Adele, Ashlee Simpson, ...": a labelled line of tags, not a bare "Tags" heading."""
    label = TAG_LABEL.match(text)
    return label is not None and bool(text[label.end() :].strip())


def ends_article(text: str, words: int) -> bool:
    """Post navigation and share prompts: "previous post: ...", "Be Sociable, Share!"."""
    return (words <= COMMENT_COUNT_MAX_WORDS and bool(_ARTICLE_END.match(text))) or bool(
        _POST_NAVIGATION.match(text)
    )


def opens_comments(text: str, words: int) -> bool:
    """Whether the line opens the comments: "Comments", "12 Responses to ..."."""
    if words <= BOUNDARY_MAX_WORDS and boundary_key(text) in COMMENT_HEADINGS:
        return True
    return bool(_COMMENTS_OPENER.match(text)) or (
        words <= COMMENT_COUNT_MAX_WORDS and bool(_COMMENT_COUNT.search(text))
    )


def boundary_key(text: str) -> str:
    """The line as chrome headings are looked up: case-folded, without final punctuation."""
    return " ".join(text.casefold().rstrip(" :.!?…»›>").split())


def is_section_heading(key: str) -> bool:
    """Whether a boundary_key opens a section of page chrome ("Related", "More from ...")."""
    return key in SECTION_HEADINGS or key.startswith(SECTION_HEADING_PREFIXES)
