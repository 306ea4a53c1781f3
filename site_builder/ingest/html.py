"""HTML saves: browser "HTML only" and "complete" saves, SingleFile and monolith pages.

Each saver leaves its own mark at the top of the file; they tell where the page came from
and, for SingleFile and monolith, when it was saved.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

from site_builder.core.image_types import image_type
from site_builder.core.records import Resource, SavedPage
from site_builder.core.urls import is_web_url
from site_builder.ingest.decode import decode_html
from site_builder.ingest.saved_file import SavedFile

# Internet Explorer and Chrome write this mark so that the saved copy keeps the security
# zone of its origin: <!-- saved from url=(0045)https://... --> where the number is the
# URL's length. It is the most reliable record of where a page came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\s*\d+\s*\)\s*(\S+?)\s*-->", re.I)
# SingleFile: "<!--\n Page saved with SingleFile \n url: URL \n saved date: DATE\n-->"
_SINGLEFILE = re.compile(r"<!--\s*Page saved with SingleFile(.*?)-->", re.S)
_SINGLEFILE_URL = re.compile(r"^\s*url:\s*(\S+)", re.M)
_SINGLEFILE_DATE = re.compile(r"^\s*saved date:\s*(.+?)\s*$", re.M)
# JavaScript's Date.toString(), which SingleFile writes: "Tue Mar 05 2024 10:20:30 GMT+0000"
_JS_DATE = re.compile(
    r"(?:\w{3}\s+)?(\w{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT([+-]\d{4})"
)
# monolith: "<!-- Saved from URL at 2024-03-05T10:20:30Z using monolith v2.8.1 -->"
_MONOLITH = re.compile(r"<!--\s*Saved from (\S+) at (\S+) using monolith\b[^>]*-->")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# The marks sit in the first lines; looking further would find quoted marks in articles.
_MARK_SEARCH_CHARS = 4096
# A "complete" save's folder holds scripts and styles too; we keep only its images, and
# stop at a size no article's images reach.
_FILES_FOLDER_MAX_BYTES = 200 * 1024 * 1024


def read_html(saved: SavedFile) -> list[SavedPage]:
    text = decode_html(saved.data)
    head = text[:_MARK_SEARCH_CHARS]
    url, saved_at = _singlefile_mark(head) or _monolith_mark(head) or (_saved_from(head), None)
    images = _files_folder_images(saved.path)
    return [saved.page("html", text, url=url, saved=saved_at, resources=images)]


def _saved_from(head: str) -> str | None:
    match = _SAVED_FROM.search(head)
    return match.group(1) if match and is_web_url(match.group(1)) else None


def _singlefile_mark(head: str) -> tuple[str | None, str | None] | None:
    match = _SINGLEFILE.search(head)
    if match is None:
        return None
    url = _SINGLEFILE_URL.search(match.group(1))
    date = _SINGLEFILE_DATE.search(match.group(1))
    return (
        url.group(1) if url and is_web_url(url.group(1)) else None,
        _js_date(date.group(1)) if date else None,
    )


def _monolith_mark(head: str) -> tuple[str | None, str | None] | None:
    match = _MONOLITH.search(head)
    if match is None:
        return None
    url = match.group(1) if is_web_url(match.group(1)) else None
    try:
        when = dt.datetime.fromisoformat(match.group(2).replace("Z", "+00:00"))
    except ValueError:
        return url, None
    return url, when.isoformat()


def _js_date(text: str) -> str | None:
    match = _JS_DATE.search(text)
    if match is None:
        return None
    month = _MONTHS.get(match.group(1).lower())
    if month is None:
        return None
    offset = match.group(7)
    zone = dt.timezone(
        (1 if offset[0] == "+" else -1)
        * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5]))
    )
    try:
        when = dt.datetime(
            int(match.group(3)),
            month,
            int(match.group(2)),
            int(match.group(4)),
            int(match.group(5)),
            int(match.group(6)),
            tzinfo=zone,
        )
    except ValueError:
        return None
    return when.isoformat()


def _files_folder_images(page: Path) -> tuple[Resource, ...]:
    """Images in the `NAME_files/` folder a browser's "complete" save puts beside the page."""
    folder = page.with_name(f"{_html_stem(page.name)}_files")
    if not folder.is_dir() or folder.is_symlink():
        return ()
    found: list[Resource] = []
    budget = _FILES_FOLDER_MAX_BYTES
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue  # never follow a link out of the saved folder
        size = path.stat().st_size
        if size > budget:
            break
        data = path.read_bytes()
        media_type = image_type(data)
        if media_type is None:
            continue
        budget -= size
        found.append(
            Resource(url=unquote(path.resolve().as_uri()), media_type=media_type, data=data)
        )
    return tuple(found)


def _html_stem(name: str) -> str:
    for suffix in (".html", ".htm", ".xhtml", ".shtml"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name.rsplit(".", 1)[0]
