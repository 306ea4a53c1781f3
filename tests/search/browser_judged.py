"""Judged queries against a built site's browser search, in chromium, as search.js runs it.

The page's own script answers: `window.archiveSearch.search`, the function its search box
calls, over the site's static index. A case's filters become the query's field prefixes
(`site:"TinkerLab"`, `year:2021`), as a reader types them. A batch of queries runs in one
call, so hundreds take seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from playwright.sync_api import Page

from tests.search.judged_queries import Case

_TOP_THREE = """async ([root, queries]) => {
  const api = window.archiveSearch;
  window.judgedIndex = window.judgedIndex || new api.Index(root);
  const found = [];
  for (const query of queries) {
    const ranked = await api.search(window.judgedIndex, query, "relevance");
    const top = ranked.results.slice(0, 3);
    const documents = await Promise.all(top.map((r) => window.judgedIndex.document(r.number)));
    found.push(documents.map((d) => d.p));
  }
  return found;
}"""


def browser_query(case: Case) -> str:
    """The case as typed into the search box: its words, then its filters as fields."""
    fields = [f'{name}:"{value}"' for name, value in case.filters.items()]
    return " ".join([case.words, *fields])


def top_three(page: Page, root: str, cases: Sequence[Case]) -> list[list[str]]:
    """The stems of the top three results of each case, searched on page (the site's
    search page, served at root, e.g. "/repo/")."""
    found = page.evaluate(_TOP_THREE, [root, [browser_query(case) for case in cases]])
    return [[PurePosixPath(path).stem for path in paths] for paths in found]
