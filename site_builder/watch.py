"""`serve --watch`: rebuild the archive when its sources change.

watchfiles (inotify and its kin, through the Rust `notify` crate) reports changes under
the saved pages, the articles, the templates and site.toml; each batch starts one
incremental build. A build that fails leaves the published site as it was (build/), so
the server goes on serving the last good site while the error is printed and shown on
the open pages (live_reload.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from threading import Event

import watchfiles

from site_builder.build import pipeline
from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import BuildReport
from site_builder.live_reload import BuildStatus

# Milliseconds watchfiles waits for a burst of changes to end before one build: an
# editor's save (write a temporary file, rename it over the old) is one burst, and the
# build starts well inside the two seconds a user waits for the page.
QUIET_MS = 50
# Besides watchfiles' own (editor swap files, .git, ...): hidden files, such as the
# temporary file an article is written to before it is renamed into place.
IGNORED = watchfiles.DefaultFilter(
    ignore_entity_patterns=(*watchfiles.DefaultFilter.ignore_entity_patterns, r"^\.")
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rebuilder:
    """How the watcher builds: reading the settings again (site.toml may have changed),
    the build itself, and where its one-line news goes."""

    load_config: Callable[[], SiteConfig]
    echo: Callable[[str], None]
    build: Callable[[SiteConfig], BuildReport] = pipeline.build


def watched_paths(config: SiteConfig, config_file: Path | None) -> list[Path]:
    """The sources of the site that exist: saved pages, articles, templates, site.toml."""
    candidates = [config.saved_dir, config.articles_dir, config.templates_dir]
    if config_file is not None:
        candidates.append(config_file)
    return sorted({path.resolve() for path in candidates if path.exists()})


def rebuild(rebuilder: Rebuilder, status: BuildStatus) -> bool:
    """One build, its outcome told to the status and the terminal; True when it worked."""
    try:
        config = rebuilder.load_config()
        before = _folder_identity(config.site_dir)
        report = rebuilder.build(config)
    except SiteBuilderError as err:
        status.failed(str(err))
        rebuilder.echo(f"Rebuild failed, still serving the last good site: {err}")
        return False
    # The build swaps a new site folder in only when something on it changed.
    status.built(site_changed=_folder_identity(config.site_dir) != before)
    rebuilder.echo(_summary(report))
    for saved_file, reason in report.failed:
        rebuilder.echo(f"  failed: {saved_file}: {reason}")
    return True


def watch_and_rebuild(
    rebuilder: Rebuilder,
    status: BuildStatus,
    paths: Iterable[Path],
    *,
    stop: Event | None = None,
) -> None:
    """Build after each batch of changes under paths, until stop is set (or Ctrl-C)."""
    for changes in watchfiles.watch(*paths, watch_filter=IGNORED, step=QUIET_MS, stop_event=stop):
        changed = sorted({Path(name).name for _, name in changes})
        rebuilder.echo(f"Changed: {', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}")
        rebuild(rebuilder, status)


def _folder_identity(folder: Path) -> tuple[int, int] | None:
    try:
        stat = folder.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _summary(report: BuildReport) -> str:
    seconds = sum(s for _, s in report.timings)
    return (
        f"Rebuilt in {seconds:.1f} s: {len(report.new)} new, {len(report.updated)} updated, "
        f"{len(report.failed)} failed; {report.articles} article(s) on the site."
    )
