"""Judged queries against a built site's browser search, in chromium, as search.js runs it.

search.js hands Pagefind's UI the manifest's indexes: the first (year, language) index in
the page's language is the primary one, every other one is merged in with its language,
and a folder listed again is spelled apart with "./". The UI then calls the same Pagefind
API this script does: `options`, `mergeIndex` for each merged index, `search`. Pagefind
is loaded once a page; a batch of queries runs in one call, so hundreds take seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Page

from tests.search.judged_queries import Case

_TOP_THREE = """async ([root, language, queries]) => {
  if (!window.judgedPagefind) {
    const manifest = await (await fetch(root + "pagefind/bundles.json")).json();
    const indexes = [];
    for (const bundle of manifest.bundles) {
      for (const lang of bundle.languages) {
        indexes.push({ path: root + "pagefind/" + bundle.path + "/", language: lang });
      }
    }
    const first = indexes.findIndex(
      (index) => index.language === language || index.language.startsWith(language + "-"));
    if (first > 0) {
      indexes.unshift(indexes.splice(first, 1)[0]);
    }
    const seen = {};
    for (const index of indexes) {
      seen[index.path] = (seen[index.path] || 0) + 1;
      index.path += "./".repeat(seen[index.path] - 1);
    }
    const primary = indexes.shift();
    const pagefind = await import(primary.path + "pagefind.js");
    await pagefind.options({ baseUrl: root });
    for (const index of indexes) {
      await pagefind.mergeIndex(index.path, { language: index.language });
    }
    window.judgedPagefind = pagefind;
  }
  const found = [];
  for (const [words, filters] of queries) {
    const search = await window.judgedPagefind.search(words, { filters });
    const top = await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
    found.push(top.map((data) => data.url));
  }
  return found;
}"""


def top_three(
    page: Page, root: str, cases: Sequence[Case], *, language: str = "en"
) -> list[list[str]]:
    """The stems of the top three results of each case, searched on page (a page of the
    site served at root, e.g. "/repo/") as a reader whose search page is in language."""
    queries = [[case.words, case.filters] for case in cases]
    found = page.evaluate(_TOP_THREE, [root, language, queries])
    return [[Path(url).stem for url in urls] for urls in found]
