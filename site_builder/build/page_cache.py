"""The pages of the site the last build published, carried over into the new one.

render asks a PageCache before it makes each page. This one answers from the last
build's site and the keys it recorded of what each page was made from (cache_keys): a
page whose key is unchanged is linked into the new site without being rendered, and so
is a rendered page whose bytes are the old one's, so unchanged pages keep their identity
(and their time stamps).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from site_builder.build.cache_keys import PageKeys
from site_builder.core.files import link_or_copy


class PublishedSiteCache:
    """A render.PageCache over the published site; keys holds this build's page keys,
    for the next build, once render_archive is done."""

    def __init__(
        self, look: str, previous_site: Path | None, previous_keys: Mapping[str, str] | None
    ) -> None:
        self.keys: dict[str, str] = {}  # what each page was made from, by its path
        self._previous_site = previous_site
        self._previous_keys = previous_keys or {}
        self._key_of = PageKeys(look)

    def carry_over(
        self, path: str, template: str, made_from: Mapping[str, object], target: Path
    ) -> bool:
        key = self._key_of(template, path, made_from)
        self.keys[path] = key
        return self._previous_keys.get(path) == key and self._reuse(path, target)

    def same_as_before(self, path: str, page: bytes, target: Path) -> bool:
        if self._previous_site is None:
            return False
        old = self._previous_site / path
        same = old.is_file() and old.stat().st_size == len(page) and old.read_bytes() == page
        return same and self._reuse(path, target)

    def _reuse(self, path: str, target: Path) -> bool:
        """Put the last build's page at target; False if there is none."""
        if self._previous_site is None:
            return False
        old = self._previous_site / path
        if not old.is_file():
            return False
        try:
            link_or_copy(old, target)
        except OSError:
            return False
        return True
