"""`site-builder serve`: the local preview, and with --watch a rebuild on every change."""

from __future__ import annotations

import ipaddress
import signal
import threading
from pathlib import Path

import click

from site_builder.core.config import SiteConfig, load_config, with_overrides
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import SearchHit
from site_builder.live_reload import BuildStatus
from site_builder.search import whoosh_index
from site_builder.serve import LOOPBACK, make_server
from site_builder.watch import Rebuilder, rebuild, watch_and_rebuild, watched_paths


def _warn_if_reachable(host: str) -> None:
    """Any --host but 127.x.x.x, ::1 or localhost opens the archive to the network."""
    try:
        only_this_machine = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        only_this_machine = False  # a host name: it may well resolve to the network's address
    if not only_this_machine:
        warning = (
            f"Warning: listening on {host}: anyone who can reach this machine on the "
            "network can read and search the whole archive."
        )
        click.echo(click.style(warning, fg="yellow"), err=True)


@click.command()
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help="Address to listen on; 0.0.0.0 serves every device on your network.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Rebuild when saved pages, articles, templates or site.toml change, "
    "and reload the open pages.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: ./site.toml if present).",
)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder that holds site/ (default: output).",
)
def serve(
    port: int, host: str, watch: bool, config_path: Path | None, output_dir: Path | None
) -> None:
    """Preview the built site at http://127.0.0.1:PORT/ (with --watch, as you edit it)."""

    def settings() -> SiteConfig:
        return with_overrides(load_config(config_path), output_dir=output_dir)

    try:
        config = settings()
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None
    status = BuildStatus() if watch else None
    rebuilder = Rebuilder(load_config=settings, echo=click.echo)
    if status is not None:
        rebuild(rebuilder, status)  # a failed one still serves the last site that was built
    # One open index answers every request, opened again when a build changes it.
    index = whoosh_index.SearchIndex(config.whoosh_dir)

    def search_api(query: str, limit: int, sort: str) -> list[SearchHit]:
        return index.search(query, limit=limit, sort="date" if sort == "date" else "relevance")

    try:
        server = make_server(
            config.site_dir, port, search=search_api, host=host, build_status=status
        )
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None
    bound_host, bound_port = server.server_address[:2]
    address = f"http://{bound_host!s}:{bound_port}/"
    _warn_if_reachable(host)
    click.echo(f"Serving {config.site_dir} at {address} (Ctrl+C to stop)")
    click.echo(f"Search API: {address}api/search?q=WORDS")
    try:
        if status is None:
            server.serve_forever()
        else:
            signal.signal(signal.SIGTERM, _interrupt)  # a build in progress stops cleanly
            # The server answers from its own thread; this one watches and builds, so
            # Ctrl-C (delivered to the main thread) stops a build as it stops `build`.
            threading.Thread(target=server.serve_forever, name="preview", daemon=True).start()
            config_file = config_path or (Path("site.toml") if Path("site.toml").exists() else None)
            paths = watched_paths(config, config_file)
            click.echo(f"Watching {', '.join(str(p) for p in paths)}")
            watch_and_rebuild(rebuilder, status, paths)
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
        index.close()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (what `kill` and a test send) stops serve as Ctrl-C does: a build in progress
    unwinds and stops its workers, leaving the published site as it was."""
    raise KeyboardInterrupt
