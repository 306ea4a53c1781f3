"""Files published as they are: the user's assets win, and only stored images go out."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from site_builder.core.config import SiteConfig
from site_builder.core.records import ArticleMeta
from site_builder.render.site_assets import (
    copy_media,
    copy_static,
    original_download_name,
    publish_original,
)


def test_a_later_static_folder_replaces_its_namesakes(tmp_path: Path) -> None:
    stock, user, site = tmp_path / "stock", tmp_path / "user", tmp_path / "site"
    stock.mkdir()
    user.mkdir()
    (stock / "site.css").write_text("stock", encoding="utf-8")
    (stock / "theme.js").write_text("stock", encoding="utf-8")
    (user / "site.css").write_text("mine", encoding="utf-8")
    copy_static([stock, user, tmp_path / "missing"], site)
    assert (site / "static" / "site.css").read_text(encoding="utf-8") == "mine"
    assert (site / "static" / "theme.js").read_text(encoding="utf-8") == "stock"


def test_only_content_hash_images_are_published(tmp_path: Path) -> None:
    media, site = tmp_path / "media", tmp_path / "site"
    media.mkdir()
    stored = f"{'a' * 64}.png"
    (media / stored).write_bytes(b"\x89PNG")
    (media / "notes.txt").write_text("private", encoding="utf-8")
    (media / f"{'b' * 64}.svg").write_text("<svg/>", encoding="utf-8")
    copy_media(media, site)
    assert sorted(p.name for p in (site / "media").iterdir()) == [stored]
    copy_media(tmp_path / "none", tmp_path / "empty-site")
    assert not (tmp_path / "empty-site").exists()


def _meta_naming(source: str) -> ArticleMeta:
    return ArticleMeta(title="t", source=source, source_sha256="ab" * 32)


@pytest.mark.parametrize("cached", [False, True])
def test_only_regular_files_in_the_saved_folder_are_published_as_originals(
    tmp_path: Path, cached: bool
) -> None:
    content, outside = tmp_path / "content", tmp_path / "private"
    saved = content / "saved"
    (saved / "2024").mkdir(parents=True)
    outside.mkdir()
    (saved / "2024" / "page.html").write_text("saved", encoding="utf-8")
    (outside / "secret.html").write_text("secret", encoding="utf-8")
    (saved / "link.html").symlink_to(outside / "secret.html")
    (saved / "folder-link").symlink_to(outside)
    (content / "beside.html").write_text("not saved", encoding="utf-8")
    config = SiteConfig(content_dir=content, saved_dir=saved, output_dir=tmp_path / "out")
    site = tmp_path / "site"
    options = {"real_folder": functools.lru_cache(maxsize=None)(Path.resolve)} if cached else {}

    def published(source: str) -> str | None:
        return publish_original(_meta_naming(source), config, site, **options)

    assert published("saved/2024/page.html") == f"originals/{'ab' * 16}.txt"
    assert (site / "originals" / f"{'ab' * 16}.txt").read_text(encoding="utf-8") == "saved"
    for refused in (
        "saved/link.html",  # a link, even to a file
        "saved/folder-link/secret.html",  # through a linked folder
        "saved/../beside.html",  # out of the saved folder
        "saved/2024/..",  # a folder
        "saved/2024/missing.html",
        "saved/missing/page.html",
    ):
        assert published(refused) is None, refused


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("saved/Storm coverage _ The Gazette.html", "2021-03-04-storm.html"),
        ("saved/2024/page.MHTML", "2021-03-04-storm.mhtml"),
        ("saved/notes.txt", "2021-03-04-storm.txt"),
        ("saved/crawl.warc.gz#3", "2021-03-04-storm.warc.gz"),
        ("saved/page.html.gz", "2021-03-04-storm.html.gz"),
        ("saved/a.b c.gz", "2021-03-04-storm.gz"),
        ("saved/README", "2021-03-04-storm"),
    ],
)
def test_an_original_downloads_as_the_article_with_its_own_type(source: str, name: str) -> None:
    assert original_download_name(source, "2021-03-04-storm") == name
