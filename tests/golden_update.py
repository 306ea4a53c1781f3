"""Rewrite tests/golden/ from the current extractor: `make golden`, then review `git diff`."""

from __future__ import annotations

from pathlib import Path

from site_builder.article import store
from site_builder.build.extract_file import extract_articles

REPO = Path(__file__).resolve().parent.parent
SAVED = REPO / "content" / "saved"
GOLDEN = Path(__file__).resolve().parent / "golden"


def golden_path(saved: Path) -> Path:
    return GOLDEN / f"{saved.name}.md"


def expected_text(saved: Path) -> str:
    return store.serialize(extract_articles(saved, REPO / "content")[0])


def sample_pages() -> list[Path]:
    return sorted(p for p in SAVED.iterdir() if p.is_file() and not p.name.startswith("."))


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    wanted = {golden_path(page) for page in sample_pages()}
    for stale in set(GOLDEN.glob("*.md")) - wanted:
        stale.unlink()
        print(f"removed {stale.relative_to(REPO)}")
    for page in sample_pages():
        target = golden_path(page)
        text = expected_text(page)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
