"""The convert step: each new or changed saved page, on all cores, into its article file.

Which files to extract is decided first (extraction_plan); worker processes extract
them (extract_file) while the disk is asked for the next ones (read_ahead); the main
process writes the articles in order as the results come back (article_writer).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import memory, workers
from site_builder.build.article_writer import ArticleOutputs, ArticleWriter, WrittenArticles
from site_builder.build.extract_file import ExtractedFile
from site_builder.build.extraction_plan import ExtractionPlan, plan_extraction, saved_name
from site_builder.build.gather import Gathered
from site_builder.build.options import BuildOptions
from site_builder.build.read_ahead import ReadAhead
from site_builder.build.state import BuildState, FileStamp
from site_builder.core.config import SiteConfig

PROGRESS_LABEL = "Converting saved pages"


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion:
    """What the convert step decided and did.

    saved_files: the stamp and sha256 of every saved file read or known, by its name.
    """

    plan: ExtractionPlan
    saved_files: Mapping[str, tuple[FileStamp, str]]
    written: WrittenArticles


def convert(
    gathered: Gathered,
    config: SiteConfig,
    state: BuildState,
    outputs: ArticleOutputs,
    options: BuildOptions,
) -> Conversion:
    """Extract new and changed saved pages on all cores and write their articles.

    The articles written are summarised in the result; their rendered bodies are in the
    spool, so the load step need not read and render those files again.
    """
    known = gathered.article_files.by_source
    plan = plan_extraction(gathered.saved_pages, config, state, known, reextract=options.reextract)
    todo = plan.to_extract
    options.progress(PROGRESS_LABEL, 0, len(todo))
    reading = ReadAhead(todo, ask=options.stages.read_ahead)
    writer = ArticleWriter(config, known, outputs)
    saved_files = dict(plan.hashed)
    # Closed on the way out, so a build stopped here (Ctrl-C, SIGTERM, an error) stops
    # its workers at once, not when the error that stopped it is forgotten.
    with closing(
        workers.run_ordered(
            _ExtractionJob(options.stages.extract_file, config),
            todo,
            jobs=options.jobs or workers.default_jobs(),
            crashed=_crashed,
        )
    ) as extracted:
        for done, (path, outcome) in enumerate(zip(todo, extracted, strict=True), start=1):
            reading.advance(done)
            name = saved_name(path, config)
            if name in plan.unread and not isinstance(outcome, str):
                saved_files[name] = (plan.unread[name], outcome.sha256)  # hashed by its worker
            writer.store(name, outcome)
            memory.settle(done, len(todo))  # what was written stays to the end of the build
            options.progress(PROGRESS_LABEL, done, len(todo))
    return Conversion(plan=plan, saved_files=saved_files, written=writer.written())


@dataclass(frozen=True, slots=True)
class _ExtractionJob:
    """What each worker process runs: one saved file with this build's settings."""

    extract_file: Callable[[Path, SiteConfig], ExtractedFile]
    config: SiteConfig

    def __call__(self, path: Path) -> ExtractedFile:
        return self.extract_file(path, self.config)


def _crashed(path: Path) -> ExtractedFile:
    return "the extractor crashed on this page"
