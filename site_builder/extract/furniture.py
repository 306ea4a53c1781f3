"""Page furniture both engines keep inside the article: a "Tags:" line, a trailing
sign-up heading, a second copy of the story. Taken out of the article after the vote, so
whichever engine's blocks won, the body is the story alone.

- A tags line: "Tags: baking sourdough", each tag a link to the site's tag page. A
  block whose text starts with one of TAG_LABELS and a colon (or a short lead and a
  separator before them: "Published: 1 March | Tags: ..."), and whose other words are
  the text of its links (at least TAG_LINK_SHARE of them). Its link texts are the page's
  tags, for a page whose metadata names none. A category line ("Posted in Baking |
  3 Comments", CATEGORY_LABELS) goes the same way, its links not taken as tags.
- Headings at the article's very end, with nothing after them, that name chrome
  (TRAILING_CHROME: "Sign up to the Baking Times daily newsletter", "Related stories",
  "Comments"): what they introduced was cut away as chrome, and the heading was left
  over. Any heading left at the end was tried too: on the devset's tuned part it cost
  dragnet 0.0004 F1 (its truth keeps a last heading such as "Update").
- A second copy of the story, hidden by a class only the page's stylesheet reads
  (HIDDEN_CLASSES), whose words the rest of the article holds word for word: both
  engines keep both copies.
- An author's box after the story ("About Becky: Hi, I'm Becky, I live in Atlanta..."),
  named so by its class or id (AUTHOR_BOX_WORDS), shown once: readability keeps it with
  the post it follows.
- A block that is only the page's controls (CONTROL_LABELS): "Back to top", "Read
  more", "Click to enlarge", "Print", "Share", "Add to cart", or a bar of them ("Newer
  Post Older Post Home"). Their links lead nowhere in the archive.
- A copyright notice ("© 2012 The Associated Press. All rights reserved.").
- A listing of the site's other posts at the article's end: days alone on their lines
  ("November 12"), each followed by a post's teaser (see TEASER_DAYS_MIN).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import lxml.etree
from lxml import html as lxml_html

from site_builder.core.dates import DATE_LINE_MAX_WORDS, is_day_line
from site_builder.extract.blocks import blocks, fragment_html, parse_fragment, remove_block

TAG_LABELS = ("tags", "tagged", "tagged with", "tagged as", "filed under", "topics")
TAG_LINK_SHARE = 0.6
# The tags may follow a short lead on the same line, after a separator: "Published:
# November 1st, 2012 | Tags: NFL AM, Arizona Cardinals" (a blog's post line, dragnet
# R504-R520 0.54-0.59 -> 0.60-0.63; tuned part dragnet +0.0004, cleaneval and wcxb_test
# unchanged). A category line after a lead stays: "Date: ... | Category: Eye Candy |
# Author: ..." is kept by dragnet's truths (R326-R340 fell 0.01-0.02).
TAG_LEAD_MAX_CHARS = 60
_TAG_LINE = re.compile(
    rf"^(?:[^|\u00b7\u2022]{{1,{TAG_LEAD_MAX_CHARS}}}[|\u00b7\u2022])?\s*"
    rf"(?:{'|'.join(TAG_LABELS)})\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A category line, held to the tags line's link share: "Posted in Carnivals, Links | No
# Comments »", "Categories: Politics, Celebrity" (a blog's post footer). Its links are not
# taken as tags (one is the comments link). dragnet R234 0.74 -> 0.95, R403, R487, R490;
# on the tuned part dragnet +0.0007, cleaneval and wcxb_test 0, no page lower.
CATEGORY_LABELS = ("categories", "category", "posted in", "filed in")
_CATEGORY_LINE = re.compile(
    rf"^\s*(?:{'|'.join(CATEGORY_LABELS)})\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)
# A copyright notice: a block opening with "©", "(c)" or "Copyright" that reserves rights
# or forbids copies ("© 2012 The Associated Press. All rights reserved. This material may
# not be published ..."), short of a paragraph (COPYRIGHT_MAX_WORDS). A line that only
# dates a book's copyright ("Copyright 1936 and 1939, small format hardbound") stays.
# Tuned part: precision dragnet +0.0001, cleaneval +0.0001, wcxb_test +0.0004 (4225, a
# game's store page, +0.11), recall unchanged to 0.0001 (cleaneval 777).
_COPYRIGHT_NOTICE = re.compile(
    r"^\W*(?:©|\(c\)\s|copyright\b).*"
    r"(?:rights\s+reserved|may\s+not\s+be|do\s+not\s+reproduce|licen[cs]ed)",
    re.IGNORECASE,
)
COPYRIGHT_MAX_WORDS = 60
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TRAILING_CHROME = re.compile(
    r"\bsign\s*up\b|\bnewsletters?\b|\bsubscribe\b|\brelated\b|\bcomments?\b|\bshare\b"
    r"|\byou (?:may|might) also\b|\brecommended\b|\bmore (?:from|stories|on)\b|\bpopular\b"
    r"|\bmost read\b|\bfollow us\b|\btrending\b|\bleave a reply\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# A copy of the story the page hides by a class (Bootstrap's "hidden" is display: none),
# of at least REPEAT_MIN_WORDS words, all of them elsewhere in the article word for word
# (dragnet 492: a Dow Jones story whose three paragraphs came twice, the first copy in a
# div of class "hidden"; precision 0.49). Dropping every block that repeated an earlier
# one instead also cut what cleaneval's truth keeps twice (a forum's quoted posts, a page
# showing its story twice): cleaneval -0.0015 F1. On the tuned part: see
# bench/results.md, "Small boxes and hidden copies".
HIDDEN_CLASSES = frozenset({"hidden"})
REPEAT_MIN_WORDS = 12
# An author's box: a box whose class or id words include one of AUTHOR_BOX_WORDS, or
# "author" with one of AUTHOR_BOX_WITH ("author-bio", "postauthor", "about-author"). It
# goes when its class is not repeated (a listing of tutors' bios is the page's content:
# wcxb_test 4923), it holds at most AUTHOR_BOX_MAX_WORDS words and half of the article,
# and it starts in the article's second half (AUTHOR_BOX_AFTER_SHARE of the words that
# are not its own come before it; a food blog's "Hi! I'm Pina" at the top stays).
# dragnet R464 0.62 -> 0.79, R186 0.78 -> 0.86, R157, R974. On the tuned part: dragnet
# +0.0008, cleaneval 0, wcxb_test +0.0001 (bench/results.md, "The page's own summary").
AUTHOR_BOX_WORDS = frozenset(
    {"bio", "biography", "authorbio", "postauthor", "authorinfo", "authorbox"}
)
AUTHOR_BOX_WITH = frozenset({"bio", "box", "info", "about", "description", "profile"})
AUTHOR_BOX_MAX_WORDS = 250
AUTHOR_BOX_AFTER_SHARE = 0.5
_AUTHOR_BOX_TAGS = ("div", "section", "aside", "p", "footer", "table")
_NAME_SPLIT = re.compile(r"[\s_-]+")
# A block whose whole text is one of these labels (in any case, with any punctuation or
# symbols around it: "[Read More]", "^ Back to top", "Print this"): a sentence that
# mentions one stays, and so does a "Read more" link at the end of a teaser's text.
# Seen on cleaneval 61 (a "Back to top" after each section), 296, 461, 757, dragnet's
# "Leave a Reply" headings above a comment form, and WordPress's "About these ads"
# (R53, R763) and "Like this:" (wcxb_test 5205, 5595). On the tuned part: cleaneval
# +0.0005, dragnet +0.0004, wcxb_test 0 (4024's one-word "Share" heading is kept).
# "Show more" is left: wcxb_test 5006's truth keeps six of them (bench/results.md,
# "Controls left in the article").
CONTROL_LABELS = (
    r"back to (?:the )?top", r"top of (?:the )?page", r"up to top", r"return to top",
    r"go to top", r"read more", r"continue reading", r"full story", r"click to enlarge",
    r"click here to enlarge", r"larger picture", r"view larger", r"enlarge",
    r"click to expand", r"pin it", r"tweet", r"print", r"e-?mail", r"share",
    r"post a comment", r"leave a reply", r"leave a comment",
    r"add to (?:my )?(?:wish ?list|cart|basket|bag)", r"buy now", r"order now",
    r"click to order", r"advertisement", r"about these ads", r"buffer", r"view more",
    r"see more", r"load more", r"no comments yet", r"follow us", r"like this",
    r"(?:share|print|e-?mail) this(?: (?:article|story|post|page))?",
    r"newer posts?", r"older posts?", r"previous posts?", r"next posts?", r"home",
)  # fmt: skip
# A line of several labels is one control bar: a blog's pager, "Newer Post Older Post
# Home" (dragnet R917 0.18 -> 0.33, R541; tuned part dragnet +0.0004, the others equal).
_CONTROL_LINE = re.compile(
    rf"^\W*(?:{'|'.join(CONTROL_LABELS)})(?:\W+(?:{'|'.join(CONTROL_LABELS)}))*\W*$",
    re.IGNORECASE,
)
# Code names a control's word for other things (a `print` statement, an `email` field,
# "print()" in a list of a language's functions, where "(Back to top)" is a control);
# a one-word heading ("Print", "Share") may be a section's title: only a heading of a
# longer label ("Leave a Reply", "Share this:") is a control's.
_CODE_TAGS = ("code", "kbd", "samp", "var", "pre")
# Only short elements are read: the longest label, with room for symbols around it.
_CONTROL_MAX_CHARS = 40
_CONTROL_CANDIDATES = lxml.etree.XPath(
    " | ".join(
        f"descendant::{tag}[string-length(normalize-space()) <= {_CONTROL_MAX_CHARS}]"
        for tag in ("p", "div", "li", "dd", "dt", "center", "section",
                    "h1", "h2", "h3", "h4", "h5", "h6")
    )
)  # fmt: skip


# A listing of other posts after the story: at least TEASER_DAYS_MIN blocks that are a day
# alone ("November 12", core.dates.is_day_line), at most TEASER_GAP_BLOCKS apart and the
# last that close to the article's end, each block of the listing under TEASER_MAX_WORDS
# words and all of them under TEASER_MAX_SHARE of the article (a timeline, whose days head
# most of the article, stays; so do days in headings, a diary's sections). Seen on dragnet
# R843-R851, a blog whose posts end with the next posts' days and teasers (precision
# 0.56-0.70 -> 1.0). On the tuned part: dragnet +0.0011, cleaneval and wcxb_test 0, no
# page lower (bench/results.md, "Teasers under days").
TEASER_DAYS_MIN = 2
TEASER_GAP_BLOCKS = 3
TEASER_MAX_WORDS = 80
TEASER_MAX_SHARE = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Furnished:
    """The article without its furniture, and the tags its tags line named."""

    html: str
    tags: tuple[str, ...] = ()


def strip_furniture(fragment: str) -> Furnished:
    """The article without a listing of other posts at its end, tags, category and
    copyright lines, headings left at its end, hidden copies, the author's box and the
    page's controls."""
    root = parse_fragment(fragment)
    if root is None:
        return Furnished(html=fragment)
    tags: list[str] = []
    listing = _dated_teasers(root)
    for block in listing:
        remove_block(block)
    changed = bool(listing)
    for block in list(blocks(root)):
        line = " ".join(block.text_content().split())  # read once for the three tests
        named = _tag_line(block, line)
        if named is not None:
            tags.extend(named)
            remove_block(block)
            changed = True
        elif _tag_line(block, line, _CATEGORY_LINE) is not None or _is_copyright_notice(line):
            remove_block(block)
            changed = True
    while (last := _last_block(root)) is not None and _is_chrome_heading(last):
        remove_block(last)
        changed = True
    for copy in _hidden_copies(root):
        remove_block(copy)
        changed = True
    for box in _author_boxes(root):
        remove_block(box)
        changed = True
    for control in _controls(root):
        remove_block(control)
        changed = True
    if not changed:
        return Furnished(html=fragment)
    unique = tuple(dict.fromkeys(tag for tag in tags if tag))
    return Furnished(html=fragment_html(root), tags=unique)


def _dated_teasers(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The blocks of a listing of posts under their days at the article's end (see
    TEASER_DAYS_MIN), or none."""
    found = list(blocks(root))
    texts = [" ".join(block.itertext()) for block in found]
    days = [
        number
        for number, (block, text) in enumerate(zip(found, texts, strict=True))
        if block.tag not in _HEADINGS
        and len(text.split()) <= DATE_LINE_MAX_WORDS
        and is_day_line(text)
    ]
    for first in range(len(days) - TEASER_DAYS_MIN + 1):
        listed = days[first:]
        if len(found) - listed[-1] > TEASER_GAP_BLOCKS:
            return []
        if any(later - earlier > TEASER_GAP_BLOCKS for earlier, later in pairwise(listed)):
            continue
        words = [len(text.split()) for text in texts]
        tail = words[listed[0] :]
        if listed[0] == 0 or max(tail) >= TEASER_MAX_WORDS:
            return []
        return found[listed[0] :] if sum(tail) < TEASER_MAX_SHARE * sum(words) else []
    return []


def _hidden_copies(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Elements of a HIDDEN_CLASSES class whose words the rest of the article repeats."""
    article = ""  # the article's words, read at the first element with a hidden class
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element is root:
            continue
        if HIDDEN_CLASSES.isdisjoint((element.get("class") or "").lower().split()):
            continue
        article = article or f" {_words(root)} "
        words = f" {_words(element)} "
        if words.count(" ") - 1 < REPEAT_MIN_WORDS:
            continue
        first = article.find(words)
        if article.find(words, first + 1) >= 0:  # its own copy, and another
            found.append(element)
    return found


def _author_boxes(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Boxes about the author after the story, each shown once (see AUTHOR_BOX_WORDS)."""
    found = []
    classes: Counter[str | None] = Counter()
    text, total = "", 0  # the article's classes, text and words: read at the first candidate
    for element in root.iter(*_AUTHOR_BOX_TAGS):
        names = set(
            _NAME_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
        )
        if names.isdisjoint(AUTHOR_BOX_WORDS) and (
            "author" not in names or names.isdisjoint(AUTHOR_BOX_WITH)
        ):
            continue
        if not classes:
            classes = Counter(child.get("class") for child in root.iter() if child is not root)
            text = root.text_content()
            total = len(text.split())
        if element.get("class") and classes[element.get("class")] > 1:
            continue
        own = element.text_content()
        words = len(own.split())
        start = text.find(own)
        if words > min(AUTHOR_BOX_MAX_WORDS, total / 2) or start < 0:
            continue
        if len(text[:start].split()) >= AUTHOR_BOX_AFTER_SHARE * (total - words):
            found.append(element)
    return found


def _controls(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The outermost blocks whose whole text is a control's label (CONTROL_LABELS)."""
    found: list[lxml_html.HtmlElement] = []
    for element in _CONTROL_CANDIDATES(root):
        text = " ".join(element.text_content().split())
        if not _CONTROL_LINE.match(text) or "()" in text:
            continue
        if next(element.iter(*_CODE_TAGS), None) is not None:
            continue
        if element.tag in _HEADINGS and len(_WORD.findall(text)) < 2:
            continue
        if not any(ancestor in found for ancestor in element.iterancestors()):
            found.append(element)
    return found


def _words(element: lxml_html.HtmlElement) -> str:
    return " ".join(_WORD.findall(" ".join(element.itertext()).lower()))


def _is_chrome_heading(block: lxml_html.HtmlElement) -> bool:
    return block.tag in _HEADINGS and bool(TRAILING_CHROME.search(block.text_content()))


def _tag_line(
    block: lxml_html.HtmlElement, text: str, label: re.Pattern[str] = _TAG_LINE
) -> list[str] | None:
    """The tags a tags line (or a line of another label) names, or None when block, whose
    text with its blanks collapsed is text, is not one."""
    line = label.match(text)
    if line is None:
        return None
    rest = line["rest"]
    words = len(_WORD.findall(rest))
    # Only the links after the label: a lead's author link names no tag.
    shown = (" ".join(link.text_content().split()) for link in block.iter("a"))
    links = [link_text for link_text in shown if link_text in rest]
    linked = sum(len(_WORD.findall(link_text)) for link_text in links)
    if not words or linked < TAG_LINK_SHARE * words:
        return None
    return links


def _is_copyright_notice(text: str) -> bool:
    return len(text.split()) <= COPYRIGHT_MAX_WORDS and bool(_COPYRIGHT_NOTICE.match(text))


def _last_block(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The article's last block, when no text follows it."""
    found = list(blocks(root))
    if not found:
        return None
    last = found[-1]
    return None if _text_after(last).strip() else last


def _text_after(element: lxml_html.HtmlElement) -> str:
    """The text that comes after element in its tree."""
    parts = [element.tail or ""]
    node: lxml_html.HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings():
            parts.append(sibling.text_content() if isinstance(sibling.tag, str) else "")
            parts.append(sibling.tail or "")
        node = node.getparent()
        if node is not None:
            parts.append(node.tail or "")
    return "".join(parts)
