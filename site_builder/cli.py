"""The `site-builder` command: thin click wrappers over the pipeline and the stages."""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path

import click
from click.decorators import FC
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from site_builder import ingest, render
from site_builder.article import store
from site_builder.build import documents, pipeline
from site_builder.build.extract_file import extract_articles
from site_builder.cli_highlights import highlights
from site_builder.cli_library import export_group, import_command
from site_builder.cli_serve import serve
from site_builder.core.config import SiteConfig, load_config, with_overrides
from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import Article, ArticleSummary, BuildReport, SearchHit
from site_builder.render.pages import article_stem_of
from site_builder.search import whoosh_index

_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: ./site.toml if present).",
)


def _format_option(choices: list[str]) -> Callable[[FC], FC]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def _whole_number_option(
    name: str, default: int, bounds: tuple[int, int], help_text: str
) -> Callable[[FC], FC]:
    return click.option(
        name, default=default, show_default=True, type=click.IntRange(*bounds), help=help_text
    )


def _output_option(help_text: str) -> Callable[[FC], FC]:
    return click.option(
        "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path), help=help_text
    )


def _config(config_path: Path | None, **overrides: Path | None) -> SiteConfig:
    try:
        return with_overrides(load_config(config_path), **overrides)
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="site-builder")
def main() -> None:
    """Turn a folder of saved web pages into a clean, searchable, static reader archive."""


main.add_command(import_command)
main.add_command(export_group)
main.add_command(highlights)


@main.command()
@_CONFIG_OPTION
@click.option(
    "--saved",
    "saved_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of saved pages (default: content/saved).",
)
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Content folder holding saved/ and articles/ (default: content).",
)
@_output_option("Output folder for site/ and whoosh/ (default: output).")
@click.option(
    "--reextract",
    is_flag=True,
    help="Extract every saved page again; articles you edited are still kept.",
)
@click.option("--reindex", is_flag=True, help="Rebuild the Whoosh search index from scratch.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 256),
    help="Processes that extract pages at once (default: one per core).",
)
@click.option("--timings", is_flag=True, help="Print how long each stage of the build took.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with an error when a saved page failed or an article file is unreadable.",
)
@click.option(
    "--base-url",
    help="Public address of the site (overrides base_url in site.toml), for the feed.",
)
def build(
    config_path: Path | None,
    saved_dir: Path | None,
    content_dir: Path | None,
    output_dir: Path | None,
    reextract: bool,
    reindex: bool,
    jobs: int | None,
    timings: bool,
    strict: bool,
    base_url: str | None,
) -> None:
    """Convert new saved pages to Markdown, then build the site and both search indexes."""
    config = _config(
        config_path, saved_dir=saved_dir, content_dir=content_dir, output_dir=output_dir
    )
    if base_url is not None:
        config = replace(config, base_url=base_url)
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        # One bar for the whole build; it names the stage it is in and counts its items.
        task = bar.add_task("Looking for saved pages", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        try:
            with _sigterm_as_interrupt():
                report = pipeline.build(
                    config, reextract=reextract, reindex=reindex, jobs=jobs, progress=progress
                )
        except SiteBuilderError as err:
            raise click.ClickException(
                f"build stopped, the previous site is intact: {err}"
            ) from None
        except _Terminated:
            raise _StoppedBySigterm from None
        except KeyboardInterrupt:
            raise _StoppedByCtrlC from None
    _print_report(report, config)
    if timings:
        total = sum(seconds for _, seconds in report.timings)
        for stage, seconds in report.timings:
            click.echo(f"  {stage:<10} {seconds:8.2f} s")
        click.echo(f"  {'total':<10} {total:8.2f} s")
    if strict and (report.failed or report.unreadable):
        problems = [f"{len(report.failed)} saved page(s) failed"] if report.failed else []
        if report.unreadable:
            problems.append(f"{len(report.unreadable)} article file(s) could not be read")
        raise click.ClickException(f"{', '.join(problems)} (--strict)")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_format_option(["markdown", "json"])
@_CONFIG_OPTION
def extract(paths: tuple[Path, ...], output_format: str, config_path: Path | None) -> None:
    """Print the article found in each saved page (or each under a folder), without
    touching the archive."""
    config = _config(config_path)
    failures = 0
    for path in _saved_pages_in(paths):
        try:
            articles = extract_articles(path, config.content_dir, config)
        except SiteBuilderError as err:
            click.echo(f"error: {err}", err=True)
            failures += 1
            continue
        for article in articles:
            if output_format == "json":
                click.echo(json.dumps(_extract_record(article), ensure_ascii=False))
            else:
                click.echo(store.serialize(article), nl=False)
    if failures:
        sys.exit(1)


@main.command()
@click.argument("query")
@_whole_number_option("--limit", 10, (1, 1000), "Most results to show.")
@_format_option(["text", "json"])
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date"]),
    default="relevance",
    show_default=True,
    help="Best matches first, or newest first.",
)
@click.option(
    "--open",
    "open_rank",
    type=click.IntRange(1),
    help="Open hit N in the browser (the built page, or the original when not built).",
)
@_CONFIG_OPTION
@_output_option("Output folder that holds whoosh/ (default: output).")
def search(
    query: str,
    limit: int,
    output_format: str,
    sort: str,
    open_rank: int | None,
    config_path: Path | None,
    output_dir: Path | None,
) -> None:
    """Search the archive: words, "a phrase", title:, site:, author:, tag:, -word, word*."""
    config = _config(config_path, output_dir=output_dir)
    try:
        hits = _whoosh_search(config, query, limit, sort)
    except SiteBuilderError as err:
        raise click.ClickException(str(err)) from None
    if open_rank is not None:
        _open_hit(hits, open_rank, config)
        return
    if output_format == "json":
        for hit in hits:
            click.echo(json.dumps(asdict(hit), ensure_ascii=False))
        return
    if not hits:
        click.echo(f"No articles match {query!r}.")
        return
    for rank, hit in enumerate(hits, start=1):
        facts = " · ".join(x for x in (hit.site_name, render.display_date(hit.published)) if x)
        click.echo(click.style(f"{rank}. {hit.title}", bold=True))
        if facts:
            click.echo(f"   {facts}")
        for where in (_article_file_shown(hit, config), hit.url):
            if where:
                click.echo(f"   {where}")
        snippet = re.sub(
            r"\[\[(.+?)\]\]", lambda m: click.style(m.group(1), fg="yellow", bold=True), hit.snippet
        )
        click.echo(f"   {snippet}\n")


@main.command()
@_format_option(["text", "json"])
@_CONFIG_OPTION
def duplicates(output_format: str, config_path: Path | None) -> None:
    """List articles with the same text at different addresses (syndicated copies)."""
    config = _config(config_path)
    found = documents.near_duplicate_articles(config)
    if output_format == "json":
        for articles in found:
            click.echo(json.dumps({"articles": [_duplicate_record(s) for s in articles]}))
        return
    if not found:
        click.echo("No near-duplicates: no two articles have the same text.")
        return
    for articles in found:
        click.echo(f"{len(articles)} articles have the same text at different addresses:")
        for summary in articles:
            click.echo(f"  {summary.source_file}  {summary.meta.url or '(no address)'}")


class _Terminated(KeyboardInterrupt):
    """SIGTERM arrived: what `timeout` and a cancelled CI job send."""


class _StoppedByCtrlC(click.ClickException):
    """A build stopped by Ctrl-C: one line, and the shell's exit code for SIGINT."""

    exit_code = 128 + signal.SIGINT

    def __init__(self, how: str = "Ctrl-C") -> None:
        super().__init__(f"build stopped by {how}, the previous site is intact")


class _StoppedBySigterm(_StoppedByCtrlC):
    exit_code = 128 + signal.SIGTERM

    def __init__(self) -> None:
        super().__init__("SIGTERM")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the build as Ctrl-C does: the build unwinds, stops its workers and
    leaves the published site as it was (the default would end the process on the spot)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return

    def stop(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _saved_pages_in(paths: tuple[Path, ...]) -> Iterator[Path]:
    """Each file given, and the saved pages under each folder given, as a build finds
    them; a folder with none is reported, in one line."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        pages = ingest.find_saved_pages(path)
        if not pages:
            raise click.ClickException(f"{path}: no saved pages in this folder")
        yield from pages


_EXTRACT_KEYS = (
    "source",
    "title",
    "author",
    "published",
    "site_name",
    "url",
    "language",
    "description",
    "image",
)


def _extract_record(article: Article) -> dict[str, object]:
    """The `extract --format json` contract: these keys, one object per line."""
    meta = asdict(article.meta)
    record: dict[str, object] = {key: meta[key] for key in _EXTRACT_KEYS}
    record["tags"] = list(article.meta.tags)
    record["keywords"] = list(article.meta.keywords)
    record["markdown"] = article.body
    record["text"] = render.prepare(article).text
    return record


def _duplicate_record(summary: ArticleSummary) -> dict[str, object]:
    meta = summary.meta
    return {"file": summary.source_file, "title": meta.title, "url": meta.url}


def _whoosh_search(config: SiteConfig, query: str, limit: int, sort: str) -> list[SearchHit]:
    """The hits for a query, as `search` prints them and the preview's search API gives
    them; a SiteBuilderError names the query or the index that failed."""
    order: whoosh_index.SortOrder = "date" if sort == "date" else "relevance"
    return whoosh_index.search(config.whoosh_dir, query, limit=limit, sort=order)


def _article_file_shown(hit: SearchHit, config: SiteConfig) -> str:
    """The hit's Markdown file, relative to the current folder when it is inside it."""
    stem = article_stem_of(hit.path)
    if stem is None:
        return hit.path
    path = config.articles_dir / f"{stem}.md"
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _open_hit(hits: list[SearchHit], rank: int, config: SiteConfig) -> None:
    if rank > len(hits):
        raise click.ClickException(f"there are only {len(hits)} hit(s); nothing to open as {rank}")
    hit = hits[rank - 1]
    page = config.site_dir / hit.path
    target = page.resolve().as_uri() if page.is_file() else hit.url
    if not target:
        raise click.ClickException(f"{page}: not built; run `make build` first")
    click.echo(f"Opening {target}")
    if not webbrowser.open(target):
        raise click.ClickException("no browser could be started here; open the address above")


# The skipped files the summary names, at most: a folder of images would bury the rest.
MAX_SKIPPED_NAMED = 10


def _print_report(report: BuildReport, config: SiteConfig) -> None:
    """The summary, on one stream, so it reads top to bottom wherever it is sent."""
    skipped = f", {len(report.skipped)} skipped (not a saved page)" if report.skipped else ""
    click.echo(
        f"Ingested {report.ingested} saved page(s): {len(report.new)} new, "
        f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.kept_edited)} edited and kept, {len(report.failed)} failed{skipped}."
    )
    for name in report.kept_edited:
        click.echo(f"  kept your edits: {name}")
    for warning in report.warnings:
        click.echo(click.style(f"  note: {warning}", fg="yellow"))
    for name, verdict, why in report.flagged:
        click.echo(f"  {verdict}: {name} ({why}; kept the whole page; check the article)")
    for older, newer in report.newer_versions:
        click.echo(f"  a newer version of your edited {older} was saved: {newer}")
    for files in report.near_duplicates:
        click.echo(f"  same text at different addresses: {', '.join(files)}")
    for name, reason in report.failed:
        click.echo(click.style(f"  failed: {name}: {reason}", fg="red"))
    if report.skipped:
        named = ", ".join(report.skipped[:MAX_SKIPPED_NAMED])
        more = len(report.skipped) - MAX_SKIPPED_NAMED
        click.echo(
            f"  skipped (not a saved page): {named}" + (f" and {more} more" if more > 0 else "")
        )
    if report.unreadable:
        click.echo(
            f"Articles: {len(report.unreadable)} file(s) in {config.articles_dir} could not be "
            "read, and are not on the site."
        )
    for name, reason in report.unreadable:
        click.echo(click.style(f"  not read: {name}: {reason}", fg="red"))
    hidden = f" ({len(report.hidden)} hidden)" if report.hidden else ""
    links = f", {report.internal_links} link(s) between them" if report.internal_links else ""
    click.echo(f"Site: {report.articles} article(s) in {config.site_dir}{hidden}{links}")


main.add_command(serve)
