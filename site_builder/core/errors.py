"""The one error tree: every failure a user can see is a SiteBuilderError.

Each stage raises its own subclass, carrying the file it failed on; the CLI prints the
message, one line naming the file and the reason, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class SiteBuilderError(Exception):
    """A failure tied to one input file; its message is one line naming the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
