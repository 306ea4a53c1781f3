"""Blocks that hold blocks, written so that Python-Markdown reads them back as they were.

markdownify writes what CommonMark reads; the reader's page is made by Python-Markdown,
which reads less:
- a list item's further blocks (a second paragraph, a nested list) belong to the item
  only when indented by four spaces; markdownify indents them by the bullet's width (two
  for "- ", three for "1. "), so nested lists came out flat and a second paragraph ended
  the list, its next number shown as text ("8. Next the database ...");
- a definition (`<dd>`) is a ":   " line under its term, read by the def_list extension;
  a `<dd>` with no term above it is how old pages indent text, and stays a plain block;
- a code block's lines may be `<div>`s or `<p>`s, or end in `<br>`, and a highlighter
  may put its language's name in a block of its own before the code (`<pre><div>ts</div>
  <div><code>...`); the text alone glued them ("tsfunction identity");
- Python-Markdown's fenced_code reads a fence only at the start of a line; one in a list
  item, a definition or a quote is written as CommonMark reads it (indented, or after
  "> "), with its language, and render/block_syntax.py reads it back; an item that
  opens with code gets a four-wide bullet ("-   ```sh"), so the fence and its lines
  share one indent;
- a nested list followed by more of its item needs a blank line after it, or what
  follows is read as more of its last item;
- two lists of one kind, or two quotes, a blank line apart are one to both Markdowns;
  a comment line (BLOCK_SEPARATOR) between them, as CommonMark writers part them,
  keeps them two, and render/block_syntax.py reads it as such with raw HTML off.
Four spaces are read the same by both, so the Markdown files stay portable.
"""

from __future__ import annotations

import re
from typing import Any

from bs4.element import Comment, NavigableString, Tag

# Python-Markdown's tab length: what a list item's further blocks must be indented by.
LIST_ITEM_INDENT = 4
DEFINITION_MARKER = ":   "
# Inside <pre>: elements a page uses for one line of code each.
CODE_LINE_TAGS = frozenset({"p", "div", "li", "tr", "table", "ul", "ol"})
# A highlighter's language label: one short word ("ts", "c++", "shell", "objective-c").
_LANGUAGE_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_+#.-]{0,19}")
# A nested list's first line, as Python-Markdown knows one ("1)" is no marker to it).
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}\.)(?:[ \t]|$)")
_START_NUMBER = re.compile(r"[0-9]{1,9}")
_LANGUAGE_CLASS = re.compile(r"(?:language|lang)-([A-Za-z0-9_+-]{1,30})")
_BACKTICK_RUNS = re.compile(r"`{3,}")
# Written between two lists, or two quotes, that Markdown would read as one; read back
# by render/block_syntax.py (render may not import article).
BLOCK_SEPARATOR = "<!-- -->"
# Containers markdownify writes as their content alone, so a list inside one may follow
# a list outside it with nothing between them.
_TRANSPARENT_BLOCKS = frozenset(
    {"div", "section", "article", "main", "header", "footer", "aside", "center", "span"}
)
# Elements that show something with no text: a rule between two lists parts them.
_EMPTY_BLOCKS = frozenset({"hr", "img"})
# The opening line of a fenced code block, as code_block writes it.
FENCE_OPENING = re.compile(r"(`{3,}|~{3,})")


def list_item(el: Any, text: str, bullets: str) -> str:
    """A list item: its bullet, and its further blocks indented by LIST_ITEM_INDENT (or by
    the bullet's width when that is wider, as "100. " is)."""
    text = (text or "").strip()
    if not text:
        return "\n"
    bullet = _bullet(el, bullets) + " "
    first, *rest = text.split("\n")
    opens_with_code = FENCE_OPENING.match(first) is not None
    if opens_with_code:
        bullet = bullet.ljust(LIST_ITEM_INDENT)
    lines = [bullet + first]
    # The item's first block goes on as markdownify wrote it (Python-Markdown takes its
    # lines as they come, and a quote's ">" must stay within three spaces) until a blank
    # line or a nested list, whose lines need the full indent; a code block's lines all
    # need it.
    first_block = not opens_with_code
    blank = False
    for line in rest:
        blank = blank or not line.strip()
        first_block = first_block and bool(line.strip()) and not _LIST_MARKER.match(line)
        width = len(bullet) if first_block else max(LIST_ITEM_INDENT, len(bullet))
        lines.append(" " * width + line if line.strip() else "")
    # After an item of several blocks, a blank line: else Python-Markdown reads the next
    # item's bullet as more of the item's last paragraph.
    return "\n".join(lines) + ("\n\n" if blank else "\n")


def ends_loose(el: Any, text: str, parent_tags: set[str]) -> str:
    """What a nested list adds after itself: a blank line when its last item has several
    blocks (markdownify trims it) or a block of its own item follows, so that neither is
    read as more of its last item."""
    if "li" not in parent_tags:
        return ""
    followed = any(_has_text_or_tag(sibling) for sibling in el.next_siblings)
    return "\n\n" if followed or text.endswith("\n\n") else ""


def separated_from_previous(el: Any) -> str:
    """BLOCK_SEPARATOR and its blank lines when the block written just before a list or a
    quote is another of its kind (a bulleted list after a bulleted list), which Markdown
    reads as one with it; else nothing."""
    previous = _previous_block(el)
    if previous is None or previous.name != el.name:
        return ""
    return f"\n\n{BLOCK_SEPARATOR}\n\n"


def _previous_block(el: Any) -> Any:
    """The element whose Markdown comes right before el's, through the containers
    markdownify writes as their content alone (a div, a section); None at the start of a
    list item, a quote or the article."""
    node = el
    while node is not None:
        sibling = node.previous_sibling
        while sibling is not None and not _shows_something(sibling):
            sibling = sibling.previous_sibling
        if sibling is not None:
            while isinstance(sibling, Tag) and sibling.name in _TRANSPARENT_BLOCKS:
                inner = [child for child in sibling.children if _shows_something(child)]
                if not inner:
                    break
                sibling = inner[-1]
            return sibling if isinstance(sibling, Tag) else None
        node = node.parent
        if node is None or node.name not in _TRANSPARENT_BLOCKS:
            return None
    return None


def _shows_something(node: Any) -> bool:
    if isinstance(node, Tag):
        return node.name in _EMPTY_BLOCKS or bool(node.get_text().strip()) or bool(node.find("img"))
    return _has_text_or_tag(node)


def _bullet(el: Any, bullets: str) -> str:
    """markdownify's bullet: "N." in an ordered list (from its start, if that is a plain
    number), else the unordered list's bullet for its depth."""
    parent = el.parent
    if parent is not None and parent.name == "ol":
        start = str(parent.get("start") or "")
        # ASCII digits only, and few: int() refuses "²" and a number of 4,300 digits.
        first = int(start) if _START_NUMBER.fullmatch(start) else 1
        return f"{first + len(el.find_previous_siblings('li'))}."
    depth = -1
    node = el
    while node is not None:
        if node.name == "ul":
            depth += 1
        node = node.parent
    return bullets[depth % len(bullets)]


def definition(el: Any, text: str) -> str:
    """A `<dd>` under a term: a ":   " line, its further lines indented by four spaces.
    One with no term above it is a plain block."""
    text = (text or "").strip()
    if not text:
        return "\n"
    if el.find_previous_sibling("dt") is None:
        return f"\n\n{text}\n\n"
    first, *rest = text.split("\n")
    indent = " " * LIST_ITEM_INDENT
    lines = [DEFINITION_MARKER + first] + [indent + line if line else "" for line in rest]
    return "\n".join(lines) + "\n"


def code_block(pre: Any) -> str:
    """A fenced code block, with the language its classes or its label name, and a fence
    longer than any run of backticks inside. The list item, definition or quote around
    it indents it (list_item, definition) or marks its lines ("> ")."""
    label = _language_label(pre)
    code = _code_text(pre, skip=label).strip("\n")
    if not code.strip():
        return ""
    longest_run = max((len(run) for run in _BACKTICK_RUNS.findall(code)), default=0)
    fence = "`" * max(3, longest_run + 1)
    language = _class_language(pre) or (label.get_text().strip().lower() if label else "")
    return f"\n\n{fence}{language}\n{code}\n{fence}\n\n"


def _class_language(pre: Any) -> str:
    for element in (pre, pre.find("code")):
        if element is None:
            continue
        for name in element.get("class") or []:
            match = _LANGUAGE_CLASS.fullmatch(name)
            if match:
                return str(match.group(1))
    return ""


def _language_label(pre: Any) -> Any:
    """The block before the code that only names its language, or None."""
    blocks = [child for child in pre.children if _has_text_or_tag(child)]
    if len(blocks) < 2 or not isinstance(blocks[0], Tag) or blocks[0].name not in CODE_LINE_TAGS:
        return None
    first = blocks[0]
    if first.find("code") is not None or not _LANGUAGE_LABEL.fullmatch(first.get_text().strip()):
        return None
    later_code = any(
        isinstance(b, Tag) and (b.name == "code" or b.find("code")) for b in blocks[1:]
    )
    return first if later_code else None


def _has_text_or_tag(node: Any) -> bool:
    if isinstance(node, Tag):
        return True
    return (
        isinstance(node, NavigableString) and not isinstance(node, Comment) and bool(node.strip())
    )


def _code_text(pre: Any, skip: Any = None) -> str:
    """The code's text, with a line break where a line element or a <br> ends a line."""
    if skip is None and pre.find(["br", *CODE_LINE_TAGS]) is None:
        return str(pre.get_text())  # the common case: the lines are in the text
    parts: list[str] = []
    _walk_code(pre, parts, skip)
    return "".join(parts)


def _walk_code(node: Any, parts: list[str], skip: Any) -> None:
    for child in node.children:
        if child is skip:
            continue
        if isinstance(child, Tag):
            if child.name == "br":
                parts.append("\n")
                continue
            line = child.name in CODE_LINE_TAGS
            if line:
                _end_line(parts)
            _walk_code(child, parts, skip)
            if line:
                _end_line(parts)
        elif isinstance(child, NavigableString) and not isinstance(child, Comment):
            parts.append(str(child))


def _end_line(parts: list[str]) -> None:
    if parts and not parts[-1].endswith("\n"):
        parts.append("\n")
