"""Convert: ExtractedPage -> Article, i.e. clean Markdown with its metadata and file name.

The markdownify adapter: ArticleMarkdownConverter holds the article's Markdown rules, and
QuickWalkConverter, the one fork of markdownify's internals, walks the tree faster.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bs4.element import Comment, Doctype, NavigableString, Tag

# markdownify's stub names its public API, not the module's patterns the fork shares.
from markdownify import (  # type: ignore[attr-defined]
    MarkdownConverter,
    re_all_whitespace,
    re_html_heading,
    re_newline_whitespace,
    re_whitespace,
)

from site_builder.article.markdown_blocks import (
    code_block,
    definition,
    ends_loose,
    list_item,
    separated_from_previous,
)
from site_builder.article.tidy_fragment import INLINE_TAGS, tidy_fragment
from site_builder.core.records import Article, ArticleMeta, ExtractedPage
from site_builder.core.sanitize import is_safe_url, sanitize_html
from site_builder.core.slugs import slugify

UNDATED_PREFIX = "undated"
# How captions are written in an article's Markdown: a figure's as an emphasised line right
# under its image, a table's as a paragraph starting "Table: " right before the table.
# render/body_html.py turns both back into <figcaption> and <caption>.
FIGURE_CAPTION = "*{}*"
TABLE_CAPTION = "Table: "


class ArticleMarkdownConverter(MarkdownConverter):
    """markdownify with the article's own rules, each through one of its hooks.

    Only what Python-Markdown would misread is escaped (escape, and process_text for a
    marker that starts a line); a code block keeps its language and survives inner
    fences (convert_pre); a list item's and a definition's further blocks are indented as
    Python-Markdown reads them (convert_li, convert_dd; see markdown_blocks.py); a figure
    is a block of its own (convert_figure). Everything else, the walk of the tree among
    it, is markdownify's.
    """

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return code_block(el)

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return list_item(el, text, self.options["bullets"])  # type: ignore[attr-defined]

    def convert_list(self, el: Any, text: str, parent_tags: set[str]) -> str:
        converted = str(super().convert_list(el, text, parent_tags))  # type: ignore[misc]
        return _after_separator(el, converted) + ends_loose(el, text, parent_tags)

    # markdownify binds these to its own convert_list when its class is made.
    convert_ul = convert_list
    convert_ol = convert_list

    def convert_blockquote(self, el: Any, text: str, parent_tags: set[str]) -> str:
        converted = str(super().convert_blockquote(el, text, parent_tags))  # type: ignore[misc]
        if "_inline" in parent_tags or not converted.strip():
            return converted
        return _after_separator(el, converted)

    def convert_dd(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return f" {text.strip()} "  # markdownify's own, in a heading or a table cell
        return definition(el, text)

    def convert_figure(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A figure is a block: its image, then its caption as an emphasised line right
        under it (FIGURE_CAPTION), which the reader's page shows as a figcaption."""
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        lines = [line for line in text.strip().splitlines() if line.strip()]
        return "\n\n" + "\n".join(lines) + "\n\n" if lines else ""

    def convert_figcaption(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "figure" in parent_tags and text.strip():
            return "\n" + FIGURE_CAPTION.format(" ".join(text.split())) + "\n"
        return f"\n\n{text.strip()}\n\n"  # markdownify's own, outside a figure

    def convert_caption(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A table's caption: a "Table: " line right before it (pandoc's way)."""
        caption = " ".join(text.split())
        return f"\n\n{TABLE_CAPTION}{caption}\n\n" if caption else ""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        escaped = escape_inline(text, in_link="a" in parent_tags)
        if "|" in escaped and ("td" in parent_tags or "th" in parent_tags):
            # A cell's "|" would split it, and a row of more cells than the header's
            # leaves the whole table as text ("About | Courses | Contact").
            return escaped.replace("|", r"\|")
        return escaped

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        text = str(super().process_text(el, parent_tags=parent_tags))  # type: ignore[misc]
        if text and "_noformat" not in (parent_tags or ()) and _starts_line(el):
            text = escape_line_start(text)
        return text


class QuickWalkConverter(ArticleMarkdownConverter):
    """ArticleMarkdownConverter with a cheaper walk of the tree: the one fork of
    markdownify's internals.

    process_tag and process_text are markdownify 1.2.3's own (MarkdownConverter's), step
    for step, with the line-start escaping of ArticleMarkdownConverter.process_text; they
    exist for speed, as markdownify's walk was most of the time to_article spent. A tag
    name is tested once, not by a regular expression for every neighbour; "inside a
    <pre>" is read from parent_tags, which names every ancestor, rather than by a search
    of the parents; newlines are split off by str methods. Its whitespace patterns are
    markdownify's own. tests/article/test_to_markdown.py holds its output to
    ArticleMarkdownConverter's (markdownify's walk) on real pages and generated HTML.
    """

    def process_tag(self, node: Any, parent_tags: set[str] | None = None) -> str:
        if parent_tags is None:
            parent_tags = set()
        name = node.name
        strips_inside = _strips_whitespace_inside(node)
        children = [child for child in node.children if not _ignorable(child, strips_inside)]

        tags_for_children = set(parent_tags)
        tags_for_children.add(name)
        if _is_heading(name) or name in ("td", "th"):
            tags_for_children.add("_inline")
        if name in ("pre", "code", "kbd", "samp"):
            tags_for_children.add("_noformat")

        child_strings = []
        for child in children:
            if isinstance(child, NavigableString):
                converted = self.process_text(child, parent_tags=tags_for_children)
            else:
                converted = self.process_tag(child, parent_tags=tags_for_children)
            if converted:
                child_strings.append(converted)

        # parent_tags names every ancestor, so this asks whether the tag is in a <pre>.
        if name != "pre" and "pre" not in parent_tags:
            child_strings = _collapse_newlines(child_strings)
        text = "".join(child_strings)

        convert_fn = self.get_conv_fn_cached(name)  # type: ignore[attr-defined]
        if convert_fn is not None:
            text = convert_fn(node, text, parent_tags=parent_tags)
        return str(text)

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        if parent_tags is None:
            parent_tags = set()
        text = str(el)
        if "pre" not in parent_tags:
            if self.options["wrap"]:  # type: ignore[attr-defined]
                text = re_all_whitespace.sub(" ", text)
            else:
                text = re_whitespace.sub(" ", re_newline_whitespace.sub("\n", text))
        if "_noformat" not in parent_tags:
            text = self.escape(text, parent_tags)

        # No blanks at a block's edges or next to a block.
        previous, following = el.previous_sibling, el.next_sibling
        strips_parent = _strips_whitespace_inside(el.parent)
        if _strips_whitespace_outside(previous) or (strips_parent and not previous):
            text = text.lstrip(" \t\r\n")
        if _strips_whitespace_outside(following) or (strips_parent and not following):
            text = text.rstrip()

        if text and "_noformat" not in parent_tags and _starts_line(el):
            text = escape_line_start(text)
        return text


def _after_separator(el: Any, converted: str) -> str:
    separator = separated_from_previous(el)
    return separator + converted.lstrip("\n") if separator else converted


def _strips_whitespace_inside(element: Any) -> bool:
    """markdownify's should_remove_whitespace_inside, remembered by tag name."""
    name = element.name if element is not None else None
    if not name:
        return False
    known = _STRIPS_INSIDE.get(name)
    if known is None:
        known = _STRIPS_INSIDE[name] = _is_heading(name) or name in _WHITESPACE_INSIDE_DROPPED
    return known


def _strips_whitespace_outside(element: Any) -> bool:
    """markdownify's should_remove_whitespace_outside: a block, or <pre>."""
    return _strips_whitespace_inside(element) or (element is not None and element.name == "pre")


def _is_heading(name: str) -> bool:
    known = _HEADINGS.get(name)
    if known is None:
        known = _HEADINGS[name] = re_html_heading.match(name) is not None
    return known


def _ignorable(node: Any, strips_inside: bool) -> bool:
    """markdownify's test for children it skips: comments, and blanks at a block's edges."""
    if type(node) is not NavigableString:  # the common case first
        if isinstance(node, Tag):
            return False
        if isinstance(node, (Comment, Doctype)):
            return True
        if not isinstance(node, NavigableString):
            if node is None:
                return True
            raise ValueError(f"Unexpected element type: {type(node)}")
    if node.strip():
        return False
    if strips_inside and (not node.previous_sibling or not node.next_sibling):
        return True
    return _strips_whitespace_outside(node.previous_sibling) or _strips_whitespace_outside(
        node.next_sibling
    )


def _collapse_newlines(child_strings: list[str]) -> list[str]:
    """At each join between children keep the longer run of newlines, at most two."""
    collapsed = [""]  # so the first lookback works
    for child_string in child_strings:
        unled = child_string.lstrip("\n")
        leading_nl = child_string[: len(child_string) - len(unled)]  # newlines only: all lead
        content = unled.rstrip("\n")
        trailing_nl = unled[len(content) :]
        if collapsed[-1] and leading_nl:
            previous_trailing_nl = collapsed.pop()
            leading_nl = "\n" * min(2, max(len(previous_trailing_nl), len(leading_nl)))
        collapsed.extend([leading_nl, content, trailing_nl])
    return collapsed


def escape_inline(text: str, *, in_link: bool = False) -> str:
    """Backslashes only where Python-Markdown would otherwise read markup.

    A "*" touching a word, a run of "_" at a word's edge, a backtick, a "[" that would
    open a link, and a backslash before a character it would escape. "snake_case",
    "2 * 3" and "a _ b" stay as they are (Python-Markdown's emphasis needs a word on one
    side). Inside link text every bracket is escaped.
    """
    if not text:
        return ""
    # Each pattern only where its character occurs: most text has none of them.
    if "&" in text:
        text = _DOUBLE_SPACE.sub(" ", _LITERAL_NBSP.sub(" ", text))
    if "\\" in text:
        text = _ESCAPABLE_AFTER_BACKSLASH.sub(r"\\\\", text)
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    if "*" in text:
        text = _LOOSE_ASTERISK.sub(r"\\*", text)
    if "_" in text:
        text = _BOUNDARY_UNDERSCORES.sub(_escape_underscores, text)
    text = text.replace("`", r"\`")
    if in_link:
        return text.replace("[", r"\[").replace("]", r"\]")
    return _escape_link_openers(text) if "[" in text else text


def _escape_link_openers(text: str) -> str:
    """Escape every "[" before the last "]" that is followed by "(", "[" or ":".

    Python-Markdown's link text may hold brackets of its own, and escaping one of them
    changes which "]" closes the link, so a "[" is left alone only where no link could
    close after it; the odd "[" escaped that did not need it shows on the page the same.
    """
    closers = [match.start() for match in _LINK_CLOSER.finditer(text)]
    if not closers:
        return text
    return text[: closers[-1]].replace("[", "\\[") + text[closers[-1] :]


def _escape_underscores(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    alone = (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace())
    return match.group(0) if alone else match.group(0).replace("_", r"\_")


def escape_line_start(text: str) -> str:
    """Escape a list, heading, quote, rule or definition marker that starts a line of text."""
    match = _LINE_MARKER.match(text)
    if match is None:
        return text
    if match.group("number") is not None:
        end = match.end()
        return f"{text[:end]}\\{text[end:]}"  # "1986. The year" is not a list
    start = match.start("mark")
    return f"{text[:start]}\\{text[start:]}"


def _starts_line(node: Any) -> bool:
    """True when this text node begins a line of the Markdown: a block's start or after <br>."""
    while node is not None:
        previous = node.previous_sibling
        while previous is not None and not _has_content(previous):
            previous = previous.previous_sibling
        if previous is not None:
            name = getattr(previous, "name", None)
            return name is not None and (name == "br" or name not in INLINE_TAGS)
        parent = node.parent
        if parent is None or parent.name not in INLINE_TAGS:
            return True
        node = parent
    return True


def _has_content(node: Any) -> bool:
    if getattr(node, "name", None) is not None:
        return True
    return type(node).__name__ == "NavigableString" and bool(str(node).strip())


# What Python-Markdown reads as markup inside a line (see escape_inline).
_LOOSE_ASTERISK = re.compile(r"(?<!\s)\*|\*(?!\s|$)")
_BOUNDARY_UNDERSCORES = re.compile(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_LINK_CLOSER = re.compile(r"\][(\[:]")
_ESCAPABLE_AFTER_BACKSLASH = re.compile(r"\\(?=[\\`*_{}\[\]()>#+\-.!:|])")
_ENTITY_LIKE = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
_LITERAL_NBSP = re.compile(r"&nbsp;?", re.I)  # an escaped entity shown as text
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
# What Python-Markdown reads as a block marker at the start of a line.
_LINE_MARKER = re.compile(
    r"^(?P<space>\s*)(?:(?P<number>\d{1,9})(?=\.(?:\s|$))"
    r"|(?P<mark>#|>|[-+*](?=\s|$)|[-=_*](?=[-=_*\s]*$)|:(?=[ \t])))"
)
# A code block's opening fence, at the top or in a list item, a definition or a quote.
_FENCE_LINE = re.compile(r"(?:[ >]|[-*+:] |\d{1,9}\. )*+(?P<fence>`{3,}|~{3,})")
# markdownify 1.2.3's blocks without blanks at their edges (should_remove_whitespace_inside).
_WHITESPACE_INSIDE_DROPPED = frozenset(
    {"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
     "table", "thead", "tbody", "tfoot", "tr", "td", "th"}
)  # fmt: skip
# Answers of markdownify's tests on tag names, by name.
_STRIPS_INSIDE: dict[str, bool] = {}
_HEADINGS: dict[str, bool] = {}

CONVERTER_OPTIONS: dict[str, Any] = {
    "heading_style": "ATX",
    "bullets": "-",
    "strong_em_symbol": "*",
    "newline_style": "SPACES",  # Python-Markdown reads two trailing spaces as <br>
    # markdownify escapes every "_" and "*"; ArticleMarkdownConverter.escape escapes only
    # those Python-Markdown would read as markup, so "snake_case" stays as written.
    "escape_underscores": False,
    "escape_asterisks": False,
    "escape_misc": False,
    # Line breaks in the page's source are only spaces; kept, a line starting "1." or "#"
    # would turn into a list or a heading. (No wrap_width: lines are never re-wrapped.)
    "wrap": True,
    "wrap_width": None,
    "keep_inline_images_in": ["td", "th"],
    "table_infer_header": True,
    "autolinks": True,
}
_CONVERTER = QuickWalkConverter(**CONVERTER_OPTIONS)
# Trailing blanks, except the two spaces that mark a line break after text.
_TRAILING_SPACE = re.compile(r"(?<=\S)(?:[ \t]|[ \t]{3,})$|^[ \t]+$", re.M)


def to_article(page: ExtractedPage) -> Article:
    meta = page.meta
    fragment = tidy_fragment(page.html, base_url=meta.url, title=meta.title)
    markdown = html_to_markdown(fragment)
    image = meta.image if meta.image and is_safe_url(meta.image) else None
    meta = replace(meta, image=image)
    return Article(meta=meta, body=markdown, stem=article_stem(meta), media=page.media)


def html_to_markdown(fragment: str) -> str:
    """Sanitise an HTML fragment, then write it as Markdown with one blank line between blocks."""
    # A non-breaking space is a space here: markdownify moves a plain space out of the
    # edge of a bold or a link but dropped a non-breaking one ("**Jay Cutler**to"), and
    # kept those that indent a paragraph, four of which make it a code block.
    markdown = _CONVERTER.convert(sanitize_html(fragment).replace("&nbsp;", " "))
    return _tidy_blocks(markdown).strip("\n") + "\n"


def _tidy_blocks(markdown: str) -> str:
    """One blank line between blocks and no stray blanks, leaving code blocks exactly as is."""
    lines: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        if fence is not None:
            lines.append(line)
            if line.rstrip(" ").lstrip(" >") == fence:
                fence = None
            continue
        opening = _FENCE_LINE.match(line) if "``" in line or "~~" in line else None
        if opening is not None:
            fence = opening.group("fence")
        if line.endswith((" ", "\t")):  # what _TRAILING_SPACE removes ends the line
            line = _TRAILING_SPACE.sub("", line)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines)


def article_stem(meta: ArticleMeta) -> str:
    """`YYYY-MM-DD-slug`, dated by publication, else by saving."""
    date = (meta.published or meta.saved or "")[:10]
    prefix = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else UNDATED_PREFIX
    slug = slugify(meta.title)
    if not slug:
        slug = f"article-{(meta.source_sha256 or '0' * 8)[:8]}"
    return f"{prefix}-{slug}"
