"""Links, backlinks and highlights through the build: an article that arrives later
updates the pages that link to it, and hand-edited highlights are kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.build import pipeline
from site_builder.core.config import SiteConfig, load_config
from tests.build.test_pipeline import HARBOUR_STEM
from tests.conftest import REPO

LINKING = "2021-04-01-harbour-follow-up"
TARGET = "2021-03-04-quiet-harbour"
BATS = "2022-08-03-what-the-bats-heard-a-city-listens-to-its-night-time-neighbours"
BRIDGE = "2021-05-14-harbour-bridge-repairs-to-close-quay-street-for-six-weeks"


def _article_file(title: str, url: str, published: str, body: str) -> str:
    return f"---\ntitle: {title}\nurl: {url}\npublished: '{published}'\n---\n\n{body}"


def _hand_written_archive(root: Path) -> SiteConfig:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "site.toml").write_text('title = "Links"\n', encoding="utf-8")
    config = load_config(root / "site.toml")
    (config.articles_dir / f"{LINKING}.md").write_text(
        _article_file(
            "Harbour follow-up", "https://example.org/follow", "2021-04-01",
            "As [we reported](https://www.example.org/2021/03/quiet-harbour/?utm_source=rss).\n",
        ),
        encoding="utf-8",
    )  # fmt: skip
    return config


def test_an_article_that_arrives_later_updates_the_pages_that_link_to_it(tmp_path: Path) -> None:
    config = _hand_written_archive(tmp_path)
    first = pipeline.build(config)
    linking_page = config.site_dir / "articles" / f"{LINKING}.html"
    assert first.internal_links == 0
    assert (
        '<a href="https://www.example.org/2021/03/quiet-harbour/?utm_source=rss" '
        'rel="noopener noreferrer nofollow">we reported</a>'
    ) in linking_page.read_text("utf-8")

    (config.articles_dir / f"{TARGET}.md").write_text(
        _article_file(
            "Quiet harbour", "https://example.org/2021/03/quiet-harbour", "2021-03-04",
            "The harbour reopened.\n",
        ),
        encoding="utf-8",
    )  # fmt: skip
    second = pipeline.build(config)

    assert second.internal_links == 1
    assert f'<a href="{TARGET}.html" class="archived-link"' in linking_page.read_text("utf-8")
    target_page = (config.site_dir / "articles" / f"{TARGET}.html").read_text("utf-8")
    assert f'<li><a href="../articles/{LINKING}.html">Harbour follow-up</a>' in target_page
    # The new page, and the page linking to it (its neighbour too): nothing else.
    assert second.pages_rendered == 2
    # The Markdown keeps the original address: the rewrite is the site's alone.
    markdown = (config.articles_dir / f"{LINKING}.md").read_text("utf-8")
    assert "(https://www.example.org/2021/03/quiet-harbour/?utm_source=rss)" in markdown

    third = pipeline.build(config)
    assert (third.pages_rendered, third.internal_links) == (0, 1)


def test_highlights_added_by_hand_are_kept_across_rebuilds(archive: SiteConfig) -> None:
    pipeline.build(archive)
    path = archive.articles_dir / f"{HARBOUR_STEM}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sardines", "==sardines==^[the first catch]", 1), encoding="utf-8")
    report = pipeline.build(archive, reextract=True)

    assert report.kept_edited == ("Quiet harbour reopens after storm _ Example Gazette.html",)
    assert "==sardines==^[the first catch]" in path.read_text(encoding="utf-8")
    page = (archive.site_dir / "articles" / f"{HARBOUR_STEM}.html").read_text("utf-8")
    assert '<mark id="highlight-1">sardines</mark><sup id="highlight-ref-1">' in page
    highlights = (archive.site_dir / "highlights.html").read_text("utf-8")
    assert f'href="articles/{HARBOUR_STEM}.html#highlight-1"' in highlights


def test_the_sample_archive_shows_a_rewritten_link_a_backlink_and_highlights(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "site.toml").write_text('title = "Sample"\n', encoding="utf-8")
    config = load_config(tmp_path / "site.toml")
    report = pipeline.build(config)

    assert report.internal_links == 1
    bats = (config.site_dir / "articles" / f"{BATS}.html").read_text("utf-8")
    assert f'<a href="{BRIDGE}.html" class="archived-link"' in bats
    assert '<mark id="highlight-1">' in bats and '<section class="reader-note"' in bats
    bridge = (config.site_dir / "articles" / f"{BRIDGE}.html").read_text("utf-8")
    assert f'<li><a href="../articles/{BATS}.html">What the bats heard' in bridge
    assert f'href="articles/{BATS}.html#highlight-2"' in (
        config.site_dir / "highlights.html"
    ).read_text("utf-8")
