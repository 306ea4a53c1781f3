"""Cleanup of readability's output: the page chrome it keeps beside the article.

Pure HTML-fragment transforms, with no engine of their own; extract.py applies them.
"""

from __future__ import annotations

import re

import lxml.etree
from lxml import html as lxml_html

# Page chrome that readability sometimes keeps as a sibling of the article: consent and
# newsletter boxes, share bars. Matched as whole words of a class or id ("cookie-banner",
# "share_tools"), never as substrings, so "shareholders" or "related-work" in an article's
# own markup are not touched.
_CHROME_WORDS = frozenset(
    {
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "newsletter",
        "subscribe",
        "subscription",
        "share",
        "sharing",
        "social",
        "promo",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "banner",
        "popup",
        "modal",
        "paywall",
        "related",
        "recommended",
        "outbrain",
        "taboola",
    }
)
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"}
)
# No <form>: ASP.NET pages wrap the whole page, article included, in one.
_CHROME_TAGS = ("nav", "aside", "button", "dialog")
# A box holding more than this share of the page's text is a wrapper, not chrome (class
# names like "share-layout" wrap whole pages); cut from 0.5 to 0.25 on the devset.
_CHROME_MAX_TEXT_SHARE = 0.25
_WORD_SPLIT = re.compile(r"[\s_-]+")


def without_chrome(fragment: str) -> str:
    """Readability's output without the consent, share and related boxes it kept.

    Cleaning after readability, not before: stripping the same boxes from the whole page
    first changed which block readability chose, and cost 0.007 F1 on dragnet.
    """
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    _strip_page_chrome(root)
    return str(lxml_html.tostring(root, encoding="unicode"))


def _strip_page_chrome(doc: lxml_html.HtmlElement) -> None:
    """Remove navigation, buttons and consent/share/related boxes."""
    doomed = []
    page_chars = max(1, len(doc.text_content()))
    for element in doc.iter():
        if element is doc or not isinstance(element.tag, str) or element.tag in {"html", "body"}:
            continue
        if element.tag in {"article", "main"}:
            continue
        role = (element.get("role") or "").strip().lower()
        words = set(
            _WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
        )
        looks_like_chrome = (
            element.tag in _CHROME_TAGS or role in _CHROME_ROLES or bool(words & _CHROME_WORDS)
        )
        if (
            looks_like_chrome
            and element.find(".//article") is None
            and element.find(".//main") is None
            and len(element.text_content()) < _CHROME_MAX_TEXT_SHARE * page_chars
        ):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
