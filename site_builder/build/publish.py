"""The staging folder a site is built in, swapped into place when it is complete.

A build writes the new site beside the published one and swaps the two in two renames,
so a failed build leaves the old site as it was, and readers never see half a site.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

from site_builder.build.state import BuildState, write_state
from site_builder.core.config import SiteConfig
from site_builder.core.files import fresh_staging, swap_into_place

__all__ = ["folder_bytes", "folder_inode", "fresh_staging", "publish", "swap_into_place"]


def folder_inode(folder: Path) -> int:
    """The inode of a folder (0 if there is none): a published site's identity, as each
    build publishes a new folder."""
    try:
        status = folder.lstat()
    except OSError:
        return 0
    return status.st_ino if stat.S_ISDIR(status.st_mode) else 0


def folder_bytes(folder: Path) -> int:
    """The size of every file under folder, as a host that is sent the folder counts it
    (a file hard-linked twice is sent twice).

    os.scandir, not Path objects: a site of 100,000 articles has 317,000 files, and this
    walk took 3.1 s of CPU with os.walk and Path.lstat, 1.3 s so."""
    total = 0
    folders = [os.fspath(folder)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_size
    return total


def publish(
    staging: Path | None, config: SiteConfig, *, read: BuildState, new: BuildState
) -> BuildState:
    """Put the new site in place (staging None: keep the published one), then record
    what this build knew, unless it is what the last build recorded (read); returns
    that record."""
    site_bytes = read.site_bytes
    if staging is not None:
        site_bytes = folder_bytes(staging)
        swap_into_place(staging, config.site_dir)
    new = replace(new, site_inode=folder_inode(config.site_dir), site_bytes=site_bytes)
    if new != read:
        write_state(config.output_dir, new)
    return new
