"""The browser search index of a build: one Pagefind bundle a year, scheduled as pages are
written, carried over when unchanged, and two at a time where memory allows."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest

from site_builder.build import pagefind_years
from site_builder.build.pagefind_years import (
    YearBundles,
    bundle_year,
    free_memory_mb,
    side_by_side_fits,
)

NAMES = [
    "2020-01-05-harbour.html",
    "2020-06-01-quay.html",
    "2021-03-04-storm.html",
    "undated-lighthouse.html",
]
# The pages as the build hands them over: with the date their article was published.
PAGES = [(name, None) for name in NAMES]


@pytest.mark.parametrize(
    ("free_mb", "pages", "fits"),
    [
        (2000.0, [1000, 1000], True),  # 2 x (15 + 450) MB = 930 MB, under half of 2 GB
        (1800.0, [1000, 1000], False),  # over half of 1.8 GB
        (100_000.0, [], True),
        (None, [10, 10], False),  # where free memory is unknown, one at a time
    ],
)
def test_runs_side_by_side_must_fit_in_half_the_free_memory(
    free_mb: float | None, pages: list[int], fits: bool
) -> None:
    assert side_by_side_fits(pages, free_mb) is fits


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/meminfo")
def test_free_memory_is_read_on_linux() -> None:
    free_mb = free_memory_mb()
    assert free_mb is not None and free_mb > 0


def test_a_year_is_complete_when_its_last_page_is_written(tmp_path: Path) -> None:
    bundles = YearBundles(tmp_path, PAGES)
    assert bundles.years() == ["2021", "2020", "undated"]  # newest first, undated last
    assert bundles.pages_in("2020") == 2
    assert bundles.page_written("2020-06-01-quay.html") is None
    assert bundles.page_written("index.html") is None  # not an article page
    assert bundles.page_written("2020-01-05-harbour.html") == "2020"
    assert bundles.page_written("2020-01-05-harbour.html") is None  # once only
    assert bundles.page_written("undated-lighthouse.html") == "undated"


@pytest.mark.parametrize(
    ("page", "published", "year"),
    [
        ("2020-01-05-harbour.html", "2019-12-31T23:00:00", "2020"),  # as the build named it
        ("undated-lighthouse.html", None, "undated"),
        ("my-notes-on-tides.html", "2018-07-01", "2018"),  # written by hand, with a date
        ("reading-list.html", None, "undated"),  # written by hand, with none
        ("2019-notes.html", "not a date", "undated"),
    ],
)
def test_every_article_page_has_a_bundle_whatever_its_name(
    page: str, published: str | None, year: str
) -> None:
    assert bundle_year(page, published) == year


def test_pages_written_by_hand_are_indexed_in_their_year(tmp_path: Path) -> None:
    bundles = YearBundles(tmp_path, [*PAGES, ("tides.html", "2020-02-02"), ("list.html", None)])
    assert bundles.pages_in("2020") == 3
    assert bundles.pages_in("undated") == 2
    assert bundles.page_written("list.html") is None
    assert bundles.page_written("undated-lighthouse.html") == "undated"


def _site(folder: Path, changed: str = "") -> Path:
    articles = folder / "articles"
    articles.mkdir(parents=True)
    for name in NAMES:
        (articles / name).write_text(
            f'<!doctype html><html lang="en"><head><title>{name}</title></head><body>'
            f"<article data-pagefind-body><h1>{name}</h1><p>Boats {changed}</p></article>"
            "</body></html>",
            encoding="utf-8",
        )
    return folder


def _bundle_inodes(site: Path, year: str) -> set[int]:
    bundle = site / "pagefind" / year
    return {path.stat().st_ino for path in bundle.rglob("*") if path.is_file()}


def test_an_unchanged_year_is_carried_over_and_a_changed_one_indexed_again(
    tmp_path: Path,
) -> None:
    first = _site(tmp_path / "first")
    before = YearBundles(first, PAGES)
    for year in before.years():
        before.index_year(year)
    second = _site(tmp_path / "second")
    (second / "articles" / NAMES[2]).write_text("<html><body>2021, changed</body></html>")
    bundles = YearBundles(second, PAGES, previous_site=first)
    for year in bundles.years():
        bundles.index_year(year)
    bundles.finish()
    # Carried over: the previous bundle's own files, linked rather than written again.
    assert _bundle_inodes(second, "2020") == _bundle_inodes(first, "2020")
    assert not _bundle_inodes(second, "2021") & _bundle_inodes(first, "2021")
    manifest = json.loads((second / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert [bundle["path"] for bundle in manifest["bundles"]] == ["2021", "2020", "undated"]


def _submitter(years: list[str]) -> Callable[..., Future[None]]:
    def submit(function: Callable[[str], None], year: str) -> Future[None]:
        years.append(year)
        return Future()

    return submit


@pytest.mark.parametrize(("free_mb", "beside"), [(100_000.0, ["2021", "undated"]), (None, [])])
def test_waiting_years_run_two_at_a_time_where_memory_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free_mb: float | None, beside: list[str]
) -> None:
    monkeypatch.setattr(pagefind_years, "free_memory_mb", lambda: free_mb)
    bundles = YearBundles(tmp_path, PAGES)
    waiting: dict[str, Future[None]] = {year: Future() for year in bundles.years()}
    first_lane: list[str] = []
    second_lane: list[str] = []
    bundles.two_at_a_time(waiting, _submitter(first_lane), _submitter(second_lane))
    assert second_lane == beside
    assert first_lane == [year for year in bundles.years() if year not in beside]
