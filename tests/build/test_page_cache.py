"""The published site as a page cache: a page is carried over when it is made from what
it was, or when it renders to the same bytes, and then it is the old file itself."""

from __future__ import annotations

from pathlib import Path

from site_builder.build.page_cache import PublishedSiteCache

MADE_FROM = {"page_title": "Boats", "root": "../"}


def _previous_build(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A published site with one page, and the keys its build recorded."""
    site = tmp_path / "site"
    (site / "tags").mkdir(parents=True)
    (site / "tags" / "boats.html").write_bytes(b"<p>boats</p>")
    first = PublishedSiteCache("look", None, None)
    new = tmp_path / "first"
    (new / "tags").mkdir(parents=True)
    assert not first.carry_over("tags/boats.html", "group.html", MADE_FROM, new / "x.html")
    return site, first.keys


def test_a_page_made_from_the_same_is_the_old_file(tmp_path: Path) -> None:
    site, keys = _previous_build(tmp_path)
    target = tmp_path / "new" / "boats.html"
    target.parent.mkdir()
    cache = PublishedSiteCache("look", site, keys)
    assert cache.carry_over("tags/boats.html", "group.html", dict(MADE_FROM), target)
    assert target.stat().st_ino == (site / "tags" / "boats.html").stat().st_ino
    assert cache.keys == keys


def test_anything_else_it_is_made_from_renders_it_again(tmp_path: Path) -> None:
    site, keys = _previous_build(tmp_path)
    (tmp_path / "new").mkdir()
    target = tmp_path / "new" / "boats.html"
    others = [
        PublishedSiteCache("another look", site, keys),
        PublishedSiteCache("look", None, keys),  # no published site to take it from
        PublishedSiteCache("look", site, None),
    ]
    for cache in others:
        assert not cache.carry_over("tags/boats.html", "group.html", MADE_FROM, target)
    cache = PublishedSiteCache("look", site, keys)
    changed = {**MADE_FROM, "page_title": "Ships"}
    assert not cache.carry_over("tags/boats.html", "group.html", changed, target)
    assert not cache.carry_over("tags/boats.html", "groups.html", MADE_FROM, target)
    assert not target.exists()
    assert cache.keys["tags/boats.html"] != keys["tags/boats.html"]


def test_a_page_gone_from_the_published_site_is_rendered(tmp_path: Path) -> None:
    site, keys = _previous_build(tmp_path)
    (site / "tags" / "boats.html").unlink()
    target = tmp_path / "boats.html"
    cache = PublishedSiteCache("look", site, keys)
    assert not cache.carry_over("tags/boats.html", "group.html", MADE_FROM, target)
    assert not target.exists()


def test_a_page_rendered_to_the_same_bytes_is_the_old_file(tmp_path: Path) -> None:
    site, keys = _previous_build(tmp_path)
    cache = PublishedSiteCache("another look", site, keys)
    same, other = tmp_path / "same.html", tmp_path / "other.html"
    assert cache.same_as_before("tags/boats.html", b"<p>boats</p>", same)
    assert same.stat().st_ino == (site / "tags" / "boats.html").stat().st_ino
    assert not cache.same_as_before("tags/boats.html", b"<p>ships</p>", other)
    assert not cache.same_as_before("tags/ships.html", b"<p>boats</p>", other)
    assert not PublishedSiteCache("look", None, keys).same_as_before(
        "tags/boats.html", b"<p>boats</p>", other
    )
    assert not other.exists()
