"""`site-builder import` and `site-builder export`: bring a library in, take it out."""

from __future__ import annotations

from pathlib import Path

import click

from site_builder.article.store import write_text_atomic
from site_builder.core.config import SiteConfig, load_config
from site_builder.core.errors import SiteBuilderError
from site_builder.library.bookmarks import bookmarks_file
from site_builder.library.importer import import_export
from site_builder.library.selection import Selection, selected_articles

_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: ./site.toml if present).",
)


def _config(config_path: Path | None) -> SiteConfig:
    try:
        return load_config(config_path)
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None


@click.command("import")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_CONFIG_OPTION
def import_command(paths: tuple[Path, ...], config_path: Path | None) -> None:
    """Import Omnivore, Wallabag or Pocket exports, or a bookmarks file (format read from
    the file); `build` then makes their articles."""
    config = _config(config_path)
    for path in paths:
        try:
            summary = import_export(path, config)
        except SiteBuilderError as err:
            raise click.ClickException(str(err)) from None
        click.echo(f"{path.name}: {summary.line()}")


@click.group("export")
def export_group() -> None:
    """Take the archive out: an EPUB for an e-reader, or a bookmarks file."""


@export_group.command("bookmarks")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bookmarks file to write (.html).",
)
@_CONFIG_OPTION
def export_bookmarks(output: Path, config_path: Path | None) -> None:
    """Write every article as a Netscape bookmarks file, with its tags and dates."""
    config = _config(config_path)
    articles = selected_articles(config.articles_dir, Selection())
    text = bookmarks_file([article.meta for article in articles], title=config.title)
    write_text_atomic(output, text)
    click.echo(f"{len(articles)} bookmark(s) in {output}")
