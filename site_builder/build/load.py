"""The load step: a summary of every article file, the user's own included, so that
every page and both search indexes see one consistent set.

Summaries are small; the bodies stay on disk, in the spool or in their files, until the
render and index steps ask for them one at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder import render
from site_builder.article import store
from site_builder.build.spool import ArticleSpool
from site_builder.build.state import BuildState, FileStamp, stamp_of
from site_builder.core.records import ArticleSummary, RenderedArticle


@dataclass(frozen=True, slots=True, kw_only=True)
class Loaded:
    """Every readable article's summary by file name (in name order), and the others."""

    summaries: dict[str, ArticleSummary]
    failed: tuple[tuple[str, str], ...]  # (file name, reason)


def load_summaries(
    articles_dir: Path,
    state: BuildState,
    spool: ArticleSpool,
    fresh: Mapping[str, ArticleSummary],
    read_before: Mapping[str, tuple[FileStamp, str]],
) -> Loaded:
    """A summary of every article file, reusing the last build's for unchanged files.

    fresh holds the summaries of the files the convert step just wrote (their bodies
    are in spool already); each article rendered here is parked in spool too. A file
    the gather step read (read_before), still with the stamp it had then, is not read
    again.
    """
    summaries: dict[str, ArticleSummary] = {}
    failed: list[tuple[str, str]] = []
    for path in store.every_article_file(articles_dir):
        name = store.file_name(path, articles_dir)
        summary, known = fresh.get(name), read_before.get(name)
        try:
            if summary is None and known is not None and known[0] == stamp_of(path.stat()):
                summary = state.summary_for(name, known[1])
            if summary is None:
                summary = _summary_of_file(path, name, state, spool)
        except OSError as err:
            failed.append((name, f"cannot read: {err.strerror or err}"))
            continue
        except UnicodeDecodeError:
            failed.append((name, "not UTF-8 text"))
            continue
        except store.StoreError as err:
            failed.append((name, err.reason))
            continue
        summaries[name] = summary
    return Loaded(summaries=summaries, failed=tuple(failed))


def _summary_of_file(
    path: Path, name: str, state: BuildState, spool: ArticleSpool
) -> ArticleSummary:
    """The last build's summary of this version of the file, or a new one (its body
    parked in spool); raises OSError, UnicodeDecodeError or store.StoreError."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    summary = state.summary_for(name, digest)
    if summary is None:
        rendered = render.prepare(store.parse(data.decode("utf-8"), path).article)
        summary = replace(render.summarize(rendered, file_sha256=digest), source_file=name)
        spool.put(name, rendered)
    return summary


@dataclass(frozen=True, slots=True)
class ArticleBodies:
    """An article's rendered body: as the convert or load step rendered it, or read from
    its file and rendered now.

    Unchanged articles were summarised from the last build's state, not rendered; their
    pages are rendered again only when a neighbour or the templates changed.
    """

    articles_dir: Path
    spool: ArticleSpool

    def __call__(self, summary: ArticleSummary) -> RenderedArticle:
        rendered = self.spool.get(summary.source_file)
        if rendered is None:
            rendered = render.prepare(store.load(self.articles_dir / summary.source_file).article)
        return rendered
