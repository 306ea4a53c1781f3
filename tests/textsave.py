"""A browser-like "Save Page As: Text" of an HTML page, for tests and the quality gate.

It imitates what Firefox writes (its plain-text serialiser): the page title on the first
line, then the whole page, menus and footers included, since a browser saves everything:

- block elements start on their own line; paragraphs, headings, lists, quotes and tables
  have a blank line before and after;
- `<li>` is "  • item", two more spaces for each level of nesting;
- links are their text, images and form controls nothing; scripts and styles are dropped;
- `<pre>` keeps its line breaks; elsewhere runs of whitespace become one space;
- table cells are separated by a tab, a row per line.
"""

from __future__ import annotations

import re

import lxml.etree
from lxml import html as lxml_html

# Never shown as text by a browser.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "select", "option", "textarea",
     "button", "iframe", "object", "embed", "svg", "math", "img", "input", "video", "audio",
     "canvas", "map"}
)  # fmt: skip
# Start and end on a line of their own, with a blank line around them.
_SPACED_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "dl", "hr",
     "address", "figure", "fieldset"}
)  # fmt: skip
# Start and end on a line of their own.
_LINE_BLOCKS = frozenset(
    {"div", "section", "article", "header", "footer", "nav", "aside", "main", "form", "tr",
     "dt", "dd", "figcaption", "center", "details", "summary", "caption", "legend", "body",
     "html", "li", "ul", "ol", "menu", "dir", "tbody", "thead", "tfoot", "noframes",
     "frameset", "frame", "hgroup"}
)  # fmt: skip
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_CELLS = frozenset({"td", "th"})
_SPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
BULLET = "•"


class _Writer:
    """Collects text into lines, with at most one blank line between blocks."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current = ""
        self.prefix = ""  # written before the next text of the current line
        self.blank_wanted = False

    def text(self, value: str, *, preformatted: bool = False) -> None:
        if preformatted:
            first, *rest = value.split("\n")
            self._inline(first, keep=True)
            for part in rest:
                self.newline(keep_empty=True)
                self._inline(part, keep=True)
            return
        self._inline(_SPACE.sub(" ", value), keep=False)

    def _inline(self, value: str, *, keep: bool) -> None:
        if not keep and not self.current.strip() and not value.strip():
            return
        if not self.current:
            if not keep:
                value = value.lstrip()
            if not value:
                return
            if self.blank_wanted and self.lines and self.lines[-1] != "":
                self.lines.append("")
            self.blank_wanted = False
            self.current = self.prefix
            self.prefix = ""
        elif not keep and self.current.endswith(" ") and value.startswith(" "):
            value = value.lstrip()
        self.current += value

    def newline(self, *, keep_empty: bool = False) -> None:
        line = self.current.rstrip()
        if line.strip():
            self.lines.append(line)
        elif keep_empty and self.lines:
            self.lines.append("")
        self.current = ""

    def blank(self) -> None:
        self.newline()
        self.blank_wanted = True

    def result(self) -> str:
        self.newline()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""


def text_save(html: str) -> str:
    """The page as a browser's "Save as Text" would write it."""
    markup = _XML_DECLARATION.sub("", html, count=1)
    try:
        doc = lxml_html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return ""
    writer = _Writer()
    title = doc.findtext(".//title")
    if title and title.strip():
        writer.text(title)
        writer.newline()
    body = doc.find("body")
    _walk(body if body is not None else doc, writer, depth=0, pre=False)
    return writer.result()


def _walk(element: lxml_html.HtmlElement, writer: _Writer, *, depth: int, pre: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    skipped = (
        not tag
        or tag in _SKIPPED
        or element.get("hidden") is not None
        or bool(_HIDDEN_STYLE.search(element.get("style", "")))
    )
    if not skipped:
        _element(element, tag, writer, depth=depth, pre=pre)
    if element.tail:
        writer.text(element.tail, preformatted=pre)


def _element(
    element: lxml_html.HtmlElement, tag: str, writer: _Writer, *, depth: int, pre: bool
) -> None:
    if tag == "br":
        writer.newline(keep_empty=pre)
        return
    spaced, line = tag in _SPACED_BLOCKS, tag in _LINE_BLOCKS
    nested_list = tag in _LISTS and depth > 0
    if (spaced or tag in _LISTS) and not nested_list:
        writer.blank()
    elif line or nested_list:
        writer.newline()
    if tag == "li":
        writer.prefix = "  " * max(depth, 1) + f"{BULLET} "
    if tag in _CELLS and writer.current:
        writer.text("\t", preformatted=True)
    inner_pre = pre or tag in {"pre", "textarea", "listing", "xmp"}
    inner_depth = depth + 1 if tag in _LISTS else depth
    if element.text:
        writer.text(element.text, preformatted=inner_pre)
    for child in element:
        _walk(child, writer, depth=inner_depth, pre=inner_pre)
    if (spaced or tag in _LISTS) and not nested_list:
        writer.blank()
    elif line or nested_list:
        writer.newline()
