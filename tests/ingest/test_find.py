"""Finding the saved pages of an archive."""

from __future__ import annotations

from pathlib import Path

from site_builder.ingest import find_saved_pages
from tests.ingest.conftest import touch


def test_find_saved_pages_skips_hidden_and_asset_folders_and_sorts(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    for name in (
        "zeta.html",
        "Alpha.htm",
        "beta.txt",
        "sub/gamma.html",
        "sub/deeper/delta.html",
        "notes_files.html",  # a file, not an asset folder
        ".DS_Store",
        ".hidden.html",
        ".git/config.html",
        "sub/.cache/x.html",
        "Article_files/style.html",
        "sub/Other page_files/img/frame.html",
    ):
        touch(saved / name)
    (saved / "empty-dir").mkdir()

    found = find_saved_pages(saved)

    assert [p.relative_to(saved).as_posix() for p in found] == [
        "Alpha.htm",
        "beta.txt",
        "notes_files.html",
        "sub/deeper/delta.html",
        "sub/gamma.html",
        "zeta.html",
    ]
    assert found[0] == saved / "Alpha.htm"


def test_find_saved_pages_missing_folder_is_empty(tmp_path: Path) -> None:
    assert find_saved_pages(tmp_path / "nope") == []
