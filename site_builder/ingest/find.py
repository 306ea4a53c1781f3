"""Finding the saved pages of an archive, and how articles name them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.ingest.import_sidecar import IMPORTS_FOLDER, is_sidecar, sidecar_of

# Files a folder of saved pages gathers that are never saved pages, told by their name:
# a README.md or notes beside the pages, a stylesheet, script or image kept in a folder
# of its own (issue 21: each was counted as a failed page, and failed `build --strict`).
# A saved page is never named so; one that is, is skipped and listed in the summary.
NOT_PAGE_SUFFIXES = frozenset(
    {
        *(".md", ".markdown", ".rst", ".json", ".csv", ".pdf"),
        *(".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot"),
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp"),
        *(".tif", ".tiff", ".heic", ".mp3", ".mp4", ".webm", ".ogg", ".wav"),
    }
)
# What operating systems leave in folders (hidden names, such as .DS_Store, are never
# looked at).
NOT_PAGE_NAMES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True, slots=True)
class SavedFolder:
    """The files under a saved folder: those that may be saved pages, and the others."""

    pages: list[Path]
    skipped: list[Path]  # never a saved page, by name (NOT_PAGE_SUFFIXES, NOT_PAGE_NAMES)


def is_never_a_page(path: Path) -> bool:
    return path.suffix.lower() in NOT_PAGE_SUFFIXES or path.name.lower() in NOT_PAGE_NAMES


def find_saved_files(saved_dir: Path) -> SavedFolder:
    """Every file under saved_dir, in a stable order: those that may be saved pages, and
    those that never are.

    Hidden files and the `NAME_files/` folders of "complete" saves are not looked at: they
    hold the page's assets, not pages.
    """
    if not saved_dir.is_dir():
        return SavedFolder([], [])
    found = []
    # os.walk never descends into a linked folder; linked files are listed, and reading
    # one checks where it leads.
    for folder, subfolders, files in os.walk(saved_dir, followlinks=False):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and not d.endswith("_files")
        ]
        found += [Path(folder) / name for name in files if not name.startswith(".")]
    found.sort(key=lambda p: p.relative_to(saved_dir).as_posix())
    found = _without_import_files(found, saved_dir)
    return SavedFolder(
        pages=[path for path in found if not is_never_a_page(path)],
        skipped=[path for path in found if is_never_a_page(path)],
    )


def _without_import_files(found: list[Path], saved_dir: Path) -> list[Path]:
    """Less the sidecars (each is part of its page), and, under saved/imports/, every file
    without a sidecar: the exports as given, kept as the originals and never read as pages."""
    present = set(found)
    return [
        path
        for path in found
        if not is_sidecar(path)
        and (path.relative_to(saved_dir).parts[0] != IMPORTS_FOLDER or sidecar_of(path) in present)
    ]


def find_saved_pages(saved_dir: Path) -> list[Path]:
    """Every file under saved_dir that may be a saved page, in a stable order."""
    return find_saved_files(saved_dir).pages


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
