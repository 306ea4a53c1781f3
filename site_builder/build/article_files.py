"""The article files already in content/articles/, as the build needs to know them.

Each file is read once, in the gather step: its sha256 (with the stamp it had then)
lets the load step skip reading it again, and the saved page it came from tells the
convert step whether that page was extracted before, by which extractor, and whether
the user has edited the article since.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from site_builder.article import store
from site_builder.build.state import BuildState, FileStamp, stamp_of


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownArticle:
    """What the build needs to know of an article file already there."""

    path: Path
    source_sha256: str | None
    extractor: str | None
    edited: bool

    def made_by(self, extractor: str, saved_sha256: str) -> bool:
        """Whether the article is what that extractor makes of that version of its page."""
        return self.source_sha256 == saved_sha256 and self.extractor == extractor


@dataclass(frozen=True, slots=True)
class ArticleFiles:
    """The article files there are: by the saved page they came from (the first by name,
    if two claim one page), and the sha256 of each file read, with its stamp then."""

    by_source: dict[str, KnownArticle]
    read: dict[str, tuple[FileStamp, str]]


def read_article_files(articles_dir: Path, state: BuildState) -> ArticleFiles:
    """Read every article file once. Unreadable files are left to the load step to report.

    A file the last build summarised, unchanged since, is not parsed again: its summary
    holds the front matter.
    """
    by_source: dict[str, KnownArticle] = {}
    read: dict[str, tuple[FileStamp, str]] = {}
    for path in store.every_article_file(articles_dir):
        name = store.file_name(path, articles_dir)
        try:
            with path.open("rb") as handle:
                stamp, data = stamp_of(os.fstat(handle.fileno())), handle.read()
        except OSError:
            continue
        text = data.decode("utf-8", errors="replace")
        digest = hashlib.sha256(data).hexdigest()
        read[name] = (stamp, digest)
        cached = state.summary_for(name, digest)
        if cached is not None:
            meta = cached.meta
        else:
            try:
                meta = store.parse(text, path).article.meta
            except store.StoreError:
                continue
        if meta.source and meta.source not in by_source:
            by_source[meta.source] = KnownArticle(
                path=path,
                source_sha256=meta.source_sha256,
                extractor=meta.extractor,
                edited=store.is_edited(text),
            )
    return ArticleFiles(by_source, read)
