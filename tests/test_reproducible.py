"""Two builds of the same inputs give byte-identical sites, whatever the environment."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def _tree(folder: Path) -> dict[str, str]:
    """Every file, Pagefind's bundles included (pagefind_files makes them byte-stable)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


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
    one, two = _tree(first), _tree(second)
    assert len(one) > 30
    assert one == two
    articles_one = _tree(tmp_path / "one" / "content" / "articles")
    assert articles_one == _tree(tmp_path / "two" / "content" / "articles")
