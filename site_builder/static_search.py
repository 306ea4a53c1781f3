"""The browser search bundle: the only module that drives Pagefind.

We run the Pagefind binary from the `pagefind[bin]` wheel over the built folder. Its
Python API wraps the same binary but waits 0.1 s per call (measured: about 10 pages a
second), while the CLI indexes a whole folder in one pass.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind_bin import get_executable

from site_builder.models import SiteBuilderError

BUNDLE_SUBDIR = "pagefind"
# Generous: the CLI indexed 10,000 pages in about 31 s here.
TIMEOUT_SECONDS = 1800


class StaticSearchError(SiteBuilderError):
    """Pagefind is missing or failed."""


def build_bundle(site_dir: Path) -> None:
    """Index the HTML under site_dir and write the bundle to site_dir/pagefind/."""
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
