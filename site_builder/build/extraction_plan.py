"""Which saved files a build must extract, decided before any is extracted.

A saved file is extracted when it has no article yet, when it changed since its article
was made, when the extractor is a newer one, or with --reextract; never when the user
has edited its article. Deciding costs next to nothing for a file the last build saw: a
file whose size, times and inode are those it had then is not read again, as its sha256
is the one recorded: reading every saved page would be most of a build that changes
nothing.
"""

from __future__ import annotations

import enum
import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder import ingest
from site_builder.build.article_files import KnownArticle
from site_builder.build.state import BuildState, FileStamp, stamp_of
from site_builder.core.config import MEGABYTE, SiteConfig
from site_builder.core.errors import SiteBuilderError
from site_builder.extract import extractor


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionPlan:
    """The saved files to extract, in order, and what is known of every saved file.

    hashed: the stamp and sha256 of each file known now, by its name under saved/.
    unread: the stamp of each new file: it is extracted whatever its sha256, so it is not
    read here; the worker that reads it gives its sha256 back.
    """

    to_extract: tuple[Path, ...]
    hashed: Mapping[str, tuple[FileStamp, str]]
    unread: Mapping[str, FileStamp]
    unchanged: tuple[str, ...]
    kept_edited: tuple[str, ...]  # the user's edits win over anything we'd extract
    failed: tuple[tuple[str, str], ...]


def saved_name(path: Path, config: SiteConfig) -> str:
    """How the build names a saved file to the user: its path under saved/."""
    try:
        return path.relative_to(config.saved_dir).as_posix()
    except ValueError:
        return str(path)


def plan_extraction(
    saved_pages: Sequence[Path],
    config: SiteConfig,
    state: BuildState,
    known: Mapping[str, KnownArticle],
    *,
    reextract: bool,
) -> ExtractionPlan:
    """Look at each saved file once, in order; known: the articles by their source."""
    judge = _Judge(config, state, known, reextract=reextract)
    to_extract: list[Path] = []
    hashed: dict[str, tuple[FileStamp, str]] = {}
    unread: dict[str, FileStamp] = {}
    unchanged: list[str] = []
    kept_edited: list[str] = []
    failed: list[tuple[str, str]] = []
    for path in saved_pages:
        verdict = judge(path)
        if verdict.action is _Action.FAIL:
            failed.append((verdict.name, verdict.failure))
            continue
        if verdict.sha256 is None:
            unread[verdict.name] = verdict.stamp
        else:
            hashed[verdict.name] = (verdict.stamp, verdict.sha256)
        if verdict.action is _Action.EXTRACT:
            to_extract.append(path)
        elif verdict.action is _Action.UNCHANGED:
            unchanged.append(verdict.name)
        else:
            kept_edited.append(verdict.name)
    return ExtractionPlan(
        to_extract=tuple(to_extract),
        hashed=hashed,
        unread=unread,
        unchanged=tuple(unchanged),
        kept_edited=tuple(kept_edited),
        failed=tuple(failed),
    )


class _Action(enum.Enum):
    EXTRACT = enum.auto()
    UNCHANGED = enum.auto()
    KEEP_EDITED = enum.auto()
    FAIL = enum.auto()


@dataclass(frozen=True, slots=True)
class _Verdict:
    name: str
    action: _Action
    stamp: FileStamp = (0, 0, 0)
    sha256: str | None = None  # None: not read (a new file, or one that failed)
    failure: str = ""


class _Judge:
    """What to do with one saved file, given the articles there are and the last build."""

    def __init__(
        self,
        config: SiteConfig,
        state: BuildState,
        known: Mapping[str, KnownArticle],
        *,
        reextract: bool,
    ) -> None:
        self._config, self._state, self._reextract = config, state, reextract
        self._max_bytes = config.max_page_mb * MEGABYTE
        # Articles by the saved file they came from (a WARC file's pages share one).
        self._by_file: dict[str, list[KnownArticle]] = {}
        for source, article in known.items():
            self._by_file.setdefault(source.partition("#")[0], []).append(article)
        self._content_root = config.content_dir.resolve()
        # Most saved files share a few folders: this build's answers are remembered.
        self._real_folder = functools.lru_cache(maxsize=None)(Path.resolve)

    def __call__(self, path: Path) -> _Verdict:
        name, confine_to = saved_name(path, self._config), self._config.saved_dir
        try:
            status = ingest.check_saved_file(path, confine_to=confine_to, max_bytes=self._max_bytes)
        except SiteBuilderError as err:
            return _Verdict(name, _Action.FAIL, failure=err.reason)
        source = ingest.source_path(
            path,
            self._config.content_dir,
            content_root=self._content_root,
            real_folder=self._real_folder,
        )
        mine, stamp = self._by_file.get(source, []), stamp_of(status)
        digest = self._state.saved_sha256(name, status)
        if digest is None and not mine:
            return _Verdict(name, _Action.EXTRACT, stamp)  # its worker reads it anyway
        if digest is None:
            try:
                raw = ingest.read_saved_bytes(
                    path, confine_to=confine_to, max_bytes=self._max_bytes
                )
            except SiteBuilderError as err:
                return _Verdict(name, _Action.FAIL, failure=err.reason)
            digest = hashlib.sha256(raw).hexdigest()
        return _Verdict(name, self._action(mine, digest), stamp, digest)

    def _action(self, mine: list[KnownArticle], digest: str) -> _Action:
        if mine and all(article.edited for article in mine):
            return _Action.KEEP_EDITED
        if (
            mine
            and not self._reextract
            and all(article.made_by(extractor.EXTRACTOR_VERSION, digest) for article in mine)
        ):
            return _Action.UNCHANGED
        return _Action.EXTRACT
