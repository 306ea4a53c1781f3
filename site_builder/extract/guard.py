"""Guards that keep one hostile or broken page from hurting the build.

- markup the engines mishandle is repaired or refused before extraction: libxml2 drops
  every word below 256 levels of nesting without a word of warning, takes seconds to
  parse one tag carrying thousands of attributes, and readability slows to seconds on
  pages carrying tens of thousands of them;
- extraction of one page runs under a time budget (extract_seconds in site.toml).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import lxml.etree
from lxml import html as lxml_html

from site_builder.core.errors import SiteBuilderError

# libxml2's HTML parser keeps 256 levels; with huge_tree it keeps 2048 and drops the rest.
PARSER_DEPTH_LIMIT = 255
HUGE_PARSER_DEPTH_LIMIT = 2047
# Wrappers below this depth are unwrapped, which keeps their text within the 256 levels
# the article engine reads. Real articles nest a few dozen levels at most.
FLATTEN_BELOW_DEPTH = 160
# Over this many attributes, all but the ones extraction reads are removed. A large
# news page carries about 5,000; the slow pages measured had 50,000.
MAX_ATTRIBUTES = 20_000
KEPT_ATTRIBUTES = frozenset(
    {
        "class",
        "id",
        "href",
        "src",
        "alt",
        "title",
        "datetime",
        "lang",
        "content",
        "property",
        "name",
        "type",
        "rel",
        "charset",
        "itemprop",
        "http-equiv",
    }
)
# libxml2's HTML parser checks each attribute of a tag against the tag's others: a tag of
# 20,000 attributes takes 0.7 s to parse, one of 50,000 over 20 s (libxml2 2.13 and
# 2.14). A start tag longer than FLOODED_TAG_CHARACTERS is read before parsing, and over
# FLOODED_TAG_ATTRIBUTES attributes it keeps only the KEPT_ATTRIBUTES ones. No page's own
# markup comes near: a large news page carries about 5,000 attributes in all.
FLOODED_TAG_CHARACTERS = 20_000
FLOODED_TAG_ATTRIBUTES = 1_000
_LONG_START_TAG = re.compile(
    rf"<(?P<name>[A-Za-z][^\s<>/]*)(?P<rest>[^<>]{{{FLOODED_TAG_CHARACTERS},}})>"
)
_ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")
# Text beyond this is no article but a dump (a long novel is about 1 million characters);
# a 20 MB page of text took 30 s to extract, render and index.
MAX_PAGE_CHARACTERS = 3_000_000

_WRAPPERS = frozenset(
    {
        "div",
        "span",
        "font",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "center",
        "section",
        "article",
        "small",
        "big",
        "blockquote",
        "td",
        "tr",
        "tbody",
        "table",
    }
)


# A character reference to a C0 control or to U+FFFE/U+FFFF ("&#26;", an old DOS file's
# end mark, is in cleaneval 345): libxml2 puts the character in the text, and lxml then
# refuses to write that text anywhere, so any step that moves text (readability's own,
# removing a block, making loose text a paragraph) raised ValueError and the page was
# lost. ingest drops those characters from a page's bytes for the same reason.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[1-8]|1[1-24-9]|2\d|3[01]|6553[45])(?!\d)"
    r"|[xX]0*(?:[1-8bBcCeEfF]|1[\da-fA-F]|[fF]{3}[eEfF])(?![\da-fA-F]));?"
)


def drop_control_references(markup: str) -> str:
    """markup without character references to characters no XML text may hold."""
    return _CONTROL_REFERENCE.sub("", markup)


def trim_attribute_floods(markup: str) -> str:
    """markup with each start tag of over FLOODED_TAG_ATTRIBUTES attributes cut down to
    the KEPT_ATTRIBUTES ones, the first of each name; other tags are left as they are."""
    # Nearly every page has no run that long between two "<": split() finds that out in
    # C for a third of the regular expression's cost (0.17 against 0.48 ms a page).
    if max(map(len, markup.split("<"))) < FLOODED_TAG_CHARACTERS:
        return markup
    return _LONG_START_TAG.sub(_trimmed_tag, markup)


def _trimmed_tag(tag: re.Match[str]) -> str:
    rest = tag["rest"]
    if rest.count('"') % 2 or rest.count("'") % 2:
        return tag[0]  # a quoted ">" may have cut it short: left for the parser
    attributes = list(_ATTRIBUTE.finditer(rest))
    if len(attributes) <= FLOODED_TAG_ATTRIBUTES:
        return tag[0]
    kept: dict[str, str] = {}
    for attribute in attributes:
        name = attribute["name"].lower()
        if name in KEPT_ATTRIBUTES and name not in kept:
            kept[name] = attribute[0]
    return f"<{tag['name']}{''.join(f' {text}' for text in kept.values())}>"


class LimitError(SiteBuilderError):
    """A page is beyond what we can extract safely."""


def guard_document(
    root: lxml_html.HtmlElement, path: Path, parse: Callable[[str], lxml_html.HtmlElement]
) -> lxml_html.HtmlElement:
    """root itself, or parse() of a repaired copy whose text the engines will all see.

    root must come from a parser with huge_tree on (see HUGE_PARSER_DEPTH_LIMIT), so the
    depth of the page is known; parse is how the caller parses a page.
    """
    too_deep = bool(_DEEPER_THAN_FLATTENING(root))
    depth = _max_depth(root) if too_deep else 0
    if depth >= HUGE_PARSER_DEPTH_LIMIT:
        raise LimitError(
            path,
            f"HTML nested over {HUGE_PARSER_DEPTH_LIMIT} levels deep;"
            " its text can't be read reliably",
        )
    body = root.find("body")
    # Past a stray </body>, libxml2 puts the rest of the page beside the body, where
    # readability still finds it; that text counts too.
    text = (
        ""
        if body is None
        else body.text_content()
        + "".join(part.text_content() for part in body.itersiblings(lxml.etree.Element))
    )
    characters = len(text.strip())
    if not characters:
        # readability answers such a page with the whole <html>, head and all.
        raise LimitError(
            path,
            "no text in the page body (a frameset, an empty page, "
            "or a save cut off before its body)",
        )
    if characters > MAX_PAGE_CHARACTERS:
        raise LimitError(
            path,
            f"{characters:,} characters of text, over the "
            f"{MAX_PAGE_CHARACTERS:,} a page can hold and still be "
            "read as one article",
        )
    too_many_attributes = _count_attributes(root) > MAX_ATTRIBUTES
    if not too_deep and not too_many_attributes:
        return root
    if too_deep:
        _flatten(root)
    if too_many_attributes:
        for element in root.iter():
            for name in [a for a in element.attrib if a not in KEPT_ATTRIBUTES]:
                del element.attrib[name]
    return parse(str(lxml_html.tostring(root, encoding="unicode")))


# Whether any node lies deeper than PARSER_DEPTH_LIMIT - 5 (the root <html> is level 1),
# and how many attributes the page holds: XPath in C, several times cheaper than a walk
# in Python over every element, which every page would pay. Both only decide
# whether the exact walks below (_max_depth, and the repairs) run at all.
_PATH_TO_FLATTENING = "/*" * (PARSER_DEPTH_LIMIT - 5)
_DEEPER_THAN_FLATTENING = lxml.etree.XPath(
    f"boolean({_PATH_TO_FLATTENING}/* | {_PATH_TO_FLATTENING}/comment()"
    f" | {_PATH_TO_FLATTENING}/processing-instruction())"
)
_ALL_ATTRIBUTES = lxml.etree.XPath("count(//@*)")


def _count_attributes(root: lxml_html.HtmlElement) -> int:
    """Attributes of the page: XPath's count first, which also counts repeats of a name in one
    tag (`attrib` shows only one), so only a page over the limit by it is counted exactly."""
    upper_bound = int(_ALL_ATTRIBUTES(root))
    if upper_bound <= MAX_ATTRIBUTES:
        return upper_bound
    return sum(len(element.attrib) for element in root.iter())


def _max_depth(root: lxml_html.HtmlElement) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _flatten(root: lxml_html.HtmlElement) -> None:
    """Unwrap plain wrappers below FLATTEN_BELOW_DEPTH, deepest first, keeping all text."""
    deep: list[tuple[int, lxml_html.HtmlElement]] = []
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > FLATTEN_BELOW_DEPTH and element.tag in _WRAPPERS:
            deep.append((depth, element))
        stack.extend((child, depth + 1) for child in element)
    for _, element in sorted(deep, key=lambda item: -item[0]):
        if element.getparent() is not None:
            element.drop_tag()


@contextmanager
def time_budget(seconds: float, path: Path) -> Iterator[None]:
    """Raise LimitError if the block runs longer than seconds.

    Uses the interval timer, so it works only on the main thread of a POSIX process
    (where the build runs); elsewhere the block runs unbounded.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise LimitError(path, f"extraction took over {seconds:g} s; skipped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
