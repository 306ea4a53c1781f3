"""Prepared articles parked on disk between the load, render and index stages.

The load stage renders each new or changed article's Markdown (to summarise it); the
render and index stages need the same HTML and text again. Keeping them in memory would
grow with the archive (about 20 KB an article), and rendering them again costs about
2 ms an article, so each one is written once to an anonymous temporary file and read
back by offset. Only the table of offsets stays in memory.
"""

from __future__ import annotations

import pickle
import tempfile
from types import TracebackType
from typing import IO

from site_builder.core.records import RenderedArticle


class ArticleSpool:
    """An append-only file of RenderedArticle records, by article file name.

    The file has no name on disk, so it disappears when closed, whether the build
    succeeds, fails, or the process dies. Use it as a context manager.
    """

    def __init__(self) -> None:
        # Closed by close() / __exit__: the spool outlives any one with-block of its own.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="site-builder-spool-")  # noqa: SIM115
        self._where: dict[str, tuple[int, int]] = {}  # file name -> (offset, length)
        self._end = 0

    def __enter__(self) -> ArticleSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def put(self, name: str, rendered: RenderedArticle) -> None:
        """Park an article under its file name; a second put for a name replaces it."""
        data = pickle.dumps(rendered, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        self._where[name] = (self._end, len(data))
        self._end += len(data)

    def get(self, name: str) -> RenderedArticle | None:
        """The article parked under name, or None if it was not prepared this build."""
        where = self._where.get(name)
        if where is None:
            return None
        offset, length = where
        self._file.seek(offset)
        data = self._file.read(length)
        # Safe to unpickle: this process wrote these bytes to a file only it can reach.
        rendered = pickle.loads(data)  # noqa: S301
        if not isinstance(rendered, RenderedArticle):
            raise TypeError(f"spool record for {name} is not a RenderedArticle")
        return rendered

    def move(self, name: str, new_name: str) -> None:
        """The article parked under name is now under new_name (its file was moved)."""
        where = self._where.pop(name, None)
        if where is not None:
            self._where[new_name] = where
