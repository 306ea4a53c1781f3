"""The article's HTML made ready for markdownify: what the page's markup would otherwise
make of the Markdown (glued words, broken links and emphasis) is put right first.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urljoin

import lxml.etree
from lxml import html as lxml_html

from site_builder.article.code_languages import mark_code_languages
from site_builder.article.table_grid import even_table_rows
from site_builder.article.title_heading import drop_title_heading
from site_builder.core.records import MEDIA_REFERENCE_PREFIX

# Inline markup: text inside it is part of its line (to_markdown reads lines by it too).
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
     "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font"}
)  # fmt: skip
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table",
               "blockquote", "pre", "figure", "section", "article", "dl")  # fmt: skip
# Characters that end a Markdown link target early.
_URL_BREAKERS = re.compile(r"[\s()<>]")
_STRONG_TAGS = ("b", "strong")
_EMPHASIS_TAGS = ("i", "em")


def tidy_fragment(fragment: str, *, base_url: str | None, title: str) -> str:
    """Absolute links, no repeated title, no empty links or paragraphs; line breaks, blank
    markup and nested emphasis as Markdown can hold them (each step's function says why)."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for base in root.iter("base"):
        base.drop_tag()  # an archived <base href> may point anywhere; the saved URL decides
    if base_url:
        root.rewrite_links(functools.partial(_absolute, base_url), resolve_base_href=False)
    drop_title_heading(root, title)
    mark_code_languages(root)
    even_table_rows(root)
    _hoist_edge_breaks(root)
    _single_breaks_inside_inline(root)
    _blank_markup_as_spaces(root)
    _unnest_emphasis(root)
    for link in list(root.iter("a")):
        if not link.text_content().strip() and not list(link.iter("img")):
            link.drop_tree()
        elif any(True for _ in link.iter(*_BLOCK_TAGS)):
            link.drop_tag()  # Markdown link text cannot hold paragraphs or headings
        elif link.get("href"):
            link.set(
                "href", _URL_BREAKERS.sub(lambda m: f"%{ord(m.group(0)):02X}", link.get("href"))
            )
    for paragraph in list(root.iter("p")):
        if not paragraph.text_content().strip() and not list(paragraph.iter("img")):
            paragraph.drop_tree()
    return str(lxml_html.tostring(root, encoding="unicode"))


def _hoist_edge_breaks(root: lxml_html.HtmlElement) -> None:
    """`<b>Name<br></b>Text`: the break moves out of the bold, or markdownify drops it.

    markdownify trims the whitespace at the edges of inline markup, so a line break that
    ends a bold or a link vanished and glued "Name" to "Text".
    """
    for br in list(root.iter("br")):
        parent = br.getparent()
        while (
            parent is not None
            and parent is not root
            and parent.tag in INLINE_TAGS
            and br is parent[-1]
            and not (br.tail or "").strip()
        ):
            parent.remove(br)
            br.tail = None
            parent.addnext(br)
            br.tail, parent.tail = parent.tail, None
            parent = br.getparent()


def _single_breaks_inside_inline(root: lxml_html.HtmlElement) -> None:
    """`<a>Unit<br><br>Unit (IBM)</a>`: one break. Two make a blank line, which ends the
    paragraph in the middle of the link or the bold, and both halves showed their
    Markdown ("[Unit", "Unit (IBM)](http://...)")."""
    for br in list(root.iter("br")):
        if br.getparent() is None or not _inside_inline(br, root):
            continue
        following = br.getnext()
        while following is not None and following.tag == "br" and not (br.tail or "").strip():
            following.drop_tag()  # its tail joins br's
            following = br.getnext()


def _inside_inline(element: lxml_html.HtmlElement, root: lxml_html.HtmlElement) -> bool:
    """Whether the element's parent is an inline element, a link or a bold, not a block."""
    parent = element.getparent()
    return parent is not None and parent is not root and parent.tag in INLINE_TAGS


def _blank_markup_as_spaces(root: lxml_html.HtmlElement) -> None:
    """`really<em> </em>can't`, `same<a><span> </span></a>conclusion`: markdownify drops
    a bold or a link holding only a blank, and its space with it ("reallycan't"); the
    blank is kept as text. Inner elements first, so a link around a blank span goes too."""
    for element in reversed(list(root.iter(*INLINE_TAGS))):
        if len(element) == 0 and element.text and not element.text.strip():
            element.drop_tag()


def _unnest_emphasis(root: lxml_html.HtmlElement) -> None:
    """A bold inside a bold (an italic inside an italic) is plain inside it: three deep,
    `<strong><strong><strong>Umansky</strong></strong>:</strong>` was written
    "******Umansky****:**", which Python-Markdown shows as it is."""
    for kinds in (_STRONG_TAGS, _EMPHASIS_TAGS):
        for element in list(root.iter(*kinds)):
            if next(element.iterancestors(*kinds), None) is not None:
                element.drop_tag()


def _absolute(base_url: str, link: str) -> str | None:
    """The link resolved against the page's own address; None drops a broken one."""
    if link.startswith(MEDIA_REFERENCE_PREFIX):
        return link  # a stored image, already where the article will find it
    try:
        return urljoin(base_url, link.strip())
    except ValueError:
        return None
