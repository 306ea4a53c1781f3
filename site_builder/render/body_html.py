"""Article Markdown -> sanitised HTML, and that HTML -> plain text: the Python-Markdown adapter.

Markdown is converted with raw HTML switched off, and the result passes the shared
allow-list; pages.article_page marks it safe for Jinja, and the search index reads its
text. The forks of Python-Markdown's internals live here: InlineSkippingMisses, and the
link patterns that pair a paragraph's brackets at once (ClosingBrackets).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast
from xml.etree import ElementTree

import markdown
from lxml import html as lxml_html
from markdown import inlinepatterns
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from site_builder.core.records import Highlight, PageHighlight
from site_builder.core.sanitize import sanitize_html
from site_builder.render.block_syntax import read_commonmark_blocks
from site_builder.render.highlight import highlight_code_blocks
from site_builder.render.highlight_marks import (
    HIGHLIGHT_PATTERN,
    NOTE_REF_PREFIX,
    HighlightAnchors,
    StoredQuotes,
    add_highlights,
    images_as_links,
)

# Written by article/to_markdown.py (TABLE_CAPTION there); render may not import article.
TABLE_CAPTION = "Table: "

MARKDOWN_EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list")
FOCUSABLE_PRE = '<pre tabindex="0">'
_BLOCK_TAGS = (
    "p", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "tr",
    "figcaption", "dt", "dd", "table", "ul", "ol", "div", "figure", "caption",
)  # fmt: skip


def markdown_to_html(body: str) -> str:
    """Article Markdown -> sanitised HTML. Raw HTML in the Markdown is shown as text;
    code blocks that name a known language are highlighted."""
    return render_body(body).html


def finish_html(converted: str) -> str:
    """Python-Markdown's HTML as the site publishes it: code blocks focusable and
    highlighted, then sanitised."""
    # A code block wider than the column scrolls; tabindex lets a keyboard scroll it too
    # (axe: scrollable-region-focusable). Raw HTML is off, so each "<pre>" is a block's own.
    converted = converted.replace("<pre>", FOCUSABLE_PRE)
    return sanitize_html(highlight_code_blocks(converted))


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteHtml:
    """A reader's note as sanitised HTML: made by note_to_html alone."""

    html: str


def note_to_html(note: str) -> NoteHtml:
    """A reader's note, Markdown, -> sanitised HTML, as an article's; its images are
    links (highlight_marks.images_as_links), and it has no highlights of its own."""
    converted = _converter(note=True).reset().convert(note)
    return NoteHtml(html=_without_carriage_returns(sanitize_html(converted)))


def _without_carriage_returns(html: str) -> str:
    """A carriage return as a line feed, as every HTML parser reads it (a hand-written
    `&#13;` is one after the allow-list): the HTML then reads the same when parsed again."""
    return html.replace("\r", "\n")


class ImagesAsLinks(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        images_as_links(root)


@dataclass(frozen=True, slots=True, kw_only=True)
class Body:
    """An article's body as HTML, with its highlights: marked in the text, then the
    stored quotes the text does not hold (shown in the Highlights box)."""

    html: str
    highlights: tuple[PageHighlight, ...] = ()


def render_body(body: str, stored: tuple[Highlight, ...] = ()) -> Body:
    """Article Markdown -> sanitised HTML, marking `==text==` and the stored quotes."""
    converter = _converter()
    quotes = cast(StoredQuotes, converter.treeprocessors["stored_quotes"])
    quotes.quotes = stored
    # reset() forgets the last article's references and stash, as a new converter would.
    html = _without_carriage_returns(finish_html(converter.reset().convert(body)))
    anchors = cast(HighlightAnchors, converter.treeprocessors["highlight_anchors"])
    if not anchors.found and not quotes.unmatched:
        return Body(html=html)
    quoted = _mark_texts(html) if anchors.found else {}
    marked = tuple(
        PageHighlight(anchor=found.anchor, quote=quoted.get(found.anchor, ""), note=found.note)
        for found in anchors.found
    )
    boxed = tuple(
        PageHighlight(
            anchor=f"highlight-{len(marked) + number}",
            quote=highlight.quote,
            note=highlight.note,
            in_text=False,
        )
        for number, highlight in enumerate(quotes.unmatched, start=1)
    )
    return Body(html=html, highlights=marked + boxed)


def _mark_texts(html: str) -> dict[str, str]:
    """Each mark's plain text, by its id, as the page shows it."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    return {
        mark.get("id", ""): " ".join(mark.text_content().split())
        for mark in root.iter("mark")
        if mark.get("id")
    }


def html_to_text(fragment: str) -> str:
    """Plain text with a line break after each block, so words never glue across blocks."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    if NOTE_REF_PREFIX in fragment:
        _drop_note_numbers(root)
    for element in root.iter(*_BLOCK_TAGS, "br"):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _drop_note_numbers(root: Any) -> None:
    """A note's number and its way back are not words: "boats¹" is "boats" to a search."""
    numbers = f'.//sup[starts-with(@id, "{NOTE_REF_PREFIX}")]'
    ways_back = f'.//a[starts-with(@href, "#{NOTE_REF_PREFIX}")]'
    for element in root.xpath(f"{numbers} | {ways_back}"):
        element.drop_tree()


class LazyImages(Treeprocessor):
    """An image still on its original site is fetched only when seen, with no referrer."""

    def run(self, root: ElementTree.Element) -> None:
        for image in root.iter("img"):
            image.set("loading", "lazy")
            image.set("referrerpolicy", "no-referrer")


class Captions(Treeprocessor):
    """Captions back as HTML: an image with an emphasised line right under it becomes a
    figure and its figcaption, and a "Table: " paragraph right before a table becomes
    the table's caption (how article/to_markdown.py writes them: FIGURE_CAPTION,
    TABLE_CAPTION)."""

    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            children = list(parent)
            for number, child in enumerate(children):
                if child.tag != "p":
                    continue
                following = children[number + 1] if number + 1 < len(children) else None
                if _is_captioned_image(child):
                    _make_figure(child)
                elif following is not None and following.tag == "table":
                    _move_table_caption(parent, child, following)


def _is_captioned_image(paragraph: ElementTree.Element) -> bool:
    parts = list(paragraph)
    return (
        len(parts) == 2
        and [part.tag for part in parts] == ["img", "em"]
        and not (paragraph.text or "").strip()
        and "\n" in (parts[0].tail or "")  # the caption on a line of its own
        and not (parts[0].tail or "").strip()
        and not (parts[1].tail or "").strip()
    )


def _make_figure(paragraph: ElementTree.Element) -> None:
    image, caption = list(paragraph)
    paragraph.tag = "figure"
    image.tail = None
    caption.tag = "figcaption"
    caption.tail = None


def _move_table_caption(
    parent: ElementTree.Element, paragraph: ElementTree.Element, table: ElementTree.Element
) -> None:
    text = paragraph.text or ""
    if not text.startswith(TABLE_CAPTION) or not text[len(TABLE_CAPTION) :].strip():
        return
    paragraph.tag = "caption"
    paragraph.text = text[len(TABLE_CAPTION) :]
    parent.remove(paragraph)
    table.insert(0, paragraph)


class InlineSkippingMisses(InlineProcessor):
    """Python-Markdown's inline pass, not calling a pattern on text it cannot match.

    A fork of Python-Markdown 3.11.3's InlineProcessor: it replaces the name-mangled
    __handleInline loop, calls the private __applyPattern, and knows the inline patterns'
    regular expressions (_NEEDED_TEXT). It exists for speed: Python-Markdown offers each
    inline pattern to each run of text in turn, most find nothing, and those offers are
    about half of a conversion (bench/markdown_cost.py measures it), more in the calling
    than in the searching. Here a pattern is offered the text only when it can match:
    text holding none of the characters any pattern needs is left at once, and a pattern
    that would find nothing is passed over as Python-Markdown's own miss leaves it, on to
    the next pattern from the start of the text. A pattern it does not know is offered
    everything, as Python-Markdown would.

    tests/render/test_body_html.py holds its output to stock Python-Markdown's, on the
    sample archive's articles, the goldens, and generated Markdown.
    """

    def run(self, tree: ElementTree.Element, ancestors: list[str] | None = None) -> Any:
        self._patterns = list(self.inlinePatterns)  # the registry sorts on every lookup
        # When every pattern's needs are known, text holding none of them is left alone.
        all_known = all(
            isinstance(pattern, InlinePattern)
            and pattern.getCompiledRegExp().pattern in _NEEDED_TEXT
            for pattern in self._patterns
        )
        self._any_needed = _ANY_NEEDED_TEXT if all_known else None
        return super().run(tree, ancestors)

    # Python-Markdown 3.11.3's own loop (InlineProcessor.__handleInline), with the search first.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, AtomicString) or (
            self._any_needed is not None and self._any_needed.search(data) is None
        ):
            return data
        start = 0
        patterns = self._patterns
        while patternIndex < len(patterns):
            pattern = patterns[patternIndex]
            if isinstance(pattern, InlinePattern) and not _may_match(pattern, data, start):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(  # type: ignore[attr-defined]
                pattern, data, patternIndex, start
            )
            if not matched:
                patternIndex += 1
        return data


def _may_match(pattern: InlinePattern, data: str, start: int) -> bool:
    """Whether the pattern finds anything in data from start, as its finditer would."""
    regex = pattern.getCompiledRegExp()
    needed = _NEEDED_TEXT.get(regex.pattern, ())
    if needed and all(data.find(text, start) == -1 for text in needed):
        return False
    return regex.search(data, start) is not None


# Text that Python-Markdown 3.11.3's inline patterns cannot match without, by pattern: a plain
# find is quicker than a search starting with a look-behind. (A pattern not listed, or
# changed in another version, is only searched.)
_NEEDED_TEXT = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code spans
    r"(?<!\!)\[": ("[",),  # links and references
    r"\!\[": ("![",),  # images
    r"\\(.)": ("\\",),  # backslash escapes
    r"  \n": ("  \n",),  # line breaks
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # autolinks
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # e-mail autolinks
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # character references
    r"\*|_": ("*", "_"),  # emphasis
    HIGHLIGHT_PATTERN: ("==",),  # highlights (ours)
}
_ANY_NEEDED_TEXT = re.compile(
    "|".join(re.escape(t) for texts in _NEEDED_TEXT.values() for t in texts)
)


# One converter per thread, reused: making one costs 0.16 ms, 6% of converting an article.
_converters = threading.local()


def _converter(*, note: bool = False) -> markdown.Markdown:
    """The article converter, or (note) the one for a reader's note."""
    name = "note" if note else "markdown"
    converter: markdown.Markdown | None = getattr(_converters, name, None)
    if converter is None:
        converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
        escape_definition_markers(converter)
        # Raw HTML in an article is archived text, never markup: it came from an untrusted page.
        converter.preprocessors.deregister("html_block")
        read_commonmark_blocks(converter)
        converter.inlinePatterns.deregister("html")
        converter.treeprocessors.register(InlineSkippingMisses(converter), "inline", 20)
        pair_brackets_at_once(converter)
        converter.treeprocessors.register(Captions(converter), "captions", 5)
        converter.treeprocessors.register(LazyImages(converter), "lazy_images", 0)
        if note:
            converter.treeprocessors.register(ImagesAsLinks(converter), "images_as_links", 1)
        else:
            add_highlights(converter)
        setattr(_converters, name, converter)
    return converter


def escape_definition_markers(converter: markdown.Markdown) -> None:
    """A backslash before ":" shows the colon: a line of text that starts ":" is written
    so (to_markdown.escape_line_start), and def_list then never takes it for a definition."""
    converter.ESCAPED_CHARS.append(":")


_BRACKET = re.compile(r"[\[\]]")


class ClosingBrackets(LinkInlineProcessor):
    """Python-Markdown's link text (getText), its closing bracket found by the brackets alone.

    Python-Markdown 3.11 finds, for every index of a text, the bracket that closes there,
    in a Python loop over every character, and again for each link of a paragraph, as each
    one found changes the text. That was 5.5% of a worker's time on the devset's pages
    (bench/results.md). A link's text always starts right after its "[": this pairs the
    brackets of the text only, with a regular expression, and answers the same.
    """

    _closings_of: str | None = None
    _closings: dict[int, int]

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        if index == 0 or data[index - 1] != "[":
            return super().getText(data, index)  # not after a bracket: never asked so
        if self._closings_of is not data:
            self._closings_of, self._closings = data, closing_brackets(data)
        end = self._closings.get(index)
        if end is None:
            return data[index:], len(data), False
        return data[index : end - 1], end, True


def closing_brackets(data: str) -> dict[int, int]:
    """For the index right after each "[" of data that is closed, the index right after
    the "]" that closes it."""
    opened: list[int] = []
    closings: dict[int, int] = {}
    for bracket in _BRACKET.finditer(data):
        if bracket.group() == "[":
            opened.append(bracket.end())
        elif opened:
            closings[opened.pop()] = bracket.end()
    return closings


class _Image(ClosingBrackets, inlinepatterns.ImageInlineProcessor):
    pass


class _Reference(ClosingBrackets, inlinepatterns.ReferenceInlineProcessor):
    pass


class _ShortReference(ClosingBrackets, inlinepatterns.ShortReferenceInlineProcessor):
    pass


class _ImageReference(ClosingBrackets, inlinepatterns.ImageReferenceInlineProcessor):
    pass


class _ShortImageReference(ClosingBrackets, inlinepatterns.ShortImageReferenceInlineProcessor):
    pass


def pair_brackets_at_once(converter: markdown.Markdown) -> None:
    """Python-Markdown's link and image patterns, replaced by ClosingBrackets' in their
    places."""
    for name, pattern, priority in _LINK_PATTERNS:
        converter.inlinePatterns.register(pattern(converter), name, priority)


# Python-Markdown 3.11's link patterns (inlinepatterns.build_inlinepatterns), by name, with
# their regular expressions and priorities.
_LINK_PATTERNS: tuple[tuple[str, Callable[[markdown.Markdown], InlinePattern], int], ...] = (
    ("reference", lambda md: _Reference(inlinepatterns.REFERENCE_RE, md), 170),
    ("link", lambda md: ClosingBrackets(inlinepatterns.LINK_RE, md), 160),
    ("image_link", lambda md: _Image(inlinepatterns.IMAGE_LINK_RE, md), 150),
    ("image_reference", lambda md: _ImageReference(inlinepatterns.IMAGE_REFERENCE_RE, md), 140),
    ("short_reference", lambda md: _ShortReference(inlinepatterns.REFERENCE_RE, md), 130),
    (
        "short_image_ref",
        lambda md: _ShortImageReference(inlinepatterns.IMAGE_REFERENCE_RE, md),
        125,
    ),
)
