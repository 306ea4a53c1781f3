"""The sample archive shipped in content/saved/: metadata, and the text that must (not) appear."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder import render
from site_builder.build.extract_file import extract_articles
from tests.conftest import FIXTURES, REPO

SAVED = REPO / "content" / "saved"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "samples_expected.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_metadata(name: str) -> None:
    expected = EXPECTED[name]
    meta = extract_articles(SAVED / name, REPO / "content")[0].meta
    assert meta.url == expected["url"]
    assert meta.title == expected["title"]
    assert meta.author == (expected["author"],)
    assert (meta.published or "")[:10] == expected["published"]
    assert meta.site_name == expected["site_name"]
    assert meta.language == expected["language"]
    assert list(meta.keywords) == expected["tags"]  # the publisher's
    assert meta.tags == ()  # the reader's own, none yet
    assert meta.description == expected["description"]
    assert meta.source == f"saved/{name}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_body_keeps_the_article_and_drops_the_chrome(name: str) -> None:
    article = extract_articles(SAVED / name, REPO / "content")[0]
    text = render.prepare(article).text
    flat = " ".join(text.split())
    for wanted in EXPECTED[name]["with"]:
        assert " ".join(wanted.split()) in flat, f"missing from {name}: {wanted!r}"
    for unwanted in EXPECTED[name]["without"]:
        assert unwanted not in article.body, f"chrome left in {name}: {unwanted!r}"


def test_every_sample_is_covered() -> None:
    names = {p.name for p in SAVED.iterdir() if p.is_file()}
    assert names == set(EXPECTED) | {"putin-belarus-tbs.txt"}


def test_seed_sample_is_the_shared_text_save() -> None:
    assert (SAVED / "putin-belarus-tbs.txt").read_bytes() == Path(
        FIXTURES / "putin-belarus-tbs.txt"
    ).read_bytes()
