"""Finding the saved pages of an archive, and how articles name them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def find_saved_pages(saved_dir: Path) -> list[Path]:
    """Every file under saved_dir that may be a saved page, in a stable order.

    Hidden files and the `NAME_files/` folders of "complete" saves are skipped: they hold
    the page's assets, not pages.
    """
    if not saved_dir.is_dir():
        return []
    found = []
    # os.walk never descends into a linked folder; linked files are listed, and reading
    # one checks where it leads.
    for folder, subfolders, files in os.walk(saved_dir, followlinks=False):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and not d.endswith("_files")
        ]
        found += [Path(folder) / name for name in files if not name.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(saved_dir).as_posix())


def source_path(
    path: Path,
    content_dir: Path,
    *,
    content_root: Path | None = None,
    real_folder: Callable[[Path], Path] = Path.resolve,
) -> str:
    """How an article's front matter names its saved page: relative to the content folder.

    content_root is content_dir resolved, when the caller has it (once for all files);
    real_folder resolves a folder, and a caller may remember its answers for a build.
    """
    resolved = path.resolve() if path.is_symlink() else real_folder(path.parent) / path.name
    try:
        return resolved.relative_to(content_root or content_dir.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()  # outside the archive, e.g. `site-builder extract`
