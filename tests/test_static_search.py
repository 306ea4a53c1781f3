"""The Pagefind adapter's own rules, apart from running Pagefind."""

from __future__ import annotations

import sys

import pytest

from site_builder.search import pagefind


@pytest.mark.parametrize(
    ("free_mb", "pages", "fits"),
    [
        (2000.0, [1000, 1000], True),  # 2 x (15 + 450) MB = 930 MB, under half of 2 GB
        (1800.0, [1000, 1000], False),  # over half of 1.8 GB
        (100_000.0, [], True),
        (None, [10, 10], False),  # where free memory is unknown, one at a time
    ],
)
def test_runs_side_by_side_must_fit_in_half_the_free_memory(
    monkeypatch: pytest.MonkeyPatch, free_mb: float | None, pages: list[int], fits: bool
) -> None:
    monkeypatch.setattr(pagefind, "_free_memory_mb", lambda: free_mb)
    assert pagefind.side_by_side_fits(pages) is fits


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/meminfo")
def test_free_memory_is_read_on_linux() -> None:
    free_mb = pagefind._free_memory_mb()
    assert free_mb is not None and free_mb > 0
