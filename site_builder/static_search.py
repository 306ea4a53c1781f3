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
from collections import defaultdict
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.models import SiteBuilderError

BUNDLE_SUBDIR = "pagefind"
BUNDLES_FILE = "bundles.json"  # which year bundles exist, and their languages
FINGERPRINT_FILE = "site-builder-input.sha256"
UNDATED_BUNDLE = "undated"
# The UI's own files, shared by every year; the search page loads them from pagefind/.
_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
_ARTICLE_PAGE = re.compile(r"(\d{4})-\d{2}-\d{2}-.+\.html|undated-.+\.html")
# Generous: the CLI indexed 10,000 pages in about 31 s here.
TIMEOUT_SECONDS = 1800


class StaticSearchError(SiteBuilderError):
    """Pagefind is missing or failed."""


def build_bundle(
    site_dir: Path, previous_site: Path | None = None, articles_subdir: str = "articles"
) -> int:
    """Index the article pages under site_dir, one Pagefind bundle per year.

    A year whose pages are byte for byte those of previous_site's bundle is copied from
    there: unchanged pages then publish unchanged bytes (Pagefind's own filter files
    differ from run to run; Pagefind issue 638). Returns how many years Pagefind indexed.
    """
    root = site_dir / BUNDLE_SUBDIR
    root.mkdir(parents=True, exist_ok=True)
    years = _pages_by_year(site_dir / articles_subdir)
    indexed = 0
    languages: dict[str, list[str]] = {}
    for year in sorted(years, key=_newest_first):
        fingerprint = _fingerprint(years[year])
        bundle = root / year
        if not _reuse(previous_site, year, fingerprint, bundle):
            _run_pagefind(
                site_dir, f"{articles_subdir}/{_glob_for(year)}", f"{BUNDLE_SUBDIR}/{year}"
            )
            (bundle / FINGERPRINT_FILE).write_text(fingerprint, encoding="ascii")
            indexed += 1
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages[year] = sorted(entry.get("languages", {}))
    if years:
        newest = root / sorted(years, key=_newest_first)[0]
        for name in _UI_FILES:
            shutil.copyfile(newest / name, root / name)
    manifest = {
        "bundles": [
            {"path": year, "languages": languages[year]}
            for year in sorted(years, key=_newest_first)
        ]
    }
    (root / BUNDLES_FILE).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    return indexed


def _pages_by_year(articles_dir: Path) -> dict[str, list[Path]]:
    years: dict[str, list[Path]] = defaultdict(list)
    if not articles_dir.is_dir():
        return {}
    for page in sorted(articles_dir.iterdir()):
        match = _ARTICLE_PAGE.fullmatch(page.name)
        if match:
            years[match.group(1) or UNDATED_BUNDLE].append(page)
    return dict(years)


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


def _run_pagefind(site_dir: Path, glob: str, output_subdir: str) -> None:
    try:
        executable = get_executable()
    except FileNotFoundError as err:
        raise StaticSearchError(
            site_dir, f"the Pagefind binary is missing ({err}); reinstall with `make install`"
        ) from None
    command = [
        str(executable),
        "--site",
        str(site_dir),
        "--glob",
        glob,
        "--output-subdir",
        output_subdir,
        "--silent",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise StaticSearchError(site_dir, f"Pagefind took over {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[-500:]
        raise StaticSearchError(site_dir, f"Pagefind failed: {detail}")
