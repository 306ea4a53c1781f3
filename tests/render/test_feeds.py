"""The Atom feed, the sitemap and robots.txt."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.core.config import SiteConfig
from tests.render.conftest import many_articles, news_article, render_articles, rendered_site


def test_feed_sitemap_and_robots(tmp_path: Path) -> None:
    config = SiteConfig(base_url="https://user.github.io/repo/", output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render_articles(many_articles(60), config, site)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 50
    first_link = entries[0].find(f"{atom}link").get("href")
    assert first_link.startswith("https://user.github.io/repo/articles/")
    assert feed.find(f"{atom}updated").text == "2022-12-24T00:00:00Z"  # the newest entry
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    assert len(sitemap) == 61  # the home page and every article
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in robots


def _feed_updated(site: Path) -> list[str]:
    """The feed's time, then each entry's."""
    feed = ElementTree.parse(site / "feed.xml").getroot()
    return [element.text or "" for element in feed.iter("{http://www.w3.org/2005/Atom}updated")]


def test_a_feed_with_no_dated_article_shows_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    undated = [
        news_article("first-undated", "First", None),
        news_article("second-undated", "Two", None),
    ]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _feed_updated(rendered_site(tmp_path / "unset", undated)) == ["1970-01-01T00:00:00Z"] * 3
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _feed_updated(rendered_site(tmp_path / "set", undated)) == ["2023-11-14T22:13:20Z"] * 3
    # Dated articles give the feed their own newest date, whatever the build's time.
    assert (
        _feed_updated(rendered_site(tmp_path / "dated", many_articles(3)))[0]
        == "2022-03-03T00:00:00Z"
    )


def test_no_sitemap_without_base_url(tmp_path: Path) -> None:
    site = rendered_site(tmp_path, many_articles(3))
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap" not in (site / "robots.txt").read_text(encoding="utf-8")
    ElementTree.parse(site / "feed.xml")  # still well-formed


ATOM = "{http://www.w3.org/2005/Atom}"


def assert_valid_atom(feed: ElementTree.Element) -> None:
    """RFC 4287's requirements: the Atom namespace; a feed with an id, a title, an updated
    time and a self link; each entry with an id, a title, an updated time, an author (its
    own or the feed's), and content, or else a summary and an alternate link."""
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    feed_author = feed.find(f"{ATOM}author") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        content = entry.find(f"{ATOM}content")
        if content is None:
            assert entry.find(f"{ATOM}summary") is not None
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        else:
            assert content.get("type") == "html"


def test_the_feed_gives_summaries_by_default(tmp_path: Path) -> None:
    site = rendered_site(tmp_path, many_articles(2))
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert_valid_atom(feed)
    assert feed.find(f"{ATOM}entry/{ATOM}content") is None
    assert feed.findtext(f"{ATOM}entry/{ATOM}summary")


def test_feed_full_content_puts_each_sanitised_body_in_a_valid_atom_feed(tmp_path: Path) -> None:
    config = SiteConfig(
        base_url="https://user.github.io/repo/",
        output_dir=tmp_path / "out",
        feed_full_content=True,
    )
    body = (
        "A ==marked== passage.\n\n![chart](../media/" + "a" * 64 + ".png)\n\n<script>x()</script>\n"
    )
    article = news_article("2021-03-04-story", "Story", "2021-03-04", body)
    render_articles([article], config, tmp_path / "site")

    feed = ElementTree.parse(tmp_path / "site" / "feed.xml").getroot()
    assert_valid_atom(feed)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "https://user.github.io/repo/"
    content = feed.findtext(f"{ATOM}entry/{ATOM}content")
    assert content == (
        '<p>A <mark id="highlight-1">marked</mark> passage.</p>\n'
        '<p><img alt="chart" loading="lazy" referrerpolicy="no-referrer" '
        f'src="media/{"a" * 64}.png"></p>\n'
        "<p>&lt;script&gt;x()&lt;/script&gt;</p>"
    )
    assert feed.find(f"{ATOM}entry/{ATOM}summary") is None
