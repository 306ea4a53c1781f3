"""Links between archived articles: rewritten to the archived copy at render time, the
original one click away, and each article's backlinks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from site_builder import render
from site_builder.core.records import Article
from tests.render.conftest import news_article, rendered_site

TARGET = "2021-03-04-quiet-harbour"


def _article(stem: str, url: str, body: str, published: str) -> Article:
    article = news_article(stem, stem.split("-", 3)[3].replace("-", " ").title(), published, body)
    return replace(article, meta=replace(article.meta, url=url))


def _target() -> Article:
    return _article(
        TARGET, "https://www.example.org/2021/03/quiet-harbour", "The harbour.\n", "2021-03-04"
    )


def _page(site: Path, stem: str) -> str:
    return (site / "articles" / f"{stem}.html").read_text(encoding="utf-8")


def test_a_link_to_an_archived_url_goes_to_the_archived_copy_whatever_its_variant(
    tmp_path: Path,
) -> None:
    body = (
        "See [the reopening](http://example.org/2021/03/quiet-harbour/?utm_source=news&fbclid=x)"
        " and [again](https://www.example.org/2021/03/quiet-harbour).\n"
    )
    source = _article(
        "2021-04-01-harbour-follow-up", "https://example.org/follow", body, "2021-04-01"
    )
    site = rendered_site(tmp_path, [_target(), source])

    page = _page(site, "2021-04-01-harbour-follow-up")
    original = "http://example.org/2021/03/quiet-harbour/?utm_source=news&amp;fbclid=x"
    assert (
        f'<a href="{TARGET}.html" class="archived-link" title="The copy in this archive '
        f'(original: {original})">the reopening</a>'
        f'<a href="{original}" class="original-link" title="The original: {original}" '
        'aria-label="the original page" rel="noopener noreferrer nofollow">↗</a>'
    ) in page
    www = "https://www.example.org/2021/03/quiet-harbour"
    assert (
        f'<a href="{TARGET}.html" class="archived-link" '
        f'title="The copy in this archive (original: {www})">again</a>'
    ) in (page)


def test_a_link_to_a_page_not_in_the_archive_is_left_alone(tmp_path: Path) -> None:
    body = "See [elsewhere](https://example.org/2021/03/another-story) and [mail](mailto:a@b.c).\n"
    source = _article(
        "2021-04-01-harbour-follow-up", "https://example.org/follow", body, "2021-04-01"
    )
    site = rendered_site(tmp_path, [_target(), source])

    page = _page(site, "2021-04-01-harbour-follow-up")
    assert (
        '<a href="https://example.org/2021/03/another-story" rel="noopener noreferrer nofollow">'
        "elsewhere</a>"
    ) in page
    assert "archived-link" not in page
    assert "Linked from" not in _page(site, TARGET)


def test_backlinks_both_ways_in_date_order(tmp_path: Path) -> None:
    later = _article(
        "2022-01-01-second-look", "https://b.example/second",
        "Back to [the harbour](https://example.org/2021/03/quiet-harbour).\n", "2022-01-01",
    )  # fmt: skip
    earlier = _article(
        "2021-04-01-harbour-follow-up", "https://example.org/follow",
        "[Harbour](https://example.org/2021/03/quiet-harbour), [second](https://b.example/second/).\n",
        "2021-04-01",
    )  # fmt: skip
    target = replace(_target(), body="Followed up in [this](https://example.org/follow).\n")
    site = rendered_site(tmp_path, [later, target, earlier])

    linked_from = _page(site, TARGET).split('<section class="backlinks"', 1)[1]
    assert linked_from.index("Harbour Follow Up") < linked_from.index("Second Look")
    assert '<a href="../articles/2021-04-01-harbour-follow-up.html">Harbour Follow Up</a>' in (
        linked_from
    )
    follow_up = _page(site, "2021-04-01-harbour-follow-up")
    assert '<a href="2021-03-04-quiet-harbour.html" class="archived-link"' in follow_up
    assert '<a href="2022-01-01-second-look.html" class="archived-link"' in follow_up
    # The target links back to the article that links to it: a backlink there too.
    assert "Quiet Harbour" in follow_up.split('<section class="backlinks"', 1)[1]
    assert '<a href="2021-04-01-harbour-follow-up.html" class="archived-link"' in _page(
        site, TARGET
    )


def test_the_link_graph_counts_links_inside_the_archive_and_not_to_itself() -> None:
    own = "Me [myself](https://www.example.org/2021/03/quiet-harbour#top).\n"
    source = _article("2021-04-01-harbour-follow-up", "https://example.org/follow",
                      "[a](https://example.org/2021/03/quiet-harbour) [b](https://x.example/)\n",
                      "2021-04-01")  # fmt: skip
    summaries = [
        render.summarize(render.prepare(article), file_sha256="0")
        for article in (replace(_target(), body=own), source)
    ]
    graph = render.link_graph(summaries)
    assert summaries[0].links == ()
    assert summaries[1].links == ("example.org/2021/03/quiet-harbour", "x.example")
    assert graph.internal_links == 1
    assert graph.backlinks == {TARGET: ("2021-04-01-harbour-follow-up",)}
