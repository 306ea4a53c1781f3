"""The saves of an article's page: the list its page shows, each version's own page, and
a short word-level diff of a version against the article shown.

Which saves belong to one article is the article stage's call (article/documents.py);
this module only shows them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from site_builder.core.records import ArticleMeta, ArticleSummary, RenderedArticle, SavedCopy
from site_builder.render.page_writer import PageWriter
from site_builder.render.pages import (
    ARTICLES_SUBDIR,
    display_date,
    primary_language,
    trusted_html,
)
from site_builder.render.site_assets import original_download_name

VERSIONS_SUBDIR = f"{ARTICLES_SUBDIR}/versions"
# A short diff: the first few changed passages, each with a few words around it; a
# version saved before a rewrite would otherwise show the whole article twice.
DIFF_CHANGES_SHOWN = 5
DIFF_CONTEXT_WORDS = 6
DIFF_WORDS_PER_SIDE = 40
_FORMATS = (
    ((".mhtml", ".mht"), "MHTML"),
    ((".html", ".htm", ".xhtml", ".shtml"), "HTML"),
    ((".warc", ".warc.gz"), "WARC"),
    ((".txt",), "text"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveLink:
    """One save as an article's page lists it."""

    format: str  # "MHTML", "HTML", "text", "WARC"...
    saved: str | None  # ISO 8601
    saved_display: str | None
    download: str | None  # the saved file as published, relative to the site root
    download_name: str  # what it downloads as: the save's article name and file type
    href: str | None  # a version's own page; None for a copy of the text shown
    shown: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class WordChange:
    """One changed passage: the words around it, those removed and those added."""

    before: str
    removed: str
    added: str
    after: str


@dataclass(frozen=True, slots=True, kw_only=True)
class WordDiff:
    changes: tuple[WordChange, ...]  # the first DIFF_CHANGES_SHOWN
    more: int  # changed passages not shown
    removed_words: int
    added_words: int


def version_href(stem: str) -> str:
    return f"{VERSIONS_SUBDIR}/{stem}.html"


def save_format(source: str | None) -> str:
    """ "MHTML" for saved/page.mhtml: what kind of save a reader is offered."""
    name = (source or "").partition("#")[0].lower()
    for suffixes, label in _FORMATS:
        if name.endswith(suffixes) or name.endswith(tuple(f"{s}.gz" for s in suffixes)):
            return label
    suffix = name.rpartition(".")[2]
    return suffix.upper() if "." in name and suffix else "saved page"


def save_links(
    copies: Sequence[SavedCopy], original: Callable[[ArticleMeta], str | None]
) -> tuple[SaveLink, ...]:
    """original(meta): where the site publishes that save's file, if it does."""
    return tuple(
        SaveLink(
            format=save_format(copy.summary.meta.source),
            saved=copy.saved,
            saved_display=display_date(copy.saved),
            download=original(copy.summary.meta),
            download_name=original_download_name(copy.summary.meta.source or "", copy.summary.stem),
            href=version_href(copy.summary.stem) if copy.version else None,
            shown=copy.shown,
        )
        for copy in copies
    )


def word_diff(old: str, new: str) -> WordDiff:
    """What changed from old to new, word by word (the text of a version, then of the
    article shown)."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    changes: list[WordChange] = []
    removed = added = 0
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed += old_end - old_start
        added += new_end - new_start
        changes.append(
            WordChange(
                before=_words(old_words[max(0, old_start - DIFF_CONTEXT_WORDS) : old_start]),
                removed=_words(old_words[old_start:old_end], cut=True),
                added=_words(new_words[new_start:new_end], cut=True),
                after=_words(old_words[old_end : old_end + DIFF_CONTEXT_WORDS]),
            )
        )
    return WordDiff(
        changes=tuple(changes[:DIFF_CHANGES_SHOWN]),
        more=max(0, len(changes) - DIFF_CHANGES_SHOWN),
        removed_words=removed,
        added_words=added,
    )


def write_version_pages(
    writer: PageWriter,
    shown: ArticleSummary,
    copies: Sequence[SavedCopy],
    saves: tuple[SaveLink, ...],
    load: Callable[[ArticleSummary], RenderedArticle],
) -> None:
    """A page for each save whose text is not the article's, with its diff against it."""
    shown_text: str | None = None
    for copy, save in zip(copies, saves, strict=True):
        if save.href is None:
            continue
        made_from = {
            "file_sha256": copy.summary.file_sha256,
            "shown": shown.file_sha256,
            "stem": shown.stem,
            "title": shown.meta.title,
            "save": save,
            "saves": saves,
        }
        if writer.carry_over("version.html", save.href, made_from):
            continue
        if shown_text is None:
            shown_text = load(shown).text
        version = load(copy.summary)
        writer.render(
            "version.html",
            save.href,
            content=trusted_html(version),
            meta=version.article.meta,
            save=save,
            saves=saves,
            diff=word_diff(version.text, shown_text),
            article_href=f"{ARTICLES_SUBDIR}/{shown.stem}.html",
            article_title=shown.meta.title,
            page_title=f"{shown.meta.title} (saved {save.saved_display or 'earlier'})",
            page_language=primary_language(copy.summary.meta.language) or writer.config.language,
        )


def _words(words: Sequence[str], *, cut: bool = False) -> str:
    if cut and len(words) > DIFF_WORDS_PER_SIDE:
        return " ".join(words[:DIFF_WORDS_PER_SIDE]) + " …"
    return " ".join(words)
