"""The build loop: the one place that knows the order of the stages.

gather   saved pages, and the articles already in content/articles/
convert  each new or changed saved page: ingest -> extract -> Markdown -> article file
load     every article, the user's own included, so all pages see one consistent set
render   the site into a staging folder, with the Pagefind bundle and the Whoosh index
publish  swap the staging folders into output/, so a failed build leaves the old site
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder import ingest, render, search_index, static_search, store
from site_builder.config import SiteConfig
from site_builder.extract import extract
from site_builder.limits import DEFAULT_EXTRACT_SECONDS, guard_markup, time_budget
from site_builder.media import localize_images
from site_builder.models import (
    Article,
    BuildReport,
    IndexDocument,
    RenderedArticle,
    SavedPage,
    SiteBuilderError,
    StoredArticle,
)
from site_builder.to_markdown import to_article

MEGABYTE = 1024 * 1024
# Verdicts worth telling the user about: the article may have lost part of the page.
QUALITY_FLAGS = ("short", "empty")

# (stage label, items done, items in the stage); the CLI draws it as a progress bar.
ProgressCallback = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(slots=True)
class _Tally:
    """Mutable counts while the build runs; frozen into a BuildReport at the end."""

    ingested: int = 0
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


def build(
    config: SiteConfig, *, reextract: bool = False, progress: ProgressCallback = _no_progress
) -> BuildReport:
    tally = _Tally()

    with tally.timed("gather"):
        saved_pages = ingest.find_saved_pages(config.saved_dir)
        existing = _articles_by_source(config.articles_dir, tally)
        taken_stems = {path.stem for path in store.article_files(config.articles_dir)}

    with tally.timed("convert"):
        for done, path in enumerate(saved_pages, start=1):
            progress("Converting saved pages", done - 1, len(saved_pages))
            _convert_file(path, config, existing, taken_stems, reextract=reextract, tally=tally)
        progress("Converting saved pages", len(saved_pages), len(saved_pages))

    with tally.timed("load"):
        articles = _load_articles(config.articles_dir, tally)

    with tally.timed("render"):
        rendered = [render.prepare(article) for article in articles]
        site_staging = _fresh_staging(config.site_dir)
        render.render_site(rendered, config, site_staging)
    with tally.timed("pagefind"):
        progress("Building browser search", 0, 1)
        static_search.build_bundle(site_staging, previous_site=config.site_dir)
    with tally.timed("whoosh"):
        whoosh_staging = _fresh_staging(config.whoosh_dir)
        search_index.rebuild_index(whoosh_staging, index_documents(rendered))
        progress("Building browser search", 1, 1)

    with tally.timed("publish"):
        _swap_into_place(site_staging, config.site_dir)
        _swap_into_place(whoosh_staging, config.whoosh_dir)

    return BuildReport(
        ingested=tally.ingested,
        new=tuple(tally.new),
        updated=tuple(tally.updated),
        unchanged=tuple(tally.unchanged),
        kept_edited=tuple(tally.kept_edited),
        failed=tuple(tally.failed),
        flagged=tuple(tally.flagged),
        articles=len(articles),
        timings=tuple(tally.timings.items()),
    )


def page_to_article(page: SavedPage, *, seconds: float = DEFAULT_EXTRACT_SECONDS) -> Article:
    """Guard, extract, keep the page's own images, and convert to Markdown, in a budget."""
    with time_budget(seconds, page.path):
        page = guard_markup(page)
        return to_article(localize_images(extract(page), page))


def extract_articles(
    path: Path, content_dir: Path, config: SiteConfig | None = None
) -> list[Article]:
    """The article(s) of one saved file, touching nothing on disk (`site-builder extract`)."""
    config = config or SiteConfig()
    pages = ingest.read_saved_pages(path, content_dir, max_bytes=config.max_page_mb * MEGABYTE)
    return [page_to_article(page, seconds=config.extract_seconds) for page in pages]


def extract_article(path: Path, content_dir: Path) -> Article:
    """The article of a single-page saved file."""
    return extract_articles(path, content_dir)[0]


def index_documents(rendered: Iterable[RenderedArticle]) -> Iterator[IndexDocument]:
    for item in rendered:
        meta = item.article.meta
        yield IndexDocument(
            path=render.article_href(item.article),
            title=meta.title,
            body=item.text,
            site_name=meta.site_name,
            author=meta.author,
            tags=meta.tags,
            language=meta.language,
            published=meta.published,
            saved=meta.saved,
            url=meta.url,
        )


def _convert_file(
    path: Path,
    config: SiteConfig,
    existing: dict[str, StoredArticle],
    taken_stems: set[str],
    *,
    reextract: bool,
    tally: _Tally,
) -> None:
    """Bring the article(s) of one saved file up to date; a WARC file may hold several."""
    name = _display_name(path, config)
    try:
        raw = ingest.read_saved_bytes(
            path, confine_to=config.saved_dir, max_bytes=config.max_page_mb * MEGABYTE
        )
    except SiteBuilderError as err:
        tally.failed.append((name, err.reason))
        return
    digest = hashlib.sha256(raw).hexdigest()
    tally.ingested += 1
    source = ingest.source_path(path, config.content_dir)
    mine = [s for key, s in existing.items() if key == source or key.startswith(f"{source}#")]
    if mine and all(stored.edited for stored in mine):
        tally.kept_edited.append(name)  # the user's edits win over anything we'd extract
        return
    if mine and not reextract and all(s.article.meta.source_sha256 == digest for s in mine):
        tally.unchanged.append(name)
        return
    try:
        pages = ingest.read_saved_pages(
            path, config.content_dir, raw=raw, max_bytes=config.max_page_mb * MEGABYTE
        )
    except SiteBuilderError as err:
        tally.failed.append((name, err.reason))
        return
    for page in pages:
        label = f"{name}#{page.source.partition('#')[2]}" if "#" in page.source else name
        _convert_page(page, label, config, existing, taken_stems, tally)


def _convert_page(
    page: SavedPage,
    label: str,
    config: SiteConfig,
    existing: dict[str, StoredArticle],
    taken_stems: set[str],
    tally: _Tally,
) -> None:
    current = existing.get(page.source)
    if current is not None and current.edited:
        tally.kept_edited.append(label)
        return
    try:
        article = page_to_article(page, seconds=config.extract_seconds)
    except SiteBuilderError as err:
        tally.failed.append((label, err.reason))
        return
    own_stem = current.path.stem if current is not None else None
    article = _with_free_stem(article, taken_stems - {own_stem} if own_stem else taken_stems)
    target = config.articles_dir / f"{article.stem}.md"
    store.write(article, target, config.media_dir)
    taken_stems.add(article.stem)
    if current is not None and current.path != target:
        current.path.unlink(missing_ok=True)  # renamed; the old file was ours, unedited
        taken_stems.discard(current.path.stem)
    existing[page.source] = StoredArticle(article=article, path=target, edited=False)
    if article.meta.quality in QUALITY_FLAGS:
        tally.flagged.append((label, article.meta.quality))
    (tally.updated if current is not None else tally.new).append(label)


def _with_free_stem(article: Article, taken: set[str]) -> Article:
    """Two pages with the same date and title get -2, -3... in the order they are built."""
    stem, counter = article.stem, 2
    while stem in taken:
        stem = f"{article.stem}-{counter}"
        counter += 1
    return replace(article, stem=stem)


def _articles_by_source(articles_dir: Path, tally: _Tally) -> dict[str, StoredArticle]:
    by_source: dict[str, StoredArticle] = {}
    for stored in _stored_articles(articles_dir, tally):
        source = stored.article.meta.source
        if source and source not in by_source:
            by_source[source] = stored
    return by_source


def _load_articles(articles_dir: Path, tally: _Tally) -> list[Article]:
    return [stored.article for stored in _stored_articles(articles_dir, tally, report=True)]


def _stored_articles(
    articles_dir: Path, tally: _Tally, report: bool = False
) -> list[StoredArticle]:
    found = []
    for path in store.article_files(articles_dir):
        try:
            found.append(store.load(path))
        except store.StoreError as err:
            if report:
                tally.failed.append((path.name, err.reason))
    return found


def _display_name(path: Path, config: SiteConfig) -> str:
    try:
        return path.relative_to(config.saved_dir).as_posix()
    except ValueError:
        return str(path)


def _fresh_staging(final: Path) -> Path:
    staging = final.with_name(f".{final.name}.building")
    if staging.exists():
        shutil.rmtree(staging)  # left by an interrupted build; never published
    staging.mkdir(parents=True)
    return staging


def _swap_into_place(staging: Path, final: Path) -> None:
    """Replace final with staging in two renames, so readers never see half a site."""
    previous = final.with_name(f".{final.name}.previous")
    if previous.exists():
        shutil.rmtree(previous)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    if previous.exists():
        shutil.rmtree(previous)
