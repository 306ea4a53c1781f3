"""Writing the articles the extraction processes made, one saved file at a time.

The main process writes them in the saved files' order, so two pages with the same date
and title get the same names (-2, -3...) whatever core finished first. Each article is
written with its rendered body (parked in the spool for the render step) and offered to
the search index at once, while the workers go on with the next pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder import render
from site_builder.article import store
from site_builder.build.article_files import KnownArticle
from site_builder.build.extract_file import ConvertedPage, ExtractedFile
from site_builder.build.search_indexes import SearchIndexes
from site_builder.build.spool import ArticleSpool
from site_builder.core.config import SiteConfig
from site_builder.core.records import QUALITY_FLAGS, Article, ArticleSummary, IndexDocument


@dataclass(frozen=True, slots=True)
class ArticleOutputs:
    """Where each article written goes besides its file."""

    spool: ArticleSpool
    search_index: SearchIndexes


@dataclass(frozen=True, slots=True, kw_only=True)
class WrittenArticles:
    """What the writer did, by saved page (labelled `file` or `file#part`)."""

    new: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]  # extracted again (--reextract), to the same bytes
    kept_edited: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]
    flagged: tuple[tuple[str, str, str], ...]  # (page, quality verdict, why)
    summaries: Mapping[str, ArticleSummary]  # of the articles written, by file name


@dataclass(slots=True)
class _Counts:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str, str]] = field(default_factory=list)


class ArticleWriter:
    """Writes what the workers extracted; never overwrites an article the user edited.

    known: the article files there are, by the saved page they came from.
    """

    def __init__(
        self, config: SiteConfig, known: Mapping[str, KnownArticle], outputs: ArticleOutputs
    ) -> None:
        self._config, self._outputs = config, outputs
        self._known = dict(known)  # renamed and new articles are added as they are written
        # Versions too: a save not shown may move back into articles/ under its stem.
        self._taken_stems = {path.stem for path in store.every_article_file(config.articles_dir)}
        self._summaries: dict[str, ArticleSummary] = {}
        self._counts = _Counts()

    def store(self, name: str, outcome: ExtractedFile) -> None:
        """Write the article(s) of one saved file, named name under saved/."""
        if isinstance(outcome, str):
            self._counts.failed.append((name, outcome))
            return
        for page in outcome.pages:
            label = f"{name}#{page.source.partition('#')[2]}" if "#" in page.source else name
            current = self._known.get(page.source)
            if current is not None and current.edited:
                self._counts.kept_edited.append(label)
            elif page.converted is None:
                self._counts.failed.append((label, page.failure or "no article"))
            else:
                self._write(page.converted, page.source, label)

    def written(self) -> WrittenArticles:
        counts = self._counts
        return WrittenArticles(
            new=tuple(counts.new),
            updated=tuple(counts.updated),
            unchanged=tuple(counts.unchanged),
            kept_edited=tuple(counts.kept_edited),
            failed=tuple(counts.failed),
            flagged=tuple(counts.flagged),
            summaries=dict(self._summaries),
        )

    def _write(self, converted: ConvertedPage, source: str, label: str) -> None:
        current = self._known.get(source)
        own_stem = current.path.stem if current is not None else None
        taken = self._taken_stems - {own_stem} if own_stem else self._taken_stems
        article = _with_free_stem(converted.article, taken)
        target = self._config.articles_dir / f"{article.stem}.md"
        changed = store.write(article, target, self._config.media_dir, text=converted.file_text)
        self._pass_on(converted, article, target)
        self._taken_stems.add(article.stem)
        if current is not None and current.path != target:
            current.path.unlink(missing_ok=True)  # renamed; the old file was ours, unedited
            self._taken_stems.discard(current.path.stem)
            self._summaries.pop(store.file_name(current.path, self._config.articles_dir), None)
        self._known[source] = KnownArticle(
            path=target,
            source_sha256=article.meta.source_sha256,
            extractor=article.meta.extractor,
            edited=False,
        )
        if article.meta.quality in QUALITY_FLAGS:
            self._counts.flagged.append((label, article.meta.quality, converted.flag_reason))
        if current is None:
            self._counts.new.append(label)
        else:
            (self._counts.updated if changed else self._counts.unchanged).append(label)

    def _pass_on(self, converted: ConvertedPage, article: Article, target: Path) -> None:
        """Park the article's body in the spool, summarise it, offer it to the index."""
        rendered = converted.rendered
        if rendered.article.stem != article.stem:
            # Renamed to a free name: read back exactly as the load step will read the file.
            rendered = render.prepare(store.parse(converted.file_text, target).article)
        self._outputs.spool.put(target.name, rendered)
        digest = hashlib.sha256(converted.file_text.encode("utf-8")).hexdigest()
        summary = render.summarize(rendered, file_sha256=digest)
        self._summaries[target.name] = summary
        page = render.article_href_of(summary.stem)
        self._outputs.search_index.offer(
            IndexDocument.of_article(summary, rendered.text, path=page)
        )


def _with_free_stem(article: Article, taken: set[str]) -> Article:
    """Two pages with the same date and title get -2, -3... in the order they are built."""
    stem, counter = article.stem, 2
    while stem in taken:
        stem = f"{article.stem}-{counter}"
        counter += 1
    return replace(article, stem=stem)
