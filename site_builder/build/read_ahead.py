"""Saved files asked for from the disk a little ahead of the extraction processes.

A first build reads pages the system has not cached, and a process waiting on the disk
leaves its core idle; asked ahead (posix_fadvise), the disk reads the next pages while
the cores work on earlier ones.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

# Saved files asked for ahead of the extraction processes (about 3 MB of typical pages):
# enough to keep the disk ahead of the cores, little enough to take no memory worth
# mentioning from a large archive. Of a large file (a WARC, an MHTML with its images)
# only the start is asked for, so 64 of them cannot fill the cache.
READ_AHEAD_FILES = 64
READ_AHEAD_BYTES = 1024 * 1024


def read_ahead(path: Path) -> None:
    """Ask the system to start reading a file that will be read soon, and return.

    Never waits and never fails: where the system cannot be asked, or the file cannot be
    opened, nothing happens (reading it later reports the problem, with the file's name).
    """
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, READ_AHEAD_BYTES, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


class ReadAhead:
    """Keeps the next READ_AHEAD_FILES of a list of files on their way from the disk.

    For files read in order: tell `advance` how many have been read so far.
    ask: what asks the system for one file (read_ahead).
    """

    def __init__(self, paths: Sequence[Path], *, ask: Callable[[Path], None] = read_ahead) -> None:
        self._paths = paths
        self._ask = ask
        self._asked = 0
        self.advance(0)

    def advance(self, done: int) -> None:
        """The first `done` files have been read."""
        until = min(done + READ_AHEAD_FILES, len(self._paths))
        for path in self._paths[self._asked : until]:
            self._ask(path)
        self._asked = max(self._asked, until)
