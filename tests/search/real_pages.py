"""An archive of real saved pages from the devset, and judged cases made from their
articles as the multilingual archive's are: each article's rarest word and its most
distinctive four-word phrase (issue 19). Generated pages flatter a search; these are
news, blogs, shops, forums and documentation, as saved.

The rarest word is a word of letters (a reader remembers "flatirons", not "40pm" cut
out of "5.40pm"), rare by its stem as well as its spelling: "adventures" in one article
is no clue when ten others say "adventure", for a reader or an engine. Words inside
images and link targets are not text, and no case is made of them.
"""

from __future__ import annotations

import gzip
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from whoosh.lang.porter import stem

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core.config import SiteConfig, load_config
from site_builder.search.browser_terms import fold
from tests.eval_gate import DEVSET
from tests.search.judged_queries import Case

COLLECTIONS = ("dragnet", "cleaneval", "wcxb_test")
PAGES_PER_COLLECTION = 30
SEED = 19
PHRASE_WORDS = 4
SHORTEST_RARE_WORD = 4
FEWEST_WORDS = 30  # a page whose article is shorter gets no cases
_WORD = re.compile(r"\w+")
_NOT_TEXT = (
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # an image
    re.compile(r"(?<=\])\([^)]*\)"),  # a link's target
    re.compile(r"<[^>]*>"),
    re.compile(r"https?://\S+"),
)


def build(root: Path) -> SiteConfig:
    """The archive of the devset's sample pages, built under root."""
    saved = root / "content" / "saved"
    saved.mkdir(parents=True)
    rng = random.Random(SEED)
    for collection in COLLECTIONS:
        pages = sorted((DEVSET / collection / "html").glob("*.html.gz"))
        for page in rng.sample(pages, PAGES_PER_COLLECTION):
            name = f"{collection}-{page.name.removesuffix('.gz')}"
            (saved / name).write_bytes(gzip.decompress(page.read_bytes()))
    (root / "site.toml").write_text('title = "Real pages"\n', encoding="utf-8")
    config = load_config(root / "site.toml")
    pipeline.build(config)
    return config


def cases(articles_dir: Path) -> list[tuple[str, Case]]:
    """(kind, case) for each article long enough: "rare" and "phrase"."""
    texts = {path.stem: _words(path) for path in sorted(articles_dir.glob("*.md"))}
    with_word = Counter(word for words in texts.values() for word in set(map(fold, words)))
    with_stem = Counter(term for words in texts.values() for term in set(map(_stem, words)))
    uses = Counter(fold(word) for words in texts.values() for word in words)
    sets = {name: set(map(fold, words)) for name, words in texts.items()}
    found: list[tuple[str, Case]] = []
    for name, words in texts.items():
        if len(words) < FEWEST_WORDS:
            continue
        rare = min(
            (w for w in words if len(w) >= SHORTEST_RARE_WORD and w.isalpha()),
            key=lambda w: (with_stem[_stem(w)], with_word[fold(w)], uses[fold(w)], fold(w)),
        )
        found.append(("rare", Case(rare, name, rare, {})))
        phrase = _distinctive_phrase(name, words, sets)
        found.append(("phrase", Case(phrase, name, phrase, {})))
    return found


def _words(path: Path) -> list[str]:
    text = store.parse(path.read_text(encoding="utf-8"), path).article.body
    for pattern in _NOT_TEXT:
        text = pattern.sub(" ", text)
    return [word for word in _WORD.findall(text) if not word.isdigit()]


def _stem(word: str) -> str:
    stemmed: str = stem(word.lower())
    return stemmed


def _distinctive_phrase(name: str, words: Sequence[str], sets: dict[str, set[str]]) -> str:
    """The four words in a row from the middle half that the fewest other articles
    have all of; the nearest the middle among those."""
    middle = len(words) // 2
    best: tuple[tuple[int, int], str] | None = None
    for at in range(len(words) // 4, 3 * len(words) // 4 - PHRASE_WORDS + 1):
        gram = words[at : at + PHRASE_WORDS]
        folded = set(map(fold, gram))
        sharing = sum(1 for other, have in sets.items() if other != name and folded <= have)
        key = (sharing, abs(at - middle))
        if best is None or key < best[0]:
            best = (key, " ".join(gram))
    assert best is not None
    return best[1]
