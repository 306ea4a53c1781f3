"""The judged query set for the browser search (Pagefind), in Debian chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from site_builder.build import pipeline
from site_builder.core.config import load_config
from tests.conftest import REPO
from tests.search.judged_queries import Case, sample_cases
from tests.test_browser import launch, require_chromium, serve

pytestmark = pytest.mark.browser

# Runs the search the way search.js does: the newest year's bundle first, every other
# year and language merged in. Returns the top three result addresses.
_TOP_THREE = """async ([root, words, filters]) => {
  const manifest = await (await fetch(root + "pagefind/bundles.json")).json();
  const indexes = [];
  const seen = {};
  for (const bundle of manifest.bundles) {
    for (const language of bundle.languages) {
      const path = root + "pagefind/" + bundle.path + "/";
      seen[path] = (seen[path] || 0) + 1;
      indexes.push({ path: path + "./".repeat(seen[path] - 1), language });
    }
  }
  const first = indexes.shift();
  const pagefind = await import(first.path + "pagefind.js");
  await pagefind.options({ baseUrl: root });
  for (const index of indexes) {
    await pagefind.mergeIndex(index.path, { language: index.language, baseUrl: root });
  }
  const search = await pagefind.search(words, { filters });
  const top = await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
  return top.map((data) => data.url);
}"""


@pytest.fixture(scope="module")
def search_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Page, str]]:
    chromium = require_chromium()
    root = tmp_path_factory.mktemp("pagefind-relevance")
    shutil.copytree(REPO / "content" / "saved", root / "content" / "saved")
    (root / "site.toml").write_text('title = "Pagefind relevance"\n', encoding="utf-8")
    pipeline.build(load_config(root / "site.toml"))
    with serve(root / "output" / "site") as base, launch(chromium) as browser:
        page = browser.new_page()
        page.goto(f"{base}search.html")
        yield page, base


def _top3(search_page: tuple[Page, str], case: Case) -> list[str]:
    page, base = search_page
    root = base.removeprefix(base.split("/repo/")[0])
    urls = page.evaluate(_TOP_THREE, [root, case.words, case.filters])
    return [Path(url).stem for url in urls]


@pytest.mark.parametrize("case", sample_cases(), ids=lambda c: c.query)
def test_sample_case_is_in_the_top_three(search_page: tuple[Page, str], case: Case) -> None:
    assert case.expect in _top3(search_page, case)


def test_a_wrong_expectation_misses(search_page: tuple[Page, str]) -> None:
    case = Case("Tsikhanouskaya", "x", "Tsikhanouskaya", {})
    found = _top3(search_page, case)
    assert found and "2021-05-14-harbour-bridge-repairs-to-close-quay-street-for-six-weeks" not in (
        found
    )
