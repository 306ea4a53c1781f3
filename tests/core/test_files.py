"""Swapping a folder into place whole, even when the program is stopped meanwhile."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from site_builder.core.files import swap_into_place, uninterrupted


def test_a_swap_replaces_the_folder_whole(tmp_path: Path) -> None:
    final, staging = tmp_path / "site", tmp_path / ".site.building"
    final.mkdir()
    (final / "old.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")
    swap_into_place(staging, final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in final.iterdir()) == ["new.html"]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks here")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_waits_for_the_end_of_an_uninterrupted_block() -> None:
    done = []
    with pytest.raises(KeyboardInterrupt), uninterrupted():
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, between the two renames
        done.append("the block went on to its end")
    assert done == ["the block went on to its end"]
