"""Every saved-page format, built: one article per page, whose local images are stored once
in content/media/ under their hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core.config import SiteConfig
from site_builder.core.records import Article, BuildReport
from tests.conftest import file_digests
from tests.ingest.format_cases import (
    FORMATS,
    SAVED_AT,
    Format,
    archive,
    images,
    instant,
    no_mojibake,
    stored_articles,
)
from tests.saved_formats import (
    ARTICLE,
    RUSSIAN_ARTICLE,
    corrupt_mhtml,
    gzipped,
    make_page,
    save_complete,
    save_html_only,
    save_mhtml,
    save_monolith,
    save_singlefile,
    save_text,
    save_warc,
    truncate_warc,
)

# --- building each format -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Built:
    fmt: Format
    config: SiteConfig
    saved_file: Path
    report: BuildReport
    articles: list[Article]


@pytest.fixture(scope="module", params=list(FORMATS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    fmt = FORMATS[request.param]
    config = archive(tmp_path_factory.mktemp(request.param))
    saved_file = fmt.save(config.saved_dir, ARTICLE)
    report = pipeline.build(config)
    found = stored_articles(config)
    return Built(fmt=fmt, config=config, saved_file=saved_file, report=report, articles=found)


def test_build_extracts_the_article(built: Built) -> None:
    assert built.report.failed == ()
    (article,) = built.articles
    meta = article.meta
    assert meta.title == ARTICLE.headline
    source = f"saved/{built.saved_file.name}"
    assert meta.source == (f"{source}#{ARTICLE.url}" if built.fmt.multi_page else source)
    if built.fmt.kind == "html":  # a text save holds no address
        assert meta.url == ARTICLE.url
    assert instant(meta.saved) == (SAVED_AT if built.fmt.records_date else None)
    for phrase in ARTICLE.phrases:
        assert phrase in article.body
    for chrome in ARTICLE.chrome:
        assert chrome not in article.body


def test_build_stores_local_images_once_by_hash(built: Built) -> None:
    (article,) = built.articles
    media_dir = built.config.content_dir / "media"
    site_media = built.config.site_dir / "media"
    local = images(ARTICLE, built.fmt.local)

    stored = sorted(p.name for p in media_dir.iterdir()) if media_dir.is_dir() else []
    assert stored == sorted(image.media_name for image in local)
    for image in local:
        assert (media_dir / image.media_name).read_bytes() == image.data
        assert (site_media / image.media_name).read_bytes() == image.data
        assert f"](../media/{image.media_name})" in article.body
    page_html = (built.config.site_dir / "articles" / f"{article.stem}.html").read_text("utf-8")
    for image in local:
        assert f'src="../media/{image.media_name}"' in page_html
    if built.fmt.kind == "html":
        for image in ARTICLE.images:
            if image not in local:  # only on the web: the article keeps its address
                assert f"]({image.url})" in article.body
    assert "data:image" not in article.body
    assert "_files/" not in article.body


def test_the_same_image_in_two_saves_is_stored_once(tmp_path: Path) -> None:
    config = archive(tmp_path)
    save_singlefile(config.saved_dir, ARTICLE)
    save_mhtml(config.saved_dir, ARTICLE)

    report = pipeline.build(config)

    assert report.failed == ()
    # One page saved twice is one article; the other save is kept as a version.
    versions = [store.load(path).article for path in store.version_files(config.articles_dir)]
    assert len(stored_articles(config)) == len(versions) == 1
    media = sorted(p.name for p in (config.content_dir / "media").iterdir())
    assert media == sorted(image.media_name for image in ARTICLE.images)
    for article in [*stored_articles(config), *versions]:
        assert f"../media/{ARTICLE.photo.media_name}" in article.body


def test_build_of_the_windows_1251_mhtml(tmp_path: Path) -> None:
    config = archive(tmp_path)
    save_mhtml(config.saved_dir, RUSSIAN_ARTICLE)

    report = pipeline.build(config)

    assert report.failed == ()
    (article,) = stored_articles(config)
    assert article.meta.title == RUSSIAN_ARTICLE.headline
    assert article.meta.language == "ru"
    for phrase in RUSSIAN_ARTICLE.phrases:
        assert phrase in article.body
    no_mojibake(article.body)


def test_build_of_a_folder_of_every_format(tmp_path: Path) -> None:
    config = archive(tmp_path)
    saved = config.saved_dir
    pages = {index: make_page(index) for index in range(1, 12)}
    save_html_only(saved, pages[1])
    save_complete(saved, pages[2], "chrome")
    save_complete(saved, pages[3], "firefox")
    save_singlefile(saved, pages[4])
    save_monolith(saved, pages[5])
    save_mhtml(saved, pages[6])
    save_mhtml(saved, RUSSIAN_ARTICLE)
    save_warc(saved, [pages[7], pages[8]], name="crawl.warc.gz")
    save_text(saved, pages[9])
    gzipped(save_singlefile(saved, pages[10]))
    corrupt_mhtml(saved, pages[11], name="broken.mhtml")
    truncate_warc(save_warc(tmp_path, [pages[11]]), name="truncated.warc.gz").rename(
        saved / "truncated.warc.gz"
    )
    before = file_digests(saved)

    report = pipeline.build(config)

    failed = dict(report.failed)
    assert sorted(failed) == ["broken.mhtml", "truncated.warc.gz"]
    for reason in failed.values():
        assert reason.strip() and "\n" not in reason
    articles = stored_articles(config)
    expected_titles = [pages[index].headline for index in range(1, 11)]  # 11 is broken
    assert sorted(a.meta.title for a in articles) == sorted(
        [*expected_titles, RUSSIAN_ARTICLE.headline]
    )
    assert report.articles == len(articles) == 11
    assert {a.meta.source for a in articles} >= {
        f"saved/crawl.warc.gz#{pages[7].url}",
        f"saved/crawl.warc.gz#{pages[8].url}",
    }
    local = [
        *[image for i in (2, 3, 4, 5, 6, 10) for image in pages[i].images],
        *RUSSIAN_ARTICLE.images,
        pages[7].photo,
        pages[8].photo,
    ]
    media = sorted(p.name for p in (config.content_dir / "media").iterdir())
    assert media == sorted({image.media_name for image in local})
    assert sorted(p.name for p in (config.site_dir / "media").iterdir()) == media
    assert file_digests(saved) == before  # saved pages are never modified
