"""Publishing the site: its size, and a warning when GitHub Pages would refuse it."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.build import pipeline
from site_builder.build.publish import folder_bytes
from site_builder.core.config import SiteConfig

# A stored image's name is its content hash; the build publishes such files by name.
LARGE_IMAGE = "ab" * 32 + ".png"
LIMIT_WARNING = "over GitHub Pages' 1 GB limit"


def test_folder_bytes_counts_every_file_once_per_path(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.html").write_bytes(b"x" * 10)
    (tmp_path / "two.css").write_bytes(b"y" * 5)
    os.link(tmp_path / "two.css", tmp_path / "a" / "three.css")  # a host is sent both
    assert folder_bytes(tmp_path) == 20


def test_a_site_over_github_pages_limit_is_warned_about_with_its_size(
    archive: SiteConfig,
) -> None:
    assert not [w for w in pipeline.build(archive).warnings if LIMIT_WARNING in w]
    # A stored image of 1.1 GB that takes no disk: the build hard-links it into the site.
    archive.media_dir.mkdir(parents=True, exist_ok=True)
    large = archive.media_dir / LARGE_IMAGE
    with large.open("wb") as handle:
        handle.truncate(1_100_000_000)

    warnings = [w for w in pipeline.build(archive).warnings if LIMIT_WARNING in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{archive.site_dir}: the site is 1.10 GB, over")
    # A build that publishes nothing new still knows the published site's size.
    again = pipeline.build(archive)
    assert again.pages_rendered == 0
    assert [w for w in again.warnings if LIMIT_WARNING in w] == warnings

    large.unlink()
    assert not [w for w in pipeline.build(archive).warnings if LIMIT_WARNING in w]
