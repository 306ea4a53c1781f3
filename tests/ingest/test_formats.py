"""Every saved-page format, read: detected by its bytes whatever its name, with the address,
save date and images the saver recorded.
"""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

from site_builder.ingest import read_saved_pages
from tests.ingest.format_cases import (
    FORMATS,
    GZIPPABLE,
    SAVED_AT,
    archive,
    essentials,
    expected_resources,
    instant,
    no_mojibake,
    resource_key,
)
from tests.saved_formats import (
    ARTICLE,
    JSON_URL,
    NOT_FOUND_URL,
    RUSSIAN_ARTICLE,
    gzipped,
    make_page,
    save_mhtml,
    save_monolith,
    save_singlefile,
    save_warc,
)

# --- reading each format ------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_reads_kind_url_and_saved_date(tmp_path: Path, name: str) -> None:
    fmt = FORMATS[name]
    config = archive(tmp_path)
    path = fmt.save(config.saved_dir, ARTICLE)

    pages = read_saved_pages(path, config.content_dir)

    assert len(pages) == 1
    page = pages[0]
    assert page.kind == fmt.kind
    if fmt.records_url:
        assert page.url == ARTICLE.url
    else:
        assert page.url in (None, ARTICLE.url)  # nothing recorded: never a wrong address
    assert instant(page.saved) == (SAVED_AT if fmt.records_date else None)
    source = f"saved/{path.name}"
    assert page.source == (f"{source}#{ARTICLE.url}" if fmt.multi_page else source)


@pytest.mark.parametrize("name", FORMATS)
def test_images_that_came_with_the_page_are_resources(tmp_path: Path, name: str) -> None:
    fmt = FORMATS[name]
    config = archive(tmp_path)
    path = fmt.save(config.saved_dir, ARTICLE)

    (page,) = read_saved_pages(path, config.content_dir)

    assert all(r.media_type.startswith("image/") for r in page.resources)
    assert {resource_key(r) for r in page.resources} == expected_resources(fmt, ARTICLE, path)


def test_data_uris_stay_in_the_html_for_the_extract_stage(tmp_path: Path) -> None:
    config = archive(tmp_path)
    for save in (save_singlefile, save_monolith):
        (page,) = read_saved_pages(save(config.saved_dir, ARTICLE), config.content_dir)
        assert ARTICLE.photo.data_uri in page.text
        assert ARTICLE.chart.data_uri in page.text


def test_singlefile_date_in_another_time_zone(tmp_path: Path) -> None:
    config = archive(tmp_path)
    path = save_singlefile(
        config.saved_dir,
        ARTICLE,
        saved="2024-03-05T11:20:30+01:00",
        tz_name="Central European Standard Time",
    )
    (page,) = read_saved_pages(path, config.content_dir)
    assert instant(page.saved) == SAVED_AT


# Where the name lies or says nothing, the bytes decide.
MISNAMED = [
    ("html-only", "article"),
    ("html-only", "article.txt"),
    ("singlefile", "article"),
    ("singlefile", "article.htm"),
    ("monolith", "article.txt"),
    ("mhtml", "article.mht"),
    ("mhtml", "article.html"),
    ("mhtml", "article.txt"),
    ("mhtml", "article"),
    ("warc", "crawl.bin"),
    ("warc", "crawl"),
    ("warc", "crawl.warc"),
    ("warc-uncompressed", "crawl.html"),
    ("warc-uncompressed", "crawl"),
    ("text", "article"),
]


@pytest.mark.parametrize(("name", "misleading"), MISNAMED)
def test_format_is_detected_by_content_not_name(tmp_path: Path, name: str, misleading: str) -> None:
    fmt = FORMATS[name]
    config = archive(tmp_path)
    original = fmt.save(tmp_path / "original", ARTICLE)
    renamed = config.saved_dir / misleading
    renamed.write_bytes(original.read_bytes())

    expected = read_saved_pages(original, tmp_path)
    found = read_saved_pages(renamed, config.content_dir)

    assert [essentials(page) for page in found] == [essentials(page) for page in expected]
    if fmt.kind == "html":
        assert found[0].text.lstrip().startswith(("<!DOCTYPE", "<!--"))


@pytest.mark.parametrize("name", GZIPPABLE)
def test_gzip_is_transparent(tmp_path: Path, name: str) -> None:
    fmt = FORMATS[name]
    config = archive(tmp_path)
    plain = fmt.save(tmp_path / "plain", ARTICLE)
    packed = gzipped(fmt.save(config.saved_dir, ARTICLE))
    assert packed.name.endswith(".gz")

    expected = read_saved_pages(plain, tmp_path)
    found = read_saved_pages(packed, config.content_dir)

    assert [essentials(page) for page in found] == [essentials(page) for page in expected]
    source = f"saved/{packed.name}"
    assert found[0].source == (f"{source}#{ARTICLE.url}" if fmt.multi_page else source)


def test_mhtml_part_header_decides_the_charset(tmp_path: Path) -> None:
    config = archive(tmp_path)
    path = save_mhtml(config.saved_dir, RUSSIAN_ARTICLE)
    assert b"<meta charset" not in quopri.decodestring(path.read_bytes())

    (page,) = read_saved_pages(path, config.content_dir)

    assert page.url == RUSSIAN_ARTICLE.url
    assert RUSSIAN_ARTICLE.headline in page.text
    for phrase in RUSSIAN_ARTICLE.phrases:
        assert phrase in page.text
    no_mojibake(page.text)


def test_warc_holds_one_page_per_html_200_response(tmp_path: Path) -> None:
    config = archive(tmp_path)
    first, second = make_page(1), make_page(2)
    path = save_warc(config.saved_dir, [first, second])

    pages = read_saved_pages(path, config.content_dir)

    assert [page.url for page in pages] == [first.url, second.url]  # the JSON and 404 are not
    assert [page.source for page in pages] == [
        f"saved/crawl.warc.gz#{first.url}",
        f"saved/crawl.warc.gz#{second.url}",
    ]
    for page, live in zip(pages, (first, second), strict=True):
        assert page.kind == "html"
        assert instant(page.saved) == SAVED_AT
        assert live.phrases[0] in page.text
        keys = {resource_key(r) for r in page.resources}
        assert (live.photo.url, "image/png", live.photo.data) in keys
        assert all(r.media_type.startswith("image/") for r in page.resources)
    assert all(JSON_URL not in p.url and NOT_FOUND_URL not in p.url for p in pages if p.url)


def test_whole_file_gzip_of_a_warc_reads_like_per_record_gzip(tmp_path: Path) -> None:
    # `gzip crawl.warc` makes one gzip member of the whole file, which warcio refuses
    # ("non-chunked gzip"); people do it anyway.
    config = archive(tmp_path)
    per_record = save_warc(tmp_path / "a", [ARTICLE], gz=True)
    whole_file = gzipped(save_warc(config.saved_dir, [ARTICLE], gz=False))

    expected = read_saved_pages(per_record, tmp_path)
    found = read_saved_pages(whole_file, config.content_dir)

    assert [essentials(page) for page in found] == [essentials(page) for page in expected]
