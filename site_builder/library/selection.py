"""The articles an export takes: every article on the site, or those a filter picks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.article import store
from site_builder.core.records import Article
from site_builder.render.sites import registered_domain


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """What `site-builder export` was asked for; an empty field picks everything."""

    tag: str | None = None  # one of the reader's tags, case aside
    site: str | None = None  # the site's name or its domain, case aside
    year: int | None = None  # of the publication date, or else of the save
    query: str | None = None  # words the title or text must all contain, case aside
    highlighted: bool = False  # only articles with highlights

    def picks(self, article: Article) -> bool:
        meta = article.meta
        if self.tag and self.tag.casefold() not in {t.casefold() for t in meta.tags}:
            return False
        if self.site and self.site.casefold() not in _site_names(article):
            return False
        if self.year and not (meta.published or meta.saved or "").startswith(str(self.year)):
            return False
        if self.highlighted and not meta.highlights:
            return False
        text = f"{meta.title}\n{article.body}".casefold()
        return all(word in text for word in (self.query or "").casefold().split())


def selected_articles(articles_dir: Path, selection: Selection) -> list[Article]:
    """The readable, shown articles the selection picks, oldest first.

    A file that can't be read is left out, as the build leaves it off the site."""
    picked = []
    for path in store.article_files(articles_dir):
        try:
            article = store.load(path).article
        except store.StoreError:
            continue
        if not article.meta.hidden and selection.picks(article):
            picked.append(article)
    return sorted(picked, key=lambda a: (a.meta.published or a.meta.saved or "", a.stem))


def _site_names(article: Article) -> set[str]:
    names = {article.meta.site_name or "", registered_domain(article.meta.url) or ""}
    return {name.casefold() for name in names} - {""}
