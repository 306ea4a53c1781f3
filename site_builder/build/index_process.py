"""The Whoosh update in a process of its own, beside the build's.

Whoosh's part of a build is CPU work the build's own process would otherwise do in turn
with everything else: indexing each article as it is written, then committing the index
while one core stands idle after the convert step. In a process of its own, its commit
runs beside the render step and the browser index. The process runs the update the
build was given (options.Stages.search_index), so the index is the one the build's own
process would make.

Nothing the process does is seen by a search before the build says so: it commits a new
index in its staging folder, and an index updated in place only when told, so a build
that fails before the end leaves the last index. The process ends with the build, and
what it has not committed is dropped.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Mapping
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from site_builder.build import memory
from site_builder.build.workers import end_with_parent
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import IndexDocument
from site_builder.search.errors import SearchIndexError
from site_builder.search.whoosh_index import IndexUpdate, SyncReport

# How long the build waits for the process to end once told to; then it is killed.
END_WAIT_SECONDS = 10.0


class IndexProcess:
    """An IndexUpdate's offer() and start_finish() in another process, which commits
    while the caller works."""

    def __init__(
        self, factory: Callable[..., IndexUpdate], index_dir: Path, *, rebuild: bool
    ) -> None:
        self._factory, self._index_dir, self._rebuild = factory, index_dir, rebuild
        self._connection: Connection | None = None
        self._process: Any = None
        self._published = False  # told the process the index may be seen

    def __enter__(self) -> IndexProcess:
        context = multiprocessing.get_context()
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(theirs, ours, self._factory, self._index_dir, self._rebuild, os.getpid()),
            name="search-index",
            daemon=True,
        )
        self._process.start()
        theirs.close()
        self._connection = ours
        return self

    def __exit__(self, *exc_info: object) -> None:
        """The process sees the connection close, drops what it has not committed, ends.

        A build that ends before it said the index may be seen (it failed, or Ctrl-C)
        stops the process at once, rather than waiting for a commit it will drop; once
        told, the process is left to finish putting the index in place.
        """
        if self._process is not None and not self._published:
            self._process.terminate()
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(END_WAIT_SECONDS)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._process = None

    def offer(self, document: IndexDocument) -> None:
        self._send("offer", document)

    def start_finish(
        self, fingerprints: Mapping[str, str], load: Callable[[str], IndexDocument]
    ) -> Callable[[], SyncReport]:
        """Send what finish() needs and let the process commit; searches see nothing
        until the call returned is made, which waits for the end of the commit."""
        self._send("to_load", dict(fingerprints))
        paths: list[str] = self._receive()
        self._send("finish", {path: load(path) for path in paths})

        def finished() -> SyncReport:
            self._published = True
            self._send("publish", None)
            report: SyncReport = self._receive()
            return report

        return finished

    def _send(self, request: str, payload: object) -> None:
        try:
            self._open().send((request, payload))
        except OSError:  # the process has ended; it may have said why
            self._raise_what_ended_it()

    def _receive(self) -> Any:
        try:
            answer = self._open().recv()
        except (EOFError, OSError):
            self._raise_what_ended_it()
        return _unpacked(answer, self._index_dir)

    def _open(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("the search index's process is used outside its with-block")
        return self._connection

    def _raise_what_ended_it(self) -> Any:
        connection = self._open()
        try:
            if connection.poll():
                _unpacked(connection.recv(), self._index_dir)
        except (EOFError, OSError):
            pass
        self._process.join(END_WAIT_SECONDS)
        raise SearchIndexError(
            self._index_dir,
            f"the search index's process stopped (exit code {self._process.exitcode})",
        )


def _unpacked(answer: tuple[str, Any], index_dir: Path) -> Any:
    """The value of an answer; or what the process raised, raised here."""
    kind, value = answer
    if kind == "failed":  # a SiteBuilderError: its one line, naming what failed
        path, reason = value
        raise SearchIndexError(Path(path), reason)
    if kind == "raised":
        raise value
    return value


class _BuildStopped(Exception):
    """The build stopped before it said the index may be seen."""


def _stop(signum: int, frame: object) -> None:
    _stopping()
    raise _BuildStopped


def _stopping() -> None:
    """From here on the process cleans up; a SIGTERM in the middle would leave half of it."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _serve(
    connection: Connection,
    builds_end: Connection,
    factory: Callable[..., IndexUpdate],
    index_dir: Path,
    rebuild: bool,
    parent: int,
) -> None:
    """The process: the update, as the build asks for it.

    builds_end: the build's end of the connection, which a forked process holds too;
    closed, so that the build closing its own is the end of the connection.
    """
    builds_end.close()
    end_with_parent(parent)
    signal.signal(signal.SIGTERM, _stop)  # from the build: clean up, as for Ctrl-C
    try:
        with factory(index_dir, rebuild=rebuild) as update:
            _answer(connection, update)
    except (EOFError, _BuildStopped):
        pass  # the build is over; what was not committed is dropped
    except SiteBuilderError as error:
        _tell(connection, ("failed", (error.path, error.reason)), index_dir)
    except BaseException as error:  # noqa: BLE001  # the build raises it, as if its own
        _tell(connection, ("raised", error), index_dir)


def _answer(connection: Connection, update: IndexUpdate) -> None:
    """Offers until the build asks what finish() will load; then finish() until the end."""
    offered = 0
    fingerprints: dict[str, str] = {}
    while True:
        request, payload = connection.recv()
        if request == "offer":
            update.offer(payload)
            offered += 1
            memory.settle(offered)  # the postings held for the commit are kept
        elif request == "to_load":
            fingerprints = payload
            connection.send(("ok", update.to_load(fingerprints)))
        elif request == "finish":
            told = _Publish(connection)
            report = update.finish(fingerprints, payload.__getitem__, before_seen=told.wait)
            if not told.done:
                told.wait()
            connection.send(("ok", report))
            connection.recv()  # the end: the build closes the connection


class _Publish:
    """Waits for the build to say the index may be seen: after the site is made."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.done = False

    def wait(self) -> None:
        try:
            request, _ = self._connection.recv()
        except EOFError:
            _stopping()
            raise _BuildStopped from None
        if request != "publish":
            raise RuntimeError(f"the search index's process was asked {request!r}")
        self.done = True


def _tell(connection: Connection, answer: tuple[str, Any], index_dir: Path) -> None:
    """Send the build what ended the process; as one line, what cannot cross as it is."""
    kind, value = answer
    if kind == "raised":
        try:
            pickle.loads(pickle.dumps(value))  # noqa: S301  # our own bytes, just made
        except Exception:  # noqa: BLE001  # any error of pickling makes the same answer
            answer = ("failed", (str(index_dir), f"the search index's process failed: {value!r}"))
    with suppress(OSError):  # the build has gone
        connection.send(answer)
