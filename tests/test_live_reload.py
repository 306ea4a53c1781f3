"""What `serve --watch` adds to a served page, and that it adds it to nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from site_builder.build import pipeline
from site_builder.live_reload import (
    RELOAD_SCRIPT,
    RELOAD_SCRIPT_HASH,
    STATUS_PATH,
    BuildStatus,
    with_reload,
)
from site_builder.serve import make_server
from tests.conftest import make_archive

PAGE = (
    b'<html><head><meta http-equiv="Content-Security-Policy" content="default-src '
    b"'none'; style-src 'self'; script-src 'sha256-abc'\"></head>"
    b"<body><p>text</p></body></html>"
)


def test_the_reload_script_is_allowed_by_hash_and_may_fetch_only_this_server() -> None:
    served = with_reload(PAGE, 3).decode()
    policy = served.split('content="', 1)[1].split('"', 1)[0].replace("&#x27;", "'")
    assert policy == (
        f"default-src 'none'; style-src 'self'; script-src 'sha256-abc' {RELOAD_SCRIPT_HASH}; "
        "connect-src 'self'"
    )
    assert served.endswith(
        f'<p>text</p><script data-generation="3">{RELOAD_SCRIPT}</script></body></html>'
    )


def test_a_policy_that_already_allows_fetching_from_the_site_is_kept_so() -> None:
    page = PAGE.replace(b"'sha256-abc'", b"'sha256-abc'; connect-src 'self'")
    served = with_reload(page, 0).decode()
    assert served.count("connect-src") == 1
    assert "connect-src 'self'\"" in served


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        data: bytes = response.read()
        return data


def test_only_the_watching_server_adds_the_script_and_the_files_stay_as_built(
    tmp_path: Path,
) -> None:
    config = make_archive(tmp_path)
    pipeline.build(config)
    home = config.site_dir / "index.html"
    built = home.read_bytes()
    status = BuildStatus()
    status.failed("templates/base.html: template error: unexpected end")
    for build_status in (None, status):
        server = make_server(config.site_dir, 0, build_status=build_status)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        site = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            served = _get(f"{site}/")
            if build_status is None:
                assert served == built
            else:
                assert served == with_reload(built, 0)
                assert json.loads(_get(site + STATUS_PATH)) == {
                    "generation": 0,
                    "error": "templates/base.html: template error: unexpected end",
                }
        finally:
            server.shutdown()
            server.server_close()
    assert home.read_bytes() == built


def test_serve_host_warns_that_the_network_can_read_the_archive(tmp_path: Path) -> None:
    pipeline.build(make_archive(tmp_path))
    process = subprocess.Popen(
        # The warning is for exactly this address; the server stops as soon as it is read.
        [sys.executable, "-m", "site_builder", "serve", "--host", "0.0.0.0", "--port", "0"],  # noqa: S104
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        warning = process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert warning == (
        "Warning: listening on 0.0.0.0: anyone who can reach this machine on the network "
        "can read and search the whole archive.\n"
    )
