"""The readability-lxml adapter: with readability_cleaner, the only code that imports it.

It matches readability-lxml 0.9 and the lxml_html_clean 0.4 Cleaner that version uses
(pyproject.toml pins both ranges): the overridden steps are that version's, walking the
tree fewer times. A new readability means comparing them with its code again.

Why it exists: readability walks the whole tree again and again in Python, and was most
of a build's extraction time. `readable_summary` gives the article readability's
`Document(page).summary(html_partial=True)` gives, byte for byte but for the marks its
xpath option adds, with less work; tests/extract/test_readability_adapter.py holds it to
that against stock readability, on corner-case pages and on a fixed devset sample:

- the page is parsed once, by us; readability's passes (its lenient retry,
  `short_title`) get copies of that parse instead of parsing the page again;
- its cleaning step (lxml_html_clean's Cleaner, with readability's settings) works in
  place on the caller's parse, in one walk (readability_cleaner);
- a div holding no block element becomes a paragraph: which divs hold one is marked in
  one walk, not found by serialising the children of every div;
- link density is summed once per link, not once per link and enclosing candidate;
- unlikely candidates are looked for only among elements with a class or an id, and
  its XPath tests are compiled once;
- its case-blind class and id patterns search lower-cased ASCII names case-sensitively,
  and remember their answers (a page asks about the same few names hundreds of times);
- its text clean-up (`clean`) is a faster function with the same results;
- elements are numbered, not given their XPath, for cleanup to tell them apart;
- its debug messages are not formatted unless its logger is on.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import lxml.etree
import readability.readability as engine
from lxml import html as lxml_html
from lxml.html import HtmlElement
from readability import Document
from readability.readability import REGEXES, Unparseable

from site_builder.extract.readability_cleaner import clean_in_place

__all__ = ["Unparseable", "readable_summary"]

# Class and id words readability weighs besides its own patterns, -25 and +25 as it weighs
# those: boxes around a story that its negative pattern misses (captions, credits, bylines,
# navigation, copyright lines), and the story's own box, whose names its positive pattern
# already holds ("post", "content"), so "post-content" counts twice. On the devset's tuned
# part: dragnet +0.0016, cleaneval +0.0002, wcxb_test +0.0014 F1 ("story-content" and
# "entry-text" most of dragnet's, "main-content" and "page-content" most of wcxb_test's).
# Left out: "article" and "story" alone (wcxb_test -0.0030), readers' "comment" boxes
# (dragnet +0.0015, cleaneval -0.0010), and "author", which gave dragnet +0.0005 but also
# took a blogger's own box off the top of a post, which the reader came for
# (tests/extract/test_furniture.py). bench/results.md, "Teasers under days".
NEGATIVE_KEYWORDS = re.compile(r"caption|credit|byline|nav|breadcrumb|copyright|menu", re.I)
POSITIVE_KEYWORDS = re.compile(
    r"(?:article|story|post|entry)-?(?:body|content|text)|articlebody|(?:main|page)-?content",
    re.I,
)


def readable_summary(doc: HtmlElement, *, want_title: bool) -> tuple[str, str | None, HtmlElement]:
    """readability's article in `doc`, its short title if asked, and the marked parse.

    `doc` becomes that parse: the page as readability cleaned it before choosing, each
    element numbered in an `x` attribute (so is the summary), so cleanup can tell what
    readability dropped. Raises Unparseable.
    """
    readable = _ReadableDocument(
        doc,
        xpath=True,
        negative_keywords=NEGATIVE_KEYWORDS,
        positive_keywords=POSITIVE_KEYWORDS,
    )
    with _engine_quiet():
        # html_partial: the default mode can delete the wrapper under <body> and return
        # nothing, or retry into the comments (measured on the devset; see its README).
        summary = readable.summary(html_partial=True)
        title = readable.short_title() if want_title else None
    return summary, title, readable.parsed()


class _AsciiFolded:
    """One of readability's case-blind patterns, searched in lower-cased text when it can be.

    Python's case-blind matching is slow: for class and id names, which are nearly always
    ASCII, searching the lower-cased name with the pattern made case-sensitive finds the
    same (the patterns hold only lower-case letters) at a third of the cost. Other text,
    where Unicode case rules reach further than lower(), gets the pattern itself.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        plain = pattern.pattern == pattern.pattern.lower() and pattern.flags & re.IGNORECASE
        self._lowered = re.compile(pattern.pattern) if plain else None
        # A page asks about the same few class names hundreds of times (each menu item,
        # each related link), and a site's pages ask about the same ones.
        self._answers: dict[str, bool] = {}

    def found_in(self, text: str) -> bool:
        try:
            return self._answers[text]
        except KeyError:
            pass
        if self._lowered is not None and text.isascii():
            found = self._lowered.search(text.lower()) is not None
        else:
            found = self._pattern.search(text) is not None
        if len(self._answers) >= REMEMBERED_NAMES:
            self._answers.clear()
        self._answers[text] = found
        return found


# Class and id names whose answers each pattern keeps (a few hundred KB at most).
REMEMBERED_NAMES = 4096


_UNLIKELY = _AsciiFolded(REGEXES["unlikelyCandidatesRe"])
_MAYBE_A_CANDIDATE = _AsciiFolded(REGEXES["okMaybeItsACandidateRe"])
_NEGATIVE = _AsciiFolded(REGEXES["negativeRe"])
_POSITIVE = _AsciiFolded(REGEXES["positiveRe"])

# readability's tests in remove_unlikely_candidates, compiled once.
_IN_CODE = lxml.etree.XPath("boolean(ancestor-or-self::pre | ancestor-or-self::code)")
_HOLDS_AN_ARTICLE = lxml.etree.XPath(
    "boolean(descendant-or-self::main | descendant-or-self::article | descendant-or-self::math)"
)


class _ReadableDocument(Document):  # type: ignore[misc]  # readability ships no type hints
    html: HtmlElement | None  # readability's working tree, set by its __init__
    reference: HtmlElement | None = None

    def _html(self, force: bool = False) -> HtmlElement:
        # readability asks for a fresh parse on each pass; each pass gets a copy of the
        # first one, while the first stays untouched as the reference.
        if force or self.html is None:
            if self.reference is None:
                parsed = self._parse(self.input)
                _mark_elements(parsed)
                self.reference = parsed
            self.html = copy.deepcopy(self.reference)
        return self.html

    def parsed(self) -> HtmlElement:
        return self.reference if self.reference is not None else self._html()

    def _parse(self, input: HtmlElement) -> HtmlElement:
        """readability's `_parse` for a tree it may change, without a base address."""
        doc = input
        self.encoding = "utf-8"
        for elem in doc.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in doc.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(elem.get("style")):
                elem.drop_tree()
        clean_in_place(doc)  # readability's html_cleaner.clean_html, without its copy
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def remove_unlikely_candidates(self) -> None:
        # readability looks at every element; one with neither a class nor an id gives
        # " ", which it skips as too short.
        for elem in self._html().xpath(".//*[@class or @id]"):
            s = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if len(s) < 2:
                continue
            if (
                _UNLIKELY.found_in(s)
                and not _MAYBE_A_CANDIDATE.found_in(s)
                and elem.tag not in ["html", "body"]
                and not _IN_CODE(elem)
                and not _HOLDS_AN_ARTICLE(elem)
            ):
                elem.drop_tree()

    def class_weight(self, e: HtmlElement) -> int:
        # readability's own, with its two patterns searched as _AsciiFolded.
        weight = 0
        for feature in (e.get("class"), e.get("id")):
            if feature:
                if _NEGATIVE.found_in(feature):
                    weight -= 25
                if _POSITIVE.found_in(feature):
                    weight += 25
                if self.positive_keywords and self.positive_keywords.search(feature):
                    weight += 25
                if self.negative_keywords and self.negative_keywords.search(feature):
                    weight -= 25
        if self.positive_keywords and self.positive_keywords.match("tag-" + e.tag):
            weight += 25
        if self.negative_keywords and self.negative_keywords.match("tag-" + e.tag):
            weight -= 25
        return weight

    def transform_misused_divs_into_paragraphs(self) -> None:
        # readability's first loop turns a div into a p when the serialised children do
        # not match divToPElementsRe: when no element below the div has a tag starting
        # with one of its names. Renaming a div to p cannot change the answer for another
        # div (both names match), so all answers are taken before renaming.
        root = self._html()
        holders = _block_holders(root)
        for elem in root.findall(".//div"):
            if elem not in holders:
                elem.tag = "p"
        self._wrap_inline_runs()

    def _wrap_inline_runs(self) -> None:
        """readability's second loop, with a cheaper test of each child and cheaper new p."""
        for elem in self._html().findall(".//div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = _new_paragraph()
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or _serialises_a_block(child):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = _new_paragraph()
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = _new_paragraph()
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

    def score_paragraphs(self) -> dict[HtmlElement, dict[str, object]]:
        """readability's scoring, with each link's text measured once."""
        min_length = self.min_text_length
        candidates: dict[HtmlElement, dict[str, object]] = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            inner_text = _clean(elem.text_content() or "")
            inner_text_len = len(inner_text)
            if inner_text_len < min_length:
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score: float = 1
            content_score += len(inner_text.split(","))
            content_score += min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score  # type: ignore[operator]
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0  # type: ignore[operator]
        link_lengths = _link_text_lengths(self._html(), candidates)
        for elem in ordered:
            link_density = float(link_lengths.get(elem, 0)) / max(_text_length(elem), 1)
            candidates[elem]["content_score"] *= 1 - link_density  # type: ignore[operator]
        return candidates


def _mark_elements(root: HtmlElement) -> None:
    """Each element's number in document order, in an `x` attribute.

    readability's own xpath=True marks each element with its XPath instead, asking lxml
    for each path, which costs several times more; cleanup needs only that the marks tell
    elements apart.
    """
    for number, element in enumerate(root.iter(lxml.etree.Element)):
        element.attrib["x"] = str(number)


# --- misused divs -------------------------------------------------------------------------

_INLINE_TAGS = frozenset(
    ("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u")
)
# divToPElementsRe without its "<": a tag *starting* with one of these names ("path",
# "picture" and "param" count as "p").
_BLOCK_TAG = re.compile(REGEXES["divToPElementsRe"].pattern.removeprefix("<"), re.I)


def _block_holders(root: HtmlElement) -> set[HtmlElement]:
    """Every element with an element below it whose tag starts like a block's."""
    holders: set[HtmlElement] = set()
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and _BLOCK_TAG.match(tag):
            parent = el.getparent()
            while parent is not None and parent not in holders:
                holders.add(parent)
                parent = parent.getparent()
    return holders


def _serialises_a_block(child: HtmlElement) -> bool:
    """Whether readability's divToPElementsRe finds a block tag in `child` as HTML.

    Without a "<" in any of its text or attributes, the HTML holds a "<" only before each
    tag name, so the tags alone answer; with one, the serialisation is searched as
    readability searches it.
    """
    if (child.tail and "<" in child.tail) or child.xpath(_HAS_LESS_THAN):
        return bool(REGEXES["divToPElementsRe"].search(lxml.etree.tounicode(child, method="html")))
    return any(isinstance(el.tag, str) and _BLOCK_TAG.match(el.tag) for el in child.iter())


_HAS_LESS_THAN = (
    'boolean(descendant-or-self::*/@*[contains(., "<")] | descendant::text()[contains(., "<")])'
)


def _new_paragraph() -> HtmlElement:
    # readability parses "<p/>" for each new paragraph, which costs more than making one.
    return lxml_html.Element("p")


# --- link density -------------------------------------------------------------------------


def _link_text_lengths(
    root: HtmlElement, candidates: Mapping[HtmlElement, object]
) -> dict[HtmlElement, int]:
    """For each candidate, the summed text length of the links below it.

    readability's get_link_density measures every link below a candidate again for each
    candidate; nested candidates share most of their links.
    """
    totals: dict[HtmlElement, int] = {}
    for link in root.iter("a"):
        length = _text_length(link)
        if not length:
            continue
        parent = link.getparent()
        while parent is not None:
            if parent in candidates:
                totals[parent] = totals.get(parent, 0) + length
            parent = parent.getparent()
    return totals


# readability's `clean`, faster: its rules, in its order, touch whitespace
# only, so each can be skipped when the text holds nothing it could match; its line-break
# rule is done by splitting; its tab rule `\t|[ \t]{2,}` is the same as `\t| [ \t]+`, which
# the regex engine scans faster. tests/test_readability_adapter.py checks it against
# readability's own on every kind of Unicode whitespace.
_LONG_SPACE = re.compile(r"\s{255,}")
_LONG_SPACE_LENGTH = 255
# Any run of 255 blanks holds a position that is a multiple of 64 with 95 blanks on each
# side (the run's middle 65 positions hold one): a text where no such position has them
# holds no run, and is not searched. On real pages a sixth of the texts readability
# cleans are long enough, and most hold blanks (indentation) too short for a run.
_LONG_SPACE_STRIDE = 64
_LONG_SPACE_REACH = 95
_TABS = re.compile(r"\t| [ \t]+")


def _clean(text: str) -> str:
    if _may_hold_long_space(text):
        text = _LONG_SPACE.sub(" " * _LONG_SPACE_LENGTH, text)
    if "\n" in text:
        text = _one_break_per_run(text)
    if "\t" in text or "  " in text:
        text = _TABS.sub(" ", text)
    return text.strip()


def _may_hold_long_space(text: str) -> bool:
    if len(text) < _LONG_SPACE_LENGTH:
        return False
    reach = _LONG_SPACE_REACH
    return any(
        text[at].isspace() and text[max(0, at - reach) : at + reach + 1].isspace()
        for at in range(_LONG_SPACE_STRIDE, len(text), _LONG_SPACE_STRIDE)
    )


def _one_break_per_run(text: str) -> str:
    r"""`re.sub(r"\s*\n\s*", "\n", text)`: a run of blanks holding a line break -> one break."""
    parts = text.split("\n")
    inner = [part.strip() for part in parts[1:-1]]
    return "\n".join([parts[0].rstrip(), *[part for part in inner if part], parts[-1].lstrip()])


def _text_length(element: HtmlElement) -> int:
    return len(_clean(element.text_content() or ""))


# readability formats its debug messages whether or not they are logged: a description of
# each node it weighs, and the text of each block it keeps. With its logger quiet, those
# helpers return "" while it runs for us.
_ENGINE_LOG = logging.getLogger("readability.readability")


@contextmanager
def _engine_quiet() -> Iterator[None]:
    saved = engine.describe, engine.text_content, engine.clean
    engine.clean = _clean
    if not _ENGINE_LOG.isEnabledFor(logging.DEBUG):
        engine.describe = engine.text_content = _unlogged
    try:
        yield
    finally:
        engine.describe, engine.text_content, engine.clean = saved


def _unlogged(*_args: object, **_kwargs: object) -> str:
    return ""
