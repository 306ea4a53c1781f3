"""The Pagefind adapter: Pagefind run over the pages it is given, and the manifest the
search page loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.search import pagefind
from site_builder.search.errors import PagefindError


def _write_pages(folder: Path, names: list[str], language: str = "en") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for number, name in enumerate(names):
        page = folder / name
        page.write_text(
            f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>Page {number}</title></head><body><article data-pagefind-body>"
            f"<h1>Harbour report {number}</h1><p>The keeper counted {number} boats.</p>"
            "</article></body></html>",
            encoding="utf-8",
        )
        pages.append(page)
    return pages


def _entry(bundle: Path) -> dict[str, dict[str, dict[str, object]]]:
    entry: dict[str, dict[str, dict[str, object]]] = json.loads(
        (bundle / pagefind.ENTRY_FILE).read_text(encoding="utf-8")
    )
    return entry


def test_only_the_pages_given_are_indexed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = _write_pages(site / "articles", ["2020-01-01-a.html", "2020-01-02-b.html"])
    _write_pages(site / "articles", ["2021-01-01-beside.html"])  # in the folder, not given
    bundle = site / "pagefind" / "2020"
    pagefind.index_pages(site, "articles", pages, bundle)
    assert _entry(bundle)["languages"]["en"]["page_count"] == 2
    # The folder the pages were shown to Pagefind in is gone.
    assert sorted(path.name for path in site.iterdir()) == ["articles", "pagefind"]


def test_the_manifest_lists_the_bundles_in_order_with_their_languages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    root = site / "pagefind"
    english = _write_pages(site / "articles", ["2021-01-01-a.html"])
    french = _write_pages(site / "articles", ["2020-01-01-b.html"], language="fr")
    pagefind.index_pages(site, "articles", english, root / "2021")
    pagefind.index_pages(site, "articles", french, root / "2020")
    pagefind.write_manifest(root, ["2021", "2020"])
    manifest = json.loads((root / pagefind.BUNDLES_FILE).read_text(encoding="utf-8"))
    assert manifest == {
        "bundles": [{"languages": ["en"], "path": "2021"}, {"languages": ["fr"], "path": "2020"}]
    }
    assert (root / "pagefind-ui.js").read_bytes() == (root / "2021" / "pagefind-ui.js").read_bytes()


def test_an_empty_manifest_for_a_site_without_articles(tmp_path: Path) -> None:
    root = tmp_path / "site" / "pagefind"
    pagefind.write_manifest(root, [])
    assert json.loads((root / pagefind.BUNDLES_FILE).read_text(encoding="utf-8")) == {"bundles": []}


def test_a_failed_run_is_one_line_naming_the_bundle(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = _write_pages(site / "articles", ["2020-01-01-a.html"])
    (site / "pagefind").write_text("a file where the bundles go", encoding="utf-8")
    bundle = site / "pagefind" / "2020"
    with pytest.raises(PagefindError) as raised:
        pagefind.index_pages(site, "articles", pages, bundle)
    assert raised.value.path == str(bundle)
    assert str(raised.value).startswith(f"{bundle}: Pagefind failed: ")
    assert "\n" not in str(raised.value)
