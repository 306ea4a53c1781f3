"""Both searches' updates as one: the Whoosh index and the browser search's cache are
offered the same articles and finished together."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path

from site_builder.build.browser_search import BrowserSearchUpdate
from site_builder.build.index_process import IndexProcess
from site_builder.build.progress import ProgressCallback, no_progress
from site_builder.core.records import IndexDocument
from site_builder.search.whoosh_index import IndexUpdate, SyncReport

INDEXING = "Building the search indexes"


class SearchIndexes:
    """Each article written is offered to both; finish() brings both in line.

    whoosh: the update in the build's own process, or in one of its own (IndexProcess).
    """

    def __init__(self, whoosh: IndexUpdate | IndexProcess, browser: BrowserSearchUpdate) -> None:
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
        return self.start_finish(fingerprints, load)(None, no_progress)

    def start_finish(
        self, fingerprints: Mapping[str, str], load: Callable[[str], IndexDocument]
    ) -> Callable[[Path | None, ProgressCallback], SyncReport]:
        """finish(), begun: Whoosh commits, in its own process where it has one, while
        the caller goes on. The call returned commits the browser cache, writes the
        browser index into the folder it is given (if any), then waits for Whoosh,
        whose new index no search sees before."""
        whoosh_finished = self.whoosh.start_finish(fingerprints, load)

        def finished(browser_into: Path | None, progress: ProgressCallback) -> SyncReport:
            progress(INDEXING, 0, 2)
            self.browser.finish(fingerprints, load)
            if browser_into is not None:
                self.browser.write(browser_into)
            progress(INDEXING, 1, 2)
            synced = whoosh_finished()
            progress(INDEXING, 2, 2)
            return synced

        return finished
