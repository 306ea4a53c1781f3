"""What the caller of build() chooses: the options of `site-builder build`, and the
functions that do the work of each stage.

Stages is a seam: the build runs the stage functions it is given, so a test can make a
stage fail, slow one down, or watch what it is given, without reaching into the build.
Its defaults are the real stages; `site-builder build` never changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import render
from site_builder.build.extract_file import ExtractedFile, extract_saved_file
from site_builder.build.progress import ProgressCallback, no_progress
from site_builder.build.read_ahead import read_ahead
from site_builder.build.spool import ArticleSpool
from site_builder.core.config import SiteConfig
from site_builder.search.whoosh_index import IndexUpdate


@dataclass(frozen=True, slots=True, kw_only=True)
class Stages:
    """The functions a build runs, by what they do."""

    # One saved file to its articles; runs in the extraction processes, so a function
    # given here for more than a few pages must be picklable (a module's function).
    extract_file: Callable[[Path, SiteConfig], ExtractedFile] = extract_saved_file
    # Asks the system for a saved file the extraction processes will read soon.
    read_ahead: Callable[[Path], None] = read_ahead
    # The disk cache of rendered articles, for the load, render and index steps.
    spool: Callable[[], ArticleSpool] = ArticleSpool
    # The Whoosh index update, given the index folder and rebuild=True to make it anew.
    # With more than one job it runs in a process of its own (index_process.py): a test
    # that watches it there sees nothing in its own memory, and where processes are
    # spawned, not forked, it must be picklable.
    search_index: Callable[..., IndexUpdate] = IndexUpdate
    # Writes every page of the site into a staging folder (render.render_archive).
    render_archive: Callable[..., render.RenderResult] = render.render_archive


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """How to build, besides the archive's settings (SiteConfig)."""

    reextract: bool = False  # extract every saved page again; edited articles are kept
    reindex: bool = False  # rebuild the Whoosh index from scratch
    jobs: int | None = None  # processes that extract pages; None: one per core
    progress: ProgressCallback = no_progress
    stages: Stages = field(default_factory=Stages)
