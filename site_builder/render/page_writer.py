"""Pages from templates into the site folder, with the context every page shares.

Before a page is made, a PageCache may put the last build's copy in its place; render
knows no more of caching than the two questions PageCache answers. NO_PAGE_CACHE, the
default, answers no to both: every page is rendered and written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from jinja2 import Environment

from site_builder.core.config import SiteConfig
from site_builder.render.environment import render_template, script_integrity

THEME_SCRIPT = "theme.js"
SEARCH_SCRIPT = "search.js"
# The filter box of the Sites and Tags lists; the pages that use it allow it by its hash.
FILTER_SCRIPT = "list-filter.js"


class PageCache(Protocol):
    """The pages of an earlier build, offered for reuse page by page.

    Each answer of True means the cache has put the earlier page at target, as it is.
    """

    def carry_over(
        self, path: str, template: str, made_from: Mapping[str, object], target: Path
    ) -> bool:
        """May the page at path be carried over, given what it is made from?"""
        ...

    def same_as_before(self, path: str, page: bytes, target: Path) -> bool:
        """Is this rendered page byte for byte the earlier build's?"""
        ...


class NoPageCache:
    """No earlier build: every page is made anew."""

    def carry_over(
        self, path: str, template: str, made_from: Mapping[str, object], target: Path
    ) -> bool:
        return False

    def same_as_before(self, path: str, page: bytes, target: Path) -> bool:
        return False


NO_PAGE_CACHE = NoPageCache()


class PageWriter:
    """Renders a template to a path under the site, with the context every page shares."""

    def __init__(
        self, env: Environment, site_dir: Path, config: SiteConfig, cache: PageCache
    ) -> None:
        self.env, self.site_dir, self.config, self.cache = env, site_dir, config, cache
        self.pages = 0  # written or carried over
        self.theme_integrity = script_integrity(config, THEME_SCRIPT)
        self.search_integrity = script_integrity(config, SEARCH_SCRIPT)
        self.filter_integrity = script_integrity(config, FILTER_SCRIPT)
        self._folders: set[Path] = set()  # made in site_dir by this writer

    def write(self, template: str, path: str, **context: object) -> None:
        """Render the page, unless it is made from what the earlier build's was: the
        template, the path and the whole context."""
        context = self._shared_context(path, context)
        if not self.carry_over(template, path, context):
            self._render(template, path, context)

    def carry_over(self, template: str, path: str, made_from: Mapping[str, object]) -> bool:
        """Whether the earlier build's page is in place, made from what this one would be."""
        target = self._target(path)
        if self.cache.carry_over(path, template, made_from, target):
            self.pages += 1
            return True
        return False

    def render(self, template: str, path: str, **context: object) -> None:
        """Render the page, whatever it is made from (the caller asked carry_over)."""
        self._render(template, path, self._shared_context(path, context))

    def _shared_context(self, path: str, context: dict[str, object]) -> dict[str, object]:
        context.setdefault("theme_integrity", self.theme_integrity)
        context.setdefault("filter_integrity", self.filter_integrity)
        context.setdefault("root", "../" * path.count("/"))
        context.setdefault("page_language", self.config.language)
        context.setdefault("page_path", path)
        return context

    def _render(self, template: str, path: str, context: Mapping[str, object]) -> None:
        data = render_template(self.env, template, site=self.config, **context).encode("utf-8")
        self.pages += 1
        target = self._target(path)
        if not self.cache.same_as_before(path, data, target):
            target.write_bytes(data)

    def _target(self, path: str) -> Path:
        """site_dir/path, its folder made."""
        target = self.site_dir / path
        folder = target.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return target
