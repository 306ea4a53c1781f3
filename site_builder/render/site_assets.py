"""Files the site publishes as they are: static assets, stored images, saved originals.

Nothing here is rendered; each file is hard-linked where it can be (stored once, whatever
the number of builds) and copied where it cannot.
"""

from __future__ import annotations

import re
import shutil
import stat
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from site_builder.core.config import SiteConfig
from site_builder.core.files import link_or_copy
from site_builder.core.records import MEDIA_FOLDER, ArticleMeta

STATIC_FOLDER = "static"
ORIGINALS_FOLDER = "originals"
_MEDIA_NAME = re.compile(r"[0-9a-f]{64}\.(png|jpg|gif|webp)")
_TEXT_ORIGINALS = {".html", ".htm", ".xhtml", ".shtml", ".txt"}
# A file type suffix: ".html", ".mhtml", ".warc", ".gz".
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def publish_original(
    meta: ArticleMeta,
    config: SiteConfig,
    site_dir: Path,
    *,
    saved_root: Path | None = None,
    real_folder: Callable[[Path], Path] = Path.resolve,
) -> str | None:
    """Copy the saved page into originals/, as text or a download, never as live HTML.

    saved_root is config.saved_dir resolved, when the caller has it (resolving it once
    per article is a measurable part of a build that changes nothing). real_folder
    resolves a folder; a caller may remember its answers for the length of a build, as
    most saved pages share a few folders.
    """
    if not config.publish_originals or not meta.source or not meta.source_sha256:
        return None
    source = config.content_dir / meta.source.partition("#")[0]
    try:
        # The file itself must not be a link (checked below), so its folder decides.
        real = real_folder(source.parent) / source.name
        inside = real.is_relative_to(saved_root or config.saved_dir.resolve())
        status = source.lstat()
    except OSError:
        return None
    if not inside or not stat.S_ISREG(status.st_mode):  # a link, a folder, or gone
        return None
    # .txt is served as text/plain; every other kind as an opaque download (.bin).
    suffix = ".txt" if source.suffix.lower() in _TEXT_ORIGINALS else ".bin"
    name = f"{ORIGINALS_FOLDER}/{meta.source_sha256[:32]}{suffix}"
    target = site_dir / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)  # the saved file is never written to, only read
    return name


def original_download_name(source: str, stem: str) -> str:
    """What the saved page downloads as: the article's file name and the saved file's own
    type, "2020-08-16-slug.warc.gz" (the published copy is named by its hash instead)."""
    name = PurePosixPath(source.partition("#")[0]).name.lower()
    suffix = PurePosixPath(name).suffix
    inner = PurePosixPath(name.removesuffix(suffix)).suffix if suffix == ".gz" else ""
    if not _SUFFIX.fullmatch(inner):
        inner = ""  # "a.b c.gz": a dot in the name, not a type
    return f"{stem}{inner}{suffix}" if _SUFFIX.fullmatch(suffix) else stem


def published_media(media_dir: Path) -> list[Path]:
    """The stored images the site publishes: files with content-hash names, by name."""
    if not media_dir.is_dir():
        return []
    return [
        image
        for image in sorted(media_dir.iterdir())
        if _MEDIA_NAME.fullmatch(image.name) and image.is_file() and not image.is_symlink()
    ]


def copy_media(media_dir: Path, site_dir: Path) -> None:
    """Stored images, by their content-hash names; nothing else from that folder."""
    target = site_dir / MEDIA_FOLDER
    for image in published_media(media_dir):
        target.mkdir(parents=True, exist_ok=True)
        link_or_copy(image, target / image.name)


def copy_static(sources: Iterable[Path], site_dir: Path) -> None:
    """Asset folders into static/, in order: a later folder's file replaces an earlier's."""
    for source in dict.fromkeys(sources):
        if source.is_dir():
            shutil.copytree(source, site_dir / STATIC_FOLDER, dirs_exist_ok=True)
