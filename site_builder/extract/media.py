"""Images that came with a saved page, kept with the archive under content-hashed names.

A page's <img> is matched to the image bytes that came with it: a `data:` URI (SingleFile,
monolith), a file in the "complete" save's `_files/` folder, an MHTML part or a WARC record.
Each match is stored once as media/<sha256>.<ext> and the page refers to it there; an image
that exists only on the web keeps its address.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import replace
from urllib.parse import unquote, unquote_to_bytes, urljoin

import lxml.etree
from lxml import html as lxml_html

from site_builder.core.image_types import EXTENSIONS, image_type
from site_builder.core.records import (
    MEDIA_REFERENCE_PREFIX,
    ExtractedPage,
    MediaFile,
    Resource,
    SavedPage,
)

# Lazy-loading scripts keep the real address in one of these, and a placeholder in src.
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original")


def localize_images(extracted: ExtractedPage, page: SavedPage) -> ExtractedPage:
    """Point the article's images at stored copies of the bytes that came with the page."""
    if "<img" not in extracted.html:
        return extracted
    if not page.resources and "data:" not in extracted.html:
        # No bytes came with the page and none are inline (lxml wrote this HTML, and it
        # writes a data: address as it is), so every image stays as it is.
        return extracted
    try:
        root = lxml_html.fragment_fromstring(extracted.html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return extracted
    resources = _by_address(page.resources)
    page_address = page.path.resolve().as_uri()
    media: dict[str, MediaFile] = {}
    for image in root.iter("img"):
        source = _image_address(image)
        if source is None:
            continue
        found = _image_bytes(source, page, page_address, resources)
        if found is None:
            if source.startswith("data:"):
                image.drop_tree()  # an undecodable or non-image data: URI shows nothing
            continue
        stored = media_file(found)
        media[stored.name] = stored
        image.set("src", MEDIA_REFERENCE_PREFIX + stored.name)
        for attribute in ("srcset", *_LAZY_SOURCES):
            image.attrib.pop(attribute, None)
    if not media:
        return extracted
    html = str(lxml_html.tostring(root, encoding="unicode"))
    return replace(extracted, html=html, media=tuple(media[name] for name in sorted(media)))


def media_file(data: bytes) -> MediaFile:
    media_type = image_type(data) or "application/octet-stream"
    extension = EXTENSIONS.get(media_type, "bin")
    return MediaFile(name=f"{hashlib.sha256(data).hexdigest()}.{extension}", data=data)


def _image_address(image: lxml_html.HtmlElement) -> str | None:
    for attribute in (*_LAZY_SOURCES, "src"):
        value = (image.get(attribute) or "").strip()
        if value:
            return value
    return None


def _image_bytes(
    source: str, page: SavedPage, page_address: str, resources: dict[str, Resource]
) -> bytes | None:
    if source.startswith("data:"):
        data = _decode_data_uri(source)
        return data if data is not None and image_type(data) else None
    candidates = [unquote(urljoin(page_address, source)), source]
    if page.url:
        candidates.append(urljoin(page.url, source))
    for address in candidates:
        resource = resources.get(address) or resources.get(unquote(address))
        if resource is not None:
            return resource.data
    return None


def _by_address(resources: tuple[Resource, ...]) -> dict[str, Resource]:
    found: dict[str, Resource] = {}
    for resource in resources:
        found.setdefault(resource.url, resource)
        found.setdefault(unquote(resource.url), resource)
    return found


def _decode_data_uri(uri: str) -> bytes | None:
    header, comma, payload = uri.partition(",")
    if not comma:
        return None
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode("".join(payload.split()), validate=False)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
