"""Golden Markdown for every sample page. Regenerate with `make golden` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_update import expected_text, golden_path, sample_pages


@pytest.mark.parametrize("page", sample_pages(), ids=lambda p: p.name)
def test_markdown_matches_golden(page: Path) -> None:
    golden = golden_path(page)
    assert golden.exists(), f"no golden file for {page.name}; run `make golden`"
    assert expected_text(page) == golden.read_text(encoding="utf-8")
