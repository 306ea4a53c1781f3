"""Putting a file's bytes at a second path without writing them twice; and building a
folder beside the one it replaces, to swap it into place whole (the site, the index)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Hard-link target to source, or copy it where links can't be made (another disk,
    a file system without them); raises OSError if neither works.

    A link stores the bytes once whatever the number of builds, and the source is only
    ever read, never written through the link.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)  # keeps the time stamps, as a link would


def fresh_staging(final: Path) -> Path:
    """An empty folder beside final to build the next site in."""
    staging = final.with_name(f".{final.name}.building")
    if staging.exists():
        shutil.rmtree(staging)  # left by an interrupted build; never published
    staging.mkdir(parents=True)
    return staging


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace final with staging in two renames, so readers never see half a site."""
    previous = final.with_name(f".{final.name}.previous")
    if previous.exists():
        shutil.rmtree(previous)
    with uninterrupted():  # stopped between the renames, there would be neither folder
        if final.exists():
            final.rename(previous)
        staging.rename(final)
    if previous.exists():
        shutil.rmtree(previous)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait for the end of the block, and then stop the program as
    they would have (signals are held only where the system can, on the main thread)."""
    if (
        not hasattr(signal, "pthread_sigmask")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
