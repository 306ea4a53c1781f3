"""Exports built in each service's documented format, for the import tests."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

PARAGRAPH = (
    "<p>The harbour wall held through the night, and by morning the fishing boats were "
    "back at their moorings. Engineers said the repairs made after the last storm had "
    "done exactly what they were meant to do, and the town council thanked the crews who "
    "worked through the weekend to finish them before the tide turned.</p>"
)


def body(words: str) -> str:
    return f"<h2>{words}</h2>" + PARAGRAPH * 4


WALLABAG_ENTRIES = [
    {
        "id": 11,
        "title": "Quiet harbour reopens",
        "url": "https://news.example.org/harbour?utm_source=feed",
        "given_url": "https://news.example.org/harbour",
        "content": body("Harbour") + "<script>alert(1)</script>",
        "tags": ["Coast", "storms"],
        "is_archived": 1,
        "is_starred": 1,
        "created_at": "2024-05-01T10:00:00+0200",
        "published_at": "2024-04-30T08:00:00+0000",
        "published_by": ["Ada Byron"],
        "reading_time": 2,
        "preview_picture": None,
        "language": "en",
        "annotations": [
            {
                "quote": "the fishing boats were back",
                "text": "*Good* news",
                "ranges": [],
                "created_at": "2024-05-02T09:00:00+0200",
            }
        ],
    },
    {
        "id": 12,
        "title": "Zürich: Die Flut «stieg» – 東京",
        "url": "https://blog.example.net/flut",
        "content": body("Flut"),
        "tags": [],
        "is_archived": 0,
        "is_starred": 0,
        "created_at": "2024-06-03T12:00:00+0000",
        "annotations": [],
    },
    {"id": 13, "title": "Broken: no address", "content": body("x"), "tags": ["x"]},
]


def wallabag_export(folder: Path, entries: list[dict[str, object]] | None = None) -> Path:
    path = folder / "wallabag-export.json"
    path.write_text(json.dumps(entries or WALLABAG_ENTRIES, ensure_ascii=False), "utf-8")
    return path


OMNIVORE_ITEMS = [
    {
        "id": "a1",
        "slug": "storm-report",
        "title": "Storm report",
        "description": "What the storm did",
        "author": "Mary Somerville",
        "url": "https://storms.example.com/report",
        "state": "Archived",
        "readingProgress": 100,
        "labels": ["weather", "Coast"],
        "savedAt": "2024-03-05T10:00:00.000Z",
        "publishedAt": "2024-03-01T00:00:00.000Z",
    },
    {
        "id": "a2",
        "slug": "cafe-naive",
        "title": "Café naïve",
        "description": "",
        "author": None,
        "url": "https://cafe.example.com/naive",
        "state": "Succeeded",
        "readingProgress": 0,
        "labels": [],
        "savedAt": "2024-03-06T10:00:00.000Z",
        "publishedAt": None,
    },
    {
        "id": "a3",
        "slug": "missing-content",
        "title": "Missing",
        "url": "https://missing.example.com/",
        "labels": [],
        "savedAt": "2024-03-07T10:00:00.000Z",
    },
]
OMNIVORE_HIGHLIGHTS = (
    "> the repairs made after the last storm [⤴️](https://omnivore.app/me/storm-report#h1)\n\n"
    "They *held*.\n\n"
    "> the town council thanked the crews [⤴️](https://omnivore.app/me/storm-report#h2)\n"
)


def _zip(path: Path, members: dict[str, str]) -> Path:
    """A ZIP of members whose bytes are the same every time: the members carry a fixed
    date, not the time of writing, so an export written twice is the same export."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 5, 1, 0, 0, 0)), text)
    return path


def omnivore_export(folder: Path) -> Path:
    return _zip(
        folder / "omnivore.zip",
        {
            "metadata_0_to_3.json": json.dumps(OMNIVORE_ITEMS, ensure_ascii=False),
            "content/storm-report.html": f"<div>{body('Storm')}</div>",
            "content/cafe-naive.html": f"<div>{body('Café')}</div>",
            "highlights/storm-report.md": OMNIVORE_HIGHLIGHTS,
        },
    )


def pocket_export(folder: Path) -> Path:
    rows = io.StringIO()
    rows.write("title,url,time_added,tags,status\n")
    rows.write(
        "Quiet harbour,https://www.news.example.org/harbour/,1714550400,coast|saved,archive\n"
    )
    rows.write('"Später, lesen",https://later.example.org/ä,1714636800,später,unread\n')
    rows.write("No address,not-a-url,1714636800,,unread\n")
    annotations = [
        {
            "url": "https://www.news.example.org/harbour/",
            "title": "Quiet harbour",
            "highlights": [{"quote": "the harbour wall held", "created_at": 1714560000}],
        }
    ]
    return _zip(
        folder / "pocket.zip",
        {
            "part_000000.csv": rows.getvalue(),
            "annotations/part_000000.json": json.dumps(annotations),
        },
    )


BOOKMARKS = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3>Reading</H3>
    <DL><p>
        <DT><A HREF="http://news.example.org/harbour#top" ADD_DATE="1714550400"
               TAGS="boats,Coast">Harbour</A>
        <DT><A HREF="https://unsaved.example.org/naïve" ADD_DATE="1714636800"
               TAGS="später">Naïve &amp; später</A>
        <DT><A HREF="javascript:alert(1)">Bad</A>
    </DL><p>
</DL><p>
"""


def bookmarks_export(folder: Path) -> Path:
    path = folder / "bookmarks.html"
    path.write_text(BOOKMARKS, encoding="utf-8")
    return path
