"""`site-builder import` and `site-builder export`: bring a library in, take it out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from site_builder.article.store import write_text_atomic
from site_builder.core.config import SiteConfig, load_config, shown_build_time
from site_builder.core.errors import SiteBuilderError
from site_builder.library.bookmarks import bookmarks_file
from site_builder.library.epub import write_epub
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


@export_group.command("epub")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--site", help="Only articles from this site (its name or domain).")
@click.option("--year", type=int, help="Only articles published (or else saved) this year.")
@click.option("--query", help="Only articles whose title or text has all these words.")
@click.option("--highlighted", is_flag=True, help="Only articles with highlights.")
@click.option(
    "-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The EPUB file to write.",
)  # fmt: skip
@_CONFIG_OPTION
def export_epub(
    tag: str | None, site: str | None, year: int | None, query: str | None,
    highlighted: bool, output: Path, config_path: Path | None,
) -> None:  # fmt: skip
    """Write the articles (all, or those the options pick) as one EPUB 3 book."""
    config = _config(config_path)
    selection = Selection(tag=tag, site=site, year=year, query=query, highlighted=highlighted)
    articles = selected_articles(config.articles_dir, selection)
    if not articles:
        raise click.ClickException("no article matches; no book written")
    write_epub(
        articles, output, title=config.title, language=config.language,
        media_dir=config.media_dir, modified=_modified(),
    )  # fmt: skip
    click.echo(f"{len(articles)} article(s) in {output}")


def _modified() -> datetime | None:
    """SOURCE_DATE_EPOCH, so the same articles make the same book; else now."""
    try:
        shown = shown_build_time()
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None
    return datetime.fromisoformat(shown.replace("Z", "+00:00")) if shown else None
