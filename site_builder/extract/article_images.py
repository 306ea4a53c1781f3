"""The article's pictures: the real address of a lazy image, one copy of each, the lead image.

(Storing the bytes of the pictures that came with a page is media's work.)
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html as lxml_html

from site_builder.extract.chrome import looks_like_chrome

# Lazy-loading pages keep the real image address in one of these.
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url")
_IMAGE_SIZE_SUFFIX = re.compile(r"[-_]\d{2,5}x\d{2,5}$|[-_](?:large|medium|small|thumb)$")


def fix_lazy_images(root: lxml_html.HtmlElement) -> None:
    """Give an image with no src, or a data: placeholder, the address its loader kept."""
    for image in root.iter("img"):
        src = (image.get("src") or "").strip()
        if src and not src.startswith("data:"):
            continue
        for name in _LAZY_SOURCES:
            value = (image.get(name) or "").strip()
            if value and not value.startswith("data:"):
                image.set("src", value)
                break


def drop_repeated_images(root: lxml_html.HtmlElement) -> None:
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


def add_lead_image(root: lxml_html.HtmlElement, url: str, reference: lxml_html.HtmlElement) -> None:
    """The page's lead image (og:image) first, when the article holds no picture at all.

    Only when the page itself shows that picture: many sites' og:image is their logo or a
    social card that the article never displayed.
    """
    key = image_key(url)
    if not key or any(True for _ in root.iter("img")):
        return
    shown = next((i for i in reference.iter("img") if image_key(i.get("src") or "") == key), None)
    if shown is None or looks_like_chrome(shown):
        return
    figure = lxml_html.Element("figure")
    figure.append(lxml_html.Element("img", src=url, alt=shown.get("alt") or ""))
    figure.tail = root.text
    root.text = None
    root.insert(0, figure)
