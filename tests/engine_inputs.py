"""A fixed set of real inputs for the tests that hold a fork of an engine's internals to
the stock engine: the sample archive's articles and the goldens (Markdown), and the saved
HTML pages of the sample archive and of tests/fixtures (HTML)."""

from __future__ import annotations

from pathlib import Path

from site_builder.article import store

REPO = Path(__file__).resolve().parent.parent
_MARKDOWN_FOLDERS = (REPO / "content" / "articles", REPO / "tests" / "golden")
_HTML_FOLDERS = (REPO / "content" / "saved", REPO / "tests" / "fixtures" / "formats")


def article_bodies() -> list[tuple[str, str]]:
    """(name, Markdown body) of every article file in the sample archive and the goldens."""
    return [
        (_name(path), store.parse(path.read_text(encoding="utf-8"), path).article.body)
        for folder in _MARKDOWN_FOLDERS
        for path in sorted(folder.glob("*.md"))
    ]


def html_pages() -> list[tuple[str, str]]:
    """(name, HTML) of every saved HTML page in the sample archive and tests/fixtures."""
    return [
        (_name(path), _decoded(path.read_bytes()))
        for folder in _HTML_FOLDERS
        for path in sorted(folder.iterdir())
        if path.suffix in (".html", ".htm")
    ]


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # the one page saved by a Windows browser


def _name(path: Path) -> str:
    return path.relative_to(REPO).as_posix()
