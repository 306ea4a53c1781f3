"""Page chrome: the boxes around an article that are not the article.

Menus, share bars, "related" lists, newsletter and consent boxes, sidebars: found by the
words of their class and id, their role, their tag, or their text and links, and removed
from readability's article (cleanup.clean_article) or from the whole page
(cleanup.cleaned_page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
# In readability's article, also a site's navigation, breadcrumbs, footers and copyright
# lines that it kept beside the story (dragnet R19, R45, T115, wcxb_test 5248). On the
# tuned part: dragnet +0.0006, cleaneval +0.0001, wcxb_test +0.0002; adding "sidebar",
# "widget" and "pagination" cost wcxb_test 0.0008, "byline" and "postmeta" cost cleaneval
# (bench/results.md, "Teasers under days").
_ARTICLE_CHROME_WORDS = _CHROME_WORDS | {
    "nav", "navigation", "breadcrumb", "breadcrumbs", "copyright", "footer", "menu",
}  # fmt: skip
# On the whole page, also the boxes readability itself never picks (its "unlikely
# candidates"): comments, sidebars, menus, headers and footers.
PAGE_CHROME_WORDS = _CHROME_WORDS | {
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
# Tags whose text no reader sees as the article, for words_outside_chrome.
_UNREAD_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "iframe", "nav", "header",
    "footer", "aside", "button", "select", "dialog",
})  # fmt: skip
_NEVER_CHROME = frozenset({"html", "body", "article", "main"})
_COMMENT_WORDS = frozenset({"comment", "comments", "disqus", "respond", "reply", "replies"})
# A chrome-named box of more words than this, under this share of them linked, is prose.
PROSE_BOX_MIN_WORDS = 100
PROSE_BOX_MAX_LINK_SHARE = 0.2
_MORE_THAN_PROSE_BOX_WORDS = re.compile(rf"\s*(?:\S+\s+){{{PROSE_BOX_MIN_WORDS}}}\S")
# A box holding more than this share of the page's text is a wrapper, not chrome (class
# names like "share-layout" wrap whole pages); cut from 0.5 to 0.25 on the devset.
_CHROME_MAX_TEXT_SHARE = 0.25
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
# A block of links (a menu, a tag cloud, "more stories"): at least this many links, and
# links make up at least this share of its text.
MENU_MIN_LINKS = 3
MENU_LINK_SHARE = 0.6
_MENU_BLOCKS = ("ul", "ol", "div", "section", "table", "p", "dl", "span")


def strip_page_chrome(
    doc: lxml_html.HtmlElement, words: frozenset[str] = _ARTICLE_CHROME_WORDS
) -> None:
    """Remove navigation, buttons and consent/share/related boxes, and boxes whose class
    or id names one of words."""
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
    drop_all(doomed)


def strip_share_bars(root: lxml_html.HtmlElement) -> None:
    """Remove short blocks made only of share words: "Share on Facebook Twitter Email"."""
    doomed = []
    for element in root.iter("ul", "ol", "div", "p", "span", "section"):
        # text_content() glues neighbouring text nodes, so it holds no more words than the
        # joined text below: over the limit by it, the element is over the limit anyway.
        # (In C; joining every block's text in Python cost more than the rest of the check.)
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
    drop_all(doomed)


def strip_related_lists(root: lxml_html.HtmlElement) -> None:
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
        elif link_share(following) >= RELATED_LINK_SHARE:
            doomed += [block, following]
    drop_all(doomed)


def strip_newsletter_boxes(root: lxml_html.HtmlElement) -> None:
    """Remove short boxes inviting sign-up that hold a form, a button or a link."""
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
                or link_share(element) > 0
            )
        ):
            doomed.append(element)
    drop_all(doomed)


def strip_menus(root: lxml_html.HtmlElement) -> None:
    """Remove blocks that are mostly links: menus, tag clouds, "more stories"."""
    for element in reversed(list(root.iter(*_MENU_BLOCKS))):
        if element is root or element.getparent() is None:
            continue
        if len(element.findall(".//a")) >= MENU_MIN_LINKS and (
            link_share(element) >= MENU_LINK_SHARE
        ):
            element.drop_tree()


def looks_like_chrome(element: lxml_html.HtmlElement) -> bool:
    """Whether the element's class or id names page chrome (PAGE_CHROME_WORDS)."""
    return not _names(element).isdisjoint(PAGE_CHROME_WORDS)


def words_outside_chrome(doc: lxml_html.HtmlElement) -> int:
    """The words of the page's text outside its chrome: scripts, menus, headers, footers,
    sidebars and comments, by tag (_UNREAD_TAGS) or by class and id (PAGE_CHROME_WORDS),
    but for a long box of prose with few links, which is read whatever its name.

    What trafilatura (comments off) could keep at most, give or take: the vote asks it
    only when readability's article is a small share of this. The page's html, body,
    article and main are never chrome by their class ("sidebar-left" on a forum's <html>).
    One walk that skips chrome whole: 0.6 ms a generated page, against 1.7 ms for
    subtracting each chrome box's text_content() from the page's.
    """
    words = 0
    waiting: list[lxml_html.HtmlElement] = [doc]
    while waiting:
        element = waiting.pop()
        if element is not doc and element.tail:
            words += len(element.tail.split())
        if not isinstance(element.tag, str) or _is_chrome(element):
            continue  # a comment's or chrome's own text is not the article's
        if element.text:
            words += len(element.text.split())
        waiting.extend(element)
    return words


def _is_chrome(element: lxml_html.HtmlElement) -> bool:
    if element.tag in _UNREAD_TAGS:
        return True
    if element.tag in _NEVER_CHROME or not (element.get("class") or element.get("id")):
        return False
    names = _names(element)
    if names.isdisjoint(PAGE_CHROME_WORDS):
        return False
    if not names.isdisjoint(_COMMENT_WORDS):
        return True  # trafilatura, comments off, keeps none of it however long
    # A newspaper's "sidebar" story is prose: a long box of few links is read as such.
    return not _MORE_THAN_PROSE_BOX_WORDS.match(element.text_content()) or (
        link_share(element) >= PROSE_BOX_MAX_LINK_SHARE
    )


def _names(element: lxml_html.HtmlElement) -> set[str]:
    return set(_WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower()))


def link_share(element: lxml_html.HtmlElement) -> float:
    """The share of an element's text that is link text (readability's link density)."""
    text = len(" ".join(element.text_content().split()))
    if text == 0:
        return 1.0 if element.tag == "a" or element.find(".//a") is not None else 0.0
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked / text


def drop_all(elements: Iterable[lxml_html.HtmlElement]) -> None:
    """Remove each element with its content, unless removing another took it already."""
    for element in list(elements):
        if element.getparent() is not None:
            element.drop_tree()
