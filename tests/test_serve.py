"""The local preview server answers on 127.0.0.1 with the built files."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from site_builder.serve import make_server


def test_serves_the_site_on_loopback(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>hello</h1>", encoding="utf-8")
    (tmp_path / "app.js").write_text("1;", encoding="utf-8")
    server = make_server(tmp_path, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            assert response.read() == b"<h1>hello</h1>"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/app.js") as response:
            assert response.headers["Content-Type"].startswith("text/javascript")
    finally:
        server.shutdown()
        server.server_close()
