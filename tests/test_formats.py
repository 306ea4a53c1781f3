"""Every saved-page format, end to end: detected by its bytes whatever its name, read with
the address, save date and images the saver recorded, and built into one article per page
whose local images are stored once in content/media/ under their hash.

The saved files come from tests/saved_formats.py, which writes one article page the way
Chrome, Firefox, SingleFile, monolith, Chrome's MHTML, a WARC crawler and Firefox's text
save do. The tests at the end check those helpers themselves.
"""

from __future__ import annotations

import base64
import datetime as dt
import email
import quopri
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest
from hypothesis import given
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core.config import SiteConfig, load_config
from site_builder.core.records import Article, BuildReport, Resource, SavedPage
from site_builder.ingest import read_saved_page, read_saved_pages

from .conftest import file_digests
from .saved_formats import (
    ARTICLE,
    CHART_URL,
    JSON_URL,
    NOT_FOUND_URL,
    RUSSIAN_ARTICLE,
    Image,
    Page,
    blink_quoted_printable,
    corrupt_mhtml,
    gzipped,
    make_page,
    mhtml_bytes,
    save_complete,
    save_html_only,
    save_mhtml,
    save_monolith,
    save_singlefile,
    save_text,
    save_warc,
    truncate_warc,
)

SAVED_AT = dt.datetime(2024, 3, 5, 10, 20, 30, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """How one tool saves a page, and what a reader must recover from it."""

    save: Callable[[Path, Page], Path]
    kind: str = "html"
    records_url: bool = True  # the save says where the page came from
    records_date: bool = False  # the save says when it was made
    local: tuple[str, ...] = ()  # images whose bytes came with the page: "photo", "chart"
    resources: tuple[str, ...] = ()  # of those, the ones a reader returns as Resources
    file_resources: bool = False  # Resource URLs are file:// URLs of a _files folder
    multi_page: bool = False  # a container of pages (WARC)


BOTH = ("photo", "chart")
FORMATS = {
    "html-only": Format(save=save_html_only),
    "chrome-complete": Format(
        save=partial(save_complete, flavour="chrome"),
        local=BOTH,
        resources=BOTH,
        file_resources=True,
    ),
    "firefox-complete": Format(
        save=partial(save_complete, flavour="firefox"),
        records_url=False,
        local=BOTH,
        resources=BOTH,
        file_resources=True,
    ),
    "singlefile": Format(save=save_singlefile, records_date=True, local=BOTH),
    "monolith": Format(save=save_monolith, records_date=True, local=BOTH),
    "mhtml": Format(save=save_mhtml, records_date=True, local=BOTH, resources=BOTH),
    "warc": Format(
        save=lambda folder, page: save_warc(folder, [page]),
        records_date=True,
        local=("photo",),  # the crawl did not capture the CDN chart
        resources=("photo",),
        multi_page=True,
    ),
    "warc-uncompressed": Format(
        save=lambda folder, page: save_warc(folder, [page], gz=False),
        records_date=True,
        local=("photo",),
        resources=("photo",),
        multi_page=True,
    ),
    "text": Format(save=save_text, kind="text", records_url=False),
}
# A "complete" save is a file and a folder named after it; gzip has no place there.
GZIPPABLE = [name for name in FORMATS if "complete" not in name and name != "warc"]


# --- helpers ------------------------------------------------------------------------------


def _archive(root: Path) -> SiteConfig:
    (root / "content" / "saved").mkdir(parents=True)
    (root / "site.toml").write_text('title = "Formats"\n', encoding="utf-8")
    return load_config(root / "site.toml")


def _articles(config: SiteConfig) -> list[Article]:
    return [store.load(path).article for path in sorted(config.articles_dir.glob("*.md"))]


def _instant(value: object) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(str(value))


def _images(page: Page, names: tuple[str, ...]) -> list[Image]:
    return [page.photo if name == "photo" else page.chart for name in names]


def _resource_key(resource: Resource) -> tuple[str, str, bytes]:
    """A Resource with a file:// URL as the path it names, so spelling doesn't matter."""
    url = resource.url
    if url.startswith("file:"):
        url = str(Path(url2pathname(urlsplit(url).path)).resolve())
    return (url, resource.media_type, resource.data)


def _expected_resources(fmt: Format, page: Page, path: Path) -> set[tuple[str, str, bytes]]:
    expected = set()
    for image in _images(page, fmt.resources):
        if fmt.file_resources:
            url = str((path.with_name(f"{path.stem}_files") / image.name).resolve())
        else:
            url = image.url
        expected.add((url, image.media_type, image.data))
    return expected


def _essentials(page: SavedPage) -> tuple[object, ...]:
    """What must not change when the same save is renamed or gzipped."""
    resources = sorted(_resource_key(r) for r in page.resources)
    return (page.kind, page.url, _instant(page.saved), page.text, resources)


def _no_mojibake(text: str) -> None:
    # UTF-8 read as windows-1252 shows Ã and Â; windows-1251 read as UTF-8 shows U+FFFD;
    # windows-1251 read as windows-1252 shows accented Latin letters instead of Cyrillic.
    for marker in ("\ufffd", "Ã", "Â", "Ð", "Ñ", "ð", "ñ", "à", "è"):
        assert marker not in text, f"mis-decoded text: {marker!r} found"


# --- reading each format ------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_reads_kind_url_and_saved_date(tmp_path: Path, name: str) -> None:
    fmt = FORMATS[name]
    config = _archive(tmp_path)
    path = fmt.save(config.saved_dir, ARTICLE)

    pages = read_saved_pages(path, config.content_dir)

    assert len(pages) == 1
    page = pages[0]
    assert page.kind == fmt.kind
    if fmt.records_url:
        assert page.url == ARTICLE.url
    else:
        assert page.url in (None, ARTICLE.url)  # nothing recorded: never a wrong address
    assert _instant(page.saved) == (SAVED_AT if fmt.records_date else None)
    source = f"saved/{path.name}"
    assert page.source == (f"{source}#{ARTICLE.url}" if fmt.multi_page else source)
    if not fmt.multi_page:
        assert read_saved_page(path, config.content_dir) == page


@pytest.mark.parametrize("name", FORMATS)
def test_images_that_came_with_the_page_are_resources(tmp_path: Path, name: str) -> None:
    fmt = FORMATS[name]
    config = _archive(tmp_path)
    path = fmt.save(config.saved_dir, ARTICLE)

    (page,) = read_saved_pages(path, config.content_dir)

    assert all(r.media_type.startswith("image/") for r in page.resources)
    assert {_resource_key(r) for r in page.resources} == _expected_resources(fmt, ARTICLE, path)


def test_data_uris_stay_in_the_html_for_the_extract_stage(tmp_path: Path) -> None:
    config = _archive(tmp_path)
    for save in (save_singlefile, save_monolith):
        (page,) = read_saved_pages(save(config.saved_dir, ARTICLE), config.content_dir)
        assert ARTICLE.photo.data_uri in page.text
        assert ARTICLE.chart.data_uri in page.text


def test_singlefile_date_in_another_time_zone(tmp_path: Path) -> None:
    config = _archive(tmp_path)
    path = save_singlefile(
        config.saved_dir,
        ARTICLE,
        saved="2024-03-05T11:20:30+01:00",
        tz_name="Central European Standard Time",
    )
    (page,) = read_saved_pages(path, config.content_dir)
    assert _instant(page.saved) == SAVED_AT


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
    config = _archive(tmp_path)
    original = fmt.save(tmp_path / "original", ARTICLE)
    renamed = config.saved_dir / misleading
    renamed.write_bytes(original.read_bytes())

    expected = read_saved_pages(original, tmp_path)
    found = read_saved_pages(renamed, config.content_dir)

    assert [_essentials(page) for page in found] == [_essentials(page) for page in expected]
    if fmt.kind == "html":
        assert found[0].text.lstrip().startswith(("<!DOCTYPE", "<!--"))


@pytest.mark.parametrize("name", GZIPPABLE)
def test_gzip_is_transparent(tmp_path: Path, name: str) -> None:
    fmt = FORMATS[name]
    config = _archive(tmp_path)
    plain = fmt.save(tmp_path / "plain", ARTICLE)
    packed = gzipped(fmt.save(config.saved_dir, ARTICLE))
    assert packed.name.endswith(".gz")

    expected = read_saved_pages(plain, tmp_path)
    found = read_saved_pages(packed, config.content_dir)

    assert [_essentials(page) for page in found] == [_essentials(page) for page in expected]
    source = f"saved/{packed.name}"
    assert found[0].source == (f"{source}#{ARTICLE.url}" if fmt.multi_page else source)


def test_mhtml_part_header_decides_the_charset(tmp_path: Path) -> None:
    config = _archive(tmp_path)
    path = save_mhtml(config.saved_dir, RUSSIAN_ARTICLE)
    assert b"<meta charset" not in quopri.decodestring(path.read_bytes())

    (page,) = read_saved_pages(path, config.content_dir)

    assert page.url == RUSSIAN_ARTICLE.url
    assert RUSSIAN_ARTICLE.headline in page.text
    for phrase in RUSSIAN_ARTICLE.phrases:
        assert phrase in page.text
    _no_mojibake(page.text)


def test_warc_holds_one_page_per_html_200_response(tmp_path: Path) -> None:
    config = _archive(tmp_path)
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
        assert _instant(page.saved) == SAVED_AT
        assert live.phrases[0] in page.text
        keys = {_resource_key(r) for r in page.resources}
        assert (live.photo.url, "image/png", live.photo.data) in keys
        assert all(r.media_type.startswith("image/") for r in page.resources)
    assert all(JSON_URL not in p.url and NOT_FOUND_URL not in p.url for p in pages if p.url)


def test_whole_file_gzip_of_a_warc_reads_like_per_record_gzip(tmp_path: Path) -> None:
    # `gzip crawl.warc` makes one gzip member of the whole file, which warcio refuses
    # ("non-chunked gzip"); people do it anyway.
    config = _archive(tmp_path)
    per_record = save_warc(tmp_path / "a", [ARTICLE], gz=True)
    whole_file = gzipped(save_warc(config.saved_dir, [ARTICLE], gz=False))

    expected = read_saved_pages(per_record, tmp_path)
    found = read_saved_pages(whole_file, config.content_dir)

    assert [_essentials(page) for page in found] == [_essentials(page) for page in expected]


# --- building each format -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Built:
    fmt: Format
    config: SiteConfig
    saved_file: Path
    report: BuildReport
    articles: list[Article]


@pytest.fixture(scope="module", params=list(FORMATS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    fmt = FORMATS[request.param]
    config = _archive(tmp_path_factory.mktemp(request.param))
    saved_file = fmt.save(config.saved_dir, ARTICLE)
    report = pipeline.build(config)
    return Built(
        fmt=fmt, config=config, saved_file=saved_file, report=report, articles=_articles(config)
    )


def test_build_extracts_the_article(built: Built) -> None:
    assert built.report.failed == ()
    (article,) = built.articles
    meta = article.meta
    assert meta.title == ARTICLE.headline
    source = f"saved/{built.saved_file.name}"
    assert meta.source == (f"{source}#{ARTICLE.url}" if built.fmt.multi_page else source)
    if built.fmt.kind == "html":  # a text save holds no address
        assert meta.url == ARTICLE.url
    assert _instant(meta.saved) == (SAVED_AT if built.fmt.records_date else None)
    for phrase in ARTICLE.phrases:
        assert phrase in article.body
    for chrome in ARTICLE.chrome:
        assert chrome not in article.body


def test_build_stores_local_images_once_by_hash(built: Built) -> None:
    (article,) = built.articles
    media_dir = built.config.content_dir / "media"
    site_media = built.config.site_dir / "media"
    local = _images(ARTICLE, built.fmt.local)

    stored = sorted(p.name for p in media_dir.iterdir()) if media_dir.is_dir() else []
    assert stored == sorted(image.media_name for image in local)
    for image in local:
        assert (media_dir / image.media_name).read_bytes() == image.data
        assert (site_media / image.media_name).read_bytes() == image.data
        assert f"](../media/{image.media_name})" in article.body
    page_html = (built.config.site_dir / "articles" / f"{article.stem}.html").read_text("utf-8")
    for image in local:
        assert f'src="../media/{image.media_name}"' in page_html
    if built.fmt.kind == "html":
        for image in ARTICLE.images:
            if image not in local:  # only on the web: the article keeps its address
                assert f"]({image.url})" in article.body
    assert "data:image" not in article.body
    assert "_files/" not in article.body


def test_the_same_image_in_two_saves_is_stored_once(tmp_path: Path) -> None:
    config = _archive(tmp_path)
    save_singlefile(config.saved_dir, ARTICLE)
    save_mhtml(config.saved_dir, ARTICLE)

    report = pipeline.build(config)

    assert report.failed == ()
    assert len(_articles(config)) == 2
    media = sorted(p.name for p in (config.content_dir / "media").iterdir())
    assert media == sorted(image.media_name for image in ARTICLE.images)
    for article in _articles(config):
        assert f"../media/{ARTICLE.photo.media_name}" in article.body


def test_build_of_the_windows_1251_mhtml(tmp_path: Path) -> None:
    config = _archive(tmp_path)
    save_mhtml(config.saved_dir, RUSSIAN_ARTICLE)

    report = pipeline.build(config)

    assert report.failed == ()
    (article,) = _articles(config)
    assert article.meta.title == RUSSIAN_ARTICLE.headline
    assert article.meta.language == "ru"
    for phrase in RUSSIAN_ARTICLE.phrases:
        assert phrase in article.body
    _no_mojibake(article.body)


def test_build_of_a_folder_of_every_format(tmp_path: Path) -> None:
    config = _archive(tmp_path)
    saved = config.saved_dir
    pages = {index: make_page(index) for index in range(1, 12)}
    save_html_only(saved, pages[1])
    save_complete(saved, pages[2], "chrome")
    save_complete(saved, pages[3], "firefox")
    save_singlefile(saved, pages[4])
    save_monolith(saved, pages[5])
    save_mhtml(saved, pages[6])
    save_mhtml(saved, RUSSIAN_ARTICLE)
    save_warc(saved, [pages[7], pages[8]], name="crawl.warc.gz")
    save_text(saved, pages[9])
    gzipped(save_singlefile(saved, pages[10]))
    corrupt_mhtml(saved, pages[11], name="broken.mhtml")
    truncate_warc(save_warc(tmp_path, [pages[11]]), name="truncated.warc.gz").rename(
        saved / "truncated.warc.gz"
    )
    before = file_digests(saved)

    report = pipeline.build(config)

    failed = dict(report.failed)
    assert sorted(failed) == ["broken.mhtml", "truncated.warc.gz"]
    for reason in failed.values():
        assert reason.strip() and "\n" not in reason
    articles = _articles(config)
    expected_titles = [pages[index].headline for index in range(1, 11)]  # 11 is broken
    assert sorted(a.meta.title for a in articles) == sorted(
        [*expected_titles, RUSSIAN_ARTICLE.headline]
    )
    assert report.articles == len(articles) == 11
    assert {a.meta.source for a in articles} >= {
        f"saved/crawl.warc.gz#{pages[7].url}",
        f"saved/crawl.warc.gz#{pages[8].url}",
    }
    local = [
        *[image for i in (2, 3, 4, 5, 6, 10) for image in pages[i].images],
        *RUSSIAN_ARTICLE.images,
        pages[7].photo,
        pages[8].photo,
    ]
    media = sorted(p.name for p in (config.content_dir / "media").iterdir())
    assert media == sorted({image.media_name for image in local})
    assert sorted(p.name for p in (config.site_dir / "media").iterdir()) == media
    assert file_digests(saved) == before  # saved pages are never modified


# --- the helpers save what the tools save -------------------------------------------------


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks.append((kind, body))
        offset += 12 + length
    return chunks


def test_helper_images_are_valid() -> None:
    chunks = _png_chunks(ARTICLE.photo.data)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height = struct.unpack(">II", chunks[0][1][:8])
    rows = zlib.decompress(chunks[1][1])
    assert len(rows) == height * (1 + 3 * width)
    gif = ARTICLE.chart.data
    assert gif.startswith(b"GIF89a") and gif.endswith(b";")
    assert struct.unpack("<HH", gif[6:10]) == (1, 1)
    assert make_page(1).photo.data != ARTICLE.photo.data  # each page has its own images


def test_helper_saves_are_reproducible(tmp_path: Path) -> None:
    for name, fmt in FORMATS.items():
        first = fmt.save(tmp_path / name / "1", ARTICLE)
        second = fmt.save(tmp_path / name / "2", ARTICLE)
        assert first.read_bytes() == second.read_bytes(), name


def test_helper_chrome_marks(tmp_path: Path) -> None:
    only = save_html_only(tmp_path / "only", ARTICLE).read_text("utf-8")
    mark = f"<!-- saved from url=({len(ARTICLE.url):04d}){ARTICLE.url} -->"
    assert only.startswith(f"<!DOCTYPE html>\n{mark}\n<html")
    assert f'src="{ARTICLE.photo.url}"' in only and f'src="{CHART_URL}"' in only

    chrome = save_complete(tmp_path / "chrome", ARTICLE, "chrome")
    text = chrome.read_text("utf-8")
    assert mark in text
    assert f'src="./{chrome.stem}_files/photo.png"' in text
    assert (chrome.with_name(f"{chrome.stem}_files") / "chart.gif").read_bytes() == (
        ARTICLE.chart.data
    )
    firefox = save_complete(tmp_path / "firefox", ARTICLE, "firefox")
    text = firefox.read_text("utf-8")
    assert "saved from" not in text
    assert 'src="Tide%20mill%20at%20Harrowby' in text


def test_helper_singlefile_and_monolith_headers(tmp_path: Path) -> None:
    single = save_singlefile(tmp_path, ARTICLE).read_text("utf-8")
    assert single.startswith(
        '<!DOCTYPE html> <html lang="en"><!--\n Page saved with SingleFile \n'
        f" url: {ARTICLE.url} \n"
        " saved date: Tue Mar 05 2024 10:20:30 GMT+0000 (Coordinated Universal Time)\n-->"
        "\n<head>"
    )
    assert "<script" not in single
    assert single.count("data:image/png;base64,") == 1
    assert single.count("data:image/gif;base64,") == 1

    mono = save_monolith(tmp_path, ARTICLE).read_text("utf-8")
    assert mono.startswith(
        f"<!-- Saved from {ARTICLE.url} at 2024-03-05T10:20:30Z using monolith v2.8.1 -->\n"
        "<!DOCTYPE html>\n"
    )
    assert f'src="{ARTICLE.photo.data_uri}"' in mono


def test_helper_mhtml_is_what_chrome_writes(tmp_path: Path) -> None:
    data = save_mhtml(tmp_path, ARTICLE).read_bytes()
    assert re.search(rb"[^\r]\n", data) is None  # CRLF throughout
    boundary = re.search(rb'boundary="([^"]+)"', data).group(1)  # type: ignore[union-attr]
    for part in data.split(b"--" + boundary)[1:-1]:
        body = part.split(b"\r\n\r\n", 1)[1]  # Blink's 76-column bodies
        assert all(len(line) <= 76 for line in body.split(b"\r\n"))
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert head.startswith(
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {ARTICLE.url}\r\n"
        f"Subject: {ARTICLE.title}\r\n"
        "Date: Tue, 5 Mar 2024 10:20:30 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        '\tboundary="----MultipartBoundary--'
    )
    message = email.message_from_bytes(data, policy=policy.default)
    assert message.get_content_type() == "multipart/related"
    parts = list(message.iter_parts())
    assert [(p.get_content_type(), p["Content-Location"]) for p in parts] == [
        ("text/html", ARTICLE.url),
        ("image/png", ARTICLE.photo.url),
        ("image/gif", CHART_URL),
    ]
    assert parts[0]["Content-Transfer-Encoding"] == "quoted-printable"
    html = parts[0].get_payload(decode=True).decode("utf-8")
    assert f'src="{ARTICLE.photo.url}"' in html
    assert "<script" not in html
    assert b'<html lang=3D"en">' in data
    assert parts[1].get_payload(decode=True) == ARTICLE.photo.data

    russian = email.message_from_bytes(mhtml_bytes(RUSSIAN_ARTICLE), policy=policy.default)
    assert str(russian["Subject"]) == RUSSIAN_ARTICLE.title
    html_part = next(russian.iter_parts())
    assert html_part["Content-Type"] == 'text/html; charset="windows-1251"'
    assert RUSSIAN_ARTICLE.phrases[0] in html_part.get_content()


@given(st.binary(max_size=400).map(lambda b: b.replace(b"\r", b"")))
def test_helper_blink_quoted_printable_round_trips(data: bytes) -> None:
    encoded = blink_quoted_printable(data)
    assert all(len(line) <= 76 for line in encoded.split(b"\r\n"))
    assert all(32 <= byte < 127 or byte in b"\r\n\t" for byte in encoded)
    assert quopri.decodestring(encoded) == data.replace(b"\n", b"\r\n")


def test_helper_warc_records(tmp_path: Path) -> None:
    path = save_warc(tmp_path, [ARTICLE])
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests=True):
            status = record.http_headers.get_statuscode() if record.rec_type == "response" else None
            records.append(
                (record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), status)
            )
            assert record.rec_headers.protocol == "WARC/1.0"
            assert record.rec_headers.get_header("WARC-Date") == "2024-03-05T10:20:30Z"
    assert records == [
        ("warcinfo", None, None),
        ("request", ARTICLE.url, None),
        ("response", ARTICLE.url, "200"),
        ("request", ARTICLE.photo.url, None),
        ("response", ARTICLE.photo.url, "200"),
        ("request", JSON_URL, None),
        ("response", JSON_URL, "200"),
        ("request", NOT_FOUND_URL, None),
        ("response", NOT_FOUND_URL, "404"),
    ]
    truncated = truncate_warc(path)
    assert 0 < truncated.stat().st_size < path.stat().st_size


def test_helper_corrupt_mhtml_has_no_parts(tmp_path: Path) -> None:
    data = corrupt_mhtml(tmp_path).read_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    assert message.get_content_type() == "multipart/related"
    assert not [p for p in message.iter_parts() if p.get_content_type() == "text/html"]
    assert base64.b64encode(ARTICLE.photo.data)[:20] not in data
