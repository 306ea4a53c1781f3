"""One article per document, end to end: the same page saved as MHTML, as HTML and as a
copy under another name; a page saved again after it changed; one story at two
addresses; and an article edited by hand when another save of its page arrives."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from click.testing import CliRunner

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.cli import main
from site_builder.core.config import SiteConfig
from site_builder.search import whoosh_index
from tests.conftest import SMALL_HTML, file_digests, make_archive

STEM = "2021-03-04-quiet-harbour-reopens-after-storm"
CANONICAL = "https://example.org/2021/03/quiet-harbour"
TAB_ADDRESS = "https://www.example.org/2021/03/quiet-harbour?utm_source=twitter&fbclid=x1"
HTML_NAME = "Quiet harbour reopens after storm _ Example Gazette.html"
WITH_CANONICAL = SMALL_HTML.replace(
    '<meta charset="utf-8">', f'<meta charset="utf-8"><link rel="canonical" href="{CANONICAL}">'
)
MARCH_4 = dt.datetime(2021, 3, 4, 9, 0, tzinfo=dt.UTC).timestamp()
CHANGED = WITH_CANONICAL.replace("catch of sardines", "catch of mackerel")


def mhtml(html: str, *, date: str, address: str = TAB_ADDRESS) -> bytes:
    """A save as Chrome writes it: the tab's address, tracking parameters and all."""
    return (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {address}\r\n"
        "Subject: Quiet harbour reopens after storm\r\n"
        f"Date: {date}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: binary\r\n"
        f"Content-Location: {address}\r\n\r\n{html}\r\n------B--\r\n"
    ).encode()


def three_saves(tmp_path: Path) -> SiteConfig:
    """The issue's archive: .html, .mhtml, and a byte-identical copy of the .html; the
    HTML saves, which record no date, were downloaded the day before the MHTML."""
    config = make_archive(
        tmp_path,
        pages={
            HTML_NAME: WITH_CANONICAL,
            "Quiet harbour.mhtml": mhtml(WITH_CANONICAL, date="Fri, 5 Mar 2021 10:00:00 +0000"),
            "Статья о трамваях (копия).html": WITH_CANONICAL,
        },
    )
    for name in (HTML_NAME, "Статья о трамваях (копия).html"):
        os.utime(config.saved_dir / name, (MARCH_4, MARCH_4))
    return config


def harbour_files(config: SiteConfig) -> list[str]:
    return sorted(
        store.file_name(path, config.articles_dir)
        for path in store.every_article_file(config.articles_dir)
        if path.name.startswith(STEM)
    )


def test_three_saves_of_one_page_are_one_article(tmp_path: Path) -> None:
    config = three_saves(tmp_path)
    report = pipeline.build(config)

    assert report.failed == ()
    assert report.articles == 2  # the harbour, and the seed text save
    assert harbour_files(config) == [f"{STEM}.md", f"versions/{STEM}-2.md", f"versions/{STEM}-3.md"]
    shown = store.load(config.articles_dir / f"{STEM}.md").article.meta
    # The newest save is shown: the MHTML, dated by its saver.
    assert shown.source == "saved/Quiet harbour.mhtml"
    assert shown.url == CANONICAL
    assert shown.saved_url == TAB_ADDRESS
    home = (config.site_dir / "index.html").read_text("utf-8")
    assert home.count("Quiet harbour reopens after storm</a>") == 1
    hits = whoosh_index.search(config.whoosh_dir, "sardines")
    assert [hit.path for hit in hits] == [f"articles/{STEM}.html"]
    page = (config.site_dir / "articles" / f"{STEM}.html").read_text("utf-8")
    assert "Saved 3 times" in page
    assert page.count(" · <a href=") == 3  # each save downloadable
    assert "MHTML, <time" in page
    assert page.count("(the same text)") == 2
    assert "another version" not in page
    assert not (config.site_dir / "articles" / f"{STEM}-2.html").exists()
    # The seed's, the MHTML, and one file for the two identical HTML saves.
    assert len(list((config.site_dir / "originals").iterdir())) == 3  # one per sha256


def test_a_second_build_changes_nothing(tmp_path: Path) -> None:
    config = three_saves(tmp_path)
    pipeline.build(config)
    articles, site = file_digests(config.articles_dir), file_digests(config.site_dir)
    report = pipeline.build(config)
    assert report.new == report.updated == ()
    assert len(report.unchanged) == 4
    assert report.pages_rendered == 0
    assert file_digests(config.articles_dir) == articles
    assert file_digests(config.site_dir) == site


def test_an_updated_page_is_one_article_with_its_earlier_version(tmp_path: Path) -> None:
    config = make_archive(
        tmp_path,
        pages={
            "harbour-march.mhtml": mhtml(WITH_CANONICAL, date="Thu, 4 Mar 2021 12:00:00 +0000"),
            "harbour-april.mhtml": mhtml(CHANGED, date="Thu, 1 Apr 2021 12:00:00 +0000"),
        },
    )
    (config.saved_dir / HTML_NAME).unlink()
    pipeline.build(config)

    assert harbour_files(config) == [f"{STEM}.md", f"versions/{STEM}-2.md"]
    shown = store.load(config.articles_dir / f"{STEM}.md").article
    assert "mackerel" in shown.body  # the newest save's text
    page = (config.site_dir / "articles" / f"{STEM}.html").read_text("utf-8")
    assert "Saved 2 times" in page
    assert f'href="../articles/versions/{STEM}-2.html">another version</a>' in page
    assert "4 March 2021" in page
    version = (config.site_dir / "articles" / "versions" / f"{STEM}-2.html").read_text("utf-8")
    assert "sardines" in version
    assert "<del>sardines</del> <ins>mackerel</ins>" in version
    assert "data-pagefind-body" not in version
    assert [hit.path for hit in whoosh_index.search(config.whoosh_dir, "sardines")] == []


def test_one_story_at_two_addresses_is_reported_not_merged(tmp_path: Path) -> None:
    wire = WITH_CANONICAL.replace(CANONICAL, "https://wire.example.net/harbour").replace(
        "www.example.org/2021/03/quiet-harbour", "wire.example.net/harbour"
    )
    config = make_archive(tmp_path, pages={"wire copy.html": wire})
    (config.saved_dir / HTML_NAME).write_text(WITH_CANONICAL, encoding="utf-8")
    report = pipeline.build(config)

    assert report.articles == 3
    assert report.near_duplicates == ((f"{STEM}-2.md", f"{STEM}.md"),)
    runner = CliRunner()
    config_option = ["--config", str(tmp_path / "site.toml")]
    text = runner.invoke(main, ["duplicates", *config_option])
    assert text.exit_code == 0, text.output
    assert text.output == (
        "2 articles have the same text at different addresses:\n"
        f"  {STEM}-2.md  https://wire.example.net/harbour\n"
        f"  {STEM}.md  {CANONICAL}\n"
    )
    as_json = runner.invoke(main, ["duplicates", "--format", "json", *config_option])
    assert [json.loads(line) for line in as_json.output.splitlines()] == [
        {
            "articles": [
                {
                    "file": f"{STEM}-2.md",
                    "title": "Quiet harbour reopens after storm",
                    "url": "https://wire.example.net/harbour",
                },
                {
                    "file": f"{STEM}.md",
                    "title": "Quiet harbour reopens after storm",
                    "url": CANONICAL,
                },
            ]
        }
    ]


def test_an_edited_article_keeps_its_edit_when_its_page_comes_again(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    (config.saved_dir / HTML_NAME).write_text(WITH_CANONICAL, encoding="utf-8")
    pipeline.build(config)
    article = config.articles_dir / f"{STEM}.md"
    edited = article.read_text("utf-8").replace("Easthaven", "Easthaven (my note)")
    article.write_text(edited, encoding="utf-8")
    # A byte-identical copy, and a newer save of the page with other text.
    (config.saved_dir / "harbour copy.html").write_text(WITH_CANONICAL, encoding="utf-8")
    later = mhtml(CHANGED, date="Thu, 1 Apr 2099 12:00:00 +0000")
    (config.saved_dir / "harbour later.mhtml").write_bytes(later)
    report = pipeline.build(config)

    assert article.read_text("utf-8") == edited
    assert harbour_files(config) == [f"{STEM}.md", f"versions/{STEM}-2.md", f"versions/{STEM}-3.md"]
    newer = store.load(config.articles_dir / "versions" / f"{STEM}-3.md").article
    assert newer.meta.source == "saved/harbour later.mhtml"
    assert report.newer_versions == ((f"{STEM}.md", f"versions/{STEM}-3.md"),)
    page = (config.site_dir / "articles" / f"{STEM}.html").read_text("utf-8")
    assert "Easthaven (my note)" in page
    assert "Saved 3 times" in page
    runner = CliRunner()
    summary = runner.invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    assert f"a newer version of your edited {STEM}.md was saved: versions/{STEM}-3.md" in (
        summary.output
    )
