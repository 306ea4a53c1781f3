"""readability's cleaning step, done in place and in one walk: part of readability_adapter.

readability 0.9 cleans each page with `html_cleaner`, lxml_html_clean's Cleaner (0.4)
with scripts, javascript, comments, style (and so inline_style), links and processing
instructions on, and the rest off (tests/extract/test_readability_adapter.py holds it to
that). The Cleaner copies the page and walks it once per step, and tries its scheme
pattern at every position of every link; `clean_in_place` makes the same changes to the
caller's parse, in one walk for event handlers and links, trying the pattern only just
before each colon.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import unquote_plus

import lxml.etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from lxml.html import defs as html_defs
from readability.cleaners import html_cleaner

# Elements whose links lxml's iterlinks finds by more than their link attributes.
_LINKS_BEYOND_ATTRIBUTES = frozenset(("object", "meta", "param", "style"))
_LINK_ATTRIBUTES = html_defs.link_attrs
_KILLED = (
    "descendant-or-self::script | descendant-or-self::style | descendant-or-self::link"
    " | descendant::comment() | descendant::processing-instruction()"
)


def clean_in_place(doc: HtmlElement) -> None:
    """`html_cleaner(doc)`: the same changes, in one walk over the elements."""
    lxml_html.xhtml_to_html(doc)
    for el in doc.iter("image"):
        el.tag = "img"
    _drop_scripting_attributes(doc)
    lxml.etree.strip_attributes(doc, "style")
    killed = doc.xpath(_KILLED)
    if killed and killed[0] is doc:  # the Cleaner clears, not drops, the root
        root = killed.pop(0)
        if root.tag != "html":
            root.tag = "div"
        root.clear()
    for el in killed:
        el.drop_tree()


def _drop_scripting_attributes(doc: HtmlElement) -> None:
    """The Cleaner's javascript step: event handlers out, javascript: links emptied.

    Its `rewrite_links` also strips blanks around every link; so does this. Each
    element's changes touch only its own attributes, so one walk does both.
    """
    replace = _without_javascript
    unusual = []
    for el in doc.iter(lxml.etree.Element):
        attrib = el.attrib
        if not attrib and el.tag not in _LINKS_BEYOND_ATTRIBUTES:
            continue
        names = attrib.keys()
        for name in names:
            if name.startswith("on"):
                del attrib[name]
        if el.tag in _LINKS_BEYOND_ATTRIBUTES or "style" in attrib:
            unusual.append(el)  # all its links are left to lxml's iterlinks below
            continue
        for name in _LINK_ATTRIBUTES.intersection(names):
            link = attrib[name]
            new_link = replace(link.strip())
            if new_link != link:
                attrib[name] = new_link
    _rewrite_links(unusual, replace)


# The Cleaner's own patterns: the schemes it fears, and the blanks it ignores in a link.
# (The package's `clean` attribute, a Cleaner, hides the module of that name.)
_cleaner_module: Any = importlib.import_module("lxml_html_clean.clean")
_MAY_RUN = _cleaner_module._possibly_malicious_schemes.__self__
_without_blanks = functools.partial(_cleaner_module._substitute_whitespace, "")
# Its schemes are words before a colon; a match ends at a colon, at most this far after
# the colon's position less the longest word (None: the pattern is not of that shape).
_SCHEME_WORDS = re.fullmatch(r"\(([a-z|]+)\):", _MAY_RUN.pattern)
_LONGEST_SCHEME = max(map(len, _SCHEME_WORDS.group(1).split("|"))) if _SCHEME_WORDS else None


def _without_javascript(link: str) -> str:
    """The Cleaner's `_remove_javascript_link`: "" for a link that could run script.

    Most links name none of the schemes it fears, and then need no more than a search
    before each colon; the others get the Cleaner's own test. Unquoting changes only a
    link with % or +.
    """
    unquoted = unquote_plus(link) if "%" in link or "+" in link else link
    if not _may_run(_without_blanks(unquoted)):
        return link
    cleaned: str = html_cleaner._remove_javascript_link(link)
    return cleaned


def _may_run(text: str) -> bool:
    """Whether the Cleaner's scheme pattern matches anywhere in text.

    Searched only just before each colon: the pattern, tried at every position of a
    long link, cost more than the rest of the link's checks together.
    """
    if _LONGEST_SCHEME is None:
        return _MAY_RUN.search(text) is not None
    colon = text.find(":")
    while colon != -1:
        if _MAY_RUN.search(text, max(0, colon - _LONGEST_SCHEME), colon + 1):
            return True
        colon = text.find(":", colon + 1)
    return False


class _Only:
    """Stands in for a tree in lxml's iterlinks, which walks `self.iter()`."""

    def __init__(self, elements: Iterable[HtmlElement]) -> None:
        self._elements = elements

    def iter(self, *_tags: object) -> Iterator[HtmlElement]:
        return iter(self._elements)


def _rewrite_links(elements: list[HtmlElement], replace: Callable[[str], str]) -> None:
    """lxml.html's `rewrite_links(replace, resolve_base_href=False)` on these elements."""
    for el, attrib, link, pos in lxml_html.HtmlMixin.iterlinks(_Only(elements)):
        new_link = replace(link.strip())
        if new_link == link:
            continue
        if attrib is None:
            el.text = el.text[:pos] + new_link + el.text[pos + len(link) :]
        else:
            cur = el.get(attrib)
            if not pos and len(cur) == len(link):
                new = new_link
            else:
                new = cur[:pos] + new_link + cur[pos + len(link) :]
            el.set(attrib, new)
