"""Every search example in the README finds something on the sample archive it ships."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.build import pipeline
from site_builder.cli import main
from site_builder.core.config import load_config

REPO = Path(__file__).resolve().parent.parent
SEARCH_COMMAND = ".venv/bin/site-builder search "
# Options that change how hits are shown or used, not which articles match.
SHOWING_OPTIONS = {"--format": 1, "--open": 1}


def readme_searches() -> list[list[str]]:
    """The arguments of each `site-builder search` line in the README's code blocks."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    return [
        shlex.split(line[len(SEARCH_COMMAND) :], comments=True)
        for line in lines
        if line.startswith(SEARCH_COMMAND)
    ]


def test_the_readme_has_search_examples() -> None:
    arguments = readme_searches()
    assert len(arguments) >= 10
    assert ["sanctions -ukraine"] in arguments


@pytest.fixture(scope="module")
def sample_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the shipped content/ (saved pages and articles) and site.toml."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copyfile(REPO / "site.toml", root / "site.toml")
    report = pipeline.build(load_config(root / "site.toml"))
    assert report.failed == ()
    return root / "site.toml"


@pytest.mark.parametrize("arguments", readme_searches(), ids=" ".join)
def test_each_readme_search_finds_an_article(sample_config: Path, arguments: list[str]) -> None:
    kept: list[str] = []
    skip = 0
    for argument in arguments:
        if skip:
            skip -= 1
        elif argument in SHOWING_OPTIONS:
            skip = SHOWING_OPTIONS[argument]
        else:
            kept.append(argument)
    result = CliRunner().invoke(
        main, ["search", *kept, "--format", "json", "--config", str(sample_config)]
    )
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert hits, f"no article matches {kept}"
