"""The browser search: the only module that drives Pagefind.

It runs Pagefind over a set of pages into a bundle folder, makes the bundle byte-stable
(`pagefind_stable`), and writes the manifest the search page loads to merge the bundles
in the browser. Which pages go into which bundle, and when, is the build's business.

We run the Pagefind binary from the `pagefind[bin]` wheel. Its Python API wraps the same
binary but waits 0.1 s per call (measured: about 10 pages a second), while the CLI
indexes a whole folder in one pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.core.files import link_or_copy
from site_builder.search import pagefind_stable
from site_builder.search.errors import PagefindError

BUNDLE_SUBDIR = "pagefind"
BUNDLES_FILE = "bundles.json"  # which bundles exist, and their languages
ENTRY_FILE = "pagefind-entry.json"  # Pagefind's own description of a bundle
# The UI's own files, shared by every bundle; the search page loads them from pagefind/.
_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
# Generous: the CLI indexed 10,000 pages in about 31 s here.
TIMEOUT_SECONDS = 1800


def index_pages(site_dir: Path, subdir: str, pages: Sequence[Path], bundle: Path) -> None:
    """Pagefind over pages (*.html), as if they alone lay in site_dir/subdir, into a
    byte-stable bundle.

    Pagefind walks all of --site
    whatever its glob, so the pages are shown to it in a folder of their own: in a
    10,000-page site, walking the whole site for each bundle cost a third as much again
    as indexing the bundle's pages. The pages keep their paths below the folder, so the
    bundle is the one Pagefind makes of the whole site. The folder lies in site_dir,
    which the caller clears if the build dies.
    """
    with tempfile.TemporaryDirectory(prefix=".pagefind-input-", dir=site_dir) as root:
        shown_site = Path(root)
        folder = shown_site / subdir
        folder.mkdir(parents=True)
        for page in pages:
            link_or_copy(page, folder / page.name)
        run_pagefind(shown_site, f"{subdir}/*.html", bundle)
    # Pagefind lists filters and languages in hash-map order, which changes from run to
    # run; the same pages must give the same bundle.
    pagefind_stable.make_stable(bundle)


def run_pagefind(site_dir: Path, glob: str, bundle: Path) -> None:
    """Pagefind itself over site_dir's pages that glob names, into bundle; errors name the
    bundle (site_dir is a temporary folder)."""
    try:
        executable = get_executable()
    except FileNotFoundError as err:
        raise PagefindError(
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
        raise PagefindError(bundle, f"Pagefind took over {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[-500:]
        raise PagefindError(bundle, f"Pagefind failed: {detail}")


def write_manifest(root: Path, bundles: Sequence[str]) -> None:
    """What the search page loads first: the bundles in root, in the order given (the
    first is searched first), with their languages, and the UI's files beside them."""
    root.mkdir(parents=True, exist_ok=True)
    languages: dict[str, list[str]] = {}
    for name in bundles:
        entry = json.loads((root / name / ENTRY_FILE).read_text(encoding="utf-8"))
        languages[name] = sorted(entry.get("languages", {}))
    if bundles:
        for ui_file in _UI_FILES:
            shutil.copyfile(root / bundles[0] / ui_file, root / ui_file)
    manifest = {"bundles": [{"path": name, "languages": languages[name]} for name in bundles]}
    (root / BUNDLES_FILE).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
