"""Write the XSS vectors of tests/xss/vectors.py as saved pages: one page per vector.

Every page is an ordinary article (a headline and a few paragraphs of prose, so the
extractor keeps it) carrying one vector in one place: the body, a <head> field, the saver's
mark, or a line of a plain-text save. Each page has its own marker word in its prose, so the
suite can tell that the page's article was built and what became of it.

    .venv/bin/python -m tests.xss.generate DIR    # writes DIR/content/saved/ and site.toml
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder.extract.authors import clean_authors
from site_builder.render.sites import usable_site_name
from site_builder.render.tag_filter import publisher_tags

from . import vectors

# What an executing vector does: the browser suite watches this global. Without a "|", so
# that a vector can be a site's name (one with "|" is a tagline, never a name).
JS = "window.__xss=~~window.__xss+1"
# A closed port on another origin: any request here is a load that should never happen.
PROBE = "http://127.0.0.1:9/"
# A document that runs JS and loads PROBE, for data: URLs in frames, objects and links.
PROBE_DOCUMENT = f'<script>{JS}</script><img src="{PROBE}">'
# Every page's prose holds MARKER_PREFIX + its number, a word nothing else contains.
MARKER_PREFIX = "xsscase"
SITE_TITLE = "XSS Vector Archive"

_PLACEHOLDER = re.compile(r"\$(XD|XH|XU|XB|B64|X|P)")
_EXPANSIONS = {
    "X": JS,
    "XD": "".join(f"&#{ord(ch)};" for ch in JS),
    "XH": "".join(f"&#x{ord(ch):x};" for ch in JS),
    "XU": "".join(f"%{ord(ch):02X}" for ch in JS),
    "XB": base64.b64encode(JS.encode()).decode(),
    "B64": base64.b64encode(PROBE_DOCUMENT.encode()).decode(),
    "P": PROBE,
}
# Fields that the article page, the index or search show as text: their value must survive.
_SHOWN_TEXT_SLOTS = {"og:title", "article:tag", "author", "og:site_name", "ld:headline"}
_SHOWN_TEXT_SLOTS |= {"ld:author", "ld:keywords", "title"}
_META_PROPERTY = {"og:title", "og:description", "og:site_name", "og:image", "og:url"}
_META_PROPERTY |= {"og:locale", "article:tag", "article:published_time"}

_PROSE = (
    "The harbour committee met on Tuesday evening to review the repairs to the old sea wall,"
    " and members heard that the work had finished two weeks ahead of schedule, at a cost"
    " well below the estimate the council published in the spring.",
    "Engineers told the meeting that granite salvaged from the lighthouse pier had been"
    " used for most of the new facing, which meant that far fewer lorries had to cross the"
    " town centre, and residents on Quay Street thanked them for keeping the noise down.",
    "The committee will publish its full report next month, together with a plan for the"
    " footpath along the breakwater, which has been closed to walkers since the storm and"
    " which many people in the town would like to see reopened before the summer.",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One saved page carrying one vector."""

    number: int
    name: str  # file name in content/saved/
    slot: str  # where the vector sits: "body", "text", a <meta> name, "ld:...", ...
    family: str
    payload: str  # with its placeholders expanded
    marker: str  # the word in this page's prose that only this page contains
    keep: str | None  # text a reader must still see on the article page
    data: str  # the saved file's text

    @property
    def label(self) -> str:
        return f"#{self.number} {self.slot}/{self.family}"


def expand(template: str) -> str:
    return _PLACEHOLDER.sub(lambda match: _EXPANSIONS[match.group(1)], template)


def cases() -> list[Case]:
    """Every vector as a saved page, numbered in a stable order."""
    found: list[Case] = []

    def add(slot: str, family: str, payload: str, keep: str | None, page: _Page) -> None:
        number = len(found) + 1
        marker = f"{MARKER_PREFIX}{number:03d}"
        suffix = ".txt" if page.text else ".html"
        safe_slot = re.sub(r"[^a-z0-9]+", "-", slot.lower()).strip("-")
        found.append(
            Case(
                number=number,
                name=f"{number:03d}-{safe_slot}-{family}{suffix}",
                slot=slot,
                family=family,
                payload=payload,
                marker=marker,
                keep=keep,
                data=page.render(number, marker),
            )
        )

    for family, template, *keep in vectors.BODY:
        payload = expand(template)
        add("body", family, payload, expand(keep[0]) if keep else None, _Page(body=payload))
    for slot in vectors.META_TEXT_SLOTS:
        for family, template, *_ in vectors.META_TEXT:
            payload = expand(template)
            add(
                slot, family, payload, _shown_text(slot, family, payload), _head_page(slot, payload)
            )
    for slot in vectors.META_URL_SLOTS:
        for family, template, *_ in vectors.META_URL:
            payload = expand(template)
            add(slot, family, payload, None, _head_page(slot, payload))
    for slot, family, template in vectors.HEAD_EXTRA:
        payload = expand(template)
        add(slot, family, payload, None, _head_page(slot, payload))
    for family, template, *keep in vectors.TEXT:
        payload = expand(template)
        add("text", family, payload, expand(keep[0]) if keep else None, _Page(text=payload))
    for slot, family, template in vectors.TEXT_HEADER:
        payload = expand(template)
        add(f"text-{slot}", family, payload, None, _Page(text_header={slot: payload}))
    return found


def write_archive(root: Path) -> list[Case]:
    """An archive under root: site.toml and one saved page per vector in content/saved/."""
    saved = root / "content" / "saved"
    saved.mkdir(parents=True)
    written = cases()
    for case in written:
        (saved / case.name).write_text(case.data, encoding="utf-8", newline="\n")
    write_annotated_articles(root / "content" / "articles")
    (root / "site.toml").write_text(f'title = "{SITE_TITLE}"\n', encoding="utf-8")
    return written


def _shown_text(slot: str, family: str, payload: str) -> str | None:
    if slot not in _SHOWN_TEXT_SLOTS:
        return None
    if slot == "title":
        # Raw inside <title>, where character references are decoded and only "</title"
        # ends the element: what the saved page shows as its title.
        if family == "close-title":
            return None
        return " ".join(html.unescape(payload).split())
    if slot == "og:site_name" and usable_site_name(payload) is None:
        return None  # too long to be a name: the site is shown by its domain
    shown = " ".join(payload.split())
    if slot in ("article:tag", "ld:keywords"):
        # A publisher's keyword is shown only as a tag that passes the filter.
        kept = publisher_tags([payload], title="", description=None, text="")
        return shown if kept == (shown,) else None
    if slot in ("author", "ld:author"):
        # Markup is no one's name: the author rules drop it, or keep a name out of it.
        return shown if clean_authors([payload]) == (shown,) else None
    return shown


# --- pages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Page:
    """A page template with one vector in one place; the rest is an ordinary article."""

    body: str = ""
    head: str = ""
    title: str | None = None  # raw inside <title>
    lang: str = "en"  # raw inside lang="..."
    charset: str = "utf-8"
    mark: str = ""  # the saver's comment before <html>
    text: str | None = None  # a plain-text save's vector line(s)
    text_header: dict[str, str] | None = None

    def render(self, number: int, marker: str) -> str:
        if self.text is not None or self.text_header is not None:
            return self._render_text(number, marker)
        headline = f"Vector {number} on the harbour wall"
        title = self.title if self.title is not None else headline
        first, second, third = _PROSE
        return (
            f"<!DOCTYPE html>\n{self.mark}"
            f'<html lang="{self.lang}"><head><meta charset="{self.charset}">\n'
            f"<title>{title}</title>\n{self.head}\n</head><body>\n"
            '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>\n'
            f"<article>\n<h1>{headline}</h1>\n"
            f"<p>{first} Reference {marker}.</p>\n{self.body}\n<p>{second}</p>\n<p>{third}</p>\n"
            "</article>\n<footer>Copyright The Vector Gazette.</footer>\n</body></html>\n"
        )

    def _render_text(self, number: int, marker: str) -> str:
        header = self.text_header or {}
        headline = header.get("title", f"Vector {number} on the harbour wall")
        first, second, third = _PROSE
        lines = [
            headline,
            "Home | News | Sport | Weather",
            headline,
            header.get("author", "By Jane Tester"),
            "16 August 2020",
            "",
            f"{first} Reference {marker}.",
            "",
            self.text or "",
            "",
            second,
            "",
            third,
            "",
            header.get("tags", "Tags: Harbour, Council"),
            "",
            "Related News",
            "Mayor resigns over parking row",
            "© 2020 The Vector Gazette. All rights reserved.",
        ]
        return "\n".join(lines) + "\n"


def _head_page(slot: str, payload: str) -> _Page:
    attribute = html.escape(payload, quote=True)
    if slot == "title":
        return _Page(title=f"Vector: {payload}")
    if slot == "og:site_name":
        # A domain of its own, whose one page agrees with itself: the site is named by
        # the payload (the site's name is its pages' og:site_name when they agree).
        url = f"https://site-{hashlib.sha256(payload.encode()).hexdigest()[:12]}.example/a"
        return _Page(
            head=f'<meta property="{slot}" content="{attribute}">',
            mark=f"<!-- saved from url=({len(url):04d}){url} -->\n",
        )
    if slot in _META_PROPERTY:
        return _Page(head=f'<meta property="{slot}" content="{attribute}">')
    if slot in {"author", "twitter:image"}:
        return _Page(head=f'<meta name="{slot}" content="{attribute}">')
    if slot == "canonical":
        return _Page(head=f'<link rel="canonical" href="{attribute}">')
    if slot == "saved-from":
        return _Page(mark=f"<!-- saved from url=({len(payload):04d}){payload} -->\n")
    if slot == "singlefile":
        return _Page(
            mark=f"<!--\n Page saved with SingleFile \n url: {payload} \n"
            " saved date: Tue Mar 05 2024 10:20:30 GMT+0000 (Coordinated Universal Time)\n-->\n"
        )
    if slot == "monolith":
        return _Page(mark=f"<!-- Saved from {payload} at 2024-03-05T10:20:30Z using monolith -->\n")
    if slot == "lang":
        return _Page(lang=payload)
    if slot == "charset":
        return _Page(charset="utf-7", body=f"<p>{payload}</p>")
    if slot == "head-body":
        return _Page(head=payload)
    if slot == "ld:raw":
        return _Page(head=f'<script type="application/ld+json">{payload}</script>')
    if slot.startswith("ld:"):
        return _Page(head=_json_ld(slot.removeprefix("ld:"), payload))
    raise ValueError(f"no page template for slot {slot!r}")


def _json_ld(field: str, payload: str) -> str:
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2021-05-14T09:00:00Z",
    }
    if field == "author":
        article["author"] = {"@type": "Person", "name": payload}
    elif field == "keywords":
        article["keywords"] = [payload, "Harbour"]
    elif field == "image":
        article["image"] = {"@type": "ImageObject", "url": payload}
    else:
        article[field] = payload
    # "<\/" keeps the value whole inside <script>; the JSON still decodes to the payload.
    text = json.dumps(article, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.xss.generate DIR", file=sys.stderr)
        return 2
    written = write_archive(Path(argv[0]))
    print(f"wrote {len(written)} saved pages to {Path(argv[0]) / 'content' / 'saved'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


# Hand-written articles carrying every body vector, and the Markdown ones, where the
# reader's notes and highlights go: `note:`, `highlights:` (quotes found in the text and
# not) and `==text==^[note]`. Their pages and the Highlights page are read like the rest.
ANNOTATED_STEMS = ("2024-01-01-xss-notes", "2024-01-02-xss-highlights")


def annotation_payloads() -> list[str]:
    return [expand(template) for _, template, *_ in vectors.BODY + vectors.MARKDOWN_NOTES]


def write_annotated_articles(articles_dir: Path) -> None:
    payloads = annotation_payloads()
    prose = " ".join(_PROSE)
    inline = "\n\n".join(f"Mark {n}: ==harbour {n}==^[{p}]" for n, p in enumerate(payloads))
    notes = {
        "title": "Notes full of vectors",
        "url": "https://example.org/xss-notes",
        "published": "2024-01-01",
        "note": "\n\n".join(payloads),
    }
    highlights = {
        "title": "Highlights full of vectors",
        "url": "https://example.org/xss-highlights",
        "published": "2024-01-02",
        "highlights": [{"quote": "harbour", "note": payloads[0]}]
        + [{"quote": p, "note": p} for p in payloads],
    }
    articles_dir.mkdir(parents=True, exist_ok=True)
    for stem, front, body in (
        (ANNOTATED_STEMS[0], notes, f"{prose}\n\n{inline}\n"),
        (ANNOTATED_STEMS[1], highlights, f"{prose} The harbour reopened.\n"),
    ):
        dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
        (articles_dir / f"{stem}.md").write_text(f"---\n{dumped}---\n\n{body}", encoding="utf-8")
