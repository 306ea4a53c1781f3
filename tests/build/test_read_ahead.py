"""Saved files are asked for from the disk ahead of the extraction processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.build.read_ahead import READ_AHEAD_BYTES, READ_AHEAD_FILES, ReadAhead, read_ahead


def test_reading_ahead_never_waits_or_fails(tmp_path: Path) -> None:
    # Asked of any path a folder may hold: nothing to wait for, nothing raised, the file
    # unchanged; reading it later is what reports a problem.
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>Hello</p>")
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    for path in (page, fifo, tmp_path / "gone.html", tmp_path):
        read_ahead(path)
    assert page.read_bytes() == b"<p>Hello</p>"


def test_reading_ahead_asks_for_the_start_of_a_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "big.warc"
    page.write_bytes(b"x" * 10)
    asked: list[tuple[int, int]] = []

    def fadvise(fd: int, offset: int, length: int, advice: int) -> None:
        asked.append((offset, length))

    monkeypatch.setattr(os, "posix_fadvise", fadvise, raising=False)
    read_ahead(page)
    assert asked == [(0, READ_AHEAD_BYTES)]


def test_files_are_asked_for_a_window_ahead_each_once() -> None:
    paths = [Path(f"page {number:03}.html") for number in range(READ_AHEAD_FILES + 5)]
    asked: list[Path] = []
    reading = ReadAhead(paths, ask=asked.append)
    assert asked == paths[:READ_AHEAD_FILES]
    reading.advance(3)
    assert asked == paths[: READ_AHEAD_FILES + 3]
    reading.advance(2)  # a step back asks for nothing again
    reading.advance(len(paths))
    assert asked == paths
