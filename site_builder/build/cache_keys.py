"""What a page is made from, as one hash: its key for the next build.

Every key starts from the site's look (`design_fingerprint`): the templates, the
settings and site_builder's own code. A page whose key is the previous build's is
carried over without being rendered (build/page_cache.py): most of the pages a build
that changes little would render are lists (the home page, browse pages, feeds), and an
article page is keyed by its file's version, not by its body. And the whole site has a
key (`site_key`): a build whose key is the last published site's has nothing to render,
carry over or publish.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from pathlib import Path
from types import FunctionType

from site_builder.core.config import SiteConfig, shown_build_time
from site_builder.core.records import ArticleSummary
from site_builder.render import STOCK_TEMPLATES

# site_builder/: every module of it is part of the look.
SITE_BUILDER_CODE = Path(__file__).resolve().parent.parent


def design_fingerprint(config: SiteConfig) -> str:
    """A hash of everything besides its content that shapes a page: templates, settings
    (SOURCE_DATE_EPOCH among them), and site_builder's own code (a new version may render
    the same page differently)."""
    settings = (sorted(asdict(config).items()), shown_build_time())
    digest = hashlib.sha256(repr(settings).encode("utf-8"))
    for module in sorted(SITE_BUILDER_CODE.rglob("*.py")):
        digest.update(hashlib.sha256(module.read_bytes()).digest())
    folders = dict.fromkeys([STOCK_TEMPLATES, config.templates_dir.resolve()])
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class PageKeys:
    """key(template, path, context) for the pages of one build, with the look they share.

    A listing names many articles, and a tag's pages all share its group: each frozen
    object's digest is worked out once, so a key costs far less than the rendering.
    """

    def __init__(self, look: str) -> None:
        self._look = look
        # The digest of each frozen object by id(); the object is kept with it, so
        # that no other object can take its id while these keys are in use.
        self._digests: dict[int, tuple[object, str]] = {}

    def __call__(self, template: str, path: str, context: Mapping[str, object]) -> str:
        parts = [self._look, template, path]
        for name in sorted(context):
            parts += [name, self.digest(context[name])]
        return _hashed(parts)

    def digest(self, value: object) -> str:
        """What value is, as text: its repr, with what it holds digested the same way.

        A frozen dataclass (ours hold tuples, never lists) cannot change between two
        pages, so its digest is remembered: an article's link is digested once however
        many lists show it. A function is named (its code is part of the look); its
        repr would hold its address.
        """
        if isinstance(value, FunctionType):
            return f"{value.__module__}.{value.__qualname__}"
        if isinstance(value, (list, tuple)):
            return _hashed([type(value).__name__, *map(self.digest, value)])
        if not _frozen_dataclass(value):
            return repr(value)
        known = self._digests.get(id(value))
        if known is None:
            parts = [type(value).__qualname__]
            for name in _field_names(type(value)):
                parts += [name, self.digest(getattr(value, name))]
            known = (value, _hashed(parts))
            self._digests[id(value)] = known
        return known[1]


def site_key(
    look: str,
    summaries: Iterable[ArticleSummary],
    originals: Iterable[tuple[str, str]],
    media: Iterable[Path],
) -> str:
    """What a whole site is made from: its look, each article's summary (in the order the
    site is given them: it breaks ties in that order), the (name, sha256) of the saved
    pages its originals may come from, and the stored images it publishes, by name and
    stamp. Article pages are made from their files, and those are in the summaries: a
    summary holds its file's sha256.
    """
    digest = hashlib.sha256(look.encode("ascii"))
    for summary in summaries:
        digest.update(repr(summary).encode("utf-8") + b"\0")
    digest.update(b"originals\0")
    for original in originals:
        digest.update(repr(original).encode("utf-8") + b"\0")
    digest.update(b"media\0")
    for image in media:
        status = image.stat()
        stamp = (image.name, status.st_size, status.st_mtime_ns, status.st_ino)
        digest.update(repr(stamp).encode("utf-8") + b"\0")
    return digest.hexdigest()


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # by dataclass


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in fields(kind))
    return names


def _hashed(parts: list[str]) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _frozen_dataclass(value: object) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)
