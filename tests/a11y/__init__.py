"""axe-core for the browser suite's accessibility checks.

Nothing is vendored: package.json pins axe-core and package-lock.json pins its hash. The
first run installs it with `npm ci` into tests/a11y/node_modules/ (ignored by git); later
runs reuse it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

A11Y = Path(__file__).resolve().parent
AXE = A11Y / "node_modules" / "axe-core" / "axe.min.js"
# A cold install fetches one ~3 MB package; minutes means the registry is unreachable.
INSTALL_SECONDS = 300


class AxeUnavailable(Exception):
    """axe-core is not installed and could not be installed."""


def axe_source() -> str:
    """The text of axe.min.js, installing the pinned axe-core first if it is missing."""
    if not AXE.is_file():
        _install()
    return AXE.read_text(encoding="utf-8")


def _install() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AxeUnavailable("npm is not installed; it fetches axe-core for the a11y tests")
    command = [npm, "ci", "--prefix", str(A11Y), "--no-audit", "--no-fund", "--ignore-scripts"]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise AxeUnavailable(f"npm ci took over {INSTALL_SECONDS} s in {A11Y}") from None
    if result.returncode != 0 or not AXE.is_file():
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise AxeUnavailable(f"npm ci in {A11Y} failed: " + " | ".join(tail))
