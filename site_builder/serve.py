"""Local preview: serve the built site on 127.0.0.1 with the standard library.

Besides the files, it answers GET /api/search?q=...&limit=...&sort=relevance|date with
JSON from the Whoosh index, for local tools and scripts. Like the hosts the site is
published on, it answers a missing page with the site's own 404.html, and lists no
folder. Given a BuildStatus (`serve --watch`), it adds the reload script to each page it
sends and answers the script's status requests (live_reload.py).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from dataclasses import asdict
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import SearchHit
from site_builder.live_reload import STATUS_PATH, BuildStatus, with_reload
from site_builder.search.errors import QueryError

# (query, limit, sort) -> hits; raises QueryError for a query the user must fix (400),
# and any other SiteBuilderError when the index can't answer (503).
SearchFunction = Callable[[str, int, str], list[SearchHit]]
API_PATH = "/api/search"
MAX_LIMIT = 100
NOT_FOUND_PAGE = "404.html"
LOOPBACK = "127.0.0.1"


def make_server(
    site_dir: Path,
    port: int,
    search: SearchFunction | None = None,
    *,
    host: str = LOOPBACK,
    build_status: BuildStatus | None = None,
) -> ThreadingHTTPServer:
    """A server for site_dir on host:port; with build_status, pages reload after a build."""
    if not (site_dir / "index.html").is_file():
        raise SiteBuilderError(site_dir, "no built site here; run `make build` first")

    handler = functools.partial(_PreviewHandler, directory=str(site_dir))
    try:
        return PreviewServer((host, port), handler, search, build_status)
    except OSError as err:
        raise SiteBuilderError(
            site_dir, f"cannot listen on {host}:{port}: {err.strerror or err}"
        ) from None


class PreviewServer(ThreadingHTTPServer):
    """The standard threading server, carrying what its handlers share: the search
    function, and the watcher's build status when pages reload themselves."""

    def __init__(
        self,
        address: tuple[str, int],
        handler: Callable[..., SimpleHTTPRequestHandler],
        search: SearchFunction | None,
        build_status: BuildStatus | None = None,
    ) -> None:
        super().__init__(address, handler)
        self.search_function = search
        self.build_status = build_status


class _PreviewHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the stdlib declares this as a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".css": "text/css",
        ".wasm": "application/wasm",
        ".pf_meta": "application/octet-stream",
    }

    def do_GET(self) -> None:
        address = urlsplit(self.path)
        status = self._build_status()
        if address.path == API_PATH:
            self._answer_search(parse_qs(address.query))
        elif status is not None and address.path == STATUS_PATH:
            now = status.now()
            self._json(HTTPStatus.OK, {"generation": now.generation, "error": now.error})
        elif status is not None and (page := self._page_file(address.path)) is not None:
            self._send_page(HTTPStatus.OK, page)
        else:
            super().do_GET()

    def _build_status(self) -> BuildStatus | None:
        return self.server.build_status if isinstance(self.server, PreviewServer) else None

    def _page_file(self, url_path: str) -> Path | None:
        """The HTML file a GET of url_path sends, when there is one (else the stock
        handler answers: other files, redirects, 404s)."""
        path = Path(self.translate_path(url_path))
        if url_path.endswith("/") and path.is_dir():
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send_page(self, code: int, page: Path, message: str | None = None) -> None:
        status = self._build_status()
        # The generation is read before the file: a build that ends in between then
        # reloads the page once more, rather than leaving it out of date.
        generation = status.now().generation if status is not None else 0
        body = page.read_bytes()
        if status is not None:
            body = with_reload(body, generation)
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if status is not None:
            self.send_header("Cache-Control", "no-store")
        if code != HTTPStatus.OK:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without an index.html is not a page of the site."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404.html, as GitHub Pages gives it."""
        page = Path(self.directory, NOT_FOUND_PAGE)
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send_page(code, page, message)

    def _answer_search(self, params: dict[str, list[str]]) -> None:
        search = self.server.search_function if isinstance(self.server, PreviewServer) else None
        if search is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": "search is not enabled on this server"})
            return
        query = (params.get("q") or [""])[0]
        sort = (params.get("sort") or ["relevance"])[0]
        try:
            limit = int((params.get("limit") or ["10"])[0])
        except ValueError:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "limit must be a whole number"})
            return
        if not 1 <= limit <= MAX_LIMIT or sort not in ("relevance", "date"):
            self._json(
                HTTPStatus.BAD_REQUEST,
                {"error": f"limit must be 1 to {MAX_LIMIT}, sort 'relevance' or 'date'"},
            )
            return
        try:
            hits = search(query, limit, sort)
        except QueryError as err:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(err)})
            return
        except SiteBuilderError as err:
            self._json(HTTPStatus.SERVICE_UNAVAILABLE, {"error": str(err)})
            return
        self._json(HTTPStatus.OK, {"query": query, "hits": [asdict(hit) for hit in hits]})

    def _json(self, status: HTTPStatus, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the address the user needs
