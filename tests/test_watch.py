"""serve --watch's build step: what a rebuild tells the open pages and the terminal."""

from __future__ import annotations

from pathlib import Path

from site_builder.build import pipeline
from site_builder.core.config import SiteConfig
from site_builder.core.records import BuildReport
from site_builder.live_reload import BuildStatus, Status
from site_builder.render import RenderError
from site_builder.watch import Rebuilder, rebuild, watched_paths
from tests.conftest import make_archive


def test_pages_reload_only_after_a_build_that_changed_the_site(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    printed: list[str] = []
    rebuilder = Rebuilder(load_config=lambda: config, echo=printed.append)
    status = BuildStatus()

    assert rebuild(rebuilder, status)
    assert status.now() == Status(generation=1)
    # Nothing changed (as when the build's own article files set the watcher off).
    assert rebuild(rebuilder, status)
    assert status.now() == Status(generation=1)
    article = next(config.articles_dir.glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    assert rebuild(rebuilder, status)
    assert status.now() == Status(generation=2)
    assert printed[0].startswith("Rebuilt in ")
    assert printed[0].endswith(": 2 new, 0 updated, 0 failed; 2 article(s) on the site.")


def test_a_failed_build_is_told_and_the_pages_keep_their_site(tmp_path: Path) -> None:
    config = make_archive(tmp_path)

    def broken_template(config: SiteConfig) -> BuildReport:
        raise RenderError("templates/base.html", "template error: unexpected end of template")

    printed: list[str] = []
    status = BuildStatus()
    rebuilder = Rebuilder(load_config=lambda: config, echo=printed.append, build=broken_template)
    assert not rebuild(rebuilder, status)
    error = "templates/base.html: template error: unexpected end of template"
    assert status.now() == Status(generation=0, error=error)
    assert printed == [f"Rebuild failed, still serving the last good site: {error}"]

    working = Rebuilder(load_config=lambda: config, echo=printed.append, build=pipeline.build)
    assert rebuild(working, status)
    assert status.now() == Status(generation=1)


def test_only_the_sources_that_exist_are_watched(tmp_path: Path) -> None:
    config = make_archive(tmp_path)
    config_file = tmp_path / "site.toml"
    assert watched_paths(config, config_file) == sorted(
        [config.saved_dir.resolve(), config_file.resolve()]
    )
    (tmp_path / "templates").mkdir()
    config.articles_dir.mkdir()
    assert len(watched_paths(config, config_file)) == 4
