"""An EPUB 3 of articles, for an e-reader: a table of contents, a chapter per article
(title, author, site, date, original address), its local images, its highlights marked.

Written by hand with zipfile (the format is a ZIP of XHTML and two XML files), and
checked by epubcheck in the tests. The chapters are the article HTML as the site shows
it (rendered and sanitised by render), made XHTML by lxml.
"""

from __future__ import annotations

import hashlib
import html
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from site_builder import render
from site_builder.core.image_types import image_type
from site_builder.core.records import MEDIA_REFERENCE_PREFIX, Article, Highlight

# The image types EPUB 3.2 readers must show (its "core media types"); WebP came later.
CORE_IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
# Link addresses a reader can follow from a book; others (the site's own pages) are
# kept as text, since the book does not hold those pages.
_FOLLOWED_SCHEMES = ("http://", "https://", "mailto:")
_XHTML = "http://www.w3.org/1999/xhtml"
_STYLE = "body{font-family:serif;line-height:1.5}.byline{font-style:italic}mark{background:#ff6}"


@dataclass(frozen=True, slots=True)
class _Chapter:
    name: str
    title: str
    xhtml: str


def write_epub(
    articles: list[Article], target: Path, *, title: str, language: str, media_dir: Path,
    modified: datetime | None = None,
) -> None:  # fmt: skip
    """The EPUB of the articles at target (written whole, or not at all)."""
    images: dict[str, bytes] = {}
    chapters = [
        _chapter(f"c{number:04d}.xhtml", article, media_dir, images, language)
        for number, article in enumerate(articles, 1)
    ]
    moment = (modified or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    digest = hashlib.sha256("\n".join(c.xhtml for c in chapters).encode()).hexdigest()
    identifier = f"urn:uuid:{uuid.UUID(digest[:32])}"
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        deflated = zipfile.ZIP_DEFLATED
        book.writestr("META-INF/container.xml", _CONTAINER, compress_type=deflated)
        book.writestr(
            "EPUB/package.opf",
            _package(chapters, images, title=title, language=language, identifier=identifier,
                     modified=moment),
            compress_type=deflated,
        )  # fmt: skip
        book.writestr("EPUB/nav.xhtml", _nav(chapters, title, language), compress_type=deflated)
        book.writestr("EPUB/style.css", _STYLE, compress_type=deflated)
        for chapter in chapters:
            book.writestr(f"EPUB/{chapter.name}", chapter.xhtml, compress_type=deflated)
        for name, data in sorted(images.items()):
            book.writestr(f"EPUB/media/{name}", data)
    partial.replace(target)


def _chapter(
    name: str, article: Article, media_dir: Path, images: dict[str, bytes], language: str
) -> _Chapter:
    meta = article.meta
    body = lxml_html.fragment_fromstring(
        render.prepare(article).html or "<p></p>", create_parent="div"
    )
    _embed_images(body, media_dir, images)
    _unlink_local(body)
    for mark in meta.highlights:
        _mark(body, mark.quote)
    byline = " · ".join(
        part
        for part in (
            ", ".join(meta.author),
            meta.site_name,
            (meta.published or meta.saved or "")[:10],
        )
        if part
    )
    parts = [f"<h1>{html.escape(meta.title)}</h1>"]
    if byline:
        parts.append(f'<p class="byline">{html.escape(byline)}</p>')
    if meta.url and meta.url.startswith(("http://", "https://")):
        url = html.escape(meta.url)
        parts.append(f'<p class="source">Original: <a href="{url}">{url}</a></p>')
    if body.text and body.text.strip():  # text before the first block of the body
        parts.append(f"<p>{html.escape(body.text)}</p>")
    parts += [_xml(child) for child in body]
    parts.append(_highlights(meta.highlights))
    lang = html.escape(meta.language or language)
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{_XHTML}" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" '
        f'xml:lang="{lang}">\n<head><title>{html.escape(meta.title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>\n<section>\n{''.join(parts)}\n</section>\n</body>\n</html>\n"
    )
    return _Chapter(name=name, title=meta.title, xhtml=xhtml)


def _embed_images(body: lxml_html.HtmlElement, media_dir: Path, images: dict[str, bytes]) -> None:
    for img in list(body.iter("img")):
        src = img.get("src") or ""
        name = src.removeprefix(MEDIA_REFERENCE_PREFIX)
        data = _media(media_dir, name) if src.startswith(MEDIA_REFERENCE_PREFIX) else None
        kind = image_type(data) if data else None
        if data is None or kind not in CORE_IMAGE_TYPES:
            img.drop_tree()  # a remote image: the book stays readable offline
            continue
        images[name] = data
        for attribute in list(img.attrib):
            if attribute not in ("alt", "width", "height"):
                del img.attrib[attribute]
        img.set("src", f"media/{name}")
        img.set("alt", img.get("alt") or "")


def _media(media_dir: Path, name: str) -> bytes | None:
    path = media_dir / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return None
    return path.read_bytes()


def _unlink_local(body: lxml_html.HtmlElement) -> None:
    for link in list(body.iter("a")):
        href = link.get("href") or ""
        if not href.startswith(_FOLLOWED_SCHEMES):
            link.drop_tag()
        else:
            for attribute in list(link.attrib):
                if attribute not in ("href", "title"):
                    del link.attrib[attribute]


def _mark(body: lxml_html.HtmlElement, quote: str) -> None:
    """Wrap the quote's first occurrence within one run of text in <mark>."""
    for element in body.iter():
        if element.tag in ("mark",):
            continue
        for where in ("text", "tail"):
            text = getattr(element, where)
            if element is body and where == "tail":
                continue
            if text and quote in text:
                before, after = text.split(quote, 1)
                mark = etree.Element("mark")
                mark.text, mark.tail = quote, after
                if where == "text":
                    element.text = before
                    element.insert(0, mark)
                else:
                    element.tail = before
                    parent = element.getparent()
                    parent.insert(parent.index(element) + 1, mark)
                return


def _highlights(marks: tuple[Highlight, ...]) -> str:
    if not marks:
        return ""
    items = "".join(
        f"<li><mark>{html.escape(mark.quote)}</mark>"
        + (f"<br/>{html.escape(mark.note)}" if mark.note else "")
        + "</li>"
        for mark in marks
    )
    return f"<h2>Highlights</h2><ul>{items}</ul>"


def _xml(element: lxml_html.HtmlElement) -> str:
    return str(etree.tostring(element, method="xml", encoding="unicode", with_tail=True))


def _package(
    chapters: list[_Chapter], images: dict[str, bytes], *, title: str, language: str,
    identifier: str, modified: str,
) -> str:  # fmt: skip
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="{c.name[:-6]}" href="{c.name}" media-type="application/xhtml+xml"/>'
        for c in chapters
    ]
    manifest += [
        f'<item id="m{number}" href="media/{name}" media-type="{image_type(data)}"/>'
        for number, (name, data) in enumerate(sorted(images.items()), 1)
    ]
    spine = "".join(f'<itemref idref="{c.name[:-6]}"/>' for c in chapters)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'<dc:identifier id="id">{identifier}</dc:identifier>\n'
        f"<dc:title>{html.escape(title)}</dc:title>\n"
        f"<dc:language>{html.escape(language)}</dc:language>\n"
        f'<meta property="dcterms:modified">{modified}</meta>\n'
        "</metadata>\n"
        f"<manifest>\n{chr(10).join(manifest)}\n</manifest>\n"
        f"<spine>{spine}</spine>\n</package>\n"
    )


def _nav(chapters: list[_Chapter], title: str, language: str) -> str:
    entries = "".join(f'<li><a href="{c.name}">{html.escape(c.title)}</a></li>' for c in chapters)
    lang = html.escape(language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{_XHTML}" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" '
        f'xml:lang="{lang}">\n<head><title>{html.escape(title)}</title></head>\n'
        f'<body><nav epub:type="toc" id="toc"><h1>{html.escape(title)}</h1>'
        f"<ol>{entries}</ol></nav></body>\n</html>\n"
    )


_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '<rootfiles><rootfile full-path="EPUB/package.opf" '
    'media-type="application/oebps-package+xml"/></rootfiles>\n</container>\n'
)
