"""The title's heading taken out of an article's HTML: the page template shows the title,
and with it the small header block (kicker, byline, dates) the heading may sit in."""

from __future__ import annotations

import re

from lxml import html as lxml_html

# A title's own header block holds a kicker, a byline and dates: a few dozen words at
# most, and no paragraph of prose. (Sized on the sample pages; a standfirst longer than
# HEADER_PROSE_WORDS keeps its block, and the article, safe.)
HEADER_MAX_WORDS = 40
HEADER_PROSE_WORDS = 20
# A standfirst under the title is a sentence: shorter than prose, it still keeps its
# block ("Learn how to start publishing documentation with docs.page.").
STANDFIRST_MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
_BODY_STRUCTURE = ("h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "blockquote", "figure")


def drop_title_heading(root: lxml_html.HtmlElement, title: str) -> None:
    """The page template shows the title; a first heading repeating it would show twice.

    When the heading sits in a small header block (kicker, byline, dates, author photo),
    that block goes with it: the page shows those facts from the front matter.
    """
    wanted = _comparable(title)
    for heading in root.iter("h1", "h2"):
        if _comparable(heading.text_content()) != wanted:
            return  # only the first heading can be the page's own title
        header = heading.getparent()
        if header is not None and header is not root and _is_header_block(header, heading):
            header.drop_tree()
        else:
            heading.drop_tree()
        return


def _is_header_block(block: lxml_html.HtmlElement, heading: lxml_html.HtmlElement) -> bool:
    words_besides_title = len(block.text_content().split()) - len(heading.text_content().split())
    has_prose = any(_is_prose(p.text_content()) for p in block.iter("p"))
    has_structure = any(True for _ in block.iter(*_BODY_STRUCTURE))
    words_after = sum(len(sibling.text_content().split()) for sibling in block.itersiblings())
    # The article itself must lie outside the block, or the block is the article.
    return (
        words_besides_title <= HEADER_MAX_WORDS
        and not has_prose
        and not has_structure
        and words_after > HEADER_MAX_WORDS
    )


def _is_prose(text: str) -> bool:
    words = text.split()
    if len(words) >= HEADER_PROSE_WORDS:
        return True
    is_sentence = _SENTENCE_END.search(text.strip()) is not None
    return len(words) >= STANDFIRST_MIN_WORDS and is_sentence and words[0].casefold() != "by"


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()
