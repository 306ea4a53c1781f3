"""Source files as they were at a git revision, for benchmarks that time old against new."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def source_at(revision: str, path: str) -> str:
    """The text of path (relative to the repository) at revision."""
    return subprocess.run(
        ["git", "show", f"{revision}:{path}"],  # noqa: S607  # git from PATH, as make does
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
