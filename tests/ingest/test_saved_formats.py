"""The helpers in tests/saved_formats.py save what the tools save."""

from __future__ import annotations

import base64
import email
import quopri
import re
import struct
import zlib
from email import policy
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from tests.ingest.format_cases import FORMATS
from tests.saved_formats import (
    ARTICLE,
    CHART_URL,
    JSON_URL,
    NOT_FOUND_URL,
    RUSSIAN_ARTICLE,
    blink_quoted_printable,
    corrupt_mhtml,
    make_page,
    mhtml_bytes,
    save_complete,
    save_html_only,
    save_mhtml,
    save_monolith,
    save_singlefile,
    save_warc,
    truncate_warc,
)


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
