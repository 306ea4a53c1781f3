"""Rendering tests' helpers: sites made from articles held in memory, through the build's
own path (render_archive, loading each body on demand)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from site_builder import render
from site_builder.article import store
from site_builder.core.config import SiteConfig
from site_builder.core.records import Article, ArticleMeta, ArticleSummary, RenderedArticle

BODY = """\
Russia said on Sunday it was ready to help.

## 'WARY RUSSIA'

- one point
- another point

<script>alert(1)</script> and <b onclick="x()">raw</b> stay text.

[a link](https://example.org/x) and [bad](javascript:alert(1)).
"""


def render_articles(
    articles: Sequence[Article],
    config: SiteConfig,
    site_dir: Path,
    *,
    cache: render.PageCache = render.NO_PAGE_CACHE,
) -> render.RenderResult:
    """The whole site for these articles, each summarised as the build summarises its file."""
    prepared = [render.prepare(article) for article in articles]
    by_stem = {rendered.article.stem: rendered for rendered in prepared}
    summaries = [
        render.summarize(rendered, file_sha256=_file_sha256(rendered.article))
        for rendered in prepared
    ]

    def load(summary: ArticleSummary) -> RenderedArticle:
        return by_stem[summary.stem]

    return render.render_archive(summaries, load, config, site_dir, cache=cache)


def rendered_site(tmp_path: Path, articles: Sequence[Article]) -> Path:
    """The site for these articles, with the stock templates, in tmp_path/site."""
    config = SiteConfig(title="Test <Archive>", output_dir=tmp_path / "out")
    site = tmp_path / "site"
    render_articles(articles, config, site)
    return site


def _file_sha256(article: Article) -> str:
    return hashlib.sha256(store.serialize(article).encode("utf-8")).hexdigest()


def news_article(stem: str, title: str, published: str | None, body: str = BODY) -> Article:
    meta = ArticleMeta(
        title=title,
        url="https://www.tbsnews.net/world/putin",
        site_name="The Business Standard",
        author=("Reuters",),
        published=published,
        tags=("Russia", "Belarus"),
        description="The Kremlin said Putin had told Lukashenko Russia was ready.",
        source="saved/x.txt",
    )
    return Article(meta=meta, body=body, stem=stem)


def many_articles(count: int) -> list[Article]:
    """count articles over three sites, four tags and three years."""
    sites = ["Alpha News", "Beta Blog", "Gamma Times"]
    tags = ["Energy", "Rivers", "Ports", "Énergie"]
    articles = []
    for n in range(count):
        article = news_article(
            f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}-story-{n}",
            f"Story {n}",
            f"202{n % 3}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        )
        site = sites[n % 3]
        meta = replace(
            article.meta,
            site_name=site,
            url=f"https://www.{site.lower().replace(' ', '-')}.example/story-{n}",
            tags=(tags[n % 4], tags[(n + 1) % 4]),
        )
        articles.append(replace(article, meta=meta))
    return articles
