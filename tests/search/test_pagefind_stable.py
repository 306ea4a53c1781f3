"""Pagefind's bundles made byte-stable: the same pages give the same bytes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from site_builder.search import pagefind, pagefind_stable
from tests.conftest import file_digests

SITES = [f"Site {letter}" for letter in "HCFADGBE"]
TAGS = [f"tag-{letter}" for letter in "qwertyui"]


def _page(number: int, language: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>Page {number}</title></head><body><article data-pagefind-body>"
        f"<h1>Harbour report {number}</h1><p>The harbour keeper counted {number} boats.</p>"
        f'<span hidden data-pagefind-filter="site">{SITES[number % len(SITES)]}</span>'
        f'<span hidden data-pagefind-filter="tag">{TAGS[number % len(TAGS)]}</span>'
        f'<span hidden data-pagefind-filter="tag">{TAGS[(number * 3) % len(TAGS)]}</span>'
        '<span hidden data-pagefind-filter="year">2020</span>'
        "</article></body></html>"
    )


def _indexed_year(site_dir: Path, languages: tuple[str, ...] = ("en",)) -> Path:
    """One year's bundle, as the build makes it."""
    folder = site_dir / "articles"
    folder.mkdir(parents=True)
    pages = [folder / f"2020-01-{day:02d}-report-{day}.html" for day in range(1, 25)]
    for day, page in enumerate(pages, start=1):
        page.write_text(_page(day, languages[day % len(languages)]), encoding="utf-8")
    bundle = site_dir / "pagefind" / "2020"
    pagefind.index_pages(site_dir, "articles", pages, bundle)
    return bundle


def _filters(bundle: Path) -> dict[str, list[str]]:
    """Each filter's values, in the order its file lists them."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = pagefind_stable.read_bundle_file(
        bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    )
    listed: dict[str, list[str]] = {}
    for name, file_hash in meta[3]:
        filter_name, values = pagefind_stable.read_bundle_file(
            bundle / "filter" / f"{file_hash}.pf_filter"
        )
        assert filter_name == name
        listed[name] = [value[0] for value in values]
    return listed


def test_the_same_pages_give_the_same_bundle_bytes(tmp_path: Path) -> None:
    # Unpatched, Pagefind lists 8 sites and 8 tags in a new order on each run, and the
    # filters themselves too: two runs all but never agree.
    first = file_digests(_indexed_year(tmp_path / "one"))
    second = file_digests(_indexed_year(tmp_path / "two"))
    assert any(name.startswith("filter/") for name in first)
    assert first == second


def test_filter_values_and_filters_are_listed_sorted(tmp_path: Path) -> None:
    bundle = _indexed_year(tmp_path / "site")
    listed = _filters(bundle)
    assert list(listed) == ["site", "tag", "year"]
    assert listed["site"] == sorted(SITES)
    assert listed["tag"] == sorted(TAGS)
    assert listed["year"] == ["2020"]


def _names_follow_the_content(bundle: Path) -> None:
    for path in [*bundle.glob("filter/*.pf_filter"), *bundle.glob("*.pf_meta")]:
        payload = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        digits = 7 if path.suffix == ".pf_filter" else 10
        assert path.stem.removeprefix("pagefind.") == pagefind_stable.pagefind_file_name(
            "en", payload, digits
        )


def test_files_are_named_as_pagefind_names_them(tmp_path: Path) -> None:
    # Pagefind itself is the reference: its own bundle, before any rewrite.
    site_dir = tmp_path / "site"
    (site_dir / "articles").mkdir(parents=True)
    for day in range(1, 25):
        (site_dir / "articles" / f"2020-01-{day:02d}-r.html").write_text(_page(day))
    pagefind_bundle = tmp_path / "pagefind"
    pagefind.run_pagefind(site_dir, "articles/*.html", pagefind_bundle)
    _names_follow_the_content(pagefind_bundle)
    bundle = _indexed_year(tmp_path / "stable")
    _names_follow_the_content(bundle)
    # Nothing left behind under the names the unsorted files had.
    assert len(list(bundle.glob("filter/*"))) == 3
    assert len(list(bundle.glob("*.pf_meta"))) == 1


def test_languages_are_listed_sorted(tmp_path: Path) -> None:
    bundle = _indexed_year(tmp_path / "site", languages=("fr", "en", "de"))
    entry_file = bundle / "pagefind-entry.json"
    stable = entry_file.read_text(encoding="utf-8")
    entry = json.loads(stable)
    assert list(entry["languages"]) == ["de", "en", "fr"]
    # As Pagefind may write it on another run: the same, in another order.
    entry["languages"] = dict(reversed(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    assert pagefind_stable.make_stable(bundle) is True
    assert entry_file.read_text(encoding="utf-8") == stable


def test_a_bundle_in_an_unknown_format_is_left_as_it_is(tmp_path: Path) -> None:
    bundle = _indexed_year(tmp_path / "site")
    filter_file = next(bundle.glob("filter/*.pf_filter"))
    # 5 written in two bytes where one would do: not the shortest form Pagefind writes,
    # so this module could not write the file back as it was.
    filter_file.write_bytes(gzip.compress(b"pagefind_dcd\x82dyear\x81\x82d2020\x81\x18\x05"))
    before = file_digests(bundle)
    assert pagefind_stable.make_stable(bundle) is False
    assert file_digests(bundle) == before


def test_an_entry_file_written_another_way_is_left_as_it_is(tmp_path: Path) -> None:
    bundle = _indexed_year(tmp_path / "site")
    entry = bundle / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), indent=1))
    before = file_digests(bundle)
    assert pagefind_stable.make_stable(bundle) is False
    assert file_digests(bundle) == before


@pytest.mark.parametrize(
    "value",
    [
        0, 23, 24, 255, 256, 65_535, 65_536, 2**32 - 1, 2**32,
        "", "x" * 23, "x" * 24, "é" * 200, b"\x00\xff",
        [], [1, [2, ["three"]]], list(range(300)),
    ],
)  # fmt: skip
def test_cbor_reads_back_what_it_writes(value: object) -> None:
    encoded = pagefind_stable.cbor_encode(value)
    assert pagefind_stable.cbor_decode(encoded, 0) == (value, len(encoded))


def test_cbor_writes_the_shortest_form() -> None:
    assert pagefind_stable.cbor_encode(23) == b"\x17"
    assert pagefind_stable.cbor_encode(24) == b"\x18\x18"
    assert pagefind_stable.cbor_encode(256) == b"\x19\x01\x00"
    assert pagefind_stable.cbor_encode("ab") == b"\x62ab"
    assert pagefind_stable.cbor_encode([1, "a"]) == b"\x82\x01\x61a"


def test_names_write_each_byte_without_a_leading_zero() -> None:
    # SHA-1 of this payload: 02 9a 09 83 0f 75 4a ...; Pagefind drops each byte's
    # leading zero (seen in its own file names), then keeps 7 or 10 digits.
    assert pagefind_stable.pagefind_file_name("en", b"payload 233", 10) == "en_29a983f754"
    assert pagefind_stable.pagefind_file_name("fr", b"payload 233", 7) == "fr_29a983f"
