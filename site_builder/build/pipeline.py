"""The build loop: the one place that knows the order of the stages.

gather   saved pages, and the articles already in content/articles/
convert  each new or changed saved page: ingest -> extract -> Markdown -> article file
load     every article, the user's own included, so all pages see one consistent set;
         the saves of one page become one article (documents)
render   the site into a staging folder
search   the Whoosh index, and the browser search's index written into the staging folder
         (Whoosh commits beside the render step, in its own process where there are
         cores for it; searches see the new index only after the render)
publish  swap the staging folders into output/, so a failed build leaves the old site
"""

from __future__ import annotations

from dataclasses import replace

from site_builder import render
from site_builder.build import memory
from site_builder.build.article_writer import ArticleOutputs
from site_builder.build.convert import Conversion, convert
from site_builder.build.documents import Arranged, arrange_documents
from site_builder.build.gather import Gathered, gather
from site_builder.build.load import ArticleBodies, Loaded, load_summaries
from site_builder.build.options import BuildOptions, Stages
from site_builder.build.progress import ProgressCallback, StageClock, no_progress
from site_builder.build.publish import publish
from site_builder.build.render_and_index import (
    SiteInputs,
    SiteOutcome,
    render_and_index,
    site_inputs,
)
from site_builder.build.spool import ArticleSpool
from site_builder.build.state import BuildState, read_state
from site_builder.core.config import SiteConfig
from site_builder.core.records import BuildReport

__all__ = ["ProgressCallback", "Stages", "build"]

# GitHub Pages publishes no site larger than 1 GB (its documented usage limit).
GIGABYTE = 1_000_000_000
GITHUB_PAGES_LIMIT_BYTES = GIGABYTE


def build(
    config: SiteConfig,
    *,
    reextract: bool = False,
    reindex: bool = False,
    jobs: int | None = None,
    progress: ProgressCallback = no_progress,
    stages: Stages | None = None,
) -> BuildReport:
    """Build the archive; jobs is how many processes extract pages (default: all cores).

    stages: the functions that do each stage's work (options.Stages), for tests.
    """
    options = BuildOptions(
        reextract=reextract,
        reindex=reindex,
        jobs=jobs,
        progress=progress,
        stages=stages or Stages(),
    )
    clock = StageClock()
    last = read_state(config.output_dir)  # the stages make the next from it; never change it

    # Gather: saved pages, article files, the search index as it is (a bad
    # SOURCE_DATE_EPOCH stops the build here, before any work).
    with clock.timed("gather"):
        gathered = gather(config, last, options)
    # Articles rendered before the render step wait on disk in the spool, so each is
    # rendered once and the build's memory does not grow with their bodies.
    with (
        memory.kept_for_the_build(),
        options.stages.spool() as spool,
        gathered.search_index as search_index,
    ):
        # Convert: new and changed saved pages, on all cores, into article files; Whoosh
        # indexes each article as it is written, while the workers go on.
        with clock.timed("convert"):
            outputs = ArticleOutputs(spool, search_index)
            converted = convert(gathered, config, last, outputs, options)
        # Load: a summary of every article, the user's own included.
        with clock.timed("load"):
            loaded, arranged, site = _load(config, last, spool, gathered, converted)
        # Render and index: the site into a staging folder, and both search indexes.
        outcome = render_and_index(site, search_index, config, last, clock, options)

    # Publish: swap the new site into place, and record what the next build starts from.
    with clock.timed("publish"):
        state = _next_state(last, converted, arranged, site, outcome)
        state = publish(outcome.staging, config, read=last, new=state)
    warnings = _warnings(outcome, last, options) + _size_warnings(state, config)
    return replace(
        _report(converted, loaded, arranged, outcome, clock, warnings),
        skipped=gathered.skipped,
        unreadable=loaded.failed,
        # The links pointing inside the archive: few dictionary lookups, on every build.
        internal_links=render.link_graph(site.summaries).internal_links,
    )


def _load(
    config: SiteConfig,
    last: BuildState,
    spool: ArticleSpool,
    gathered: Gathered,
    converted: Conversion,
) -> tuple[Loaded, Arranged, SiteInputs]:
    """Every article's summary, the saves of one page as one article; and what the site
    is made from, bodies included."""
    written, read = converted.written.summaries, gathered.article_files.read
    loaded = load_summaries(config.articles_dir, last, spool, written, read)
    arranged = arrange_documents(config, loaded.summaries, spool, converted.saved_files)
    bodies = ArticleBodies(config.articles_dir, spool)
    site = site_inputs(
        arranged.shown, bodies, gathered.look, converted.saved_files, config, arranged.copies
    )
    return loaded, arranged, site


def _next_state(
    last: BuildState,
    converted: Conversion,
    arranged: Arranged,
    site: SiteInputs,
    outcome: SiteOutcome,
) -> BuildState:
    """What this build knew, for the next (publish adds the new site's folder)."""
    return replace(
        last,
        saved_files=dict(converted.saved_files),
        summaries=arranged.summaries,
        page_keys=outcome.page_keys,
        site_key=site.key,
    )


def _warnings(outcome: SiteOutcome, last: BuildState, options: BuildOptions) -> tuple[str, ...]:
    """A rebuilt search index is news only if an earlier build made one, and unasked."""
    because = outcome.search.rebuilt_because
    if because and not options.reindex and last.summaries:
        return (f"search index rebuilt: {because}",)
    return ()


def _size_warnings(state: BuildState, config: SiteConfig) -> tuple[str, ...]:
    """A site GitHub Pages would refuse is news on every build, published anew or not."""
    if state.site_bytes <= GITHUB_PAGES_LIMIT_BYTES:
        return ()
    size = state.site_bytes / GIGABYTE
    return (
        f"{config.site_dir}: the site is {size:.2f} GB, over GitHub Pages' 1 GB limit for "
        "a published site; publish it on another host, or set publish_originals = false "
        "in site.toml to leave the saved pages out",
    )


def _report(
    converted: Conversion,
    loaded: Loaded,
    arranged: Arranged,
    outcome: SiteOutcome,
    clock: StageClock,
    warnings: tuple[str, ...],
) -> BuildReport:
    plan, written = converted.plan, converted.written
    hidden = tuple(name for name, summary in loaded.summaries.items() if summary.meta.hidden)
    return BuildReport(
        ingested=len(converted.saved_files),
        new=written.new,
        updated=written.updated,
        unchanged=plan.unchanged + written.unchanged,
        kept_edited=plan.kept_edited + written.kept_edited,
        failed=plan.failed + written.failed,
        flagged=written.flagged,
        warnings=warnings,
        articles=sum(1 for summary in arranged.shown if not summary.meta.hidden),
        hidden=hidden,
        pages_rendered=outcome.rendered,
        timings=tuple(clock.timings.items()),
        near_duplicates=arranged.near_duplicates,
        newer_versions=arranged.newer_versions,
    )
