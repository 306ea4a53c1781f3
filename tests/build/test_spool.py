"""The spool gives back exactly what was parked, by name, and leaves nothing behind."""

from __future__ import annotations

import pytest

from site_builder import render
from site_builder.build.spool import ArticleSpool
from site_builder.core.records import Article, ArticleMeta, RenderedArticle


def _prepared(stem: str, body: str) -> RenderedArticle:
    meta = ArticleMeta(title=stem.title(), published="2020-08-16", tags=("a", "b"))
    return render.prepare(Article(meta=meta, body=body, stem=stem))


def test_articles_come_back_equal_by_name() -> None:
    first = _prepared("first", "One *paragraph* here.\n\n- a list\n- of two\n")
    second = _prepared("second", "Another — with typographic “quotes”.\n")
    with ArticleSpool() as spool:
        spool.put("first.md", first)
        spool.put("second.md", second)
        assert len(spool) == 2
        assert "first.md" in spool
        assert spool.get("second.md") == second
        assert spool.get("first.md") == first
        assert spool.get("first.md") == first  # reading does not consume
        assert spool.get("missing.md") is None


def test_a_second_put_replaces_the_first() -> None:
    with ArticleSpool() as spool:
        spool.put("a.md", _prepared("a", "Old words.\n"))
        newer = _prepared("a", "New words.\n")
        spool.put("a.md", newer)
        spool.put("b.md", _prepared("b", "Other words.\n"))
        assert spool.get("a.md") == newer
        assert len(spool) == 2


def test_the_file_is_closed_on_error() -> None:
    with pytest.raises(RuntimeError), ArticleSpool() as spool:
        spool.put("a.md", _prepared("a", "Words.\n"))
        raise RuntimeError("the build failed")
    with pytest.raises(ValueError, match="closed file"):
        spool.get("a.md")
