"""Where an article starts in its page, counted in words from the page's headline.

Evidence for the vote's position rule (vote.far_from_headline): a page's story starts
under its headline, give or take a byline, while a box readability sometimes takes
instead (a "Sign up" box, a listing, the next post's teaser) lies elsewhere. The headline
is the page's h1-h3 whose words are most like the title's; places are counted in the
words of the page's body text as a reader sees it (no scripts or styles), taken before
readability changes the page's tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from site_builder.extract.blocks import blocks, parse_fragment

_WORD = re.compile(r"\w+")
# The headline: the h1-h3 sharing at least this share of its distinct words with the
# title's (words in either), and of at most HEADLINE_MAX_WORDS_PER_TITLE_WORD times the
# title's words (plus a few), so a section holding the title's words is not one.
HEADLINE_MIN_LIKENESS = 0.5
HEADLINE_MAX_WORDS_PER_TITLE_WORD = 3
HEADLINE_SLACK_WORDS = 5
# An article is placed by its first block of at least this many words (a heading or a
# date of a few words is found in too many places), by one of its first few 4-word runs
# (PLACE_TRIES; the first may hold a word the engine changed).
PLACE_MIN_WORDS = 6
PLACE_TRIES = 5


@dataclass(frozen=True, slots=True)
class PagePlaces:
    """The text of the page's body, as a reader sees it (scripts and styles already
    dropped), and where its headline starts in it."""

    text: str
    headline_at: int

    def after_headline(self, fragment: str) -> int | None:
        """How many words after the headline's first word the fragment's article starts
        in the page (negative: before it), or None when it cannot be placed."""
        root = parse_fragment(fragment)
        if root is None:
            return None
        for block in blocks(root):
            found = _WORD.findall(" ".join(block.itertext()))
            if len(found) >= PLACE_MIN_WORDS:
                return self._place(found)
        return None

    def block_after_headline(self, block: lxml_html.HtmlElement) -> int | None:
        """Where one block starts in the page, as after_headline counts it, or None when
        it is too short to place or is not found."""
        found = _WORD.findall(" ".join(block.itertext()))
        return self._place(found) if len(found) >= PLACE_MIN_WORDS else None

    def _place(self, found: list[str]) -> int | None:
        for shift in range(min(PLACE_TRIES, len(found) - 3)):
            run = r"\W+".join(re.escape(word) for word in found[shift : shift + 4])
            # No word boundary before: text_content() runs one block's last word
            # into the next block's first ("LeeThe storm").
            at = re.search(rf"{run}(?!\w)", self.text, re.IGNORECASE)
            if at is not None:
                return self._words_between(at.start()) - shift
        return None

    def _words_between(self, at: int) -> int:
        if at >= self.headline_at:
            return len(_WORD.findall(self.text, self.headline_at, at))
        return -len(_WORD.findall(self.text, at, self.headline_at))


def page_places(doc: lxml_html.HtmlElement, text: str, title: str | None) -> PagePlaces | None:
    """The places in the page doc, whose body's text is text, or None when it has no
    headline like its title."""
    body = doc.find("body")
    headline = _headline(body, title) if body is not None and title else None
    if body is None or headline is None:
        return None
    return PagePlaces(text=text, headline_at=_text_before(body, headline))


def _text_before(body: lxml_html.HtmlElement, headline: lxml_html.HtmlElement) -> int:
    """How many characters of the body's text_content() come before headline's."""
    around = set(headline.iterancestors())
    length = 0
    for element in body.iter():
        if element is headline:
            break
        if isinstance(element.tag, str):
            length += len(element.text or "")
        if element not in around:
            length += len(element.tail or "")
    return length


def _headline(body: lxml_html.HtmlElement, title: str) -> lxml_html.HtmlElement | None:
    wanted = set(_WORD.findall(title.lower()))
    longest = HEADLINE_MAX_WORDS_PER_TITLE_WORD * len(wanted) + HEADLINE_SLACK_WORDS
    best, best_likeness = None, 0.0
    for heading in body.iter("h1", "h2", "h3"):
        words = _WORD.findall(heading.text_content().lower())
        if not words or len(words) > longest:
            continue
        shown = set(words)
        likeness = len(wanted & shown) / len(wanted | shown)
        if likeness > best_likeness:
            best, best_likeness = heading, likeness
    return best if best_likeness >= HEADLINE_MIN_LIKENESS else None
