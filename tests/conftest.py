"""Shared fixtures: small archives laid out like a user's, in a temporary folder."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from site_builder.core.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_TEXT = FIXTURES / "putin-belarus-tbs.txt"
SAMPLE_SAVED = REPO / "content" / "saved"

SMALL_HTML = """<!DOCTYPE html>
<!-- saved from url=(0044)https://www.example.org/2021/03/quiet-harbour -->
<html lang="en"><head><meta charset="utf-8">
<title>Quiet harbour reopens after storm | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-03-04T09:30:00Z">
<meta property="article:tag" content="Harbours">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<article>
<h1>Quiet harbour reopens after storm</h1>
<p>The harbour at Easthaven reopened on Thursday after a week of repairs to the sea wall,
which was breached during the storm that struck the coast on the night of February 24.</p>
<p>Fishing boats returned to their moorings before dawn, and the harbour master said the
first catch of sardines had already been landed by mid-morning, to cheers from the quay.</p>
<h2>Repairs ahead of schedule</h2>
<p>Engineers worked in shifts through the night to rebuild the damaged section, using granite
blocks salvaged from the old lighthouse pier.
<a href="/2021/02/storm">Read our storm coverage</a>.</p>
<p>The council said the final bill would be lower than feared, because the salvaged stone
meant far less new material had to be shipped in from the quarry at Penrith.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/x">Mayor resigns over parking row</a></li></ul></aside>
<footer>Copyright 2021 Example Gazette. All rights reserved.</footer>
<script>trackPageView("quiet-harbour");</script>
</body></html>
"""


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under folder, by its path relative to folder, with its sha256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_archive(root: Path, *, pages: dict[str, str | bytes] | None = None) -> SiteConfig:
    """A content/ folder with the seed text save and a small HTML save, plus site.toml."""
    saved = root / "content" / "saved"
    saved.mkdir(parents=True)
    shutil.copyfile(SEED_TEXT, saved / "putin-belarus-tbs.txt")
    (saved / "Quiet harbour reopens after storm _ Example Gazette.html").write_text(
        SMALL_HTML, encoding="utf-8"
    )
    for name, data in (pages or {}).items():
        target = saved / name
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    (root / "site.toml").write_text('title = "Test Archive"\n', encoding="utf-8")
    return load_config(root / "site.toml")


@pytest.fixture
def archive(tmp_path: Path) -> SiteConfig:
    return make_archive(tmp_path)
