"""The hand-written archive, indexed once for each test module that searches it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.search.documents import ARCHIVE, index_documents


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "whoosh"
    assert index_documents(folder, ARCHIVE).added == len(ARCHIVE)
    return folder
