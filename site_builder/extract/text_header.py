"""What a text save's article header says: byline, date, standfirst, tags, the site's name.

The header is the lines between the last repeat of the page title and the body (see
text_saves); the site's name and the tags come from the lines around the article.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from site_builder.core.dates import looks_like_date_line, parse_date
from site_builder.extract.text_lines import (
    CAPTION_MARK,
    SENTENCE_END,
    TAG_LABEL,
    Line,
    boundary_key,
    is_section_heading,
)

# A standfirst is a line of at least this many words without final punctuation; shorter
# ones are section labels or headlines of other stories.
DESCRIPTION_MIN_WORDS = 10
# A name ("Reuters", "Jane van der Berg") has one to this many words.
NAME_MAX_WORDS = 5
# A site name from a copyright notice or from repeated chrome has at most this many words.
SITE_NAME_MAX_WORDS = 6
# A short line seen this often outside lists is the site's own name in header and footer;
# two repeats are common for headlines of other stories ("Related" and "Most Read").
SITE_NAME_MIN_REPEATS = 3
# Tags: each term has at most this many words, and an unlabelled line needs this many terms.
TAG_MAX_WORDS = 4
TAG_MIN_TERMS = 2
# The tags line comes this many lines after the body at most (one for a "Tags" label).
TAGS_LOOKAHEAD_LINES = 2

_BYLINE = re.compile(r"^(?:by|written by|words by|author)\b\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_TRAILING_BYLINE = re.compile(r"^(?P<head>.+?)\s+by\s+(?P<name>[^,|]+)$", re.IGNORECASE)
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w.'’-]*|[A-Z]\.|and|&|de|da|di|du|van|von|der|den|la|le|al|bin)$"
)
_UPDATE_LABEL = re.compile(r"^(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b.*$", re.IGNORECASE)
_TRAILING_YEARS = re.compile(r"\s*\b\d{4}(?:\s*[-–]\s*\d{4})?\s*$")  # "Site 2010-2023"
_TAG_SEPARATORS = (" / ", " | ", " · ", " • ", ",")
_TERM_MARKS = " •*·|"  # "Filed under T-Shirts |": the bar before the next item of the line


def find_site_name(lines: list[Line]) -> str | None:
    """The site's name from its copyright notice, else from a line repeated in its chrome."""
    for index, line in enumerate(lines):
        match = _COPYRIGHT.match(line.text)
        if match is None:
            continue
        name = _clean_site_name(match["rest"])
        if not name and index + 1 < len(lines):  # "Copyright © 2023" / "Site All rights reserved"
            name = _clean_site_name(lines[index + 1].text)
        if name and len(name.split()) <= SITE_NAME_MAX_WORDS:
            return name
    counts = Counter(
        line.text
        for line in lines
        if line.kind == "short"
        and len(line.text.split()) <= SITE_NAME_MAX_WORDS
        and all(word[0].isupper() for word in line.text.split() if word[0].isalpha())
        and not CAPTION_MARK.search(line.text)
    )
    repeated = [name for name, count in counts.most_common() if count >= SITE_NAME_MIN_REPEATS]
    return repeated[0] if repeated else None


def _clean_site_name(text: str) -> str:
    without_rights = _RIGHTS_RESERVED.sub("", text)
    without_year = _TRAILING_YEARS.sub("", without_rights.strip(" .,|-–—"))
    return without_year.strip(" .,|-–—")


def find_author(header: list[Line]) -> str | None:
    """A "By ..." line in the header, else a name-like line right before its first date."""
    for line in header:
        if line.kind == "prose":
            continue
        byline = _BYLINE.match(line.text)
        if byline:
            name = re.split(r"\s*[,|·•–—]\s*|\s+-\s+", byline["rest"])[0]
            if is_name(name):
                return name
        trailing = _TRAILING_BYLINE.match(line.text)
        if trailing and looks_like_date_line(trailing["head"]) and is_name(trailing["name"]):
            return trailing["name"].strip()
    for previous, line in pairwise(header):
        if line.kind == "date" and previous.kind == "short" and is_name(previous.text):
            return previous.text
    return None


def is_name(text: str) -> bool:
    """Whether text reads as a person's or an agency's name: "Jane van der Berg"."""
    words = text.split()
    return (
        0 < len(words) <= NAME_MAX_WORDS
        and words[0][0].isupper()
        and all(_NAME_WORD.match(word) for word in words)
        and not any(char.isdigit() for char in text)
        and not is_section_heading(boundary_key(text))
    )


def find_published(header: list[Line], lines: list[Line]) -> str | None:
    """The first publication date in the header, else the first date on the page.

    "Updated" and "Last modified" lines count only when nothing else gives a date.
    """
    for region in (header, lines):
        dated = [line for line in region if line.kind == "date" or _is_dated_byline(line)]
        published = [line for line in dated if not _UPDATE_LABEL.match(line.text)]
        for line in published or dated:
            found = parse_date(line.text)
            if found:
                return found
    return None


def _is_dated_byline(line: Line) -> bool:
    """ "Posted on March 3, 2021 by Jane Doe": a date line with the author after it."""
    trailing = _TRAILING_BYLINE.match(line.text)
    if trailing is None or line.kind == "prose":
        return False
    return looks_like_date_line(trailing["head"])


def find_description(header: list[Line]) -> str | None:
    """The standfirst: the first long line in the header that does not end like a sentence."""
    for line in header:
        if line.kind == "long" and line.words >= DESCRIPTION_MIN_WORDS:
            return line.text
    return None


def find_tags(after_body: list[Line]) -> tuple[str, ...]:
    """Short separated terms right after the body: "Russia / Belarus / Vladimir Putin"."""
    labelled = False
    for line in after_body[:TAGS_LOOKAHEAD_LINES]:
        label = TAG_LABEL.match(line.text)
        if line.kind in ("prose", "date") or (line.kind == "section" and not label):
            return ()  # a labelled line of tags is a section of its own (text_lines)
        rest = line.text[label.end() :] if label else line.text
        labelled = labelled or bool(label)
        if not rest:
            continue  # a "Tags" label on its own line: the terms follow
        terms = _split_terms(rest)
        if len(terms) >= (1 if labelled else TAG_MIN_TERMS):
            return terms
        if not labelled:
            return ()
    return ()


def _split_terms(text: str) -> tuple[str, ...]:
    separator = next((sep for sep in _TAG_SEPARATORS if sep in text), None)
    raw_terms = text.split(separator) if separator else [text]
    terms = tuple(term.strip(_TERM_MARKS) for term in raw_terms if term.strip(_TERM_MARKS))
    for term in terms:
        if (
            len(term.split()) > TAG_MAX_WORDS
            or SENTENCE_END.search(term)
            or term.isdigit()
            or looks_like_date_line(term)
        ):
            return ()
    return terms
