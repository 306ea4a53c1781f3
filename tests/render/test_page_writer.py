"""The PageCache seam: render asks it before making each page, and it alone decides what
is carried over from an earlier build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from site_builder import render
from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleSummary, RenderedArticle
from tests.render.conftest import many_articles, render_articles

OLD = b"the earlier build's page"


class _FakeCache:
    """Records what it is asked; answers yes to every page if told to, placing OLD."""

    def __init__(self, *, carry_over: bool = False, same: bool = False) -> None:
        self.offered: dict[str, tuple[str, dict[str, object]]] = {}
        self.compared: list[str] = []
        self._carry_over, self._same = carry_over, same

    def carry_over(
        self, path: str, template: str, made_from: Mapping[str, object], target: Path
    ) -> bool:
        assert path not in self.offered, f"{path} offered twice"
        self.offered[path] = (template, dict(made_from))
        if self._carry_over:
            target.write_bytes(OLD)
        return self._carry_over

    def same_as_before(self, path: str, page: bytes, target: Path) -> bool:
        assert page, path
        self.compared.append(path)
        if self._same:
            target.write_bytes(OLD)
        return self._same


def _pages(site: Path) -> dict[str, bytes]:
    """Every rendered page (not the files published as they are), by path."""
    copied = ("static/", "media/", "originals/", ".nojekyll")
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.relative_to(site).as_posix().startswith(copied)
    }


def test_every_page_is_offered_once_then_compared_once(tmp_path: Path) -> None:
    cache = _FakeCache()
    result = render_articles(many_articles(12), SiteConfig(), tmp_path / "site", cache=cache)
    pages = _pages(tmp_path / "site")
    assert set(cache.offered) == set(pages)
    assert sorted(cache.compared) == sorted(pages)
    assert result.pages == len(pages)
    assert result.rendered == 12
    assert OLD not in pages.values()


def test_pages_carried_over_are_neither_loaded_nor_rendered(tmp_path: Path) -> None:
    articles = many_articles(12)
    summaries = [
        render.summarize(render.prepare(article), file_sha256="f" * 64) for article in articles
    ]

    def no_load(summary: ArticleSummary) -> RenderedArticle:
        raise AssertionError(f"loaded {summary.stem}")

    cache = _FakeCache(carry_over=True)
    result = render.render_archive(summaries, no_load, SiteConfig(), tmp_path / "site", cache=cache)
    pages = _pages(tmp_path / "site")
    assert set(pages.values()) == {OLD}
    assert set(pages) == set(cache.offered)
    assert cache.compared == []
    assert (result.pages, result.rendered) == (len(pages), 0)
    assert {render.article_href(article) for article in articles} <= set(pages)


def test_a_page_the_same_as_before_is_the_caches_to_place(tmp_path: Path) -> None:
    cache = _FakeCache(same=True)
    result = render_articles(many_articles(3), SiteConfig(), tmp_path / "site", cache=cache)
    pages = _pages(tmp_path / "site")
    assert set(pages.values()) == {OLD}
    assert result.rendered == 3


def test_an_article_page_is_made_from_its_file_neighbours_original_saves_and_links(
    tmp_path: Path,
) -> None:
    articles = many_articles(3)
    first = _FakeCache()
    render_articles(articles, SiteConfig(), tmp_path / "first", cache=first)
    edited = [articles[0], replace(articles[1], body="Another body.\n"), articles[2]]
    second = _FakeCache()
    render_articles(edited, SiteConfig(), tmp_path / "second", cache=second)

    href = render.article_href(articles[1])
    template, made_from = first.offered[href]
    assert template == "article.html"
    assert set(made_from) == {
        "file_sha256",
        "stem",
        "link",
        "previous",
        "next",
        "original",
        "saves",
        "archived",
        "backlinks",
    }
    assert made_from["stem"] == articles[1].stem
    assert made_from["saves"] == ()  # saved once: no list of saves
    changed = {path for path in first.offered if first.offered[path] != second.offered.get(path)}
    # Its link (title, the description as excerpt, a minute's reading) is as it was, so
    # its neighbours' pages and the lists are made from what they were made from before.
    assert changed == {href}
