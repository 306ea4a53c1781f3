"""The judged queries of tests/search_cases.yaml: the sample archive's cases, and a
generated archive with its own."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_builder.article import store
from site_builder.core.records import Article, ArticleMeta
from tests.conftest import REPO

CASES: dict[str, Any] = yaml.safe_load(
    (REPO / "tests" / "search_cases.yaml").read_text(encoding="utf-8")
)
_WORDS = [
    "harbour",
    "quarry",
    "lantern",
    "meadow",
    "orchard",
    "glacier",
    "canal",
    "furnace",
    "vineyard",
    "archive",
    "ferry",
    "turbine",
    "beacon",
    "thicket",
    "estuary",
    "granary",
    "viaduct",
    "lagoon",
    "bellows",
    "kiln",
    "cider",
    "tannery",
    "foundry",
    "mill",
    "sluice",
    "weir",
    "heron",
    "plover",
    "otter",
    "badger",
    "marten",
    "falcon",
]
_GIVEN = [
    "Amara",
    "Bruno",
    "Celia",
    "Dmitri",
    "Esther",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaori",
    "Lionel",
]
_FAMILY = [
    "Abbott",
    "Brennan",
    "Castillo",
    "Dalgaard",
    "Ekwueme",
    "Fontaine",
    "Grabowski",
    "Haddad",
]


@dataclass(frozen=True)
class Case:
    query: str
    expect: str  # the article's file stem
    words: str  # the same, for a search box without query syntax
    filters: dict[str, str]


def sample_cases() -> list[Case]:
    return [
        Case(c["query"], c["expect"], c.get("words", c["query"]), c.get("filters", {}))
        for c in CASES["sample"]
    ]


def generated_archive(articles_dir: Path) -> list[Case]:
    """Write the generated archive's Markdown and return its judged cases."""
    spec = CASES["generated"]
    rng = random.Random(spec["seed"])
    sites = [
        f"{rng.choice(_WORDS).title()} {rng.choice(['Post', 'Times', 'Herald'])} {n}"
        for n in range(spec["sites"])
    ]
    articles_dir.mkdir(parents=True, exist_ok=True)
    facts = []
    for n in range(spec["articles"]):
        title_words = [*rng.sample(_WORDS, 3), f"item{n}"]
        person = f"{_GIVEN[n % len(_GIVEN)]} {_FAMILY[n % len(_FAMILY)]}{n}"
        phrase = f"the {rng.choice(_WORDS)} of {rng.choice(_WORDS)} number{n} was quiet"
        year = 2020 + n % spec["years"]
        site = sites[n % len(sites)]
        body = "\n\n".join(" ".join(rng.choice(_WORDS) for _ in range(60)) + "." for _ in range(4))
        body = f"{body}\n\nThey said {phrase}, according to {person}.\n\n{body}\n"
        meta = ArticleMeta(
            title=" ".join(w.title() for w in title_words),
            site_name=site,
            published=f"{year}-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
            language="en",
        )
        stem = f"{meta.published}-generated-{n}"
        store.write_text_atomic(
            articles_dir / f"{stem}.md", store.serialize(Article(meta=meta, body=body, stem=stem))
        )
        facts.append((stem, title_words, person, phrase, site, year, f"number{n}"))
    cases = []
    for stem, title_words, person, phrase, site, year, unique in rng.sample(facts, spec["judged"]):
        kinds = {
            "title": Case(" ".join(title_words), stem, " ".join(title_words), {}),
            "phrase": Case(f'"{phrase}"', stem, phrase, {}),
            "person": Case(person, stem, person, {}),
            "site": Case(f'site:"{site}" {unique}', stem, unique, {"site": site}),
            "year": Case(f"published:{year} {unique}", stem, unique, {"year": str(year)}),
        }
        cases += [kinds[kind] for kind in spec["kinds"]]
    return cases
