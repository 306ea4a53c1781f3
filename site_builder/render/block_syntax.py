"""Blocks the article's Markdown writes as CommonMark does, read back by Python-Markdown.

Fenced code inside list items, definitions and quotes (NestedFences). Python-Markdown's
fenced_code reads a fence only at the start of a line, at the top of the document. A
tutorial's numbered steps hold their commands as fenced code indented under the step
(or after a quote's "> "), as CommonMark reads them; to Python-Markdown those lines were
a paragraph whose fence showed as text, or an indented block that lost its language and
so its highlighting. NestedFences, a preprocessor run after fenced_code's, stores each
such block as fenced_code stores its own (<pre><code class="language-…">, which
highlight.py colours) and leaves a placeholder at the fence's place, so the list,
definition or quote around it reads as before. A fence counts as nested when its line
starts with a list marker, a definition's ":" or a quote's ">", or when it is indented
under a list item or a definition (a line of the paragraph above its indented run starts
with a marker). An indented fence anywhere else is an indented code block that shows a
fence, as both Markdowns read it.

A comment line between two lists or two quotes (BlockSeparators): see BLOCK_SEPARATOR.
"""

from __future__ import annotations

import html
import re

from markdown import Markdown
from markdown.preprocessors import Preprocessor

# What may stand before a nested fence on its line: indentation, list markers, a
# definition's ":" and quote markers, in any nesting. Possessive, so that a long line of
# markers and spaces (the text is an untrusted page's) is read once, never backtracked.
_LEAD = r"(?:[ ]*+(?:>[ ]?+|[-*+][ ]++|\d{1,9}+\.[ ]++|:[ ]++))*+[ ]*+"
_OPENING = re.compile(
    rf"(?P<lead>{_LEAD})(?P<fence>`{{3,}}|~{{3,}})[ ]*(?P<language>[\w#.+-]{{0,30}})[ ]*"
)
_MARKER = re.compile(r"[-*+]|\d{1,9}\.|:")
_ITEM_START = re.compile(r"(?:[-*+]|\d{1,9}\.|:)[ ]+\S")


class NestedFences(Preprocessor):
    """Stores each nested fenced code block in the HTML stash (see the module's doc)."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        index = 0
        while index < len(lines):
            block = self._nested_block(lines, index, result)
            if block is None:
                result.append(lines[index])
                index += 1
                continue
            lead, code_html, end = block
            result.append(lead + self.md.htmlStash.store(code_html))
            index = end + 1
        return result

    def _nested_block(
        self, lines: list[str], start: int, above: list[str]
    ) -> tuple[str, str, int] | None:
        """(the fence's lead, the block's HTML, the closing fence's line) for a nested
        fence opening at lines[start], else None."""
        line = lines[start]
        if "``" not in line and "~~" not in line:
            return None
        opening = _OPENING.fullmatch(line)
        if opening is None or not opening.group("lead"):
            return None
        lead = opening.group("lead")
        if lead.strip() == "" and not _under_list_item(above):
            return None
        # The code's lines carry the lead with its markers as spaces, and ">" kept.
        continuation = _MARKER.sub(lambda marker: " " * len(marker.group()), lead)
        fence = opening.group("fence")
        code: list[str] = []
        for end in range(start + 1, len(lines)):
            line = lines[end]
            if line.startswith(continuation):
                content = line[len(continuation) :]
            elif not line.strip() or line.rstrip() == continuation.rstrip():
                content = ""
            else:
                return None  # the fence is never closed inside its item
            if content.rstrip(" ").startswith(fence) and content.strip(" ").strip(fence[0]) == "":
                return lead, _code_html(code, opening.group("language")), end
            code.append(content)
        return None


def _code_html(code: list[str], language: str) -> str:
    """What fenced_code writes for a block: <pre><code class="language-…">."""
    text = html.escape("".join(line + "\n" for line in code), quote=False)
    label = f' class="language-{html.escape(language)}"' if language else ""
    return f"<pre><code{label}>{text}</code></pre>"


def _under_list_item(above: list[str]) -> bool:
    """Whether an indented line after `above` belongs to a list item or a definition: a
    line of the nearest unindented paragraph above it starts with a marker (a term's
    definition is its second line), as Python-Markdown's ListIndentProcessor decides."""
    index = len(above) - 1
    while index >= 0 and (not above[index].strip() or above[index].startswith(" ")):
        index -= 1
    while index >= 0 and above[index].strip() and not above[index].startswith(" "):
        if _ITEM_START.match(above[index]):
            return True
        index -= 1
    return False


# Between two lists, or two quotes, that would read as one: an HTML comment on a line of
# its own, as CommonMark writers mark it. Raw HTML is off in articles, so this one line
# is read here, and the allow-list drops the comment from the page.
BLOCK_SEPARATOR = "<!-- -->"
_SEPARATOR_LINE = re.compile(rf"(?P<lead>[ >]*){re.escape(BLOCK_SEPARATOR)}[ ]*")


class BlockSeparators(Preprocessor):
    """Stores each BLOCK_SEPARATOR line in the HTML stash, so that it ends the list or
    quote above it and shows nothing. One indented under a list item separates two
    nested lists; one indented anywhere else is a line of an indented code block."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        for line in lines:
            separator = _SEPARATOR_LINE.fullmatch(line) if BLOCK_SEPARATOR in line else None
            if separator is not None and (not line.startswith(" ") or _under_list_item(result)):
                line = separator.group("lead") + self.md.htmlStash.store(BLOCK_SEPARATOR)
            result.append(line)
        return result


def read_commonmark_blocks(converter: Markdown) -> None:
    """Register NestedFences and BlockSeparators on a converter that has fenced_code."""
    # After fenced_code (25): a top-level fence's code is stored before either reads it.
    converter.preprocessors.register(NestedFences(converter), "nested_fences", 24)
    converter.preprocessors.register(BlockSeparators(converter), "block_separators", 23)
