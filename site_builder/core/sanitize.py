"""The one HTML allow-list, applied with nh3 wherever archived HTML crosses a boundary.

Archived pages are untrusted. Whatever survives this allow-list is published on the user's
own origin, so it names the few elements and attributes a reader view needs, and nothing
that can run, load a frame, submit a form or navigate by itself.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
    }
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "abbr": {"title"},
    "code": {"class"},  # "language-python" from fenced code blocks
    "span": {"class"},  # "hl-k": a token of a highlighted code block (render/highlight.py)
    "blockquote": {"cite"},
    # The anchors of highlights and their notes (render/highlight_marks.py), only
    # by the names _HIGHLIGHT_ID allows, so no page's id can take another's.
    "mark": {"id"},
    "sup": {"id"},
    "li": {"id"},
}
# Removed with everything inside them, not just unwrapped: their text is never article text.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "form",
        "select",
        "textarea",
        "button",
        "head",
        "title",
        "meta",
        "base",
        "link",
    }
)
_URL_ATTRIBUTES = {"href", "src", "cite"}
_SAFE_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CODE_CLASS = re.compile(r"language-[A-Za-z0-9_+-]{1,30}")
# Pygments' token classes under our prefix ("hl-k", "hl-nf", "hl-s2"); no other class on a
# span, so an archived page's own classes never pick up the site's styles.
_TOKEN_CLASS = re.compile(r"hl-[A-Za-z0-9-]{1,40}")
_HIGHLIGHT_ID = re.compile(r"highlight-(?:note-|ref-)?[0-9]{1,6}")


def is_safe_url(url: str, *, image: bool = False) -> bool:
    """True for http(s), mailto and relative URLs, and data: images where images are meant."""
    # Browsers ignore ASCII whitespace and controls inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", url)
    scheme = _SCHEME.match(compact)
    if scheme is None:
        return True  # relative, or protocol-relative ("//host/x"), which stays on http(s)
    name = scheme.group(1).lower()
    if name == "data":
        return image and bool(_SAFE_DATA_IMAGE.match(compact))
    return name in _SAFE_SCHEMES


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in _URL_ATTRIBUTES and not is_safe_url(value, image=tag == "img"):
        return None
    if tag == "code" and attribute == "class":
        return value if _CODE_CLASS.fullmatch(value) else None
    if tag == "span" and attribute == "class":
        return value if _TOKEN_CLASS.fullmatch(value) else None
    if attribute == "id":
        return value if _HIGHLIGHT_ID.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=_SAFE_SCHEMES | {"data"},
    link_rel="noopener noreferrer nofollow",
    # The renderer asks for these on every image; no other value may pass. (nh3's
    # set_tag_attribute_values would add them itself, but in a random order per process,
    # which breaks byte-identical builds.)
    # So is tabindex="0" on a code block, which may scroll sideways (render/body_html.py).
    tag_attribute_values={
        "img": {"loading": {"lazy"}, "referrerpolicy": {"no-referrer"}},
        "pre": {"tabindex": {"0"}},
    },
    strip_comments=True,
)


def sanitize_html(fragment: str) -> str:
    """Return the fragment with everything outside the allow-list removed."""
    return _CLEANER.clean(fragment)
