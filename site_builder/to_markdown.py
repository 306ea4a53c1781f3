"""Convert: ExtractedPage -> Article, i.e. clean Markdown with its metadata and file name."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

import lxml.etree
from lxml import html as lxml_html
from markdownify import MarkdownConverter

from site_builder.models import MEDIA_REFERENCE_PREFIX, Article, ArticleMeta, ExtractedPage
from site_builder.sanitize import is_safe_url, sanitize_html
from site_builder.slugs import slugify

UNDATED_PREFIX = "undated"
# A title's own header block holds a kicker, a byline and dates: a few dozen words at
# most, and no paragraph of prose. (Sized on the sample pages; a standfirst longer than
# HEADER_PROSE_WORDS keeps its block, and the article, safe.)
HEADER_MAX_WORDS = 40
HEADER_PROSE_WORDS = 20
_BODY_STRUCTURE = ("h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "blockquote", "figure")


class _ArticleConverter(MarkdownConverter):
    """markdownify, with code blocks that keep their language and survive inner fences."""

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        code = el.get_text()
        if not code.strip():
            return ""
        code = code.strip("\n")
        longest_run = max((len(run) for run in _BACKTICK_RUNS.findall(code)), default=0)
        fence = "`" * max(3, longest_run + 1)
        return f"\n\n{fence}{_code_language(el)}\n{code}\n{fence}\n\n"


def _code_language(pre: Any) -> str:
    for element in (pre, pre.find("code")):
        if element is None:
            continue
        for name in element.get("class") or []:
            match = _LANGUAGE_CLASS.fullmatch(name)
            if match:
                return match.group(1)
    return ""


_BACKTICK_RUNS = re.compile(r"`{3,}")
_LANGUAGE_CLASS = re.compile(r"(?:language|lang)-([A-Za-z0-9_+-]{1,30})")
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})")

_CONVERTER = _ArticleConverter(
    heading_style="ATX",
    bullets="-",
    strong_em_symbol="*",
    newline_style="SPACES",  # Python-Markdown reads two trailing spaces as <br>
    # Escaping every "_" and "*" fills prose with stray backslashes; markdownify still
    # escapes the ones that would start emphasis at a word boundary.
    escape_underscores=True,
    escape_asterisks=True,
    escape_misc=False,
    table_infer_header=True,
    autolinks=True,
)
# Trailing blanks, except the two spaces that mark a line break after text.
_TRAILING_SPACE = re.compile(r"(?<=\S)(?:[ \t]|[ \t]{3,})$|^[ \t]+$", re.M)


def to_article(page: ExtractedPage) -> Article:
    meta = page.meta
    fragment = _tidy_fragment(page.html, base_url=meta.url, title=meta.title)
    markdown = html_to_markdown(fragment)
    image = meta.image if meta.image and is_safe_url(meta.image) else None
    meta = replace(meta, image=image)
    return Article(meta=meta, body=markdown, stem=article_stem(meta), media=page.media)


def html_to_markdown(fragment: str) -> str:
    """Sanitise an HTML fragment, then write it as Markdown with one blank line between blocks."""
    markdown = _CONVERTER.convert(sanitize_html(fragment))
    return _tidy_blocks(markdown).strip("\n") + "\n"


def _tidy_blocks(markdown: str) -> str:
    """One blank line between blocks and no stray blanks, leaving code blocks exactly as is."""
    lines: list[str] = []
    fence: str | None = None
    for line in markdown.replace("\xa0", " ").split("\n"):
        if fence is not None:
            lines.append(line)
            if line.rstrip() == fence:
                fence = None
            continue
        opening = _FENCE_LINE.match(line)
        if opening is not None:
            fence = opening.group(1)
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


def _tidy_fragment(fragment: str, *, base_url: str | None, title: str) -> str:
    """Absolute links, no repeated title, no empty links or paragraphs."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for base in root.iter("base"):
        base.drop_tag()  # an archived <base href> may point anywhere; the saved URL decides
    if base_url:
        root.rewrite_links(
            lambda link: (
                link if link.startswith(MEDIA_REFERENCE_PREFIX) else _absolute(base_url, link)
            ),
            resolve_base_href=False,
        )
    _drop_title_heading(root, title)
    for link in list(root.iter("a")):
        if not link.text_content().strip() and not list(link.iter("img")):
            link.drop_tree()
    for paragraph in list(root.iter("p")):
        if not paragraph.text_content().strip() and not list(paragraph.iter("img")):
            paragraph.drop_tree()
    return str(lxml_html.tostring(root, encoding="unicode"))


def _absolute(base_url: str, link: str) -> str | None:
    """The link resolved against the page's own address; None drops a broken one."""
    if link.startswith(MEDIA_REFERENCE_PREFIX):
        return link  # a stored image, already where the article will find it
    try:
        return urljoin(base_url, link.strip())
    except ValueError:
        return None


def _drop_title_heading(root: lxml_html.HtmlElement, title: str) -> None:
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
    has_prose = any(len(p.text_content().split()) >= HEADER_PROSE_WORDS for p in block.iter("p"))
    has_structure = any(True for _ in block.iter(*_BODY_STRUCTURE))
    words_after = sum(len(sibling.text_content().split()) for sibling in block.itersiblings())
    # The article itself must lie outside the block, or the block is the article.
    return (
        words_besides_title <= HEADER_MAX_WORDS
        and not has_prose
        and not has_structure
        and words_after > HEADER_MAX_WORDS
    )


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()
