"""The documents step: the saves of one page become one article (article/documents.py
decides), their files moved so content/articles/ holds one file a document.

It runs after the load step, on every article's summary: the moves rename files
whose text does not change, so their summaries, their bodies in the spool and the
build state follow them by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.article import store
from site_builder.article.documents import (
    Document,
    Grouping,
    Save,
    group_documents,
    near_duplicates,
)
from site_builder.build.load import load_summaries
from site_builder.build.spool import ArticleSpool
from site_builder.build.state import FileStamp, read_state
from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleSummary, SavedCopy


@dataclass(frozen=True, slots=True, kw_only=True)
class Arranged:
    """Every article file's summary by name, after the moves; what the site shows.

    shown: the summary of each article shown, by file name, in name order.
    copies: each shown article's saves (its own first), by its stem, for its page.
    """

    summaries: dict[str, ArticleSummary]
    shown: tuple[ArticleSummary, ...]
    copies: Mapping[str, tuple[SavedCopy, ...]]
    near_duplicates: tuple[tuple[str, ...], ...]
    newer_versions: tuple[tuple[str, str], ...]  # (edited article, newer save's file)


def arrange_documents(
    config: SiteConfig,
    summaries: Mapping[str, ArticleSummary],
    spool: ArticleSpool,
    saved_files: Mapping[str, tuple[FileStamp, str]],
) -> Arranged:
    """Group the articles into documents and move their files where the grouping says.

    saved_files: the stamp of each saved file by its name under saved/: a save without
    the saver's date is dated by its file's modification time.
    """
    saved_at = _SaveDates(config, saved_files)
    saves = [
        Save(file=name, summary=summary, saved_at=saved_at(summary))
        for name, summary in summaries.items()
    ]
    grouping = group_documents(saves, edited=lambda save: _edited(config.articles_dir, save))
    renamed = _move_files(config.articles_dir, grouping, spool)
    moved = {
        renamed.get(name, name): _renamed(summary, renamed.get(name, name))
        for name, summary in summaries.items()
    }
    arranged = dict(sorted(moved.items()))
    documents = (
        [_after_moves(d, arranged, renamed) for d in grouping.documents]
        if renamed
        else list(grouping.documents)
    )
    shown = [d for d in documents if "/" not in d.shown.file]
    return Arranged(
        summaries=arranged,
        shown=tuple(d.shown.summary for d in sorted(shown, key=lambda d: d.shown.file)),
        copies={d.shown.summary.stem: _copies(d) for d in shown if len(d.saves) > 1},
        near_duplicates=tuple(
            tuple(renamed.get(name, name) for name in names) for names in grouping.near_duplicates
        ),
        newer_versions=tuple(
            (d.shown.file, newer.file) for d in documents for newer in d.newer_than_edit
        ),
    )


def _copies(document: Document) -> tuple[SavedCopy, ...]:
    versions = set(document.versions())
    return tuple(
        SavedCopy(
            summary=save.summary,
            saved=save.saved_at or None,
            version=save in versions,
            shown=save == document.shown,
        )
        for save in document.saves
    )


def _move_files(articles_dir: Path, grouping: Grouping, spool: ArticleSpool) -> dict[str, str]:
    """Do the moves, through temporary names, as two saves may swap names."""
    if not grouping.moves:
        return {}
    (articles_dir / store.VERSIONS_FOLDER).mkdir(parents=True, exist_ok=True)
    parked: list[tuple[Path, str, str]] = []
    for source, target in grouping.moves:
        temporary = articles_dir / store.VERSIONS_FOLDER / f".moving-{len(parked)}.md"
        (articles_dir / source).replace(temporary)
        parked.append((temporary, source, target))
    for temporary, source, target in parked:
        temporary.replace(articles_dir / target)
        spool.move(source, target)
    return dict(grouping.moves)


def _renamed(summary: ArticleSummary, name: str) -> ArticleSummary:
    stem = name.rpartition("/")[2].removesuffix(".md")
    if summary.source_file == name and summary.stem == stem:
        return summary
    return replace(summary, stem=stem, source_file=name)


def _after_moves(
    document: Document, summaries: Mapping[str, ArticleSummary], renamed: Mapping[str, str]
) -> Document:
    def moved(save: Save) -> Save:
        name = renamed.get(save.file, save.file)
        return replace(save, file=name, summary=summaries[name])

    return Document(
        shown=moved(document.shown),
        saves=tuple(moved(save) for save in document.saves),
        newer_than_edit=tuple(moved(save) for save in document.newer_than_edit),
    )


def _edited(articles_dir: Path, save: Save) -> bool:
    """An unreadable file counts as edited: it is left where it is."""
    try:
        return store.is_edited((articles_dir / save.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return True


class _SaveDates:
    """When each page was saved: the saver's date; else the saved file's modification
    time (a browser's "HTML only" save records no date, and the file's time is when it
    was downloaded). saved_files: the stamp of each saved file by its name under saved/.
    """

    def __init__(
        self, config: SiteConfig, saved_files: Mapping[str, tuple[FileStamp, str]]
    ) -> None:
        self._saved_files = saved_files
        # A source is named from the content folder, a saved file from saved/: string
        # work, as this runs for every article of every build.
        try:
            folder = config.saved_dir.relative_to(config.content_dir).as_posix()
            self._prefix: str | None = f"{folder}/"
        except ValueError:
            self._prefix = None

    def __call__(self, summary: ArticleSummary) -> str:
        meta = summary.meta
        if meta.saved:
            return _in_utc(meta.saved)
        if not meta.source or self._prefix is None or not meta.source.startswith(self._prefix):
            return ""
        known = self._saved_files.get(meta.source.partition("#")[0][len(self._prefix) :])
        if known is None:
            return ""
        modified = dt.datetime.fromtimestamp(known[0][1] / 1e9, tz=dt.UTC)
        return modified.replace(microsecond=0).isoformat()


def _in_utc(iso: str) -> str:
    """Dates from different savers compare as text once they are in one zone."""
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return when.astimezone(dt.UTC).isoformat() if when.tzinfo else iso


def near_duplicate_articles(config: SiteConfig) -> tuple[tuple[ArticleSummary, ...], ...]:
    """The articles in content/articles/ with one text at different addresses, as
    `site-builder duplicates` lists them: the last build's summaries where a file is
    unchanged, so only new and edited files are read in full."""
    state = read_state(config.output_dir)
    with ArticleSpool() as spool:
        loaded = load_summaries(config.articles_dir, state, spool, {}, {})
    shown = {name: summary for name, summary in loaded.summaries.items() if "/" not in name}
    saves = [Save(file=name, summary=summary, saved_at="") for name, summary in shown.items()]
    return tuple(tuple(shown[name] for name in names) for names in near_duplicates(saves))
