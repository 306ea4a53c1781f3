"""`site-builder highlights`: the reader's highlights and notes, for pasting elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import click

from site_builder.build.highlights import HighlightedArticle, archive_highlights
from site_builder.core.config import SiteConfig, load_config
from site_builder.core.errors import SiteBuilderError

FORMATS = ("text", "json", "markdown")


@click.command()
@click.option("--tag", help="Only the articles with this tag (as the site shows tags).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=FORMATS[0],
    show_default=True,
    help="Output format.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: ./site.toml if present).",
)
def highlights(tag: str | None, output_format: str, config_path: Path | None) -> None:
    """Print every highlight and note, newest article first."""
    try:
        config = load_config(config_path)
        found = archive_highlights(config, tag)
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None
    if output_format == "json":
        for article in found:
            for record in json_records(article, config):
                click.echo(json.dumps(record, ensure_ascii=False))
        return
    if not found:
        click.echo("No highlights" + (f" in articles tagged {tag!r}." if tag else "."))
        return
    show = as_markdown if output_format == "markdown" else as_text
    click.echo("\n".join(show(article) for article in found), nl=False)


def as_text(article: HighlightedArticle) -> str:
    meta = article.summary.meta
    lines = [f"{meta.title} ({meta.published or meta.saved or 'undated'})"]
    lines.append(f"  {meta.url or article.summary.source_file}")
    if meta.note:
        lines.append(f"  note: {_one_line(meta.note)}")
    for highlight in article.summary.highlights:
        lines.append(f"  > {highlight.quote}")
        if highlight.note:
            lines.append(f"    note: {_one_line(highlight.note)}")
    return "\n".join(lines) + "\n"


def as_markdown(article: HighlightedArticle) -> str:
    meta = article.summary.meta
    title = f"[{meta.title}]({meta.url})" if meta.url else meta.title
    parts = [f"## {title}"]
    if meta.note:
        parts.append(meta.note.strip())
    for highlight in article.summary.highlights:
        parts.append("> " + "\n> ".join(highlight.quote.splitlines()))
        if highlight.note:
            parts.append(highlight.note.strip())
    return "\n\n".join(parts) + "\n"


def json_records(article: HighlightedArticle, config: SiteConfig) -> list[dict[str, object]]:
    """One record a highlight; an article's note is a record with no quote."""
    summary, meta = article.summary, article.summary.meta
    common: dict[str, object] = {
        "title": meta.title,
        "url": meta.url,
        "published": meta.published,
        "file": str(config.articles_dir / summary.source_file),
        "tags": list(article.tags),
    }
    records: list[dict[str, object]] = []
    if meta.note:
        records.append({**common, "quote": None, "note": meta.note, "anchor": None})
    records += [
        {**common, "quote": h.quote, "note": h.note or None, "anchor": h.anchor}
        for h in summary.highlights
    ]
    return records


def _one_line(text: str) -> str:
    return " ".join(text.split())
