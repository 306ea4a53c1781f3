"""What the search stage raises: each a SiteBuilderError, one line naming where it failed.

`SearchIndexError` names the folder of the index, and
`QueryError` the query a user typed, so the CLI prints any of them as it prints every
other failure of a build or a search, and the preview server tells a query to fix
(`QueryError`) from an index that can't answer.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.core.errors import SiteBuilderError


class SearchIndexError(SiteBuilderError):
    """The Whoosh index in a folder could not be written or read."""

    def __init__(self, index_dir: Path, reason: str) -> None:
        super().__init__(index_dir, reason)


class QueryError(SiteBuilderError):
    """A query could not be read; the reason says what is wrong and shows valid syntax."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(f"query {query!r}", reason)
        self.query = query
