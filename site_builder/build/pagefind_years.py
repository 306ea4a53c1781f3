"""The browser search index of a build: one Pagefind bundle a year, made as the site is
written, and carried over from the last build when its pages are unchanged.

Pagefind holds a whole index in memory while it builds (measured: 0.4 GB at 1,000 pages,
3.5 GB at 10,000, 16 GB at 50,000), so the archive gets one bundle per year of
publication, written to pagefind/YEAR/ and merged in the browser. A build runs Pagefind
(search.pagefind) only for the years whose article pages changed, and two years side by
side only where the free memory holds both runs.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path

from site_builder.core.files import link_or_copy
from site_builder.search import pagefind

# A hash of the pages a year's bundle was made from, kept in the bundle.
FINGERPRINT_FILE = "site-builder-input.sha256"
UNDATED_BUNDLE = "undated"
# How the build names the pages of the articles it writes: the date they were published
# (or saved), or "undated". A page the user named (an article written by hand) goes by
# the year it says it was published.
_DATED_PAGE = re.compile(r"(\d{4})-\d{2}-\d{2}-.+\.html")
_YEAR = re.compile(r"\d{4}")

# What one Pagefind run holds in memory while it writes a bundle, measured under
# /usr/bin/time -v: 62 MB for 114 pages, 457 MB for 1,031 (bench/results.md, "How large
# an archive builds in 7 GB"), rounded up.
PAGEFIND_BASE_MB = 15
PAGEFIND_MB_PER_PAGE = 0.45
# Runs side by side may take at most this share of the memory the system has free.
SIDE_BY_SIDE_MEMORY_SHARE = 0.5


def side_by_side_fits(pages_per_run: Iterable[int], free_mb: float | None) -> bool:
    """Whether Pagefind runs over so many pages each fit in free_mb of memory at the same
    time; never where the free memory is unknown (None)."""
    needed_mb = sum(PAGEFIND_BASE_MB + PAGEFIND_MB_PER_PAGE * pages for pages in pages_per_run)
    return free_mb is not None and needed_mb <= SIDE_BY_SIDE_MEMORY_SHARE * free_mb


def free_memory_mb() -> float | None:
    """The memory the system has free, where it says (Linux); None elsewhere."""
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024  # given in kB
    except (OSError, ValueError, IndexError):
        pass
    return None


class YearBundles:
    """The Pagefind bundles of a site, one a year, each indexed once its pages are written.

    The render step tells `page_written` of each article page as it writes it; a year is
    then indexed (`index_year`, from another thread if the caller likes) while the rest
    of the site is written. `finish` writes what the search page loads first.
    """

    def __init__(
        self,
        site_dir: Path,
        article_pages: Iterable[tuple[str, str | None]],
        *,
        previous_site: Path | None = None,
        articles_subdir: str = "articles",
    ) -> None:
        """article_pages: the name of each page the build writes to articles_subdir, with
        the ISO date its article was published (None if it has none)."""
        self._site_dir = site_dir
        self._previous_site = previous_site
        self._articles_subdir = articles_subdir
        self._year_of_page = {
            name: bundle_year(name, published) for name, published in article_pages
        }
        self._names_by_year: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self._year_of_page):
            self._names_by_year[self._year_of_page[name]].append(name)
        self._unwritten = {year: set(names) for year, names in self._names_by_year.items()}

    def page_written(self, name: str) -> str | None:
        """Note an article page as written; returns the year it completes, if any."""
        year = self._year_of_page.get(name)
        unwritten = self._unwritten.get(year) if year is not None else None
        if not unwritten or name not in unwritten:
            return None
        unwritten.discard(name)
        return None if unwritten else year

    def years(self) -> list[str]:
        """Every year with article pages, newest first."""
        return sorted(self._names_by_year, key=_newest_first)

    def pages_in(self, year: str) -> int:
        return len(self._names_by_year.get(year, ()))

    def two_at_a_time(
        self,
        indexing: dict[str, Future[None]],
        submit: Callable[..., Future[None]],
        submit_beside: Callable[..., Future[None]],
    ) -> None:
        """Share the years still waiting for Pagefind between submit and submit_beside
        (every other one), so two run at a time, where memory allows both (as
        `free_memory_mb` reads it); otherwise leave them, in order, to submit. For a
        caller with a second core to spare."""
        waiting = [year for year, run in indexing.items() if run.cancel()]
        running = [year for year, run in indexing.items() if not run.done()]
        largest = sorted(map(self.pages_in, running + waiting))[-2:]
        beside = set(waiting[0::2]) if side_by_side_fits(largest, free_memory_mb()) else set()
        for year in waiting:
            indexing[year] = (submit_beside if year in beside else submit)(self.index_year, year)

    def index_year(self, year: str) -> None:
        """Index one year's pages, or carry its bundle over if they are unchanged.

        A year whose pages are byte for byte those of the previous site's bundle is
        copied from there; Pagefind's bundles are byte-stable, so the same pages give
        the same bundle either way.
        """
        folder = self._site_dir / self._articles_subdir
        pages = [folder / name for name in self._names_by_year[year]]
        fingerprint = _fingerprint(pages)
        bundle = self._site_dir / pagefind.BUNDLE_SUBDIR / year
        if self._reuse(year, fingerprint, bundle):
            return
        pagefind.index_pages(self._site_dir, self._articles_subdir, pages, bundle)
        (bundle / FINGERPRINT_FILE).write_text(fingerprint, encoding="ascii")

    def finish(self) -> None:
        """The manifest and the UI's files, once every year is indexed or carried over."""
        pagefind.write_manifest(self._site_dir / pagefind.BUNDLE_SUBDIR, self.years())

    def _reuse(self, year: str, fingerprint: str, bundle: Path) -> bool:
        """Copy the previous site's bundle of the year if it was made from these pages."""
        if self._previous_site is None:
            return False
        old = self._previous_site / pagefind.BUNDLE_SUBDIR / year
        marker = old / FINGERPRINT_FILE
        if not marker.is_file() or marker.read_text(encoding="ascii") != fingerprint:
            return False
        shutil.copytree(old, bundle, copy_function=link_or_copy)
        return True


def bundle_year(page_name: str, published: str | None) -> str:
    """The bundle an article page goes in: the year its name starts with, as the build
    names the pages it writes; else the year it was published; else the undated one."""
    dated = _DATED_PAGE.fullmatch(page_name)
    if dated is not None:
        return dated.group(1)
    year = (published or "")[:4]
    return year if _YEAR.fullmatch(year) else UNDATED_BUNDLE


def _newest_first(year: str) -> tuple[int, str]:
    return (1, year) if year == UNDATED_BUNDLE else (0, str(9999 - int(year)))


def _fingerprint(pages: list[Path]) -> str:
    """A hash of the pages Pagefind would read for one year: names and bytes."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()
