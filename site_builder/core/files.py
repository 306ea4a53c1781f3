"""Putting a file's bytes at a second path without writing them twice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Hard-link target to source, or copy it where links can't be made (another disk,
    a file system without them); raises OSError if neither works.

    A link stores the bytes once whatever the number of builds, and the source is only
    ever read, never written through the link.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)  # keeps the time stamps, as a link would
