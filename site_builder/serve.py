"""Local preview: serve the built site on 127.0.0.1 with the standard library."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from site_builder.models import SiteBuilderError


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the stdlib declares this as a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".css": "text/css",
        ".wasm": "application/wasm",
        ".pf_meta": "application/octet-stream",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the address the user needs


def make_server(site_dir: Path, port: int) -> ThreadingHTTPServer:
    if not (site_dir / "index.html").is_file():
        raise SiteBuilderError(site_dir, "no built site here; run `make build` first")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as err:
        raise SiteBuilderError(
            site_dir, f"cannot listen on 127.0.0.1:{port}: {err.strerror or err}"
        ) from None
