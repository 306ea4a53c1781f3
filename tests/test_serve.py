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


def test_search_api_answers_json_from_whoosh(tmp_path: Path) -> None:
    import json
    import urllib.error

    from site_builder.build import pipeline
    from site_builder.cli import main
    from site_builder.core.config import load_config

    from .conftest import make_archive

    make_archive(tmp_path)
    config = load_config(tmp_path / "site.toml")
    pipeline.build(config)
    from site_builder.search import whoosh_index as search_index
    from site_builder.serve import IndexUnavailable, QueryProblem

    def whoosh(query: str, limit: int, sort: str) -> list:  # type: ignore[type-arg]
        try:
            return search_index.search(config.whoosh_dir, query, limit=limit)
        except search_index.QueryError as err:
            raise QueryProblem(str(err)) from None
        except search_index.SearchIndexError as err:
            raise IndexUnavailable(str(err)) from None

    server = make_server(config.site_dir, 0, search=whoosh)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        base = f"http://127.0.0.1:{port}/api/search"
        with urllib.request.urlopen(f"{base}?q=Lukashenko+protest&limit=2") as response:
            assert response.headers["Content-Type"] == "application/json; charset=utf-8"
            payload = json.loads(response.read())
        assert payload["query"] == "Lukashenko protest"
        assert [hit["title"] for hit in payload["hits"]] == [
            "Putin says ready to help Belarus president militarily if necessary"
        ]
        assert "[[" in payload["hits"][0]["snippet"]
        try:
            urllib.request.urlopen(f"{base}?q=title%3A%28")
        except urllib.error.HTTPError as err:
            assert err.code == 400
            assert "error" in json.loads(err.read())
        else:
            raise AssertionError("a malformed query must answer 400")
    finally:
        server.shutdown()
        server.server_close()
    assert main  # the CLI wires the same function; see test_cli
