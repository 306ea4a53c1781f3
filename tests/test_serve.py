"""The local preview server answers on 127.0.0.1 with the built files."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

from site_builder.build import pipeline
from site_builder.core.records import SearchHit
from site_builder.search import whoosh_index
from site_builder.serve import API_PATH, SearchFunction, make_server
from tests.conftest import make_archive


@contextlib.contextmanager
def _serving(site_dir: Path, search: SearchFunction | None = None) -> Iterator[str]:
    """The address of a preview server running on site_dir."""
    server = make_server(site_dir, 0, search=search)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_serves_the_site_on_loopback(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>hello</h1>", encoding="utf-8")
    (tmp_path / "app.js").write_text("1;", encoding="utf-8")
    with _serving(tmp_path) as site:
        with urllib.request.urlopen(site) as response:
            assert response.read() == b"<h1>hello</h1>"
        with urllib.request.urlopen(f"{site}app.js") as response:
            assert response.headers["Content-Type"].startswith("text/javascript")


def _error(address: str) -> tuple[int, str]:
    """The status and error message of a request the API must refuse."""
    try:
        urllib.request.urlopen(address)
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())["error"]
    raise AssertionError(f"{address} was answered")


def test_search_api_answers_json_from_whoosh(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    pipeline.build(config)

    index = whoosh_index.SearchIndex(config.whoosh_dir)  # as `site-builder serve` keeps it

    def whoosh(query: str, limit: int, sort: str) -> list[SearchHit]:
        return index.search(query, limit=limit)

    with index, _serving(config.site_dir, whoosh) as site:
        api = urljoin(site, API_PATH)
        with urllib.request.urlopen(f"{api}?q=Lukashenko+protest&limit=2") as response:
            assert response.headers["Content-Type"] == "application/json; charset=utf-8"
            payload = json.loads(response.read())
        assert payload["query"] == "Lukashenko protest"
        assert [hit["title"] for hit in payload["hits"]] == [
            "Putin says ready to help Belarus president militarily if necessary"
        ]
        assert "[[" in payload["hits"][0]["snippet"]
        # A query to fix is the client's error, and the message says what is wrong.
        assert _error(f"{api}?q=title%3A%28") == (
            400,
            "query 'title:(': a '(' is not closed; group words like (russia OR belarus) protest",
        )


def test_search_api_without_an_index_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>hello</h1>", encoding="utf-8")
    missing = tmp_path / "whoosh"

    def whoosh(query: str, limit: int, sort: str) -> list[SearchHit]:
        return whoosh_index.search(missing, query, limit=limit)

    with _serving(tmp_path, whoosh) as site:
        api = urljoin(site, API_PATH)
        assert _error(f"{api}?q=harbour") == (
            503,
            f"{missing}: there is no search index here; run `site-builder build` to create it",
        )


def test_a_missing_page_gets_the_sites_404_page_and_no_folder_is_listed(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    pipeline.build(config)
    not_found = (config.site_dir / "404.html").read_bytes()
    with _serving(config.site_dir) as site:
        for missing in ("articles/gone.html", "articles/", "static/", "no/such/folder/"):
            try:
                urllib.request.urlopen(urljoin(site, missing))
            except urllib.error.HTTPError as err:
                assert (err.code, err.read()) == (404, not_found), missing
                assert err.headers["Content-Type"] == "text/html; charset=utf-8"
            else:
                raise AssertionError(f"{missing} was answered")
        with urllib.request.urlopen(urljoin(site, "tags/")) as response:  # tags/index.html
            assert b"Page not found" not in response.read()
