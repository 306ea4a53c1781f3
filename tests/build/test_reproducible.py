"""Two builds of the same inputs give byte-identical sites, whatever the environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, file_digests


def _build(root: Path, environment: dict[str, str]) -> Path:
    shutil.copytree(REPO / "content" / "saved", root / "content" / "saved")
    (root / "site.toml").write_text('title = "Twice"\n', encoding="utf-8")
    env = {**os.environ, **environment}
    subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--config", str(root / "site.toml")],
        check=True,
        capture_output=True,
        env=env,
        cwd=root,
    )
    return root / "output" / "site"


def test_two_clean_builds_are_identical(tmp_path: Path) -> None:
    first = _build(tmp_path / "one", {"PYTHONHASHSEED": "1", "LC_ALL": "C", "TZ": "UTC"})
    second = _build(
        tmp_path / "two",
        {"PYTHONHASHSEED": "2", "LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati"},
    )
    # Every file, the browser search's index included: its shards, its article files and
    # the generation folder named by their hash.
    one, two = file_digests(first), file_digests(second)
    assert len(one) > 30
    assert any(name.startswith("search/") and name.endswith(".bin") for name in one)
    assert one == two
    articles_one = file_digests(tmp_path / "one" / "content" / "articles")
    assert articles_one == file_digests(tmp_path / "two" / "content" / "articles")
