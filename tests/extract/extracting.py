"""Extracting a page given as text, for the extract tests."""

from __future__ import annotations

from pathlib import Path

from site_builder.article.to_markdown import to_article
from site_builder.core.records import QUALITY_OK, ExtractedPage, SavedKind, SavedPage
from site_builder.extract import extract
from site_builder.extract.headline import PagePlaces
from site_builder.extract.vote import Ballot, Settle, vote


def extract_text(text: str, kind: SavedKind = "html", *, settle: Settle = vote) -> ExtractedPage:
    """extract() of a saved page holding text (HTML or a text save); settle: the vote, or
    a way to watch it."""
    page = SavedPage(
        path=Path(f"page.{kind}"), source="saved/page", sha256="0" * 64, kind=kind, text=text
    )
    return extract(page, settle=settle)


def article_body(html: str) -> str:
    """The Markdown body of the article extracted from html."""
    return to_article(extract_text(html)).body


def asking_ballot(
    readability: str,
    trafilatura: str,
    asked: list[str],
    *,
    page_words: int | None = None,
    places: PagePlaces | None = None,
) -> Ballot:
    """An "ok" ballot whose trafilatura() notes in asked each time it is called; page_words:
    the page's words outside its chrome, None when unknown."""

    def second() -> str:
        asked.append("trafilatura")
        return trafilatura

    return Ballot(
        readability=readability,
        trafilatura=second,
        quality=QUALITY_OK,
        page_words=None if page_words is None else (lambda: page_words),
        places=places,
    )
