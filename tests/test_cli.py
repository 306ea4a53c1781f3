"""The command line: every command documented, and each one's contract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.progress import Progress, TaskID

from site_builder.cli import main
from site_builder.core.config import SiteConfig

from .conftest import REPO, SEED_TEXT

COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]


def test_expected_commands_exist() -> None:
    assert COMMANDS == [
        "build", "duplicates", "export", "extract", "highlights", "import", "search", "serve"
    ]  # fmt: skip


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert main.commands[name].help  # type: ignore[attr-defined]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"site-builder {name}" in readme


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make build" in first_block and "make test" in first_block
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_extract_json_has_the_documented_keys() -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(SEED_TEXT)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.strip().splitlines()[0])
    assert sorted(record) == sorted(
        [
            "source",
            "title",
            "author",
            "published",
            "site_name",
            "url",
            "language",
            "description",
            "tags",
            "keywords",
            "image",
            "markdown",
            "text",
        ]
    )
    assert record["title"] == "Putin says ready to help Belarus president militarily if necessary"
    assert record["published"] == "2020-08-16T17:45:00"
    assert record["tags"] == []  # the reader's own: none yet
    assert record["keywords"] == ["Russia", "Belarus", "Vladimir Putin"]
    assert record["text"].startswith("Russia said on Sunday")
    assert "## 'WARY RUSSIA'" in record["markdown"]
    assert "\n'WARY RUSSIA'\n" in record["text"]


def test_extract_markdown_prints_the_article_file() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED_TEXT)])
    assert result.exit_code == 0
    assert result.output.startswith("---\ntitle: Putin says ready to help Belarus")
    assert "\n---\n\nRussia said on Sunday" in result.output


def test_extract_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(empty), str(SEED_TEXT)])
    assert result.exit_code == 1
    assert f"error: {empty}: empty file" in result.output
    assert '"title": "Putin says ready' in result.output


def test_build_then_search_finds_the_seed_sample(archive: SiteConfig, tmp_path: Path) -> None:
    config_path = str(tmp_path / "site.toml")
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--config", config_path])
    assert built.exit_code == 0, built.output
    assert "Ingested 2 saved page(s): 2 new, 0 updated, 0 unchanged, 0 edited and kept, " in (
        built.output
    )

    found = runner.invoke(main, ["search", "Lukashenko protest", "--config", config_path])
    assert found.exit_code == 0, found.output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", found.output)
    assert plain.startswith("1. Putin says ready to help Belarus president militarily")
    assert "The Business Standard · 16 August 2020" in plain
    seed_page = "articles/2020-08-16-putin-says-ready-to-help-belarus-president-militarily-if"
    assert seed_page in plain
    assert "Harbour" not in plain  # every word must match

    as_json = runner.invoke(
        main, ["search", "protesting", "--format", "json", "--config", config_path]
    )
    hits = [json.loads(line) for line in as_json.output.splitlines()]
    assert hits[0]["title"].startswith("Putin says ready")
    assert "[[" in hits[0]["snippet"]


def test_build_summary_names_failed_files(tmp_path: Path) -> None:
    from .conftest import make_archive

    make_archive(tmp_path, pages={"broken.html": b"\x89PNG\r\n\x1a\n"})
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    assert result.exit_code == 0
    assert "1 failed" in result.output
    assert "failed: broken.html: this is a PNG image, not a saved web page" in result.output


def test_a_search_index_that_cannot_be_written_stops_the_build_in_one_line(
    tmp_path: Path,
) -> None:
    from .conftest import make_archive

    config = make_archive(tmp_path)
    config.whoosh_dir.parent.mkdir(parents=True)
    config.whoosh_dir.write_text("a file where the index folder goes", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    assert result.exit_code == 1
    # Reported by the CLI, not escaped from it (CliRunner hides an escaped traceback).
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1].startswith(
        f"Error: build stopped, the previous site is intact: {config.whoosh_dir}: "
        "could not update the search index: "
    )


def test_bad_query_is_one_clear_line(archive: SiteConfig, tmp_path: Path) -> None:
    config_path = str(tmp_path / "site.toml")
    CliRunner().invoke(main, ["build", "--config", config_path])
    result = CliRunner().invoke(main, ["search", 'title:"unclosed', "--config", config_path])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_search_without_an_index_says_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "x", "--output", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "site-builder build" in result.output


def test_unknown_config_key_is_rejected(tmp_path: Path) -> None:
    config = tmp_path / "site.toml"
    config.write_text('title = "x"\ntitel = "typo"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(config)])
    assert result.exit_code == 1
    assert "unknown setting 'titel'; did you mean 'title'?" in result.output


def test_serve_without_a_site_says_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--output", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "run `make build` first" in result.output


def test_strict_build_fails_when_a_page_failed(tmp_path: Path) -> None:
    from .conftest import make_archive

    make_archive(tmp_path, pages={"broken.html": b""})
    config_path = str(tmp_path / "site.toml")
    lenient = CliRunner().invoke(main, ["build", "--config", config_path])
    assert lenient.exit_code == 0
    strict = CliRunner().invoke(main, ["build", "--config", config_path, "--strict"])
    assert strict.exit_code == 1
    assert "1 saved page(s) failed (--strict)" in strict.output


def test_config_numbers_are_checked(tmp_path: Path) -> None:
    config = tmp_path / "site.toml"
    config.write_text('max_page_mb = "big"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(config)])
    assert result.exit_code == 1
    assert "max_page_mb must be a whole number, not 'big'" in result.output


def test_search_sorts_by_date_and_opens_a_hit(
    archive: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_path = str(tmp_path / "site.toml")
    runner = CliRunner()
    runner.invoke(main, ["build", "--config", config_path])
    by_date = runner.invoke(
        main, ["search", "the", "--sort", "date", "--format", "json", "--config", config_path]
    )
    assert by_date.exit_code == 1 or by_date.output  # "the" alone is a stop word
    dated = runner.invoke(
        main,
        [
            "search",
            "said OR harbour",
            "--sort",
            "date",
            "--format",
            "json",
            "--config",
            config_path,
        ],
    )
    published = [json.loads(line)["published"] for line in dated.output.splitlines()]
    assert published == sorted(published, reverse=True) and len(published) == 2
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = runner.invoke(main, ["search", "Lukashenko", "--open", "1", "--config", config_path])
    assert result.exit_code == 0, result.output
    assert opened and opened[0].startswith("file://")
    assert opened[0].endswith(
        "2020-08-16-putin-says-ready-to-help-belarus-president-militarily-if-necessary.html"
    )
    too_far = runner.invoke(main, ["search", "Lukashenko", "--open", "5", "--config", config_path])
    assert too_far.exit_code == 1
    assert "only 1 hit(s)" in too_far.output


def test_build_shows_one_progress_bar_through_every_stage(
    archive: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added: list[object] = []
    stages: list[str] = []
    real_add, real_update = Progress.add_task, Progress.update

    def add_task(self: Progress, description: str, **options: Any) -> TaskID:
        added.append(description)
        return real_add(self, description, **options)

    def update(self: Progress, task: TaskID, **options: Any) -> None:
        if options.get("description") not in (None, *stages[-1:]):
            stages.append(options["description"])
        real_update(self, task, **options)

    monkeypatch.setattr(Progress, "add_task", add_task)
    monkeypatch.setattr(Progress, "update", update)
    built = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    assert built.exit_code == 0, built.output
    assert len(added) == 1
    assert stages == [
        "Converting saved pages", "Writing the site", "Building the search indexes"
    ]  # fmt: skip


def test_files_that_are_never_saved_pages_are_skipped_not_failed(tmp_path: Path) -> None:
    from .conftest import make_archive

    config = make_archive(tmp_path, pages={"README.md": "# My saved pages\n", "x.css": "a{}"})
    (config.saved_dir / "photos").mkdir()
    (config.saved_dir / "photos" / "harbour.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (config.saved_dir / "photos" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    config_path = str(tmp_path / "site.toml")
    result = CliRunner().invoke(main, ["build", "--config", config_path, "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Ingested 2 saved page(s): 2 new, 0 updated, 0 unchanged, 0 edited and kept, 0 failed, "
        "3 skipped (not a saved page).",
        "  skipped (not a saved page): README.md, photos/harbour.png, x.css",
    ]
    assert "failed:" not in result.output


def test_a_gz_file_that_is_not_gzip_data_says_so(tmp_path: Path) -> None:
    from .conftest import make_archive

    make_archive(tmp_path, pages={"fake.html.gz": "not compressed, not a page\n"})
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    assert "  failed: fake.html.gz: named .gz, but not gzip data, nor a page of a known format" in (
        result.stdout.splitlines()
    )


def test_broken_article_files_are_reported_apart_from_saved_pages(tmp_path: Path) -> None:
    from .conftest import make_archive

    config = make_archive(tmp_path, pages={"broken.html": b""})
    config.articles_dir.mkdir(parents=True)
    (config.articles_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\n", "utf-8")
    config_path = str(tmp_path / "site.toml")
    result = CliRunner().invoke(main, ["build", "--config", config_path, "--strict"])
    lines = result.stdout.splitlines()
    assert lines[0].endswith(" 0 edited and kept, 1 failed.")  # the saved page alone
    assert lines[1:3] == [
        "  failed: broken.html: empty file",
        f"Articles: 1 file(s) in {config.articles_dir} could not be read, and are not on the site.",
    ]
    assert lines[3].startswith("  not read: broken.md: front matter is not valid YAML: ")
    assert lines[4].startswith("Site: 2 article(s) in ")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: 1 saved page(s) failed, 1 article file(s) could not be read (--strict)"
    )


def test_the_build_summary_reads_top_to_bottom_on_one_stream(tmp_path: Path) -> None:
    from .conftest import make_archive

    make_archive(tmp_path, pages={"broken.html": b"\x89PNG\r\n\x1a\n"})
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "site.toml")])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ingested 2 saved page(s)")
    assert lines[1:] == [
        "  failed: broken.html: this is a PNG image, not a saved web page",
        f"Site: 2 article(s) in {tmp_path / 'output' / 'site'}",
    ]


def test_extract_reads_every_saved_page_under_a_folder(archive: SiteConfig, tmp_path: Path) -> None:
    (archive.saved_dir / "notes.md").write_text("# not a page\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(archive.saved_dir)])
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert titles == [
        "Quiet harbour reopens after storm",
        "Putin says ready to help Belarus president militarily if necessary",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = CliRunner().invoke(main, ["extract", str(empty)])
    assert nothing.exit_code == 1
    assert nothing.output == f"Error: {empty}: no saved pages in this folder\n"


def test_search_text_shows_each_hits_markdown_file_and_original_address(
    archive: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    hit = json.loads(runner.invoke(main, ["search", "harbour", "--format", "json"]).output)
    stem = hit["path"].removeprefix("articles/").removesuffix(".html")
    shown = runner.invoke(main, ["search", "harbour"]).output.splitlines()
    assert shown[2:4] == [f"   content/articles/{stem}.md", f"   {hit['url']}"]
    assert (tmp_path / "content" / "articles" / f"{stem}.md").is_file()
    assert hit["url"].startswith("https://")
