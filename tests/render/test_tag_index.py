"""Which tags the Tags index shows, and where the rest go."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from site_builder.render.listings import Group, tag_index
from tests.render.conftest import many_articles, news_article, rendered_site


def _groups(counts: dict[str, int]) -> list[Group]:
    ordered = sorted(counts, key=lambda name: (-counts[name], name))
    return [Group(name=n, slug=n.lower(), entries=(None,) * counts[n]) for n in ordered]  # type: ignore[arg-type]


def test_the_most_used_first_and_the_rest_a_to_z() -> None:
    index = tag_index(_groups({"Ports": 3, "rivers": 1, "Energy": 2, "Alps": 1}), limit=10)
    assert [g.name for g in index.top] == ["Ports", "Energy"]
    assert [g.name for g in index.rest] == ["Alps", "rivers"]
    assert index.rest_on_index


def test_past_the_limit_the_rest_have_a_page_of_their_own() -> None:
    index = tag_index(_groups({"Ports": 3, "Energy": 2, "Alps": 2, "rivers": 1}), limit=2)
    assert [g.name for g in index.top] == ["Ports", "Alps"]
    assert [g.name for g in index.rest] == ["Energy", "rivers"]
    assert not index.rest_on_index


def test_a_small_archive_shows_every_tag_on_the_index(tmp_path: Path) -> None:
    articles = [*many_articles(4), news_article("2020-01-01-lone", "Lone", "2020-01-01")]
    site = rendered_site(tmp_path, articles)
    page = lxml_html.fromstring((site / "tags" / "index.html").read_bytes())
    assert page.xpath("//ul[@id='tags']/li/a/text()") == ["Energy", "Ports", "Rivers", "Énergie"]
    assert page.xpath("//ul[@id='tags-rest']/li/a/text()") == ["Belarus", "Russia"]
    assert page.xpath("//input/@data-filter-list") == ["tags tags-rest"]
    assert not (site / "tags" / "all.html").exists()
