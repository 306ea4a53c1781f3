"""Render: Markdown articles -> the static reader site, through the Jinja templates.

Article HTML is made here and only here: Markdown is converted with raw HTML switched off,
the result is sanitised with the shared allow-list, and only then marked safe for Jinja.
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from lxml import html as lxml_html
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from site_builder.config import SiteConfig
from site_builder.models import MEDIA_FOLDER, Article, RenderedArticle, SiteBuilderError
from site_builder.sanitize import is_web_url, sanitize_html

STOCK_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ARTICLES_SUBDIR = "articles"
# Adult silent reading speed for non-fiction is about 230 words a minute (Brysbaert 2019).
WORDS_PER_MINUTE = 230
EXCERPT_CHARS = 240
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "blockquote",
    "tr",
    "figcaption",
    "dt",
    "dd",
    "table",
    "ul",
    "ol",
    "div",
    "figure",
}


_MEDIA_NAME = re.compile(r"[0-9a-f]{64}\.(png|jpg|gif|webp)")


class RenderError(SiteBuilderError):
    """A template is missing or broken."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageLink:
    """An article as the index and navigation show it. Paths are relative to the site root."""

    title: str
    href: str
    site_name: str | None
    published: str | None
    published_display: str | None
    excerpt: str
    reading_minutes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage:
    """Everything article.html shows about one article."""

    link: PageLink
    author: str | None
    url: str | None
    saved_display: str | None
    language: str | None
    description: str | None
    tags: tuple[str, ...]
    image: str | None
    content: Markup
    quality: str | None  # "short" or "empty" when extraction may have missed part
    previous: PageLink | None
    next: PageLink | None


class _QuietImages(Treeprocessor):
    """An image still on its original site is fetched only when seen, with no referrer."""

    def run(self, root: ElementTree.Element) -> None:
        for image in root.iter("img"):
            image.set("loading", "lazy")
            image.set("referrerpolicy", "no-referrer")


def markdown_to_html(body: str) -> str:
    """Article Markdown -> sanitised HTML. Raw HTML in the Markdown is shown as text."""
    converter = markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists"], output_format="html"
    )
    # Raw HTML in an article is archived text, never markup: it came from an untrusted page.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_QuietImages(converter), "quiet_images", 0)
    return sanitize_html(converter.convert(body))


def html_to_text(fragment: str) -> str:
    """Plain text with a line break after each block, so words never glue across blocks."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if element.tag in _BLOCK_TAGS or element.tag == "br":
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def article_href(article: Article) -> str:
    return f"{ARTICLES_SUBDIR}/{article.stem}.html"


def make_environment(config: SiteConfig) -> Environment:
    """User templates first; stock ones also reachable as "default:NAME" for {% extends %}."""
    stock = FileSystemLoader(str(STOCK_TEMPLATES))
    loaders: list[FileSystemLoader | PrefixLoader] = []
    if config.templates_dir.resolve() != STOCK_TEMPLATES:
        loaders.append(FileSystemLoader(str(config.templates_dir)))
    loaders += [PrefixLoader({"default": stock}, delimiter=":"), stock]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env


def prepare(article: Article) -> RenderedArticle:
    """Render an article's body once; the pages and the search index both use the result."""
    body_html = markdown_to_html(article.body)
    return RenderedArticle(article=article, html=body_html, text=html_to_text(body_html))


def render_site(articles: Sequence[RenderedArticle], config: SiteConfig, site_dir: Path) -> int:
    """Write every page of the site into site_dir (which must be empty); return page count."""
    env = make_environment(config)
    ordered = newest_first(articles)
    links = [_link(rendered) for rendered in ordered]
    common = {"site": config}
    pages = 0
    for position, rendered in enumerate(ordered):
        page = _article_page(
            rendered,
            links[position],
            previous=links[position - 1] if position > 0 else None,
            next_link=links[position + 1] if position + 1 < len(links) else None,
        )
        _write(
            env,
            "article.html",
            site_dir / links[position].href,
            root="../",
            article=page,
            page_title=rendered.article.meta.title,
            **common,
        )
        pages += 1
    _write(
        env,
        "index.html",
        site_dir / "index.html",
        root="",
        articles=links,
        page_title=config.title,
        **common,
    )
    _write(env, "search.html", site_dir / "search.html", root="", page_title="Search", **common)
    # Hosts show 404.html at whatever address was missing, so relative links would
    # break; with base_url known, its links start from the site's own path.
    _write(
        env,
        "404.html",
        site_dir / "404.html",
        root=_site_path(config.base_url),
        page_title="Not found",
        **common,
    )
    _copy_static(config, site_dir / "static")
    _copy_media(config.media_dir, site_dir / MEDIA_FOLDER)
    (site_dir / ".nojekyll").write_bytes(b"")  # GitHub Pages: serve files as they are
    return pages + 3


def _article_page(
    rendered: RenderedArticle,
    link: PageLink,
    *,
    previous: PageLink | None,
    next_link: PageLink | None,
) -> ArticlePage:
    meta = rendered.article.meta
    # The one place where HTML becomes trusted: prepare() passed it through the allow-list.
    content = Markup(rendered.html)  # noqa: S704
    return ArticlePage(
        link=link,
        author=meta.author,
        # Front matter is hand-editable; only a web address may become a link.
        url=meta.url if meta.url and is_web_url(meta.url) else None,
        saved_display=display_date(meta.saved),
        language=meta.language,
        description=_standfirst(meta.description, rendered.text),
        tags=meta.tags,
        image=meta.image if meta.image and is_web_url(meta.image) else None,
        content=content,
        quality=meta.quality if meta.quality in ("short", "empty") else None,
        previous=previous,
        next=next_link,
    )


def _link(rendered: RenderedArticle) -> PageLink:
    article, text = rendered.article, rendered.text
    words = len(text.split())
    excerpt = article.meta.description or text
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    return PageLink(
        title=article.meta.title,
        href=article_href(article),
        site_name=article.meta.site_name,
        published=article.meta.published,
        published_display=display_date(article.meta.published),
        excerpt=" ".join(excerpt.split()),
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
    )


def _standfirst(description: str | None, text: str) -> str | None:
    """The description, unless the article already opens with it (a repeated standfirst)."""
    if not description:
        return None
    wanted = _letters(description)
    return None if wanted and wanted in _letters(text[: len(description) * 3]) else description


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _site_path(base_url: str) -> str:
    """ "/repo/" for https://user.github.io/repo/; "" (relative) when unknown."""
    path = urlsplit(base_url).path if base_url else ""
    if not path:
        return ""
    return path if path.endswith("/") else path + "/"


def display_date(iso: str | None) -> str | None:
    """ "16 August 2020": the same in every locale, so builds are reproducible."""
    if not iso or len(iso) < 10 or not iso[:4].isdigit():
        return None
    try:
        year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    except ValueError:
        return None
    if not 1 <= month <= 12:
        return None
    return f"{day} {_MONTHS[month - 1]} {year}"


def newest_first(articles: Iterable[RenderedArticle]) -> list[RenderedArticle]:
    """Newest publication first, undated last, ties by file name (sorts are stable)."""
    by_name = sorted(articles, key=lambda rendered: rendered.article.stem)
    return sorted(
        by_name, key=lambda r: r.article.meta.published or r.article.meta.saved or "", reverse=True
    )


def _write(env: Environment, template: str, path: Path, **context: object) -> None:
    try:
        text = env.get_template(template).render(**context)
    except TemplateError as err:
        name = getattr(err, "filename", None) or getattr(err, "name", None) or template
        raise RenderError(name, f"template error: {err}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _copy_media(media_dir: Path, target: Path) -> None:
    """Stored images, by their content-hash names; nothing else from that folder."""
    if not media_dir.is_dir():
        return
    for image in sorted(media_dir.iterdir()):
        if _MEDIA_NAME.fullmatch(image.name) and image.is_file() and not image.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(image, target / image.name)


def _copy_static(config: SiteConfig, target: Path) -> None:
    """Stock assets first, then the user's, so a user file replaces its stock namesake."""
    sources: Iterable[Path] = dict.fromkeys(
        [STOCK_TEMPLATES / "static", config.templates_dir.resolve() / "static"]
    )
    for source in sources:
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
