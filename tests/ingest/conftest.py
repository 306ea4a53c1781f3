"""Saved files laid out in a content folder, for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest


def touch(path: Path, data: bytes = b"<html></html>") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "content" / "saved").mkdir(parents=True)
    return tmp_path / "content"
