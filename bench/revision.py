"""Source files as they were at a git revision, for benchmarks that time old against new.

A revision may come from before the re-layout of issue 18, when site_builder was one flat
package, or from its first step (37afd18), when some modules had other names: a module is
looked for under its current name first and then under its former ones, and while an
older revision's modules run, their imports of former names (`from site_builder.models
import ...`) find the current modules that took those names' place.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

_AT_FIRST_STEP_RENDER = ("site_builder.render.site", "site_builder.render")
_AT_FIRST_STEP_CLEANUP = ("site_builder.extract.cleanup", "site_builder.cleanup")
_AT_FIRST_STEP_WRITER = ("site_builder.search.whoosh_writer", "site_builder.search_indexing")
_AT_FIRST_STEP_INDEX = ("site_builder.search.whoosh_index", "site_builder.search_index")
_AT_FIRST_STEP_BUILD = ("site_builder.build.pipeline", "site_builder.pipeline")
# Each current module and the names its code had before, newest first: at the first step
# of the re-layout (37afd18) when that differs, and in the flat package before it.
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "site_builder.core.records": ("site_builder.models",),
    "site_builder.core.errors": ("site_builder.models",),
    "site_builder.core.config": ("site_builder.config",),
    "site_builder.core.dates": ("site_builder.dates",),
    "site_builder.core.slugs": ("site_builder.slugs",),
    "site_builder.core.image_types": ("site_builder.image_types",),
    "site_builder.extract.extractor": ("site_builder.extract",),
    "site_builder.extract.guard": ("site_builder.limits",),
    "site_builder.extract.readability_adapter": ("site_builder.readability_adapter",),
    "site_builder.extract.readability_cleaner": ("site_builder.readability_adapter",),
    "site_builder.extract.cleanup": ("site_builder.cleanup",),
    "site_builder.extract.chrome": _AT_FIRST_STEP_CLEANUP,
    "site_builder.extract.layout_tables": _AT_FIRST_STEP_CLEANUP,
    "site_builder.extract.restore": _AT_FIRST_STEP_CLEANUP,
    "site_builder.extract.article_images": _AT_FIRST_STEP_CLEANUP,
    "site_builder.extract.metadata": ("site_builder.metadata",),
    "site_builder.extract.media": ("site_builder.media",),
    "site_builder.extract.text_saves": ("site_builder.text_article",),
    "site_builder.extract.text_lines": (
        "site_builder.extract.text_saves",
        "site_builder.text_article",
    ),
    "site_builder.extract.text_header": (
        "site_builder.extract.text_saves",
        "site_builder.text_article",
    ),
    "site_builder.article.to_markdown": ("site_builder.to_markdown",),
    "site_builder.article.store": ("site_builder.store",),
    "site_builder.render.archive": _AT_FIRST_STEP_RENDER,
    "site_builder.render.pages": _AT_FIRST_STEP_RENDER,
    "site_builder.render.environment": _AT_FIRST_STEP_RENDER,
    "site_builder.render.page_writer": _AT_FIRST_STEP_RENDER,
    "site_builder.render.feeds": _AT_FIRST_STEP_RENDER,
    "site_builder.render.standfirst": _AT_FIRST_STEP_RENDER,
    "site_builder.render.body_html": ("site_builder.article_html",),
    "site_builder.core.sanitize": ("site_builder.render.sanitize", "site_builder.sanitize"),
    "site_builder.render.listings": ("site_builder.listings",),
    "site_builder.render.site_assets": (
        "site_builder.render.site_files",
        "site_builder.site_files",
    ),
    "site_builder.search.whoosh_index": ("site_builder.search_index",),
    "site_builder.search.errors": _AT_FIRST_STEP_INDEX,
    "site_builder.search.query": _AT_FIRST_STEP_INDEX,
    "site_builder.search.fast_writer": _AT_FIRST_STEP_WRITER,
    "site_builder.search.fast_analysis": _AT_FIRST_STEP_WRITER,
    "site_builder.search.term_pool": _AT_FIRST_STEP_WRITER,
    "site_builder.search.pagefind": ("site_builder.static_search",),
    "site_builder.search.pagefind_stable": ("site_builder.pagefind_files",),
    "site_builder.build.pipeline": ("site_builder.pipeline",),
    "site_builder.build.gather": _AT_FIRST_STEP_BUILD,
    "site_builder.build.convert": _AT_FIRST_STEP_BUILD,
    "site_builder.build.load": _AT_FIRST_STEP_BUILD,
    "site_builder.build.render_and_index": _AT_FIRST_STEP_BUILD,
    "site_builder.build.extract_file": _AT_FIRST_STEP_BUILD,
    "site_builder.build.state": ("site_builder.build_state",),
    "site_builder.build.cache_keys": ("site_builder.page_keys",),
    "site_builder.build.spool": ("site_builder.spool",),
    "site_builder.build.workers": ("site_builder.workers",),
    "site_builder.build.memory": ("site_builder.heap",),
}
_OUR_IMPORT = re.compile(r"^\s*from (site_builder(?:\.\w+)+) import", re.MULTILINE)


def source_at(revision: str, path: str) -> str:
    """The text of path (relative to the repository) at revision."""
    return subprocess.run(
        ["git", "show", f"{revision}:{path}"],  # noqa: S607  # git from PATH, as make does
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def module_at(revision: str, name: str) -> tuple[str, str] | None:
    """The source of module `name` (a current dotted name) at revision and the dotted name
    it had there: its own, or a former one; None if it had none of them."""
    for candidate in (name, *FORMER_NAMES.get(name, ())):
        path = candidate.replace(".", "/") + ".py"
        try:
            return source_at(revision, path), candidate
        except subprocess.CalledProcessError:
            continue
    return None


class _FormerModule(types.ModuleType):
    """A former module's name, answering from the current modules that took its place."""

    def __init__(self, name: str, successors: list[str]) -> None:
        super().__init__(name)
        self.successors = successors

    def __getattr__(self, attribute: str) -> Any:
        for successor in self.successors:
            module = importlib.import_module(successor)
            if hasattr(module, attribute):
                return getattr(module, attribute)
        raise AttributeError(f"{self.__name__} (now {self.successors}) has no {attribute}")


@contextmanager
def former_names() -> Iterator[None]:
    """While it lasts, the former modules' names import the current modules that replaced
    them (names that still exist, such as the packages site_builder.extract and .render,
    stay what they are)."""
    successors: dict[str, list[str]] = {}
    for current, former in FORMER_NAMES.items():
        if importlib.util.find_spec(current) is not None:
            # Imported now, before a revision's copy can shadow a module it imports.
            importlib.import_module(current)
            for name in former:
                successors.setdefault(name, []).append(current)
    added = [name for name in successors if importlib.util.find_spec(name) is None]
    for name in added:
        sys.modules[name] = _FormerModule(name, successors[name])
    try:
        yield
    finally:
        for name in added:
            sys.modules.pop(name, None)


def modules_at(
    revision: str, roots: Iterable[str], in_scope: Callable[[str], bool]
) -> dict[str, types.ModuleType]:
    """The modules `roots` (current dotted names) as they were at revision, each run under
    another name, by current name; so are the modules of ours they import, at revision,
    when `in_scope` says so of their current name. While they load, each one's name at
    revision finds the revision's copy; everything else they import is this tree's."""
    loaded: dict[str, types.ModuleType] = {}  # by the name at revision
    by_current: dict[str, types.ModuleType] = {}
    saved = dict(sys.modules)
    try:
        with former_names():
            for root in roots:
                by_current[root] = _load(revision, root, in_scope, loaded)
    finally:
        for name in loaded:  # the revision's copies stay only under their "old_" names
            if name in saved:
                sys.modules[name] = saved[name]
            else:
                sys.modules.pop(name, None)
    return by_current


def _load(
    revision: str,
    name: str,
    in_scope: Callable[[str], bool],
    loaded: dict[str, types.ModuleType],
) -> types.ModuleType:
    found = module_at(revision, name)
    if found is None:
        raise SystemExit(f"{revision} has no {name} (nor {FORMER_NAMES.get(name, ())})")
    source, there = found
    if there not in loaded:
        for imported in dict.fromkeys(_OUR_IMPORT.findall(source)):
            if imported not in loaded and in_scope(_current_name(imported)):
                with contextlib.suppress(SystemExit):  # a package, or a module it lacked
                    _load(revision, _current_name(imported), in_scope, loaded)
        loaded[there] = _run_as(there, source, revision)
    return loaded[there]


def _current_name(name: str) -> str:
    """The current name of a module named `name` at some revision (the first successor
    of a former module that became several)."""
    if name in FORMER_NAMES:
        return name
    return next((now for now, former in FORMER_NAMES.items() if name in former), name)


def _run_as(name: str, source: str, revision: str) -> types.ModuleType:
    """Run source as module `name` under another name; until the loading ends, importing
    `name` finds it."""
    path = name.replace(".", "/") + ".py"
    module = types.ModuleType(f"old_{name.replace('.', '_')}")
    module.__file__ = str(REPO / path)  # for the paths it finds from its own
    sys.modules[module.__name__] = module  # dataclasses and pickles look their module up
    sys.modules[name] = module
    exec(compile(source, f"{revision}:{path}", "exec"), module.__dict__)  # noqa: S102
    return module
