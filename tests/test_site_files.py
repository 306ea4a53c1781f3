"""Files published as they are: the user's assets win, and only stored images go out."""

from __future__ import annotations

from pathlib import Path

from site_builder.site_files import copy_media, copy_static


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
