"""A saved file cut off before its end: the verdict is not "ok", and the summary says why."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from click.testing import CliRunner

from site_builder.build import pipeline
from site_builder.cli import main
from site_builder.extract import extract
from site_builder.ingest import read_saved_pages
from tests.conftest import make_archive
from tests.saved_formats import ARTICLE, mhtml_bytes

COOKIE_BANNER = (
    '<div class="cookie-banner"><p>We use cookies to improve your experience on our site. '
    "By continuing to browse you accept our use of cookies and our privacy policy. Manage "
    "your settings at any time.</p><button>Accept all</button><button>Reject</button></div>"
)
CUT_AT = 3000  # bytes: the headers, the head and the banner, not the story
NAME = "Tide mill cut short.mhtml"


def _cut_mhtml() -> bytes:
    page = dataclasses.replace(
        ARTICLE, html=ARTICLE.html.replace("<body>", f"<body>{COOKIE_BANNER}", 1)
    )
    whole = mhtml_bytes(page)
    assert len(whole) > 2 * CUT_AT
    return whole[:CUT_AT]


def test_a_truncated_mhtml_is_short_not_ok(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(_cut_mhtml())
    [page] = read_saved_pages(path, tmp_path)
    assert page.cut_off
    found = extract(page)
    assert found.meta.title == ARTICLE.headline  # the right title ...
    assert found.meta.quality in ("short", "empty")  # ... but not the article


def test_the_whole_mhtml_is_not_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "whole.mhtml"
    path.write_bytes(mhtml_bytes(ARTICLE))
    [page] = read_saved_pages(path, tmp_path)
    assert not page.cut_off
    assert extract(page).meta.quality == "ok"


def test_the_build_report_says_the_file_is_cut_off(tmp_path: Path) -> None:
    report = pipeline.build(make_archive(tmp_path, pages={NAME: _cut_mhtml()}))
    assert report.flagged == ((NAME, "short", "the saved file is cut off before its end"),)


def test_the_build_summary_prints_why(tmp_path: Path) -> None:
    make_archive(tmp_path, pages={NAME: _cut_mhtml()})
    printed = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    assert printed.exit_code == 0
    assert (
        f"  short: {NAME} (the saved file is cut off before its end; kept the whole page; "
        "check the article)\n"
    ) in printed.output
