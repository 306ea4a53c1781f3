"""Render: Markdown articles -> the static reader site, through the Jinja templates.

Article HTML is made by article_html.markdown_to_html alone: Markdown converted with raw
HTML switched off, then sanitised with the shared allow-list; only here is it marked safe
for Jinja.
"""

from __future__ import annotations

import base64
import difflib
import functools
import hashlib
import math
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from markupsafe import Markup

from site_builder.build.cache_keys import PageKeys
from site_builder.core.config import SiteConfig, shown_build_time
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import MEDIA_FOLDER, Article, ArticleSummary, RenderedArticle
from site_builder.render.body_html import html_to_text, markdown_to_html
from site_builder.render.listings import (
    MONTHS,
    Facet,
    Group,
    PageLink,
    facet_slugs,
    group_by,
    months,
    paginate,
    years,
)
from site_builder.render.sanitize import is_web_url
from site_builder.render.site_files import copy_media, copy_static, publish_original

_PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/
STOCK_TEMPLATES = _PACKAGE.parent / "templates"
ARTICLES_SUBDIR = "articles"
# Adult silent reading speed for non-fiction is about 230 words a minute (Brysbaert 2019).
WORDS_PER_MINUTE = 230
EXCERPT_CHARS = 240


# The first stored image in an article's Markdown: its thumbnail in lists.
_FIRST_MEDIA = re.compile(r"!\[[^\]]*\]\(\.\./media/([0-9a-f]{64}\.(?:png|jpg|gif|webp))\)")
_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-\d{2}")
FEED_ENTRIES = 50
THEME_SCRIPT = "theme.js"
_FILTER_LOOKALIKES = str.maketrans({"&": "＆", "<": "‹", ">": "›"})
# A description this close to the article's first paragraph is a standfirst the body
# already shows (the sample's differs by one word: ratio 0.95); unrelated summaries of
# the same story measured under 0.6.
STANDFIRST_SIMILARITY = 0.85


class RenderError(SiteBuilderError):
    """A template is missing or broken."""


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
    original: str | None  # the saved page as published, relative to the site root
    previous: PageLink | None
    next: PageLink | None


def article_href(article: Article) -> str:
    return article_href_of(article.stem)


def article_href_of(stem: str) -> str:
    return f"{ARTICLES_SUBDIR}/{stem}.html"


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
    env.filters["filter_value"] = filter_value
    return env


def filter_value(name: str) -> str:
    """A name as a Pagefind filter value that can never become markup on the search page.

    Pagefind's UI decodes entities in filter values and shows them as HTML, so escaping
    cannot protect them; the three characters markup needs are swapped for look-alikes.
    """
    return name.translate(_FILTER_LOOKALIKES)


def prepare(article: Article) -> RenderedArticle:
    """Render an article's body once; the pages and the search index both use the result."""
    body_html = markdown_to_html(article.body)
    return RenderedArticle(article=article, html=body_html, text=html_to_text(body_html))


def render_site(articles: Sequence[RenderedArticle], config: SiteConfig, site_dir: Path) -> int:
    """Write the whole site for articles held in memory (tests, small archives)."""
    by_stem = {rendered.article.stem: rendered for rendered in articles}
    summaries = [summarize(rendered, file_sha256="") for rendered in articles]
    result = render_archive(summaries, lambda s: by_stem[s.stem], config, site_dir)
    return result.pages


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderResult:
    pages: int  # pages written or carried over
    rendered: int  # article pages rendered anew
    keys: dict[str, str]  # page path -> what it was made from, for the next build


def summarize(rendered: RenderedArticle, *, file_sha256: str) -> ArticleSummary:
    """The small record lists need; made once per article file version."""
    article = rendered.article
    thumbnail = _FIRST_MEDIA.search(article.body)
    return ArticleSummary(
        meta=article.meta,
        stem=article.stem,
        source_file=f"{article.stem}.md",
        file_sha256=file_sha256,
        words=len(rendered.text.split()),
        text_start=rendered.text[: EXCERPT_CHARS * 2],
        thumbnail=f"{MEDIA_FOLDER}/{thumbnail.group(1)}" if thumbnail else None,
    )


def render_archive(
    summaries: Sequence[ArticleSummary],
    load: Callable[[ArticleSummary], RenderedArticle],
    config: SiteConfig,
    site_dir: Path,
    *,
    previous_site: Path | None = None,
    previous_keys: Mapping[str, str] | None = None,
    article_page_written: Callable[[str], None] = lambda href: None,
) -> RenderResult:
    """Write every page of the site into site_dir (which must be empty).

    Bodies are loaded one article at a time, and only for article pages whose inputs
    changed since the build that wrote previous_site: the others are carried over.
    article_page_written(href) is told of each article page once it is in place.
    """
    env = make_environment(config)
    ordered = newest_first(summaries)
    site_slugs = facet_slugs(s.meta.site_name for s in ordered if s.meta.site_name)
    tag_slugs = facet_slugs(tag for s in ordered for tag in s.meta.tags)
    links = [_link(summary, site_slugs, tag_slugs) for summary in ordered]
    look = design_fingerprint(config)
    writer = _PageWriter(
        env, site_dir, config, previous_site, look=look, previous_keys=previous_keys
    )
    keys = writer.keys
    rendered_count = 0
    saved_root = config.saved_dir.resolve()
    real_folder = functools.lru_cache(maxsize=None)(Path.resolve)  # this build's answers

    # Articles, with their neighbours in the home page's order.
    for position, summary in enumerate(ordered):
        link = links[position]
        previous = links[position - 1] if position > 0 else None
        next_link = links[position + 1] if position + 1 < len(links) else None
        original = publish_original(
            summary.meta, config, site_dir, saved_root=saved_root, real_folder=real_folder
        )
        key = writer.article_key(summary, link, previous, next_link, original)
        keys[link.href] = key
        if previous_keys and previous_keys.get(link.href) == key and writer.carry_over(link.href):
            article_page_written(link.href)
            continue
        rendered = load(summary)
        page = _article_page(
            rendered, link, original=original, previous=previous, next_link=next_link
        )
        writer.write(
            "article.html",
            link.href,
            keyed=False,  # keyed above, by its summary rather than by its whole body
            article=page,
            page_title=summary.meta.title,
            page_language=primary_language(summary.meta.language) or config.language,
        )
        article_page_written(link.href)
        rendered_count += 1

    # The home page and its continuation pages.
    for listing in paginate(links, config.per_page, "index.html", _home_page_path):
        writer.write("index.html", listing.path, listing=listing, page_title=config.title)

    # Browse by site, by tag and by year.
    _write_groups(
        writer,
        "site",
        "sites",
        group_by(links, lambda e: [e.site.name] if e.site else [], site_slugs),
        config,
    )
    _write_groups(
        writer,
        "tag",
        "tags",
        group_by(links, lambda e: [t.name for t in e.tags], tag_slugs),
        config,
    )
    year_groups = years(links)
    writer.write("years.html", "years/index.html", groups=year_groups, page_title="By year")
    for group in year_groups:
        writer.write(
            "year.html",
            f"years/{group.slug}.html",
            group=group,
            months=months(group.entries),
            page_title=group.name,
        )

    writer.write("search.html", "search.html", page_title="Search")
    # Hosts show 404.html at whatever address was missing, so relative links would
    # break; with base_url known, its links start from the site's own path.
    writer.write("404.html", "404.html", page_title="Not found", root=_site_path(config.base_url))
    _write_feeds(writer, links, config)
    # Stock assets first, then the user's, so a user file replaces its stock namesake.
    copy_static([STOCK_TEMPLATES / "static", config.templates_dir.resolve() / "static"], site_dir)
    copy_media(config.media_dir, site_dir)
    (site_dir / ".nojekyll").write_bytes(b"")  # GitHub Pages: serve files as they are
    return RenderResult(pages=writer.pages, rendered=rendered_count, keys=keys)


def design_fingerprint(config: SiteConfig) -> str:
    """A hash of everything besides its content that shapes a page: templates, settings
    (SOURCE_DATE_EPOCH among them), and site_builder's own code (a new version may render
    the same page differently)."""
    settings = (sorted(asdict(config).items()), shown_build_time())
    digest = hashlib.sha256(repr(settings).encode("utf-8"))
    for module in sorted(_PACKAGE.rglob("*.py")):
        digest.update(hashlib.sha256(module.read_bytes()).digest())
    folders = dict.fromkeys([STOCK_TEMPLATES, config.templates_dir.resolve()])
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class _PageWriter:
    """Renders a template to a path under the site, with the context every page shares.

    A page whose bytes equal the previous build's is linked to that file rather than
    written, so unchanged pages keep their identity (and their time stamps).
    """

    def __init__(
        self,
        env: Environment,
        site_dir: Path,
        config: SiteConfig,
        previous_site: Path | None,
        *,
        look: str,
        previous_keys: Mapping[str, str] | None = None,
    ) -> None:
        self.env, self.site_dir, self.config = env, site_dir, config
        self.previous_site = previous_site
        self.pages = 0
        self.theme_integrity = _script_integrity(config, THEME_SCRIPT)
        self._folders: set[Path] = set()  # made in site_dir by this writer
        self.keys: dict[str, str] = {}  # what each page was made from, by its path
        self._previous_keys = previous_keys or {}
        self._key_of = PageKeys(look)

    def write(self, template: str, path: str, *, keyed: bool = True, **context: object) -> None:
        """Render the page, unless it is made from what the previous build's was (keyed;
        article pages are keyed by the caller, from their summaries)."""
        depth = path.count("/")
        context.setdefault("theme_integrity", self.theme_integrity)
        context.setdefault("root", "../" * depth)
        context.setdefault("page_language", self.config.language)
        context.setdefault("page_path", path)
        if keyed:
            key = self._key_of(template, path, context)
            self.keys[path] = key
            if self._previous_keys.get(path) == key and self.carry_over(path):
                return
        text = _render(self.env, template, site=self.config, **context)
        data = text.encode("utf-8")
        self.pages += 1
        if self._same_as_before(path, data) and self.carry_over(path, count=False):
            return
        target = self.site_dir / path
        self._folder_for(target)
        target.write_bytes(data)

    def article_key(self, summary: ArticleSummary, *parts: object) -> str:
        """What an article page is made from: its file's version, its name, and parts."""
        return self._key_of.of(summary.file_sha256, summary.stem, *parts)

    def carry_over(self, path: str, *, count: bool = True) -> bool:
        """Reuse the previous build's page as it is; False if there is none."""
        if self.previous_site is None:
            return False
        old = self.previous_site / path
        if not old.is_file() or not self._link(old, self.site_dir / path):
            return False
        self.pages += count
        return True

    def _same_as_before(self, path: str, data: bytes) -> bool:
        if self.previous_site is None:
            return False
        old = self.previous_site / path
        return old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data

    def _folder_for(self, target: Path) -> None:
        folder = target.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def _link(self, old: Path, new: Path) -> bool:
        self._folder_for(new)
        try:
            os.link(old, new)
        except OSError:
            try:
                shutil.copy2(old, new)
            except OSError:
                return False
        return True


def _write_groups(
    writer: _PageWriter, kind: str, folder: str, groups: list[Group], config: SiteConfig
) -> None:
    writer.write(
        "groups.html", f"{folder}/index.html", kind=kind, groups=groups, page_title=f"By {kind}"
    )
    for group in groups:
        pages = paginate(
            group.entries,
            config.per_page,
            f"{folder}/{group.slug}.html",
            functools.partial(_numbered_path, f"{folder}/{group.slug}"),
        )
        for page in pages:
            writer.write(
                "group.html", page.path, kind=kind, group=group, listing=page, page_title=group.name
            )


def _home_page_path(number: int) -> str:
    return f"page/{number}.html"


def _numbered_path(stem: str, number: int) -> str:
    """tags/SLUG/2.html: in a folder of its own, so it never meets another tag's SLUG-2."""
    return f"{stem}/{number}.html"


def _write_feeds(writer: _PageWriter, links: list[PageLink], config: SiteConfig) -> None:
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    latest = links[:FEED_ENTRIES]
    updated = next((link.published for link in latest if link.published), None)
    writer.write(
        "feed.xml",
        "feed.xml",
        entries=latest,
        base=base,
        updated=_atom_date(updated) or shown_build_time() or "1970-01-01T00:00:00Z",
        atom_date=_atom_date,
    )
    if base:  # a sitemap must give absolute addresses
        writer.write("sitemap.xml", "sitemap.xml", entries=links, base=base)
    writer.write("robots.txt", "robots.txt", base=base)


def _atom_date(iso: str | None) -> str | None:
    """RFC 3339 for Atom: a date alone becomes midnight UTC."""
    if not iso or len(iso) < 10:
        return None
    if len(iso) == 10:
        return f"{iso}T00:00:00Z"
    return iso if ("+" in iso[10:] or iso.endswith("Z") or "-" in iso[10:]) else f"{iso}Z"


def _article_page(
    rendered: RenderedArticle,
    link: PageLink,
    *,
    original: str | None,
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
        original=original,
        previous=previous,
        next=next_link,
    )


def _link(
    summary: ArticleSummary, site_slugs: dict[str, str], tag_slugs: dict[str, str]
) -> PageLink:
    meta = summary.meta
    excerpt = meta.description or summary.text_start
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    published = meta.published if meta.published and _DATE.match(meta.published) else None
    return PageLink(
        title=meta.title,
        href=article_href_of(summary.stem),
        site=Facet(name=meta.site_name, href=f"sites/{site_slugs[meta.site_name]}.html")
        if meta.site_name
        else None,
        published=published,
        published_display=display_date(published),
        year=published[:4] if published else None,
        month=int(published[5:7]) if published else None,
        excerpt=" ".join(excerpt.split()),
        reading_minutes=max(1, math.ceil(summary.words / WORDS_PER_MINUTE)),
        thumbnail=summary.thumbnail,
        tags=tuple(Facet(name=t, href=f"tags/{tag_slugs[t]}.html") for t in meta.tags),
        language=primary_language(meta.language),
    )


def _standfirst(description: str | None, text: str) -> str | None:
    """The description, unless the article opens with it (a standfirst, maybe reworded)."""
    if not description:
        return None
    wanted = _letters(description)
    opening = _letters(text[: len(description) * 3])
    if not wanted or wanted in opening:
        return None if wanted else description
    first_block = _letters(text.split("\n", 1)[0])
    return None if _similar(wanted, first_block) else description


def _similar(a: str, b: str) -> bool:
    """Whether difflib's ratio() of a and b reaches STANDFIRST_SIMILARITY.

    ratio() costs about 0.9 ms an article; real_quick_ratio() (from the lengths) and
    quick_ratio() (from letter counts) are upper bounds of it that cost a fraction of
    that, so a pair either places under the threshold is settled without it, and the
    answer is always ratio()'s.
    """
    # real_quick_ratio() is taken from the lengths here, before SequenceMatcher indexes b.
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < STANDFIRST_SIMILARITY:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.quick_ratio() >= STANDFIRST_SIMILARITY and matcher.ratio() >= STANDFIRST_SIMILARITY
    )


# str.isalnum() and the regular expression \w less "_" admit the same characters.
_ALPHANUMERIC_RUNS = re.compile(r"[^\W_]+")


def _letters(text: str) -> str:
    return "".join(_ALPHANUMERIC_RUNS.findall(text.casefold()))


def _site_path(base_url: str) -> str:
    """ "/repo/" for https://user.github.io/repo/; "" (relative) when unknown."""
    path = urlsplit(base_url).path if base_url else ""
    if not path:
        return ""
    return path if path.endswith("/") else path + "/"


def primary_language(tag: str | None) -> str | None:
    """ "en" for "en-GB": the search keeps one index per language, not per region."""
    if not tag:
        return None
    primary = tag.split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


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
    return f"{day} {MONTHS[month - 1]} {year}"


def newest_first(summaries: Iterable[ArticleSummary]) -> list[ArticleSummary]:
    """Newest publication first, undated last, ties by file name (sorts are stable)."""
    by_name = sorted(summaries, key=lambda summary: summary.stem)
    return sorted(by_name, key=lambda s: s.meta.published or s.meta.saved or "", reverse=True)


def _render(env: Environment, template: str, **context: object) -> str:
    try:
        return env.get_template(template).render(**context)
    except TemplateError as err:
        name = getattr(err, "filename", None) or getattr(err, "name", None) or template
        raise RenderError(name, f"template error: {err}") from None


def _script_integrity(config: SiteConfig, name: str) -> str:
    """ "sha256-…" of a published static script, for its integrity attribute and the CSP.

    Pages allow exactly that script by its hash rather than any script of the origin,
    which on user.github.io would include every other project site of the account.
    """
    for folder in (config.templates_dir.resolve() / "static", STOCK_TEMPLATES / "static"):
        if (folder / name).is_file():
            digest = hashlib.sha256((folder / name).read_bytes()).digest()
            return "sha256-" + base64.b64encode(digest).decode("ascii")
    raise RenderError(STOCK_TEMPLATES / "static" / name, "missing static script")
