"""Highlights in an article's HTML: the Python-Markdown side of `==text==`.

The reader marks a passage in the Markdown as `==text==` (the syntax of Obsidian and
pymdownx.mark), with a note on it as `==text==^[the note]`; a front matter's
`highlights:` holds passages by their quote (importers write them so). All become
`<mark id="highlight-N">` in document order; each note becomes a footnote: a numbered
`<sup>` after the mark, and the note itself in a list at the end of the article.

Three parts, registered on the converter by add_highlights:
- InlineHighlights, an inline pattern, makes a wrapper of `==text==^[note]`;
- StoredQuotes, before the inline pass, wraps the first plain occurrence of each stored
  quote the same way (one found only across formatting, a link's text or another mark is
  left for the Highlights box, as it would be cut in two);
- HighlightAnchors, after the inline pass, unwraps them into marks and footnotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from site_builder.core.records import Highlight

# `==text==`, not inside `===` and not with a blank inside either `==` ("a == b" is
# arithmetic, not a mark); `^[note]` right after it may hold one level of brackets, for a
# link. Python-Markdown compiles inline patterns with DOTALL: a mark may wrap a line.
HIGHLIGHT_PATTERN = r"(?<!=)==(?![=\s])(.+?)(?<![=\s])==(?!=)(?:\^\[((?:[^\[\]]|\[[^\[\]]*\])*)\])?"
ANCHOR_PREFIX = "highlight-"
NOTE_PREFIX = "highlight-note-"
NOTE_REF_PREFIX = "highlight-ref-"
# After the links (160) and autolinks, as emphasis (60) is: an address that holds "=="
# (a redirector's ".../rd/271610==http://...", dragnet R17) is never read as a mark, and
# a link inside a mark is still a link.
INLINE_PRIORITY = 65
_WRAPPER = "x-highlight"  # made and unmade within one conversion; never in the output
_NOTE = "x-highlight-note"
_NOTE_SOURCE = "data-note"
# Where a stored quote is never looked for: code is quoted as it is.
_NOT_SEARCHED = frozenset({"pre", "code", _WRAPPER})


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkedPassage:
    """A mark the conversion made: its anchor, and its note as the Markdown gave it."""

    anchor: str
    note: str


class InlineHighlights(InlinePattern):
    """`==text==` and `==text==^[note]`."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[Element, int, int]:
        return _wrapper(m.group(1), m.group(2) or ""), m.start(0), m.end(0)


class StoredQuotes(Treeprocessor):
    """Marks each front-matter quote where the text holds it; unmatched keeps the rest."""

    quotes: tuple[Highlight, ...] = ()
    unmatched: tuple[Highlight, ...] = ()

    def run(self, root: Element) -> None:
        unmatched = []
        for highlight in self.quotes:
            if not _wrap_first(root, highlight):
                unmatched.append(highlight)
        self.unmatched = tuple(unmatched)


class HighlightAnchors(Treeprocessor):
    """Each wrapper becomes `<mark id>`, and its note a footnote; found lists them."""

    found: tuple[MarkedPassage, ...] = ()

    def run(self, root: Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        notes: list[Element] = []
        found = []
        for number, wrapper in enumerate(list(root.iter(_WRAPPER)), start=1):
            anchor = f"{ANCHOR_PREFIX}{number}"
            note = wrapper.get(_NOTE_SOURCE, "")
            found.append(MarkedPassage(anchor=anchor, note=note))
            shown = [wrapper[0]]
            shown[0].set("id", anchor)
            if note:
                shown.append(_note_reference(len(notes) + 1))
                notes.append(_note_item(len(notes) + 1, wrapper[1]))
            _replace(parents[wrapper], wrapper, shown)
        if notes:
            SubElement(root, "hr")
            listing = SubElement(root, "ol")
            listing.extend(notes)
        self.found = tuple(found)


def add_highlights(converter: markdown.Markdown) -> None:
    """Register the three parts on a converter."""
    converter.inlinePatterns.register(
        InlineHighlights(HIGHLIGHT_PATTERN, converter), "highlight", INLINE_PRIORITY
    )
    converter.treeprocessors.register(StoredQuotes(converter), "stored_quotes", 25)
    converter.treeprocessors.register(HighlightAnchors(converter), "highlight_anchors", 15)


def _wrapper(quote: str, note: str) -> Element:
    wrapper = Element(_WRAPPER)
    SubElement(wrapper, "mark").text = quote
    if note.strip():
        wrapper.set(_NOTE_SOURCE, note.strip())
        SubElement(wrapper, _NOTE).text = note.strip()
    return wrapper


def _wrap_first(parent: Element, highlight: Highlight) -> bool:
    """Wrap the first occurrence of the quote in parent's text, or its descendants'."""
    if parent.tag in _NOT_SEARCHED:
        return False
    place = _place(parent.text, highlight.quote)
    if place is not None:
        parent.text, wrapper = _split(place, highlight)
        parent.insert(0, wrapper)
        return True
    for index, child in enumerate(parent):
        if _wrap_first(child, highlight):
            return True
        place = _place(child.tail, highlight.quote)
        if place is not None:
            child.tail, wrapper = _split(place, highlight)
            parent.insert(index + 1, wrapper)
            return True
    return False


def _place(text: str | None, quote: str) -> tuple[str, str] | None:
    """(text before, text after) the quote's first occurrence where it may be marked.

    Not inside a link's text (an open `[` before it: marking would cut the link in two),
    a code span (an odd number of backticks before it), nor `==...==` (marked already).
    """
    if not text or isinstance(text, AtomicString) or quote not in text:
        return None
    before, after = text.split(quote, 1)
    if before.count("[") > before.count("]") or before.count("`") % 2 or before.count("==") % 2:
        return None
    return before, after


def _split(place: tuple[str, str], highlight: Highlight) -> tuple[str, Element]:
    before, after = place
    wrapper = _wrapper(highlight.quote, highlight.note)
    wrapper.tail = after
    return before, wrapper


def _note_reference(number: int) -> Element:
    sup = Element("sup", id=f"{NOTE_REF_PREFIX}{number}")
    SubElement(sup, "a", href=f"#{NOTE_PREFIX}{number}").text = str(number)
    return sup


def images_as_links(root: Element) -> None:
    """A note's images become links to them: a note is the reader's text, and what it
    names is loaded only if the reader asks (an importer may have written it)."""
    for image in root.iter("img"):
        src, alt = image.get("src", ""), image.get("alt") or image.get("src", "")
        tail = image.tail
        image.clear()
        image.tag, image.text, image.tail = "a", alt, tail
        image.set("href", src)


def _note_item(number: int, note: Element) -> Element:
    images_as_links(note)
    item = Element("li", id=f"{NOTE_PREFIX}{number}")
    item.text = note.text
    item.extend(list(note))
    back = SubElement(item, "a", href=f"#{NOTE_REF_PREFIX}{number}")
    back.text = "↩"
    back.tail = None
    if len(item) > 1:
        item[-2].tail = (item[-2].tail or "") + " "
    else:
        item.text = (item.text or "") + " "
    return item


def _replace(parent: Element, old: Element, new: list[Element]) -> None:
    """Put new in old's place; old's tail follows the last of them."""
    index = list(parent).index(old)
    new[-1].tail = old.tail
    parent.remove(old)
    for offset, element in enumerate(new):
        parent.insert(index + offset, element)
