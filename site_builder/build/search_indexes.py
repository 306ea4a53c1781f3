"""Both searches' updates as one: the Whoosh index and the browser search's cache are
offered the same articles and finished together."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import ExitStack

from site_builder.build.browser_search import BrowserSearchUpdate
from site_builder.core.records import IndexDocument
from site_builder.search.whoosh_index import IndexUpdate, SyncReport


class SearchIndexes:
    """Each article written is offered to both; finish() brings both in line."""

    def __init__(self, whoosh: IndexUpdate, browser: BrowserSearchUpdate) -> None:
        self.whoosh = whoosh
        self.browser = browser
        self._open = ExitStack()

    def __enter__(self) -> SearchIndexes:
        self._open.enter_context(self.browser)
        self._open.enter_context(self.whoosh)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._open.close()

    def offer(self, document: IndexDocument) -> None:
        self.whoosh.offer(document)
        self.browser.offer(document)

    def finish(
        self, fingerprints: Mapping[str, str], load: Callable[[str], IndexDocument]
    ) -> SyncReport:
        """What the Whoosh update did; the browser cache is committed with it."""
        synced = self.whoosh.finish(fingerprints, load)
        self.browser.finish(fingerprints, load)
        return synced
