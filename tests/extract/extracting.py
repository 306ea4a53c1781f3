"""Extracting a page given as text, for the extract tests."""

from __future__ import annotations

from pathlib import Path

from site_builder.article.to_markdown import to_article
from site_builder.core.records import ExtractedPage, SavedKind, SavedPage
from site_builder.extract import extract
from site_builder.extract.vote import Settle, vote


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
