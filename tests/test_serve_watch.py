"""`site-builder serve --watch` end to end: the real command, a real archive, chromium.

The command runs as a user runs it, in its own process, in a copy of part of the sample
archive; the test changes the archive's files as the user would and watches what the
server sends and what an open page shows.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from site_builder.build import pipeline
from site_builder.core import config
from site_builder.live_reload import BANNER_ID, STATUS_PATH
from tests.test_browser import CHROMIUM_ARGS, SAMPLE_SAVED, require_chromium

pytestmark = pytest.mark.browser

# The issue asks for a one-article change to show within about two seconds; a loaded
# test machine gets more, and a pass still takes only as long as the rebuild.
WAIT_SECONDS = 20
STARTED = "Serving "
FIRST_PAGES = (
    "Harbour bridge repairs to close Quay Street for six weeks _ The Harbour Times.htm",
    "putin-belarus-tbs.txt",
)
ADDED_PAGE = "Watching files in Python_ debouncing without losing events _ TinkerLab.html"
ADDED_URL = "articles/2023-09-18-watching-files-in-python-debouncing-without-losing-events.html"
EDITED_STEM = "2021-05-14-harbour-bridge-repairs-to-close-quay-street-for-six-weeks"
EDIT = "A sentence added while the preview was watching."
BROKEN_TEMPLATE = "{% block title %}never closed\n"


class WatchingServer:
    """`site-builder serve --watch --port 0` in root, and the lines it prints."""

    def __init__(self, root: Path) -> None:
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--watch", "--port", "0"],
            cwd=root,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        started = self.wait_for_line(lambda line: line.startswith(STARTED))
        self.url = started.split(" at ", 1)[1].split()[0]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, wanted: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.printed)
                continue
            self.printed.append(line)
            if wanted(line):
                return line
        raise AssertionError("not printed; it printed:\n" + "\n".join(self.printed))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _archive(root: Path) -> None:
    saved = root / "content" / "saved"
    saved.mkdir(parents=True)
    for name in FIRST_PAGES:
        shutil.copyfile(SAMPLE_SAVED / name, saved / name)
    (root / "templates").mkdir()  # the user's own templates: none yet
    (root / "site.toml").write_text('title = "Watched Archive"\n', encoding="utf-8")


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[WatchingServer]:
    _archive(tmp_path)
    server = WatchingServer(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} within {WAIT_SECONDS} s")


def test_serve_watch_rebuilds_reloads_and_shows_a_failed_build(
    watching: WatchingServer, tmp_path: Path
) -> None:
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    # A saved page dropped into content/saved becomes an article at its address.
    assert _fetch(watching.url + ADDED_URL)[0] == 404
    shutil.copyfile(SAMPLE_SAVED / ADDED_PAGE, tmp_path / "content" / "saved" / ADDED_PAGE)
    _eventually(lambda: _fetch(watching.url + ADDED_URL)[0] == 200, "the new article served")
    assert "<h1>Watching files in Python" in _fetch(watching.url + ADDED_URL)[1]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page()
        page.set_default_timeout(WAIT_SECONDS * 1000)
        blocked: list[str] = []
        page.on(
            "console",
            lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.goto(f"{watching.url}articles/{EDITED_STEM}.html")
        page.evaluate("window.openedByTheTest = true")

        # An edited article: the open page reloads by itself and shows the edit.
        article = tmp_path / "content" / "articles" / f"{EDITED_STEM}.md"
        article.write_text(article.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")
        page.get_by_text(EDIT).wait_for()
        assert page.evaluate("window.openedByTheTest") is None  # a new document: reloaded

        # A broken template: the last good site is served, the error printed and shown.
        page.evaluate("window.openedByTheTest = true")
        (tmp_path / "templates" / "base.html").write_text(BROKEN_TEMPLATE, encoding="utf-8")
        printed = watching.wait_for_line(lambda line: line.startswith("Rebuild failed"))
        assert "base.html" in printed
        banner = page.locator(f"#{BANNER_ID}")
        banner.wait_for()
        assert "base.html" in banner.inner_text()
        assert page.evaluate("window.openedByTheTest") is True  # not reloaded onto nothing
        status, served = _fetch(f"{watching.url}articles/{EDITED_STEM}.html")
        assert status == 200
        assert EDIT in served

        # Mended: the banner goes (the site is the one on the page, so no reload).
        (tmp_path / "templates" / "base.html").unlink()
        banner.wait_for(state="detached")
        page.get_by_text(EDIT).wait_for()
        browser.close()
    assert blocked == []

    # What the watcher published is what `build` publishes: no reload script in it.
    watched_site = tmp_path / "output" / "site"
    fresh = tmp_path / "fresh"
    shutil.copytree(tmp_path / "content", fresh / "content")
    (fresh / "site.toml").write_text('title = "Watched Archive"\n', encoding="utf-8")
    pipeline.build(config.load_config(fresh / "site.toml"))
    assert _tree(watched_site) == _tree(fresh / "output" / "site")
    assert not any(STATUS_PATH.encode() in data for data in _tree(watched_site).values())


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
