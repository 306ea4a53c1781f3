"""Save one article page the way real tools do, for the format tests.

Each `save_*` function writes a page to a folder in the layout and byte format of one tool:
Chrome and Firefox "Save Page As", SingleFile, monolith, Chrome's MHTML, a WARC crawl and
Firefox's "Save Page As: Text". The marks each tool leaves (the "saved from" comment, the
SingleFile header, MHTML headers, WARC headers) follow the tools' own source code:

- Chrome "saved from": `<!-- saved from url=(NNNN)URL -->`, NNNN the URL's length.
- SingleFile (single-file-core): a comment made the first child of <html>, after a
  doctype serialised as `<!DOCTYPE html> `, holding "Page saved with SingleFile", the URL
  and the JavaScript `Date.toString()` of the save.
- monolith (src/html.rs, create_metadata_tag): `<!-- Saved from URL at DATE using monolith
  vX -->`, DATE RFC 3339 to the second, prepended to the whole document with a newline.
- Chrome MHTML (blink mhtml_archive.cc): header order, tab-folded Content-Type, Blink's
  quoted-printable (76 columns, CRLF) and base64 in 76-column lines.

Everything is deterministic: dates come from arguments, identifiers from hashes.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import re
import struct
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from string import Template
from typing import Literal
from urllib.parse import quote, urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Re-exported for callers of this module; the serialiser itself lives in tests/textsave.py.
from .textsave import text_save as text_save

DEFAULT_SAVED = "2024-03-05T10:20:30.000Z"
MONOLITH_VERSION = "2.8.1"
CHART_URL = "https://cdn.example.org/img/chart.gif"

# --- Images -------------------------------------------------------------------------------


def png_bytes(rgb: tuple[int, int, int], size: int = 2) -> bytes:
    """A valid size x size RGB PNG of one colour."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))  # filter 0 per row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def gif_bytes(rgb: tuple[int, int, int]) -> bytes:
    """A valid 1x1 GIF89a whose one pixel has the given colour."""
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0)  # global colour table of 2 entries
        + bytes(rgb)
        + b"\x00\x00\x00"
        + b","
        + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        + b"\x02\x02\x44\x01\x00"  # LZW: min code size 2; clear, index 0, end
        + b";"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Image:
    """An image of the live page."""

    src: str  # the src attribute as the live page wrote it
    url: str  # absolute URL
    name: str  # file name a browser gives it in Title_files/
    media_type: str
    data: bytes

    @property
    def ext(self) -> str:
        return self.media_type.split("/")[1]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def media_name(self) -> str:
        """How the archive stores it: content/media/<sha256>.<ext>."""
        return f"{self.sha256}.{self.ext}"

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


# --- The page -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One article page as served by its site, and what extraction must find in it."""

    url: str
    title: str  # <title>
    headline: str  # <h1> and og:title
    published: str  # ISO 8601, article:published_time
    html: str  # the live markup
    charset: str  # how the site encodes it
    photo: Image  # the figure's image, relative src in the live page
    chart: Image  # the second image, on a CDN
    phrases: tuple[str, ...]  # article text that extraction must keep
    chrome: tuple[str, ...]  # nav, footer and aside text that extraction must drop

    @property
    def images(self) -> tuple[Image, Image]:
        return (self.photo, self.chart)

    def encoded(self, html: str | None = None) -> bytes:
        return (self.html if html is None else html).encode(self.charset)


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
PLACES = ("Harrowby", "Quenby", "Wexmoor", "Ashcombe", "Kilnsea", "Dunmarrow", "Pellworth",
          "Orsett", "Tollerby", "Skelmore", "Bransdale", "Ferriby")  # fmt: skip
# Scripts and inline data that a browser never shows as text.
_SCRIPT_TEXT = ("trackPageView", "dataLayer")


def make_page(index: int = 0) -> Page:
    """An English article page; each index gives a different place, URL, date and images.

    The markup is tests/fixtures/formats/tide-mill.html: a masthead with a nav menu, the
    article (an h1, a standfirst, a byline, five paragraphs, a figure with a relative
    images/photo.png and a figure with a CDN chart.gif), a "most read" aside and a footer.
    """
    place = PLACES[index % len(PLACES)]
    return _page(
        "tide-mill.html",
        place=place,
        url=f"https://news.example.org/2024/03/{place.lower()}-tide-mill/",
        published=f"2024-03-{1 + index % 28:02d}T08:00:00Z",
        charset="utf-8",
        colour=(40 + 17 * index % 200, 90, 160 - 11 * index % 150),
        headline=f"Tide mill at {place} Creek grinds its first flour in ninety years",
        site="The Estuary Ledger",
        phrases=(
            f"{place} millwright guild",
            "hornbeam cogs",
            "grinding timetable that shifts by roughly fifty minutes",
            "honest advertisement for tidal power",
            "medieval predecessor beneath the wheel pit",
            "machines want to work",
            f"The oak waterwheel at {place} Creek turning on the ebb tide.",  # the caption
        ),
        chrome=("Subscribe to the Ledger", "Ferry timetable cut", "Estuary Ledger Press"),
    )


def make_russian_page() -> Page:
    """A Cyrillic article served as windows-1251 with no <meta charset>: only the transport
    (an HTTP header, or an MHTML part header) says how to decode it."""
    return _page(
        "tide-mill-ru.html",
        place="Харроуби",
        url="https://ru.example.org/2024/03/harrowby-melnitsa/",
        published="2024-03-02T08:00:00Z",
        charset="windows-1251",
        colour=(200, 60, 30),
        headline="Приливная мельница в Харроуби впервые за девяносто лет смолола муку",
        site="Вестник эстуария",
        phrases=(
            "гильдия мельников Харроуби",
            "грабовые зубья шестерён",
            "расписание помола",
            "машины хотят работать",
        ),
        chrome=("Подписаться на Вестник", "паром сокращает", "Издательство"),
    )


def _page(
    template: str,
    *,
    place: str,
    url: str,
    published: str,
    charset: str,
    colour: tuple[int, int, int],
    headline: str,
    site: str,
    phrases: tuple[str, ...],
    chrome: tuple[str, ...],
) -> Page:
    photo = Image(
        src="images/photo.png",
        url=urljoin(url, "images/photo.png"),
        name="photo.png",
        media_type="image/png",
        data=png_bytes(colour),
    )
    chart = Image(
        src=CHART_URL,
        url=CHART_URL,
        name="chart.gif",
        media_type="image/gif",
        data=gif_bytes((255 - colour[0], 255 - colour[1], 255 - colour[2])),
    )
    html = Template((FIXTURES / template).read_text(encoding="utf-8")).substitute(
        place=place, url=url, published=published, date=published[:10], photo_url=photo.url
    )
    assert f"<h1>{headline}</h1>" in html and f'src="{photo.src}"' in html
    assert f'src="{chart.src}"' in html
    return Page(
        url=url,
        title=f"{headline} | {site}",
        headline=headline,
        published=published,
        html=html,
        charset=charset,
        photo=photo,
        chart=chart,
        phrases=phrases,
        chrome=(*chrome, *_SCRIPT_TEXT),
    )


ARTICLE = make_page(0)
RUSSIAN_ARTICLE = make_russian_page()


# --- Small markup edits, as the savers' serialisers make them ------------------------------


def _with_srcs(html: str, srcs: dict[str, str]) -> str:
    for old, new in srcs.items():
        html = html.replace(f'src="{old}"', f'src="{new}"')
    return html


def _without_scripts(html: str) -> str:
    return re.sub(r"\s*<script\b.*?</script>", "", html, flags=re.S)


def _after_head(html: str, markup: str) -> str:
    return html.replace("<head>", f"<head>{markup}", 1)


def _saved_from_mark(url: str) -> str:
    return f"<!-- saved from url=({len(url):04d}){url} -->"


def _with_saved_from(html: str, url: str) -> str:
    # Chrome puts the mark on its own line between the doctype and <html>.
    return html.replace("<!DOCTYPE html>\n", f"<!DOCTYPE html>\n{_saved_from_mark(url)}\n", 1)


_CHROME_META = '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|]')


def file_title(page: Page) -> str:
    """The title as browsers put it in a file name: | and the like become _."""
    return _UNSAFE_FILENAME.sub("_", page.title)


def _parse_saved(saved: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(saved)
    if when.tzinfo is None:
        raise ValueError(f"saved date needs a time zone: {saved!r}")
    return when


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- Browser "Save Page As" ----------------------------------------------------------------


def save_html_only(folder: Path, page: Page = ARTICLE, *, name: str | None = None) -> Path:
    """Chrome "Webpage, HTML only": the saved-from mark, images left on the web."""
    html = _with_srcs(page.html, {image.src: image.url for image in page.images})
    html = _with_saved_from(html, page.url)
    return _write(folder / (name or f"{file_title(page)}.html"), page.encoded(html))


def save_complete(
    folder: Path,
    page: Page = ARTICLE,
    flavour: Literal["chrome", "firefox"] = "chrome",
    *,
    name: str | None = None,
) -> Path:
    """ "Webpage, complete": Title.html and Title_files/ holding every image.

    Chrome writes `./Title_files/x.png` with the name as is, the saved-from mark and its
    own Content-Type <meta>; Firefox writes `Title_files/x.png` percent-encoded and no mark.
    """
    path = folder / (name or f"{file_title(page)}.html")
    files = path.with_name(f"{path.stem}_files")
    files.mkdir(parents=True, exist_ok=True)
    srcs = {}
    for image in page.images:
        (files / image.name).write_bytes(image.data)
        if flavour == "chrome":
            srcs[image.src] = f"./{files.name}/{image.name}"
        else:
            srcs[image.src] = quote(f"{files.name}/{image.name}")
    html = _with_srcs(page.html, srcs)
    if flavour == "chrome":
        html = _with_saved_from(_after_head(html, _CHROME_META), page.url)
    return _write(path, page.encoded(html))


# --- Single-file savers --------------------------------------------------------------------


def save_singlefile(
    folder: Path,
    page: Page = ARTICLE,
    saved: str = DEFAULT_SAVED,
    *,
    tz_name: str = "Coordinated Universal Time",
    name: str | None = None,
) -> Path:
    """SingleFile: its header comment as the first child of <html>, images as data: URIs,
    scripts removed, saved as "Title (M_D_YYYY H_MM_SS AM).html"."""
    when = _parse_saved(saved)
    offset = when.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    js_date = (
        f"{_DAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when.day:02d} {when.year} "
        f"{when:%H:%M:%S} GMT{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d} "
        f"({tz_name})"
    )
    comment = f"<!--\n Page saved with SingleFile \n url: {page.url} \n saved date: {js_date}\n-->"
    html = _without_scripts(_with_srcs(page.html, {i.src: i.data_uri for i in page.images}))
    # single-file-core serialises the doctype as "<!DOCTYPE html> " and then <html>'s
    # outerHTML, whose first child is the comment.
    _, rest = html.split("<html", 1)
    tag_end = rest.index(">") + 1
    html = f"<!DOCTYPE html> <html{rest[:tag_end]}{comment}{rest[tag_end:]}"
    hour = when.hour % 12 or 12
    meridiem = "AM" if when.hour < 12 else "PM"
    default = (
        f"{file_title(page)} ({when.month}_{when.day}_{when.year} "
        f"{hour}_{when:%M_%S} {meridiem}).html"
    )
    return _write(folder / (name or default), html.encode("utf-8"))


def save_monolith(
    folder: Path, page: Page = ARTICLE, saved: str = DEFAULT_SAVED, *, name: str | None = None
) -> Path:
    """monolith: `<!-- Saved from URL at DATE using monolith vX -->` and a newline before
    the document, every asset inlined as a data: URI."""
    when = _parse_saved(saved).astimezone(dt.UTC)
    comment = (
        f"<!-- Saved from {page.url} at {when:%Y-%m-%dT%H:%M:%SZ} "
        f"using monolith v{MONOLITH_VERSION} -->"
    )
    html = _with_srcs(page.html, {image.src: image.data_uri for image in page.images})
    slug = urlsplit(page.url).path.strip("/").rsplit("/", 1)[-1]
    return _write(folder / (name or f"{slug}.html"), f"{comment}\n{html}".encode())


# --- MHTML ---------------------------------------------------------------------------------

# Blink's kMaximumLineLength for quoted-printable and base64 bodies.
_MHTML_LINE = 76


def blink_quoted_printable(data: bytes, *, line_length: int = _MHTML_LINE) -> bytes:
    """Blink's QuotedPrintableEncode: CRLF line ends, uppercase =XX, "=" soft breaks that
    keep every line within line_length, trailing blanks encoded."""
    out = bytearray()
    column = 0
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == 0x0A or (byte == 0x0D and data[i + 1 : i + 2] == b"\n"):
            out += b"\r\n"
            column = 0
            i += 2 if byte == 0x0D else 1
            continue
        encode = (byte < 0x20 or byte > 0x7E or byte == 0x3D) and byte != 0x09
        if byte in (0x09, 0x20):
            following = data[i + 1 : i + 3]
            encode = i + 1 == len(data) or following[:1] == b"\n" or following == b"\r\n"
        width = (3 if encode else 1) + 1  # and room for the soft break's "="
        if column + width > line_length:
            out += b"=\r\n"
            column = 0
        if encode:
            out += b"=%02X" % byte
            column += 3
        else:
            out.append(byte)
            column += 1
        i += 1
    return bytes(out)


def _base64_lines(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    lines = [encoded[i : i + _MHTML_LINE] for i in range(0, len(encoded), _MHTML_LINE)]
    return b"".join(line + b"\r\n" for line in lines or [b""])


def _mhtml_subject(title: str) -> str:
    """Blink's ConvertToPrintableCharacters: ASCII as is, else RFC 2047 Q encoded words."""
    if title.isascii() and title.isprintable():
        return title
    encoded = blink_quoted_printable(title.encode("utf-8"), line_length=10**6).decode("ascii")
    encoded = encoded.replace(" ", "=20").replace("?", "=3F").replace("_", "=5F")
    words, current = [], ""
    for token in re.findall(r"=[0-9A-F]{2}|.", encoded):
        if len(current) + len(token) > 75 - len("=?utf-8?Q??="):
            words.append(current)
            current = ""
        current += token
    words.append(current)
    return "\r\n ".join(f"=?utf-8?Q?{word}?=" for word in words)


def _token(seed: str, length: int, alphabet: str) -> str:
    digest = hashlib.sha512(seed.encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:length])


_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def mhtml_bytes(page: Page, saved: str = DEFAULT_SAVED) -> bytes:
    """A page as Chrome's "Webpage, single file" writes it."""
    when = _parse_saved(saved).astimezone(dt.UTC)
    date = (
        f"{_DAYS[when.weekday()]}, {when.day} {_MONTHS[when.month - 1]} {when.year} "
        f"{when:%H:%M:%S} -0000"
    )
    boundary = f"----MultipartBoundary--{_token(page.url, 42, _ALNUM)}----"
    frame_id = _token(page.url + "#frame", 32, "0123456789ABCDEF")
    html = _without_scripts(_with_srcs(page.html, {i.src: i.url for i in page.images}))
    if page.charset.lower() == "utf-8":
        html = _after_head(html, _CHROME_META)
        html_type = "text/html"
    else:
        html_type = f'text/html; charset="{page.charset}"'

    out = bytearray()
    out += (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {page.url}\r\n"
        f"Subject: {_mhtml_subject(page.title)}\r\n"
        f"Date: {date}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        '\ttype="text/html";\r\n'
        f'\tboundary="{boundary}"\r\n'
        "\r\n"
        "\r\n"
    ).encode("ascii")
    out += (
        f"--{boundary}\r\n"
        f"Content-Type: {html_type}\r\n"
        f"Content-ID: <frame-{frame_id}@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {page.url}\r\n"
        "\r\n"
    ).encode("ascii")
    out += blink_quoted_printable(page.encoded(html)) + b"\r\n"
    for image in page.images:
        out += (
            f"--{boundary}\r\n"
            f"Content-Type: {image.media_type}\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            f"Content-Location: {image.url}\r\n"
            "\r\n"
        ).encode("ascii")
        out += _base64_lines(image.data)
    out += f"--{boundary}--\r\n".encode("ascii")
    return bytes(out)


def save_mhtml(
    folder: Path, page: Page = ARTICLE, saved: str = DEFAULT_SAVED, *, name: str | None = None
) -> Path:
    """Chrome MHTML: the HTML part in quoted-printable (charset in its Content-Type when the
    page is not UTF-8), every image as a base64 part named by its absolute URL."""
    return _write(folder / (name or f"{file_title(page)}.mhtml"), mhtml_bytes(page, saved))


def corrupt_mhtml(folder: Path, page: Page = ARTICLE, name: str = "broken.mhtml") -> Path:
    """An MHTML whose parts are lost: the headers promise a boundary that never comes."""
    data = mhtml_bytes(page)
    first_part = data.index(b"\r\n------MultipartBoundary")
    return _write(folder / name, data[:first_part] + b"\r\n\x00\x17garbled\xff\xfe\r\n")


# --- WARC ----------------------------------------------------------------------------------

NOT_FOUND_URL = "https://news.example.org/2024/03/moved-away/"
JSON_URL = "https://news.example.org/api/comments.json?article=42"


def _record_id(uri: str, kind: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind} {uri}')}>"


def _warc_date(saved: str) -> str:
    return f"{_parse_saved(saved).astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ}"


def save_warc(
    folder: Path,
    pages: Sequence[Page] = (ARTICLE,),
    gz: bool = True,
    *,
    saved: str = DEFAULT_SAVED,
    name: str | None = None,
) -> Path:
    """A WARC 1.0 crawl: warcinfo; per page a request and a 200 text/html response and the
    photo's image/png response (the CDN chart was not captured); then a JSON response and a
    404 HTML page, both of which a reader must skip."""
    date = _warc_date(saved)
    path = folder / (name or ("crawl.warc.gz" if gz else "crawl.warc"))
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=gz, warc_version="1.0")

    info = b"software: site_builder tests\r\nformat: WARC File Format 1.0\r\n"
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": _record_id(path.name, "warcinfo"),
                "WARC-Date": date,
                "WARC-Filename": path.name,
            },
        )
    )

    def exchange(url: str, status: str, media_type: str, body: bytes) -> None:
        response_id = _record_id(url, "response")
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            url,
            "request",
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1",
                [
                    ("Host", parts.netloc),
                    ("User-Agent", "Mozilla/5.0 (compatible; archiver/1.0)"),
                    ("Accept", "*/*"),
                ],
                is_http_request=True,
            ),
            warc_headers_dict={
                "WARC-Record-ID": _record_id(url, "request"),
                "WARC-Date": date,
                "WARC-Concurrent-To": response_id,
            },
        )
        response = writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(
                status,
                [
                    ("Content-Type", media_type),
                    ("Content-Length", str(len(body))),
                    ("Date", "Tue, 05 Mar 2024 10:20:30 GMT"),
                ],
                protocol="HTTP/1.1",
            ),
            warc_headers_dict={
                "WARC-Record-ID": response_id,
                "WARC-Date": date,
                "WARC-IP-Address": "192.0.2.10",
            },
        )
        writer.write_record(request)
        writer.write_record(response)

    for page in pages:
        media_type = f"text/html; charset={page.charset}"
        exchange(page.url, "200 OK", media_type, page.encoded())
        exchange(page.photo.url, "200 OK", page.photo.media_type, page.photo.data)
    exchange(JSON_URL, "200 OK", "application/json", b'{"comments": [], "count": 0}')
    missing = (
        b"<!DOCTYPE html><html><head><title>Page not found</title></head><body>"
        b"<h1>Page not found</h1><p>Sorry, the page you asked for has moved or never "
        b"existed. Try the search box above or go back to the front page.</p></body></html>"
    )
    exchange(NOT_FOUND_URL, "404 Not Found", "text/html; charset=utf-8", missing)
    return _write(path, buffer.getvalue())


def truncate_warc(path: Path, name: str | None = None) -> Path:
    """A copy of a WARC cut off halfway through its first HTML response record."""
    data = path.read_bytes()
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type == "response" and "html" in (
                record.http_headers.get_header("Content-Type") or ""
            ):
                start = records.get_record_offset()
                records.read_to_end()
                cut = start + records.get_record_length() // 2
                break
        else:
            raise ValueError(f"{path} holds no HTML response")
    return _write(path.with_name(name or f"truncated-{path.name}"), data[:cut])


# --- gzip ----------------------------------------------------------------------------------


def gzipped(path: Path, *, keep: bool = False) -> Path:
    """path.gz next to path (X.html -> X.html.gz), reproducibly; the original is removed
    unless keep."""
    target = path.with_name(f"{path.name}.gz")
    target.write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    if not keep:
        path.unlink()
    return target


# --- Text ----------------------------------------------------------------------------------


def save_text(folder: Path, page: Page = ARTICLE, *, name: str | None = None) -> Path:
    """Firefox "Save Page As: Text Files": the rendered text, UTF-8, LF line ends."""
    return _write(folder / (name or f"{file_title(page)}.txt"), text_save(page.html).encode())
