"""Pelican on the same Markdown bodies our build wrote, for the render-stage comparison.

Our front matter is YAML; Pelican's Markdown reader wants `Key: value` lines, so each
article is copied with its metadata rewritten (title, date, site as category, tags,
author, slug) and its body untouched. Only the `pelican` run is timed. The config is
minimal and uses the theme Pelican ships, so nothing is downloaded; like our site it
writes article pages, paginated indexes, tag, category (site), author and year pages
and one Atom feed.
"""

from __future__ import annotations

import importlib.util
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

PELICANCONF = """\
AUTHOR = "bench"
SITENAME = "Benchmark archive"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 50
RELATIVE_URLS = True
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
DELETE_OUTPUT_DIRECTORY = True
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
YEAR_ARCHIVE_SAVE_AS = "posts/{date:%Y}/index.html"
"""


def available() -> bool:
    return importlib.util.find_spec("pelican") is not None


def prepare(articles_dir: Path, workdir: Path) -> int:
    """Write Pelican's content/ and pelicanconf.py under workdir; returns the article count."""
    if workdir.exists():
        shutil.rmtree(workdir)
    content = workdir / "content"
    content.mkdir(parents=True)
    (workdir / "pelicanconf.py").write_text(PELICANCONF, encoding="utf-8")
    count = 0
    for path in sorted(articles_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        lines = [f"Title: {_one_line(meta['title'])}", f"Slug: {path.stem}"]
        if meta.get("published"):
            lines.append(f"Date: {str(meta['published'])[:16].replace('T', ' ')}")
        else:
            lines.append("Date: 2000-01-01 00:00")
        if meta.get("site_name"):
            lines.append(f"Category: {_one_line(meta['site_name'])}")
        if meta.get("author"):
            lines.append(f"Author: {_one_line(meta['author'])}")
        if meta.get("tags"):
            lines.append("Tags: " + ", ".join(_one_line(t) for t in meta["tags"]))
        (content / path.name).write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
        count += 1
    return count


def run(workdir: Path) -> dict[str, float]:
    """Time `pelican content -o out -s pelicanconf.py`; wall and CPU seconds."""
    command = [
        str(Path(sys.executable).with_name("pelican")),
        "content",
        "-o",
        "out",
        "-s",
        "pelicanconf.py",
        "--quiet",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=workdir, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    pages = sum(1 for _ in (workdir / "out").rglob("*.html"))
    return {"wall": wall, "cpu": cpu, "html_files": pages}


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
