"""Cleanup around readability: what it keeps that is not the article, what it drops that is.

Pure HTML transforms, with no engine of their own; extract.py applies them:

- `clean_article` tidies readability's output. It removes the chrome readability keeps
  (share bars, "related" lists, newsletter boxes, consent banners, repeated images), puts
  back what it drops from inside the article (data tables, code blocks, figures, the lead
  image), and turns layout tables into plain blocks.
- `cleaned_page` is the whole page without scripts, navigation, menus and chrome: the
  body an article keeps when readability found too little of it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import lxml.etree
from lxml import html as lxml_html

# Page chrome that readability sometimes keeps as a sibling of the article: consent and
# newsletter boxes, share bars. Matched as whole words of a class or id ("cookie-banner",
# "share_tools"), never as substrings, so "shareholders" or "related-work" in an article's
# own markup are not touched.
_CHROME_WORDS = frozenset({
    "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription",
    "share", "sharing", "social", "promo", "advert", "advertisement", "ad", "ads", "banner",
    "popup", "modal", "paywall", "related", "recommended", "outbrain", "taboola",
})  # fmt: skip
# On the whole page, also the boxes readability itself never picks (its "unlikely
# candidates"): comments, sidebars, menus, headers and footers.
_PAGE_CHROME_WORDS = _CHROME_WORDS | {
    "comment", "comments", "disqus", "respond", "reply", "replies", "sidebar", "menu",
    "navbar", "nav", "navigation", "breadcrumb", "breadcrumbs", "pagination", "pager",
    "footer", "header", "masthead", "widget", "widgets", "toolbar", "skip", "sponsor",
    "sponsored", "login", "signup", "search",
}  # fmt: skip
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"}
)
# No <form>: ASP.NET pages wrap the whole page, article included, in one.
_CHROME_TAGS = ("nav", "aside", "button", "dialog")
# A box holding more than this share of the page's text is a wrapper, not chrome (class
# names like "share-layout" wrap whole pages); cut from 0.5 to 0.25 on the devset.
_CHROME_MAX_TEXT_SHARE = 0.25
# Wrappers the sanitiser would drop with their content: CleanEval's pages sit in <text>.
_UNWRAPPED = ("text",)
_WORD_SPLIT = re.compile(r"[\s_-]+")

# A share bar is a short block made only of these words (and share counts).
SHARE_BAR_MAX_WORDS = 30
_SHARE_NETWORKS = frozenset({
    "share", "shares", "tweet", "facebook", "twitter", "linkedin", "pinterest", "whatsapp",
    "reddit", "email", "flipboard", "telegram", "tumblr", "pocket", "messenger", "mastodon",
})  # fmt: skip
_SHARE_WORDS = _SHARE_NETWORKS | {
    "this", "on", "x", "copy", "link", "save", "print", "mail", "e", "via", "article", "story",
    "post", "page", "the", "google", "plus", "comment", "comments", "more", "to", "by", "or",
}  # fmt: skip
_MORE_THAN_SHARE_BAR_WORDS = re.compile(
    rf"[\W\d]*(?:[^\W\d]+[\W\d]+){{{SHARE_BAR_MAX_WORDS}}}[^\W\d]"
)
# "Related stories", "More from Business", "You may also like": a heading over a list of
# other pages. Only with a link list after it (or nothing at all) is it removed.
_RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+\w+)?|more\s+(?:from|in|on|stories|news|articles)\b.*|read\s+more"
    r"|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+(?:read|popular"
    r"|viewed|shared)|trending(?:\s+now)?|latest\s+(?:news|stories)|also\s+read"
    r"|top\s+stories|popular\s+(?:posts|stories))\W*$",
    re.IGNORECASE,
)
RELATED_LINK_SHARE = 0.5  # the list after a "related" heading is mostly links
# A newsletter box: a short block inviting sign-up, with a form, a button or a link.
NEWSLETTER_MAX_WORDS = 40
_NEWSLETTER_TEXT = re.compile(
    r"\bnewsletters?\b|\bsign\s*up\b.{0,40}\b(?:email|updates|inbox)\b", re.IGNORECASE
)
# Every box _NEWSLETTER_TEXT matches holds one of these.
_NEWSLETTER_HINT = re.compile(r"newsletter|sign\s*up", re.IGNORECASE)
# Lazy-loading pages keep the real image address in one of these.
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url")
_IMAGE_SIZE_SUFFIX = re.compile(r"[-_]\d{2,5}x\d{2,5}$|[-_](?:large|medium|small|thumb)$")


# --- readability's output -----------------------------------------------------------------


def clean_article(
    fragment: str,
    *,
    reference: lxml_html.HtmlElement | None = None,
    lead_image: str | None = None,
) -> str:
    """Readability's output, cleaned.

    `reference` is readability's own parse of the page with every element marked in an
    `x` attribute (as its `xpath=True` option does); the output carries the same marks, so what
    readability dropped from inside the article can be found and put back. `lead_image` is
    the page's og:image, shown first when the article has no image of its own but the page
    showed it.

    Cleaning after readability, not before: stripping the same boxes from the whole page
    first changed which block readability chose, and cost 0.007 F1 on dragnet.
    """
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    if reference is not None:
        _restore_dropped(root, reference)
        _restore_lead_figure(root, reference)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("x", None)
    for element in list(root.iter(*_UNWRAPPED)):
        element.drop_tag()
    _untable_layout(root)
    _strip_page_chrome(root)
    _strip_share_bars(root)
    _strip_related_lists(root)
    _strip_newsletter_boxes(root)
    _fix_lazy_images(root)
    _drop_repeated_images(root)
    if lead_image and reference is not None:
        _add_lead_image(root, lead_image, reference)
    return str(lxml_html.tostring(root, encoding="unicode"))


def _strip_page_chrome(doc: lxml_html.HtmlElement, words: frozenset[str] = _CHROME_WORDS) -> None:
    """Remove navigation, buttons and consent/share/related boxes."""
    doomed = []
    page_chars = max(1, len(doc.text_content()))
    for element in doc.iter():
        if element is doc or not isinstance(element.tag, str) or element.tag in {"html", "body"}:
            continue
        if element.tag in {"article", "main"}:
            continue
        role = (element.get("role") or "").strip().lower()
        names = set(
            _WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
        )
        looks_like_chrome = (
            element.tag in _CHROME_TAGS or role in _CHROME_ROLES or bool(names & words)
        )
        if (
            looks_like_chrome
            and element.find(".//article") is None
            and element.find(".//main") is None
            and len(element.text_content()) < _CHROME_MAX_TEXT_SHARE * page_chars
        ):
            doomed.append(element)
    _drop_all(doomed)


def _strip_share_bars(root: lxml_html.HtmlElement) -> None:
    doomed = []
    for element in root.iter("ul", "ol", "div", "p", "span", "section"):
        # text_content() glues neighbouring text nodes, so it holds no more words than the
        # joined text below: over the limit by it, the element is over the limit anyway.
        # (In C; joining every block's text in Python cost 3 ms a page.)
        if _MORE_THAN_SHARE_BAR_WORDS.match(element.text_content()):
            continue
        words = re.findall(r"[^\W\d]+", " ".join(element.itertext()).lower())
        if (
            words
            and len(words) <= SHARE_BAR_MAX_WORDS
            and set(words) <= _SHARE_WORDS
            and set(words) & _SHARE_NETWORKS
        ):
            doomed.append(element)
    _drop_all(doomed)


def _strip_related_lists(root: lxml_html.HtmlElement) -> None:
    """A "Related" heading with a list of links after it, or with nothing after it."""
    doomed = []
    for heading in root.iter("h2", "h3", "h4", "h5", "h6", "p", "strong", "b"):
        text = " ".join(heading.text_content().split())
        if not _RELATED_HEADING.match(text):
            continue
        block = heading
        parent = block.getparent()
        while (
            block.tag in {"strong", "b"}
            and parent is not None
            and parent is not root
            and " ".join(parent.text_content().split()) == text
        ):
            block, parent = parent, parent.getparent()  # <p><strong>Related</strong></p>
        following = block.getnext()
        if following is None:
            doomed.append(block)
        elif _link_share(following) >= RELATED_LINK_SHARE:
            doomed += [block, following]
    _drop_all(doomed)


def _strip_newsletter_boxes(root: lxml_html.HtmlElement) -> None:
    if not _NEWSLETTER_HINT.search(root.text_content()):
        return  # each box's text is part of the whole, so no box can match
    doomed = []
    for element in root.iter("div", "p", "section", "form", "aside"):
        text = " ".join(element.text_content().split())
        if (
            0 < len(text.split()) <= NEWSLETTER_MAX_WORDS
            and _NEWSLETTER_TEXT.search(text)
            and (
                any(True for _ in element.iter("form", "input", "button"))
                or _link_share(element) > 0
            )
        ):
            doomed.append(element)
    _drop_all(doomed)


def _fix_lazy_images(root: lxml_html.HtmlElement) -> None:
    for image in root.iter("img"):
        src = (image.get("src") or "").strip()
        if src and not src.startswith("data:"):
            continue
        for name in _LAZY_SOURCES:
            value = (image.get(name) or "").strip()
            if value and not value.startswith("data:"):
                image.set("src", value)
                break


def _drop_repeated_images(root: lxml_html.HtmlElement) -> None:
    """The same picture twice (a lead image repeated in a gallery, a noscript copy)."""
    seen: set[str] = set()
    for image in list(root.iter("img")):
        key = image_key(image.get("src") or "")
        if not key:
            continue
        if key in seen:
            _drop_image(image)
        seen.add(key)


def image_key(url: str) -> str:
    """What two addresses of the same picture share: the file name, without size suffixes.

    "/img/harbour-1200x630.jpg?w=800" and "https://cdn/x/harbour-800x450.jpg" are the same.
    """
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    stem = path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    return _IMAGE_SIZE_SUFFIX.sub("", stem)


def _drop_image(image: lxml_html.HtmlElement) -> None:
    """Remove an image, and its figure too when the figure holds nothing else."""
    figure = next((a for a in image.iterancestors("figure")), None)
    if figure is not None and len(list(figure.iter("img"))) == 1:
        figure.drop_tree()
    else:
        image.drop_tree()


def _add_lead_image(
    root: lxml_html.HtmlElement, url: str, reference: lxml_html.HtmlElement
) -> None:
    """The page's lead image (og:image) first, when the article holds no picture at all.

    Only when the page itself shows that picture: many sites' og:image is their logo or a
    social card that the article never displayed.
    """
    key = image_key(url)
    if not key or any(True for _ in root.iter("img")):
        return
    shown = next((i for i in reference.iter("img") if image_key(i.get("src") or "") == key), None)
    if shown is None or _looks_like_chrome(shown):
        return
    figure = lxml_html.Element("figure")
    figure.append(lxml_html.Element("img", src=url, alt=shown.get("alt") or ""))
    figure.tail = root.text
    root.text = None
    root.insert(0, figure)


# --- what readability drops from inside the article ----------------------------------------

# Kept when readability drops them from inside the block it chose: its length and link
# rules remove small tables, and code or figures in link-heavy wrappers.
_RESTORED = ("table", "pre", "figure")


def _restore_dropped(root: lxml_html.HtmlElement, reference: lxml_html.HtmlElement) -> None:
    """Put back data tables, code blocks and figures readability dropped from its choice.

    Only those whose parent readability kept, so a box it dropped as a whole (comments,
    a sidebar inside the article) stays out. Each goes back after the sibling it followed.
    """
    kept = {element.get("x"): element for element in root.iter() if element.get("x")}
    # Only parents of something restorable matter; looking up every element of the page
    # by its path cost 2 ms a page.
    parents = {}
    for child in reference.iter(*_RESTORED):
        parent = child.getparent()
        if parent is not None:
            parents[parent.get("x")] = parent
    for path, element in list(kept.items()):
        original = parents.get(path)
        if original is None or element is root:
            continue
        for child in original:
            if child.tag not in _RESTORED or child.get("x") in kept:
                continue
            if not _worth_restoring(child):
                continue
            restored = copy.deepcopy(child)
            restored.tail = None
            anchor = _kept_previous_sibling(child, kept)
            if anchor is not None and anchor.getparent() is element:
                anchor.addnext(restored)
            else:
                element.insert(0, restored)
            for part in restored.iter():
                kept.setdefault(part.get("x"), part)


# The first element carrying a mark, looked for in C rather than element by element.
_MARKED = lxml.etree.XPath("descendant-or-self::*[@x = $x][1]")


def _restore_lead_figure(root: lxml_html.HtmlElement, reference: lxml_html.HtmlElement) -> None:
    """The article's lead figure, when readability kept the text around it but not it.

    News pages put the lead picture between the headline (or standfirst) and the text, as
    a sibling of the text block readability picks. The first figure inside the same
    <article> or <main>, before the article's text ends, goes back after the kept block
    it followed, unless the article already shows its picture.
    """
    kept = {e.get("x"): e for e in root.iter() if isinstance(e.tag, str) and e.get("x")}
    first = next(iter(kept), None)
    found = _MARKED(reference, x=first) if first else []
    if not found:
        return
    start = found[0]
    frame = next((a for a in start.iterancestors("article", "main")), None)
    if frame is None:
        return
    anchor = anchor_source = None
    for element in frame.iter():
        found = kept.get(element.get("x"))
        if found is not None:
            anchor, anchor_source = found, element
            continue
        if element.tag != "figure" or not any(True for _ in element.iter("img")):
            continue
        if anchor is None or _looks_like_chrome(element):
            return
        shown = {image_key(image.get("src") or "") for image in root.iter("img")}
        if any(image_key(image.get("src") or "") in shown for image in element.iter("img")):
            return
        if anchor_source is None or anchor_source.getparent() is not element.getparent():
            while anchor.getparent() is not None and anchor.getparent().get("x"):
                anchor = anchor.getparent()  # after the kept block, not inside it
        restored = copy.deepcopy(element)
        restored.tail = None
        anchor.addnext(restored)
        return


def _worth_restoring(element: lxml_html.HtmlElement) -> bool:
    if _looks_like_chrome(element):
        return False
    if element.tag == "table":
        return _is_data_table(element) and bool(element.text_content().strip())
    if element.tag == "pre":
        return bool(element.text_content().strip())
    return any(True for _ in element.iter("img")) and _link_share(element) < RELATED_LINK_SHARE


def _looks_like_chrome(element: lxml_html.HtmlElement) -> bool:
    names = set(_WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower()))
    return bool(names & _PAGE_CHROME_WORDS)


def _kept_previous_sibling(
    element: lxml_html.HtmlElement, kept: dict[str | None, lxml_html.HtmlElement]
) -> lxml_html.HtmlElement | None:
    for sibling in element.itersiblings(preceding=True):
        found = kept.get(sibling.get("x"))
        if found is not None:
            return found
    return None


# --- tables -------------------------------------------------------------------------------

_TABLE_PARTS = ("tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "col")
_CELL_BLOCKS = ("p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                "table", "dl", "form", "hr")  # fmt: skip
# A cell holding more text than this is a column of a page layout, not a datum.
LAYOUT_CELL_CHARS = 400


def _untable_layout(root: lxml_html.HtmlElement) -> None:
    """Tables used for page layout become plain blocks; data tables stay tables.

    Old pages lay out the whole page in nested tables; written as Markdown, each would be
    one enormous table row. Readability also leaves rows and cells whose table it dropped.
    """
    for table in reversed(list(root.iter("table"))):
        if not _is_data_table(table):
            _unwrap_table(table)
    for part in list(root.iter(*_TABLE_PARTS)):
        if _owning_table(part) is None:
            _unwrap_part(part)


def _is_data_table(table: lxml_html.HtmlElement) -> bool:
    if (table.get("role") or "").lower() in {"presentation", "none"}:
        return False
    rows = [row for row in table.iter("tr") if _owning_table(row) is table]
    widths = [sum(1 for cell in row if cell.tag in {"td", "th"}) for row in rows]
    if len(rows) < 2 or max(widths, default=0) < 2:
        return False
    for cell in table.iter("td", "th"):
        if _owning_table(cell) is not table:
            return False  # a table inside a cell: layout
        if len(cell.text_content()) > LAYOUT_CELL_CHARS:
            return False
        if any(True for _ in cell.iter(*_CELL_BLOCKS)):
            return False
    return True


def _owning_table(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    return next((a for a in element.iterancestors("table")), None)


def _unwrap_table(table: lxml_html.HtmlElement) -> None:
    for part in list(table.iter(*_TABLE_PARTS)):
        if _owning_table(part) is table:
            _unwrap_part(part)
    table.tag = "div"


def _unwrap_part(part: lxml_html.HtmlElement) -> None:
    if part.tag in {"tr", "td", "th", "caption"}:
        part.tag = "div"
        for name in ("colspan", "rowspan", "scope"):
            part.attrib.pop(name, None)
    else:
        part.drop_tag()


# --- the whole page -----------------------------------------------------------------------

# Never text a reader sees.
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas",
                   "object", "embed", "head", "title", "meta", "link", "select", "textarea",
                   "input", "button", "map")  # fmt: skip
_PAGE_CHROME_TAGS = ("nav", "aside", "footer", "header", "dialog", "menu")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A block of links (a menu, a tag cloud, "more stories"): at least this many links, and
# links make up at least this share of its text.
MENU_MIN_LINKS = 3
MENU_LINK_SHARE = 0.6
_MENU_BLOCKS = ("ul", "ol", "div", "section", "table", "p", "dl", "span")


def page_text_words(doc: lxml_html.HtmlElement) -> int:
    """Words of visible text in the page's body: what a reader could see on screen."""
    body = doc.find("body")
    if body is None:
        return 0
    copied = _copy(body)
    _drop_invisible(copied)
    return len(copied.text_content().split())


def main_region_words(doc: lxml_html.HtmlElement) -> int:
    """Visible words in the page's largest marked main region: <main>, <article>, role=main."""
    body = doc.find("body")
    if body is None:
        return 0
    regions = body.xpath(".//main | .//article | .//*[@role='main']")
    if not regions:
        return 0
    copied = _copy(body)
    _drop_invisible(copied)
    regions = copied.xpath(".//main | .//article | .//*[@role='main']")
    return max((len(region.text_content().split()) for region in regions), default=0)


def cleaned_page(doc: lxml_html.HtmlElement) -> str:
    """The page's body without scripts, navigation, menus and chrome, as an HTML fragment."""
    body = doc.find("body")
    if body is None:
        return ""
    root = _copy(body)
    root.tag = "div"
    root.attrib.clear()
    _drop_invisible(root)
    for element in list(root.iter(*_UNWRAPPED)):
        element.drop_tag()
    _drop_all(e for e in root.iter(*_PAGE_CHROME_TAGS) if e.find(".//main") is None)
    _strip_page_chrome(root, _PAGE_CHROME_WORDS)
    _strip_menus(root)
    _untable_layout(root)
    _strip_share_bars(root)
    _strip_newsletter_boxes(root)
    _fix_lazy_images(root)
    _drop_repeated_images(root)
    return str(lxml_html.tostring(root, encoding="unicode"))


def _copy(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    copied: lxml_html.HtmlElement = copy.deepcopy(element)
    return copied


def _drop_invisible(root: lxml_html.HtmlElement) -> None:
    doomed = [e for e in root.iter(*_INVISIBLE_TAGS) if e is not root]
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments and processing instructions
        elif element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style", "")):
            doomed.append(element)
    _drop_all(doomed)


def _strip_menus(root: lxml_html.HtmlElement) -> None:
    for element in reversed(list(root.iter(*_MENU_BLOCKS))):
        if element is root or element.getparent() is None:
            continue
        if len(element.findall(".//a")) >= MENU_MIN_LINKS and (
            _link_share(element) >= MENU_LINK_SHARE
        ):
            element.drop_tree()


# --- helpers ------------------------------------------------------------------------------


def _link_share(element: lxml_html.HtmlElement) -> float:
    """The share of an element's text that is link text (readability's link density)."""
    text = len(" ".join(element.text_content().split()))
    if text == 0:
        return 1.0 if element.tag == "a" or element.find(".//a") is not None else 0.0
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked / text


def _drop_all(elements: Iterable[lxml_html.HtmlElement]) -> None:
    for element in list(elements):
        if element.getparent() is not None:
            element.drop_tree()
