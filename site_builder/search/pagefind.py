"""The browser search: the only module that drives Pagefind.

We run the Pagefind binary from the `pagefind[bin]` wheel. Its Python API wraps the same
binary but waits 0.1 s per call (measured: about 10 pages a second), while the CLI
indexes a whole folder in one pass.

Pagefind holds a whole index in memory while it builds (measured: 0.4 GB at 1,000 pages,
3.5 GB at 10,000, 16 GB at 50,000), so the archive gets one index per year of
publication, written to pagefind/YEAR/ and merged in the browser. A build re-runs
Pagefind only for the years whose article pages changed; the others are carried over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.core.errors import SiteBuilderError
from site_builder.search import pagefind_stable

BUNDLE_SUBDIR = "pagefind"
BUNDLES_FILE = "bundles.json"  # which year bundles exist, and their languages
FINGERPRINT_FILE = "site-builder-input.sha256"
UNDATED_BUNDLE = "undated"
# The UI's own files, shared by every year; the search page loads them from pagefind/.
_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
_ARTICLE_PAGE = re.compile(r"(\d{4})-\d{2}-\d{2}-.+\.html|undated-.+\.html")
# Generous: the CLI indexed 10,000 pages in about 31 s here.
TIMEOUT_SECONDS = 1800


# What one Pagefind run holds in memory while it writes a bundle, measured under
# /usr/bin/time -v: 62 MB for 114 pages, 457 MB for 1,031 (README, "How large an
# archive builds in 7 GB"), rounded up.
PAGEFIND_BASE_MB = 15
PAGEFIND_MB_PER_PAGE = 0.45
# Runs side by side may take at most this share of the memory the system has free.
SIDE_BY_SIDE_MEMORY_SHARE = 0.5


def side_by_side_fits(pages_per_run: Iterable[int]) -> bool:
    """Whether Pagefind runs over so many pages each fit in memory at the same time.

    Only where the system says how much memory is free (Linux); elsewhere, never.
    """
    free_mb = _free_memory_mb()
    needed_mb = sum(PAGEFIND_BASE_MB + PAGEFIND_MB_PER_PAGE * pages for pages in pages_per_run)
    return free_mb is not None and needed_mb <= SIDE_BY_SIDE_MEMORY_SHARE * free_mb


def _free_memory_mb() -> float | None:
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024  # given in kB
    except (OSError, ValueError, IndexError):
        pass
    return None


class StaticSearchError(SiteBuilderError):
    """Pagefind is missing or failed."""


class YearBundles:
    """The Pagefind bundles of a site, one a year, each indexed once its pages are written.

    The render step tells `page_written` of each article page as it writes it; a year is
    then indexed (`index_year`, from another thread if the caller likes) while the rest
    of the site is written. `finish` writes what the search page loads first.
    """

    def __init__(
        self,
        site_dir: Path,
        article_pages: Iterable[str],
        *,
        previous_site: Path | None = None,
        articles_subdir: str = "articles",
    ) -> None:
        """article_pages: the names of the pages the build writes to articles_subdir."""
        self._site_dir = site_dir
        self._previous_site = previous_site
        self._articles_subdir = articles_subdir
        self._names_by_year: dict[str, list[str]] = defaultdict(list)
        for name in sorted(article_pages):
            year = _year_of(name)
            if year is not None:
                self._names_by_year[year].append(name)
        self._unwritten = {year: set(names) for year, names in self._names_by_year.items()}

    def page_written(self, name: str) -> str | None:
        """Note an article page as written; returns the year it completes, if any."""
        year = _year_of(name)
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
        (every other one), so two run at a time, where memory allows both; otherwise
        leave them, in order, to submit. For a caller with a second core to spare."""
        waiting = [year for year, pagefind in indexing.items() if pagefind.cancel()]
        running = [year for year, pagefind in indexing.items() if not pagefind.done()]
        largest = sorted(map(self.pages_in, running + waiting))[-2:]
        beside = set(waiting[0::2]) if side_by_side_fits(largest) else set()
        for year in waiting:
            indexing[year] = (submit_beside if year in beside else submit)(self.index_year, year)

    def index_year(self, year: str) -> None:
        """Index one year's pages, or carry its bundle over if they are unchanged.

        A year whose pages are byte for byte those of the previous site's bundle is
        copied from there. A bundle Pagefind writes is made byte-stable (its filter lists
        come in hash-map order; pagefind_stable), so the same pages give the same bundle.
        """
        folder = self._site_dir / self._articles_subdir
        pages = [folder / name for name in self._names_by_year[year]]
        fingerprint = _fingerprint(pages)
        bundle = self._site_dir / BUNDLE_SUBDIR / year
        if _reuse(self._previous_site, year, fingerprint, bundle):
            return
        _index_year(self._site_dir, pages, self._articles_subdir, year, bundle)
        pagefind_stable.make_stable(bundle)
        (bundle / FINGERPRINT_FILE).write_text(fingerprint, encoding="ascii")

    def finish(self) -> None:
        """The manifest and the UI's files, once every year is indexed or carried over."""
        root = self._site_dir / BUNDLE_SUBDIR
        root.mkdir(parents=True, exist_ok=True)
        years = self.years()
        languages: dict[str, list[str]] = {}
        for year in years:
            entry = json.loads((root / year / "pagefind-entry.json").read_text(encoding="utf-8"))
            languages[year] = sorted(entry.get("languages", {}))
        if years:
            for name in _UI_FILES:
                shutil.copyfile(root / years[0] / name, root / name)
        manifest = {"bundles": [{"path": year, "languages": languages[year]} for year in years]}
        (root / BUNDLES_FILE).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")


def _year_of(name: str) -> str | None:
    match = _ARTICLE_PAGE.fullmatch(name)
    if match is None:
        return None
    return match.group(1) or UNDATED_BUNDLE


def _newest_first(year: str) -> tuple[int, str]:
    return (1, year) if year == UNDATED_BUNDLE else (0, str(9999 - int(year)))


def _glob_for(year: str) -> str:
    return f"{UNDATED_BUNDLE}-*.html" if year == UNDATED_BUNDLE else f"{year}-*.html"


def _fingerprint(pages: list[Path]) -> str:
    """A hash of the pages Pagefind would read for one year: names and bytes."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


def _reuse(previous_site: Path | None, year: str, fingerprint: str, bundle: Path) -> bool:
    if previous_site is None:
        return False
    old = previous_site / BUNDLE_SUBDIR / year
    marker = old / FINGERPRINT_FILE
    if not marker.is_file() or marker.read_text(encoding="ascii") != fingerprint:
        return False
    shutil.copytree(old, bundle, copy_function=_link_or_copy)
    return True


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _index_year(
    site_dir: Path, pages: list[Path], articles_subdir: str, year: str, bundle: Path
) -> None:
    """Pagefind over one year's article pages, shown to it in a folder of their own.

    Pagefind walks all of --site whatever its glob; in a 10,000-page site the walk through
    the originals and the other years' pages cost 1.3 s of CPU a year (0.7 s of wall
    time), a third of indexing the year itself. The pages keep their paths below the
    folder, so the bundle is the one Pagefind makes of the whole site. The folder lies in
    site_dir, the build's staging folder, which the next build clears if this one dies.
    """
    with tempfile.TemporaryDirectory(prefix=".pagefind-input-", dir=site_dir) as root:
        year_site = Path(root)
        folder = year_site / articles_subdir
        folder.mkdir(parents=True)
        for page in pages:
            _link_or_copy(str(page), str(folder / page.name))
        _run_pagefind(year_site, f"{articles_subdir}/{_glob_for(year)}", bundle)


def _run_pagefind(site_dir: Path, glob: str, bundle: Path) -> None:
    """Pagefind over site_dir's pages that glob names, into bundle; errors name the bundle
    (site_dir is a temporary folder)."""
    try:
        executable = get_executable()
    except FileNotFoundError as err:
        raise StaticSearchError(
            bundle, f"the Pagefind binary is missing ({err}); reinstall with `make install`"
        ) from None
    command = [
        str(executable),
        "--site",
        str(site_dir),
        "--glob",
        glob,
        "--output-path",
        str(bundle),
        "--silent",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise StaticSearchError(bundle, f"Pagefind took over {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[-500:]
        raise StaticSearchError(bundle, f"Pagefind failed: {detail}")
