"""The browser search bundle: the only module that drives Pagefind.

We run the Pagefind binary from the `pagefind[bin]` wheel over the built folder. Its
Python API wraps the same binary but waits 0.1 s per call (measured: about 10 pages a
second), while the CLI indexes a whole folder in one pass.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.models import SiteBuilderError

BUNDLE_SUBDIR = "pagefind"
FINGERPRINT_FILE = "site-builder-input.sha256"
# Generous: the CLI indexed 10,000 pages in about 31 s here.
TIMEOUT_SECONDS = 1800


class StaticSearchError(SiteBuilderError):
    """Pagefind is missing or failed."""


def build_bundle(site_dir: Path, previous_site: Path | None = None) -> bool:
    """Index the HTML under site_dir and write the bundle to site_dir/pagefind/.

    When previous_site holds a bundle made from exactly the same HTML, that bundle is
    copied instead: Pagefind's filter files differ from run to run (Pagefind issue 638),
    and unchanged pages should publish unchanged bytes. Returns True if Pagefind ran.
    """
    fingerprint = _html_fingerprint(site_dir)
    if previous_site is not None:
        old_bundle = previous_site / BUNDLE_SUBDIR
        marker = old_bundle / FINGERPRINT_FILE
        if marker.is_file() and marker.read_text(encoding="ascii") == fingerprint:
            shutil.copytree(old_bundle, site_dir / BUNDLE_SUBDIR)
            return False
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
        "--output-subdir",
        BUNDLE_SUBDIR,
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
    (site_dir / BUNDLE_SUBDIR / FINGERPRINT_FILE).write_text(fingerprint, encoding="ascii")
    return True


def _html_fingerprint(site_dir: Path) -> str:
    """A hash of every HTML page Pagefind would read: their paths and their bytes."""
    digest = hashlib.sha256()
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir).as_posix()
        if relative.startswith(f"{BUNDLE_SUBDIR}/"):
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()
