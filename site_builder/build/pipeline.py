"""The build loop: the one place that knows the order of the stages.

gather   saved pages, and the articles already in content/articles/
convert  each new or changed saved page: ingest -> extract -> Markdown -> article file
load     every article, the user's own included, so all pages see one consistent set
render   the site into a staging folder; each year's Pagefind bundle starts once its
         article pages are written
search   the Whoosh index, while the Pagefind bundles (in the staging folder) finish
publish  swap the staging folders into output/, so a failed build leaves the old site
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from site_builder.build import memory
from site_builder import ingest
from site_builder.build import cache_keys
from site_builder import render
from site_builder.search import whoosh_index
from site_builder.render import site_files
from site_builder.search import pagefind
from site_builder.article import store
from site_builder.build import workers
from site_builder.build.state import BuildState, FileStamp, read_state, stamp_of, write_state
from site_builder.core.config import SiteConfig
from site_builder.extract.extractor import EXTRACTOR_VERSION, extract
from site_builder.extract.guard import DEFAULT_EXTRACT_SECONDS, time_budget
from site_builder.extract.media import localize_images
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import Article, ArticleSummary, BuildReport, IndexDocument, RenderedArticle, SavedPage
from site_builder.build.spool import ArticleSpool
from site_builder.article.to_markdown import to_article

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
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


def build(
    config: SiteConfig,
    *,
    reextract: bool = False,
    reindex: bool = False,
    jobs: int | None = None,
    progress: ProgressCallback = _no_progress,
) -> BuildReport:
    """Build the archive; jobs is how many processes extract pages (default: all cores)."""
    tally = _Tally()
    state = read_state(config.output_dir)
    recorded = replace(state)  # the stages replace its fields, never change them in place
    # A rebuilt search index is news only if an earlier build made one (the load step
    # replaces the state's summaries with this build's).
    built_before = bool(state.summaries)

    with tally.timed("gather"):
        look = render.design_fingerprint(config)  # a bad SOURCE_DATE_EPOCH stops us here
        saved_pages = ingest.find_saved_pages(config.saved_dir)
        article_files = store.read_article_files(config.articles_dir, state)
        existing = article_files.by_source
        if reindex and config.whoosh_dir.exists():
            shutil.rmtree(config.whoosh_dir)
        whoosh = whoosh_index.IndexUpdate(config.whoosh_dir)

    # Articles rendered before the render step wait on disk for it and for the index,
    # so each is rendered once and the build's memory does not grow with their bodies.
    # Whoosh indexes each new article as it is written, while the extraction processes
    # work on the next pages; it commits in the search step.
    with memory.kept_for_the_build(), ArticleSpool() as spool, whoosh:
        with tally.timed("convert"):
            fresh = _convert(
                saved_pages, config, state, existing, _Outputs(spool, whoosh), reextract, jobs,
                tally, progress,
            )  # fmt: skip
        with tally.timed("load"):
            summaries = _summaries(
                config.articles_dir, state, tally, spool, fresh, article_files.read
            )
            by_href = {render.article_href_of(s.stem): s for s in summaries}
            site_key = cache_keys.site_key(
                look,
                summaries,
                ((name, sha256) for name, (_, sha256) in sorted(state.saved_files.items())),
                site_files.published_media(config.media_dir),
            )
        load = functools.partial(_load_rendered, config.articles_dir, spool)
        sync_whoosh = functools.partial(
            whoosh.finish,
            {href: summary.file_sha256 for href, summary in by_href.items()},
            functools.partial(_index_document, by_href, load),
        )
        # The published site is the last build's (not removed or replaced since), so its
        # pages can be trusted; made from the same inputs, it has nothing to render, carry
        # over or publish (a no-op build at 10,000 articles spent 3 s of its 5 keying the
        # old site's pages and linking its 21,000 files into a new one).
        trusted = state.site_inode == site_files.folder_inode(config.site_dir)
        if trusted and site_key == state.site_key:
            with tally.timed("search"):
                synced = sync_whoosh()
            site = _PublishedSite(None, 0, state.page_keys)
        else:
            site, synced = _render_and_index(
                summaries, load, sync_whoosh, config, state if trusted else None, tally,
                progress,
            )  # fmt: skip
        if synced.rebuilt_because and not reindex and built_before:
            tally.warnings.append(f"search index rebuilt: {synced.rebuilt_because}")

    with tally.timed("publish"):
        if site.staging is not None:
            site_files.swap_into_place(site.staging, config.site_dir)
        state.page_keys = site.page_keys
        state.site_key, state.site_inode = site_key, site_files.folder_inode(config.site_dir)
        if state != recorded:
            write_state(config.output_dir, state)

    return BuildReport(
        ingested=tally.ingested,
        new=tuple(tally.new),
        updated=tuple(tally.updated),
        unchanged=tuple(tally.unchanged),
        kept_edited=tuple(tally.kept_edited),
        failed=tuple(tally.failed),
        flagged=tuple(tally.flagged),
        warnings=tuple(tally.warnings),
        articles=len(summaries),
        pages_rendered=site.rendered,
        timings=tuple(tally.timings.items()),
    )


@dataclass(frozen=True, slots=True)
class _PublishedSite:
    staging: Path | None  # the new site, to swap into place; None: keep the published one
    rendered: int  # article pages rendered anew
    page_keys: dict[str, str]


def _render_and_index(
    summaries: list[ArticleSummary],
    load: Callable[[ArticleSummary], RenderedArticle],
    sync_whoosh: Callable[[], whoosh_index.SyncReport],
    config: SiteConfig,
    state: BuildState | None,
    tally: _Tally,
    progress: ProgressCallback,
) -> tuple[_PublishedSite, whoosh_index.SyncReport]:
    """Render the site into a staging folder, and bring both search indexes up to date.

    state: the last build's, if it made the published site; if not, its pages are not
    carried over by their keys (those equal to the new ones to the byte still are).
    """
    site_staging = site_files.fresh_staging(config.site_dir)
    previous_site = config.site_dir if config.site_dir.is_dir() else None
    bundles = pagefind.YearBundles(
        site_staging,
        (PurePosixPath(render.article_href_of(s.stem)).name for s in summaries),
        previous_site=previous_site,
        articles_subdir=render.ARTICLES_SUBDIR,
    )
    # Pagefind runs as child processes, from a thread that only waits on them: each
    # year is indexed as soon as its pages are written, on the core that rendering,
    # and then Whoosh (pure Python, on this thread), leave free; after Whoosh's
    # commit, two years at a time where memory allows. Progress is reported from
    # this thread alone. Each lane's runs keep to half of the cores: Pagefind's
    # threads, one per core it sees, took 15% more CPU on two cores than on one.
    halves = workers.cpu_halves() or (None, None)
    with (
        workers.background("pagefind", cpus=halves[0]) as submit,
        workers.background("pagefind-2", cpus=halves[1]) as submit_beside,
    ):
        indexing: dict[str, Future[None]] = {}

        def article_page_written(href: str) -> None:
            year = bundles.page_written(PurePosixPath(href).name)
            if year is not None:
                indexing[year] = submit(bundles.index_year, year)

        with tally.timed("render"):
            progress("Writing the site", 0, 1)
            result = render.render_archive(
                summaries,
                load,
                config,
                site_staging,
                previous_site=previous_site,
                previous_keys=state.page_keys if state is not None else None,
                article_page_written=article_page_written,
            )
            progress("Writing the site", 1, 1)
        with tally.timed("search"):
            progress("Building the search indexes", 0, 2)
            for year in bundles.years():
                if year not in indexing:  # every page was written; this is a safety net
                    indexing[year] = submit(bundles.index_year, year)
            synced = sync_whoosh()
            progress("Building the search indexes", 1, 2)
            bundles.two_at_a_time(indexing, submit, submit_beside)
            for year_run in indexing.values():
                year_run.result()  # its error, if it failed, stops the build here
            bundles.finish()
            progress("Building the search indexes", 2, 2)
    return _PublishedSite(site_staging, result.rendered, result.keys), synced


def _convert(
    saved_pages: list[Path],
    config: SiteConfig,
    state: BuildState,
    existing: dict[str, store.KnownArticle],
    outputs: _Outputs,
    reextract: bool,
    jobs: int | None,
    tally: _Tally,
    progress: ProgressCallback,
) -> dict[str, ArticleSummary]:
    """Extract new and changed saved pages on all cores and write their articles.

    Returns the summaries of the articles written, by file name; their rendered bodies
    are in the spool, so the load step need not read and render those files again.
    """
    # Articles by the saved file they came from (a WARC file's pages share one).
    by_file: dict[str, list[store.KnownArticle]] = {}
    for key, known in existing.items():
        by_file.setdefault(key.partition("#")[0], []).append(known)
    seen: dict[str, tuple[FileStamp, str]] = {}
    unread: dict[str, FileStamp] = {}  # new files, hashed by the worker that reads them
    content_root = config.content_dir.resolve()
    real_folder = functools.lru_cache(maxsize=None)(Path.resolve)  # this build's answers
    todo = [
        path
        for path in saved_pages
        if _needs_extraction(
            path, config, by_file, state, seen, unread, content_root=content_root,
            real_folder=real_folder, reextract=reextract, tally=tally,
        )
    ]  # fmt: skip
    state.saved_files = seen
    progress("Converting saved pages", 0, len(todo))
    reading = ingest.ReadAhead(todo)
    extracted = workers.run_ordered(
        functools.partial(_extract_file, config=config),
        todo,
        jobs=jobs or workers.default_jobs(),
        crashed=_crashed,
    )
    written = _Written(
        existing=existing,
        taken_stems={path.stem for path in store.article_files(config.articles_dir)},
        outputs=outputs,
    )
    for done, (path, outcome) in enumerate(zip(todo, extracted, strict=True), start=1):
        reading.advance(done)
        name = _display_name(path, config)
        if name in unread and not isinstance(outcome, str):
            seen[name] = (unread[name], outcome[0])
            tally.ingested += 1
        _store_outcome(path, outcome, config, written, tally)
        memory.settle(done, len(todo))  # what was written stays to the end of the build
        progress("Converting saved pages", done, len(todo))
    return written.summaries


def page_to_article(page: SavedPage, *, seconds: float = DEFAULT_EXTRACT_SECONDS) -> Article:
    """Extract (markup guard included), keep the page's own images, and convert to
    Markdown, in a time budget."""
    with time_budget(seconds, page.path):
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


def _load_rendered(
    articles_dir: Path, spool: ArticleSpool, summary: ArticleSummary
) -> RenderedArticle:
    """An article's body: as the load step rendered it, or read and rendered now.

    Unchanged articles were summarised from the last build's state, not rendered; their
    pages are rendered again only when a neighbour or the templates changed.
    """
    rendered = spool.get(summary.source_file)
    if rendered is None:
        rendered = render.prepare(store.load(articles_dir / summary.source_file).article)
    return rendered


def _index_document(
    by_href: dict[str, ArticleSummary],
    load: Callable[[ArticleSummary], RenderedArticle],
    href: str,
) -> IndexDocument:
    summary = by_href[href]
    return _index_document_of(summary, load(summary).text)


def _index_document_of(summary: ArticleSummary, text: str) -> IndexDocument:
    return IndexDocument.of_article(summary, text, path=render.article_href_of(summary.stem))


def _needs_extraction(
    path: Path,
    config: SiteConfig,
    by_file: dict[str, list[store.KnownArticle]],
    state: BuildState,
    seen: dict[str, tuple[FileStamp, str]],
    unread: dict[str, FileStamp],
    *,
    content_root: Path,
    real_folder: Callable[[Path], Path],
    reextract: bool,
    tally: _Tally,
) -> bool:
    """Whether a saved file must be extracted; records the files that need not.

    Records in seen each file's stamp and sha256. A file whose size, times and inode
    are those of the last build is not read again: its sha256 is the one recorded then
    (reading 10,000 pages was half a no-op build). A file with no article yet is not
    read here either: it is extracted whatever its sha256, and its worker reads it
    anyway; its stamp waits in unread for the sha256 the worker gives back.
    """
    name = _display_name(path, config)
    confine_to, max_bytes = config.saved_dir, config.max_page_mb * MEGABYTE
    try:
        status = ingest.check_saved_file(path, confine_to=confine_to, max_bytes=max_bytes)
    except SiteBuilderError as err:
        tally.failed.append((name, err.reason))
        return False
    source = ingest.source_path(
        path, config.content_dir, content_root=content_root, real_folder=real_folder
    )
    mine = by_file.get(source, [])
    digest = state.saved_sha256(name, status)
    if digest is None and not mine:
        unread[name] = stamp_of(status)
        return True
    if digest is None:
        try:
            raw = ingest.read_saved_bytes(path, confine_to=confine_to, max_bytes=max_bytes)
        except SiteBuilderError as err:
            tally.failed.append((name, err.reason))
            return False
        digest = hashlib.sha256(raw).hexdigest()
    seen[name] = (stamp_of(status), digest)
    tally.ingested += 1
    if mine and all(stored.edited for stored in mine):
        tally.kept_edited.append(name)  # the user's edits win over anything we'd extract
        return False
    if mine and not reextract and all(known.made_by(EXTRACTOR_VERSION, digest) for known in mine):
        tally.unchanged.append(name)
        return False
    return True


@dataclass(frozen=True, slots=True)
class _Converted:
    """One page's article as a worker made it, ready for the main process to write.

    The worker also renders the body from the exact file text, as the load step would
    read it back, so that work runs on all cores instead of on the main process alone.
    """

    article: Article
    file_text: str
    rendered: RenderedArticle


# What extracting one saved file gave: the file's sha256 and, per page, its source and
# either an article or the reason it failed; or, for the whole file, the reason it could
# not be read.
_PageOutcome = tuple[str, _Converted | None, str | None]
_FileOutcome = tuple[str, list[_PageOutcome]] | str


def _extract_file(path: Path, *, config: SiteConfig) -> _FileOutcome:
    """Runs in a worker process: everything from bytes to Article, nothing written."""
    max_bytes = config.max_page_mb * MEGABYTE
    try:
        raw = ingest.read_saved_bytes(path, confine_to=config.saved_dir, max_bytes=max_bytes)
        pages = ingest.read_saved_pages(path, config.content_dir, max_bytes=max_bytes, raw=raw)
    except SiteBuilderError as err:
        return err.reason
    digest = pages[0].sha256 if pages else hashlib.sha256(raw).hexdigest()
    outcomes: list[_PageOutcome] = []
    for page in pages:
        try:
            article = page_to_article(page, seconds=config.extract_seconds)
            file_text = store.serialize(article)
            as_read = store.parse(file_text, Path(f"{article.stem}.md")).article
            converted = _Converted(article, file_text, render.prepare(as_read))
            outcomes.append((page.source, converted, None))
        except SiteBuilderError as err:
            outcomes.append((page.source, None, err.reason))
    return digest, outcomes


def _crashed(path: Path) -> _FileOutcome:
    return "the extractor crashed on this page"


@dataclass(frozen=True, slots=True)
class _Outputs:
    """Where the convert step hands each article it writes, besides its file."""

    spool: ArticleSpool
    index: whoosh_index.IndexUpdate


@dataclass(slots=True, kw_only=True)
class _Written:
    """What the convert step keeps track of while it writes articles."""

    existing: dict[str, store.KnownArticle]
    taken_stems: set[str]
    outputs: _Outputs
    summaries: dict[str, ArticleSummary] = field(default_factory=dict)  # by file name


def _store_outcome(
    path: Path, outcome: _FileOutcome, config: SiteConfig, written: _Written, tally: _Tally
) -> None:
    """Write what a worker extracted, in the saved files' order (so names are stable)."""
    name = _display_name(path, config)
    if isinstance(outcome, str):
        tally.failed.append((name, outcome))
        return
    for source, converted, reason in outcome[1]:
        label = f"{name}#{source.partition('#')[2]}" if "#" in source else name
        current = written.existing.get(source)
        if current is not None and current.edited:
            tally.kept_edited.append(label)
        elif converted is None:
            tally.failed.append((label, reason or "no article"))
        else:
            _write_article(converted, source, label, config, written, tally)


def _write_article(
    converted: _Converted,
    source: str,
    label: str,
    config: SiteConfig,
    written: _Written,
    tally: _Tally,
) -> None:
    existing, taken_stems = written.existing, written.taken_stems
    current = existing.get(source)
    own_stem = current.path.stem if current is not None else None
    article = _with_free_stem(
        converted.article, taken_stems - {own_stem} if own_stem else taken_stems
    )
    target = config.articles_dir / f"{article.stem}.md"
    store.write(article, target, config.media_dir, text=converted.file_text)
    rendered = converted.rendered
    if rendered.article.stem != article.stem:
        # Renamed to a free name: read back exactly as the load step will read the file.
        rendered = render.prepare(store.parse(converted.file_text, target).article)
    written.outputs.spool.put(target.name, rendered)
    digest = hashlib.sha256(converted.file_text.encode("utf-8")).hexdigest()
    summary = render.summarize(rendered, file_sha256=digest)
    written.summaries[target.name] = summary
    written.outputs.index.offer(_index_document_of(summary, rendered.text))
    taken_stems.add(article.stem)
    if current is not None and current.path != target:
        current.path.unlink(missing_ok=True)  # renamed; the old file was ours, unedited
        taken_stems.discard(current.path.stem)
        written.summaries.pop(current.path.name, None)
    existing[source] = store.KnownArticle(
        path=target,
        source_sha256=article.meta.source_sha256,
        extractor=article.meta.extractor,
        edited=False,
    )
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


def _summaries(
    articles_dir: Path,
    state: BuildState,
    tally: _Tally,
    spool: ArticleSpool,
    fresh: dict[str, ArticleSummary],
    read_before: dict[str, tuple[FileStamp, str]],
) -> list[ArticleSummary]:
    """A summary of every article file, reusing the last build's for unchanged files.

    fresh holds the summaries of the files the convert step just wrote (their bodies
    are in spool already); each article rendered here is parked in spool too. A file
    the gather step read, still with the stamp it had then, is not read again.
    """
    summaries: dict[str, ArticleSummary] = {}
    for path in store.article_files(articles_dir):
        summary, known = fresh.get(path.name), read_before.get(path.name)
        try:
            if summary is None and known is not None and known[0] == stamp_of(path.stat()):
                summary = state.summary_for(path.name, known[1])
            if summary is None:
                summary = _summary_of_file(path, path.read_bytes(), state, spool)
        except OSError as err:
            tally.failed.append((path.name, f"cannot read: {err.strerror or err}"))
            continue
        except UnicodeDecodeError:
            tally.failed.append((path.name, "not UTF-8 text"))
            continue
        except store.StoreError as err:
            tally.failed.append((path.name, err.reason))
            continue
        summaries[path.name] = summary
    state.summaries = summaries
    return list(summaries.values())


def _summary_of_file(
    path: Path, data: bytes, state: BuildState, spool: ArticleSpool
) -> ArticleSummary:
    """The last build's summary of this version of the file, or a new one (its body
    parked in spool); raises UnicodeDecodeError or store.StoreError."""
    digest = hashlib.sha256(data).hexdigest()
    summary = state.summary_for(path.name, digest)
    if summary is None:
        rendered = render.prepare(store.parse(data.decode("utf-8"), path).article)
        summary = render.summarize(rendered, file_sha256=digest)
        spool.put(path.name, rendered)
    return summary


def _display_name(path: Path, config: SiteConfig) -> str:
    try:
        return path.relative_to(config.saved_dir).as_posix()
    except ValueError:
        return str(path)
