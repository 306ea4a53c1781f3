"""The judged query set in tests/search_cases.yaml, for the CLI/API search (Whoosh)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import pipeline
from site_builder.core.config import SiteConfig, load_config
from site_builder.search import whoosh_index
from tests.conftest import REPO
from tests.search import multilingual
from tests.search.judged_queries import CASES, Case, generated_archive, sample_cases
from tests.search.multilingual import Judged

# The multilingual archive's cases in the top 3: a ratchet, to be raised as search gets
# better, never lowered. The target is 97% of the cases. When the cases were
# added (issue 19) 276/300 and 94/100 held: every miss was Chinese, a run of Chinese
# characters being one token; with character pairs (search/cjk.py) every case holds.
MULTILINGUAL_TUNED_FLOOR = 300 / 300
MULTILINGUAL_HELD_OUT_FLOOR = 100 / 100


@pytest.fixture(scope="module")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> SiteConfig:
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content" / "saved", root / "content" / "saved")
    (root / "site.toml").write_text('title = "Relevance"\n', encoding="utf-8")
    config = load_config(root / "site.toml")
    pipeline.build(config)
    return config


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteConfig, list[Case]]:
    root = tmp_path_factory.mktemp("generated")
    cases = generated_archive(root / "content" / "articles")
    (root / "site.toml").write_text('title = "Generated"\n', encoding="utf-8")
    config = load_config(root / "site.toml")
    pipeline.build(config)
    return config, cases


@pytest.fixture(scope="module")
def multilingual_archive(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[SiteConfig, list[tuple[Judged, Case]]]:
    return multilingual.build(tmp_path_factory.mktemp("multilingual"))


def _top3(config: SiteConfig, query: str) -> list[str]:
    hits = whoosh_index.search(config.whoosh_dir, query, limit=3)
    return [Path(hit.path).stem for hit in hits]


@pytest.mark.parametrize("case", sample_cases(), ids=lambda c: c.query)
def test_sample_case_is_in_the_top_three(sample_archive: SiteConfig, case: Case) -> None:
    assert case.expect in _top3(sample_archive, case.query)


def test_generated_cases_are_in_the_top_three(
    generated: tuple[SiteConfig, list[Case]],
) -> None:
    config, cases = generated
    assert len(cases) == CASES["generated"]["judged"] * len(CASES["generated"]["kinds"])
    misses = [c.query for c in cases if c.expect not in _top3(config, c.query)]
    assert misses == []


def test_multilingual_cases_hold_their_rate(
    multilingual_archive: tuple[SiteConfig, list[tuple[Judged, Case]]],
) -> None:
    config, cases = multilingual_archive
    results = [(judged, case.expect in _top3(config, case.words)) for judged, case in cases]
    report = multilingual.breakdown(results)
    assert multilingual.top3_rate(results, held_out=False) >= MULTILINGUAL_TUNED_FLOOR, report
    assert multilingual.top3_rate(results, held_out=True) >= MULTILINGUAL_HELD_OUT_FLOOR, report


def test_the_judged_set_can_fail(sample_archive: SiteConfig) -> None:
    # A case naming the wrong article must miss, or the set proves nothing.
    wrong = "2021-05-14-harbour-bridge-repairs-to-close-quay-street-for-six-weeks"
    assert wrong not in _top3(sample_archive, "Tsikhanouskaya")
