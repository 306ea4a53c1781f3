"""The home page's filters by read state and star, which imports record."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from site_builder.core.records import Article, ArticleMeta
from tests.render.conftest import BODY, rendered_site


def _article(stem: str, *, state: str | None = None, starred: bool = False) -> Article:
    return Article(
        meta=ArticleMeta(title=stem.title(), published="2024-05-01", state=state, starred=starred),
        body=BODY,
        stem=f"2024-05-01-{stem}",
    )


def _titles(page: Path) -> list[str]:
    tree = lxml_html.fromstring(page.read_text("utf-8"))
    return sorted(a.text_content().strip() for a in tree.cssselect(".article-list h2 a"))


def _filters(page: Path) -> list[tuple[str, str, bool]]:
    tree = lxml_html.fromstring(page.read_text("utf-8"))
    return [
        (" ".join(a.text_content().split()), a.get("href"), a.get("aria-current") == "page")
        for a in tree.cssselect("nav.reading-filters a")
    ]


def test_the_home_page_filters_unread_archived_and_starred(tmp_path: Path) -> None:
    site = rendered_site(
        tmp_path,
        [
            _article("read", state="archived", starred=True),
            _article("later", state="unread"),
            _article("mine"),  # saved here: no state, only under All
        ],
    )
    assert _filters(site / "index.html") == [
        ("All", "index.html", True),
        ("Unread 1", "unread.html", False),
        ("Archived 1", "archived.html", False),
        ("Starred 1", "starred.html", False),
    ]
    assert _titles(site / "index.html") == ["Later", "Mine", "Read"]
    assert _titles(site / "unread.html") == ["Later"]
    assert _titles(site / "archived.html") == ["Read"]
    assert _titles(site / "starred.html") == ["Read"]
    assert ("Starred 1", "starred.html", True) in _filters(site / "starred.html")


def test_without_imported_states_the_home_page_has_no_filters(tmp_path: Path) -> None:
    site = rendered_site(tmp_path, [_article("mine")])
    assert _filters(site / "index.html") == []
    assert not (site / "unread.html").exists()
