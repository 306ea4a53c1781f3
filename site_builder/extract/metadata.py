"""Article metadata from a page's <head>: OpenGraph, JSON-LD, Twitter cards and <meta>.

Each field has an ordered list of sources; the first that gives a usable value wins. The
order puts the publisher's structured data first, because it is written for machines, and
falls back to looser conventions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from site_builder.core.dates import parse_date
from site_builder.core.titles import TITLE_SEPARATOR, same_text, strip_site_name
from site_builder.core.urls import is_web_url, preferred_url
from site_builder.extract.authors import HANDLE, clean_authors, identity_key

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
    "liveblogposting",
}
# Used only when no article type is present: a WebPage often wraps the real article.
_PAGE_TYPES = {"webpage", "itempage"}
_IMAGE_KEYS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_UPDATED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
    "dcterms.modified",
    "parsely-updated-date",
)
# Each is one source of authors, in this order; the first with a usable name wins. Each
# <meta> of a name counts: some pages give one per author.
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "twitter:creator",
)
# A link's text names the person at its address when it is name-sized.
_LINK_NAME_MAX_WORDS = 5
# "Sourdough at home - The Baking Times" with the h1 "Sourdough at home": a site's name
# after a title's last separator has at most this many words (Chrome's MHTML keeps no
# og:site_name where the page's scripts set it).
SITE_NAME_MAX_WORDS = 5
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMetadata:
    """What the page says about itself; any field may be missing."""

    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    authors: tuple[str, ...] = ()
    # Every date the page declares for each, most trusted first (see page_dates).
    published_dates: tuple[str, ...] = ()
    updated_dates: tuple[str, ...] = ()
    language: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None


def read_metadata(doc: lxml_html.HtmlElement, page_url: str | None) -> PageMetadata:
    """Collect metadata from a parsed page; page_url resolves relative URLs."""
    meta = _meta_values(doc)
    ld = _json_ld_article(doc)
    raw_title = _first(
        _meta_first(meta, "og:title", "twitter:title"),
        _ld_text(ld.get("headline")),
        _text_of(doc.find(".//title")),
        _text_of(_first_h1(doc)),
    )
    # The page's own canonical address where it is on the site the saver recorded.
    url = _first(
        preferred_url(
            page_url,
            _link_href(doc, "canonical", base=page_url),
            _web_url(_meta_first(meta, "og:url")),
        ),
        _web_url(_ld_url(ld)),
    )
    site_name = _first(
        _meta_first(meta, "og:site_name", "application-name", "twitter:site:name"),
        _ld_name(ld.get("publisher")),
    )
    # The host name only stands in for a missing site name; it never strips a title.
    site_name = site_name or _site_from_title(raw_title, url, _text_of(_first_h1(doc)))
    published = (
        _ld_text(ld.get("datePublished")),
        *_meta_all(meta, _PUBLISHED_KEYS),
        _time_datetime(doc),
        _ld_text(ld.get("dateCreated")),
    )
    updated = (_ld_text(ld.get("dateModified")), *_meta_all(meta, _UPDATED_KEYS))
    return PageMetadata(
        title=strip_site_name(raw_title, site_name, name_is_declared=True) if raw_title else None,
        url=url,
        site_name=site_name or _host_name(url),
        authors=_authors(doc, meta, ld, site_name=site_name, url=url),
        published_dates=_dates(published),
        updated_dates=_dates(updated),
        language=_language(doc, meta, ld),
        description=_first(_meta_first(meta, *_DESCRIPTION_KEYS), _ld_text(ld.get("description"))),
        tags=_tags(meta, ld),
        image=_image(meta, ld, base=url or page_url),
    )


def _first(*candidates: str | None) -> str | None:
    """The first candidate that is not blank, with its spacing squashed."""
    for value in candidates:
        if value and value.strip():
            return _squash(value)
    return None


def _meta_first(meta: dict[str, list[str]], *names: str) -> str | None:
    """The first <meta> of these names (in this order) that is not blank."""
    return _first(*(meta.get(name, [None])[0] for name in names))


def _image(meta: dict[str, list[str]], ld: dict[str, Any], *, base: str | None) -> str | None:
    """The lead image's web address, made absolute against base.

    Each candidate is checked before choosing: a javascript: og:image must not hide a
    usable twitter:image.
    """
    candidates = [*(meta.get(key, [None])[0] for key in _IMAGE_KEYS), _ld_image(ld.get("image"))]
    return _first(*(_web_url(urljoin(base or "", c.strip())) if c else None for c in candidates))


def _meta_all(meta: dict[str, list[str]], names: tuple[str, ...]) -> list[str]:
    """Every <meta> of these names, by name in this order."""
    return [value for name in names for value in meta.get(name.lower(), [])]


def _dates(candidates: tuple[str | None, ...]) -> tuple[str, ...]:
    """The candidates that hold a date, as ISO 8601, each once, in order."""
    found = (parse_date(value) for value in candidates if value and value.strip())
    return tuple(dict.fromkeys(date for date in found if date))


def _authors(
    doc: lxml_html.HtmlElement,
    meta: dict[str, list[str]],
    ld: dict[str, Any],
    *,
    site_name: str | None,
    url: str | None,
) -> tuple[str, ...]:
    """The names of the first source of authors that gives one (see authors.py)."""
    sources = [
        _ld_author_values(ld.get("author")),
        *(meta.get(key, []) for key in _AUTHOR_KEYS),
        _byline_links(doc),
    ]
    needs_identities = any(
        HANDLE.match(value.strip()) or is_web_url(value) for source in sources for value in source
    )
    identities = _identities(doc, base=url) if needs_identities else {}
    host = urlsplit(url).hostname if url else None
    for source in sources:
        names = clean_authors(source, site_name=site_name, host=host, names_by_address=identities)
        if names:
            return names
    return ()


def _ld_author_values(value: Any) -> list[str]:
    """A JSON-LD author's names, or its address where it gives no name."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = _ld_text(value.get("name"))
        address = _ld_text(value.get("url")) or _ld_text(value.get("@id"))
        return [name] if name else ([address] if address else [])
    if isinstance(value, list):
        return [found for entry in value for found in _ld_author_values(entry)]
    return []


def _identities(doc: lxml_html.HtmlElement, *, base: str | None) -> dict[str, str]:
    """Whose each address is, as the page says: JSON-LD people's `url` and `sameAs`, and
    name-sized links (`<a href="/author/tom-rogan">Tom Rogan</a>`), keyed by identity_key."""
    names: dict[str, str] = {}
    for element in doc.iter("a"):
        href, text = element.get("href"), _text_of(element)
        if href and text and len(text.split()) <= _LINK_NAME_MAX_WORDS:
            address = urljoin(base or "", href.strip())
            names.setdefault(identity_key(address), text)
    for item in _ld_items(doc):
        name = _ld_text(item.get("name"))
        if not name:
            continue
        for key in ("url", "sameAs", "@id"):
            addresses = item.get(key)
            for address in addresses if isinstance(addresses, list) else [addresses]:
                if isinstance(address, str) and address.strip():
                    names[identity_key(address)] = _squash(name)  # declared beats linked
    return names


def _ld_documents(doc: lxml_html.HtmlElement) -> Iterator[Any]:
    """Each JSON-LD script's data; broken JSON-LD is common, and the page has other
    metadata, so a script that does not parse is passed over."""
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            yield json.loads(script.text or "")
        except ValueError:
            continue


def _ld_items(doc: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, at any depth."""
    for data in _ld_documents(doc):
        yield from _every_object(data)


def _every_object(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _every_object(value)
    elif isinstance(data, list):
        for entry in data:
            yield from _every_object(entry)


def _meta_values(doc: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """<meta> contents by lower-cased property/name/itemprop, in document order."""
    values: dict[str, list[str]] = {}
    for element in doc.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content is not None:
            values.setdefault(key.strip().lower(), []).append(content)
    for element in doc.iter("meta"):  # <meta http-equiv="content-language" content="fr">
        if (element.get("http-equiv") or "").lower() == "content-language":
            values.setdefault("content-language", []).append(element.get("content") or "")
    return values


def _json_ld_article(doc: lxml_html.HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object describing an article, or an empty mapping.

    A real article type wins over a WebPage that merely wraps it, wherever each stands.
    """
    fallback: dict[str, Any] = {}
    for data in _ld_documents(doc):
        for item in _walk_ld(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            names = {k.lower() for k in kinds if isinstance(k, str)}
            if names & _ARTICLE_TYPES:
                return item
            if names & _PAGE_TYPES and not fallback:
                fallback = item
    return fallback


def _walk_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _walk_ld(entry)
    elif isinstance(data, dict):
        yield data
        yield from _walk_ld(data.get("@graph", []))
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_ld(main)


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _ld_name(value: Any) -> str | None:
    """A person's or organisation's name, joining several authors with ", "."""
    if isinstance(value, str):
        return None if is_web_url(value) else value
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_ld_name(v) for v in value) if name]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _ld_url(ld: dict[str, Any]) -> str | None:
    entity = ld.get("mainEntityOfPage")
    if isinstance(entity, dict):
        entity = entity.get("@id")
    return _ld_text(ld.get("url")) or _ld_text(entity)


def _ld_image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def _tags(meta: dict[str, list[str]], ld: dict[str, Any]) -> tuple[str, ...]:
    candidates: list[str] = list(meta.get("article:tag", []))
    keywords = ld.get("keywords")
    if isinstance(keywords, list):
        candidates += [k for k in keywords if isinstance(k, str)]
    elif isinstance(keywords, str):
        candidates += keywords.split(",")
    if not candidates:
        for value in meta.get("keywords", []) + meta.get("news_keywords", []):
            candidates += value.split(",")
    seen: dict[str, str] = {}
    for tag in candidates:
        cleaned = _squash(tag)
        if cleaned and cleaned.lower() not in seen:
            seen[cleaned.lower()] = cleaned
    return tuple(seen.values())


def _language(
    doc: lxml_html.HtmlElement, meta: dict[str, list[str]], ld: dict[str, Any]
) -> str | None:
    for raw in (
        doc.get("lang"),
        doc.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _ld_text(ld.get("inLanguage")),
        *meta.get("content-language", []),
        *meta.get("og:locale", []),
    ):
        if raw and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", raw.strip()):
            primary, _, region = str(raw).strip().replace("_", "-").partition("-")
            return primary.lower() + (f"-{region.upper()}" if len(region) == 2 else "")
    return None


def _time_datetime(doc: lxml_html.HtmlElement) -> str | None:
    for element in doc.iter("time"):
        value = element.get("datetime")
        if value and value.strip():
            return str(value)
    return None


def _byline_links(doc: lxml_html.HtmlElement) -> list[str]:
    """The text of each `<a rel="author">`."""
    texts = (_text_of(a) for a in doc.iter("a") if "author" in (a.get("rel") or "").split())
    return [text for text in texts if text]


def _link_href(doc: lxml_html.HtmlElement, rel: str, *, base: str | None) -> str | None:
    """The first such link's address, made absolute against base (a CMS may write
    rel=canonical as "/news/story")."""
    for element in doc.iter("link"):
        if rel in (element.get("rel") or "").lower().split():
            href = (element.get("href") or "").strip()
            return _web_url(urljoin(base, href) if base and href else href)
    return None


def _first_h1(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    for element in doc.iter("h1"):
        return element
    return None


def _text_of(element: lxml_html.HtmlElement | None) -> str | None:
    return _squash(element.text_content()) if element is not None else None


def _site_from_title(title: str | None, url: str | None, headline: str | None) -> str | None:
    """ "Headline | The Harbour Times" names its site when the name matches the host, or
    when the page's own headline (its h1) is the title without that last part."""
    if not title:
        return None
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return None
    last = list(TITLE_SEPARATOR.finditer(title))[-1]
    if (
        headline
        and len(parts[-1].split()) <= SITE_NAME_MAX_WORDS
        and same_text(title[: last.start()], headline)
    ):
        return parts[-1].strip()
    host = urlsplit(url).hostname if url else None
    if not host:
        return None
    host_letters = re.sub(r"[^a-z0-9]", "", host.lower())
    for candidate in (parts[-1], parts[0]):
        letters = re.sub(r"[^a-z0-9]", "", candidate.lower().removeprefix("the "))
        if len(letters) >= 3 and letters in host_letters:
            return candidate.strip()
    return None


def _host_name(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _web_url(url: str | None) -> str | None:
    """url without blanks around it, when it is a web address."""
    stripped = url.strip() if url else ""
    return stripped if is_web_url(stripped) else None


def _squash(text: str) -> str:
    return " ".join(text.split())
