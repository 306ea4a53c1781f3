"""`site-builder highlights`, and highlight: and note: in `site-builder search`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import main

HARBOUR = """\
---
title: Quiet harbour
url: https://example.org/harbour
published: '2021-03-04'
tags: [Harbours]
note: Ask the *harbour master* about the wall.
highlights:
- quote: a passage the text lost
  note: from my e-reader
---

The boats came back at ==first light==^[a lovely *image*] to the quay.
"""
BRIDGE = """\
---
title: Bridge repairs
url: https://example.org/bridge
published: '2022-01-01'
tags: [Roads]
---

The bridge will close for ==six weeks== of repairs to its granite piers.
"""


@pytest.fixture(scope="module")
def config_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("highlights")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "2021-03-04-quiet-harbour.md").write_text(HARBOUR, encoding="utf-8")
    (articles / "2022-01-01-bridge-repairs.md").write_text(BRIDGE, encoding="utf-8")
    (root / "site.toml").write_text('title = "Notes"\n', encoding="utf-8")
    built = CliRunner().invoke(main, ["build", "--config", str(root / "site.toml")])
    assert built.exit_code == 0, built.output
    return str(root / "site.toml")


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return re.sub(r"\x1b\[[0-9;]*m", "", result.output)


def test_highlights_as_text_newest_article_first(config_path: str) -> None:
    assert _run("highlights", "--config", config_path) == (
        "Bridge repairs (2022-01-01)\n"
        "  https://example.org/bridge\n"
        "  > six weeks\n"
        "\n"
        "Quiet harbour (2021-03-04)\n"
        "  https://example.org/harbour\n"
        "  note: Ask the *harbour master* about the wall.\n"
        "  > first light\n"
        "    note: a lovely *image*\n"
        "  > a passage the text lost\n"
        "    note: from my e-reader\n"
    )


def test_highlights_of_one_tag_as_markdown(config_path: str) -> None:
    assert _run(
        "highlights", "--tag", "harbours", "--format", "markdown", "--config", config_path
    ) == (
        "## [Quiet harbour](https://example.org/harbour)\n\n"
        "Ask the *harbour master* about the wall.\n\n"
        "> first light\n\n"
        "a lovely *image*\n\n"
        "> a passage the text lost\n\n"
        "from my e-reader\n"
    )


def test_highlights_as_json_lines(config_path: str) -> None:
    records = [
        json.loads(line)
        for line in _run("highlights", "--format", "json", "--config", config_path).splitlines()
    ]
    assert [(r["title"], r["quote"], r["anchor"]) for r in records] == [
        ("Bridge repairs", "six weeks", "highlight-1"),
        ("Quiet harbour", None, None),
        ("Quiet harbour", "first light", "highlight-1"),
        ("Quiet harbour", "a passage the text lost", "highlight-2"),
    ]
    assert records[0]["tags"] == ["Roads"]
    assert Path(records[0]["file"]).name == "2022-01-01-bridge-repairs.md"


def test_no_highlights_for_a_tag_says_so(config_path: str) -> None:
    assert _run("highlights", "--tag", "Nothing", "--config", config_path) == (
        "No highlights in articles tagged 'Nothing'.\n"
    )


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("highlight:weeks", "Bridge repairs"),
        ("highlights:light", "Quiet harbour"),
        ('note:"harbour master"', "Quiet harbour"),
        ("note:e-reader", "Quiet harbour"),
    ],
)
def test_search_by_highlight_and_note(config_path: str, query: str, title: str) -> None:
    found = _run("search", query, "--format", "json", "--config", config_path)
    assert [json.loads(line)["title"] for line in found.splitlines()] == [title]


def test_a_word_only_in_the_text_is_no_highlight(config_path: str) -> None:
    found = _run("search", "highlight:granite", "--config", config_path)
    assert found.startswith("No articles match")
