"""A generated multilingual archive of saved pages, and its judged cases (issue 19).

The `multilingual:` part of tests/search_cases.yaml gives the seed, the number of
articles, the years and the sites. Each article is a saved page in one language, with
<html lang>, OpenGraph metadata and a page's chrome around it, written from the word
lists of `multilingual_words`; the same seed gives the same pages.

Each article gets two cases, as the issue measured them: its rarest word in the archive
(fewest articles, then fewest uses, then alphabetical), and a four-word phrase from the
middle half of its text that no other article has, the most distinctive there (the
fewest other articles with all four words, then the nearest the middle), typed as plain
words. Every
`held_out_every`-th article is held out: tuning looks only at the other cases, and a
change is kept only if the held-out ones do at least as well.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core.config import SiteConfig, load_config
from tests.search.judged_queries import CASES, Case
from tests.search.multilingual_words import LANGUAGES, Words

SPEC: dict[str, Any] = CASES["multilingual"]
NAMES_PER_LANGUAGE = 400  # the tail of names; with a Zipf law over them, most are rare
PHRASE_WORDS = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Planned:
    """One generated article: its words by sentence, and where it was published."""

    number: int
    language: str
    spaced: bool
    title: tuple[str, ...]
    sentences: tuple[tuple[str, ...], ...]
    paragraph_sizes: tuple[int, ...]
    site: str
    published: str  # YYYY-MM-DD
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Judged:
    """A judged case of the archive, with what the report breaks it down by."""

    kind: str  # "rare" or "phrase"
    language: str
    held_out: bool
    words: str
    url: str  # the saved page's address; the build's article stem is found from it


def plan(spec: dict[str, Any] = SPEC) -> list[Planned]:
    """The archive the spec describes; the same spec gives the same articles."""
    seed = int(spec["seed"])
    weights = {str(code): float(weight) for code, weight in spec["languages"].items()}
    languages = [words for words in LANGUAGES if words.code in weights]
    cumulative = list(accumulate(weights[words.code] for words in languages))
    first, last = (int(year) for year in spec["years"])
    sites = [str(site) for site in spec["sites"]]
    names = {
        words.code: _names(words, random.Random(f"{seed}:{words.code}")) for words in languages
    }
    articles = []
    for number in range(int(spec["articles"])):
        rng = random.Random(f"{seed}:{number}")
        words = rng.choices(languages, cum_weights=cumulative)[0]
        pick = _picker(words, names[words.code], rng)
        sizes = tuple(rng.randint(3, 5) for _ in range(rng.randint(6, 8)))
        sentences = tuple(_sentence(words, pick, rng) for _ in range(sum(sizes)))
        site = rng.choice(sites)
        published = f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        domain = site.lower().replace(" ", "")
        articles.append(
            Planned(
                number=number,
                language=words.code,
                spaced=words.spaced,
                title=_sentence(words, pick, rng),
                sentences=sentences,
                paragraph_sizes=sizes,
                site=site,
                published=published,
                url=f"https://{domain}.example/{published[:4]}/{words.code}/story-{number}",
            )
        )
    return articles


def _names(words: Words, rng: random.Random) -> list[str]:
    names: list[str] = []
    while len(names) < NAMES_PER_LANGUAGE:
        name = "".join(rng.choice(words.syllables) for _ in range(rng.randint(2, 3)))
        name = name.capitalize() if words.spaced else name
        if name not in names:
            names.append(name)
    return names


def _picker(words: Words, names: list[str], rng: random.Random) -> Callable[[str], str]:
    """Picks a word of a part of speech, the commonest most often (Zipf's law)."""

    def pick(part: str) -> str:
        choices = names if part == "X" else words.parts[part]
        weights = [1.0 / (rank + 1) for rank in range(len(choices))]
        return rng.choices(choices, weights=weights)[0]

    return pick


def _sentence(words: Words, pick: Callable[[str], str], rng: random.Random) -> tuple[str, ...]:
    shape = rng.choice(words.shapes)
    return tuple(token for part in shape for token in pick(part).split("_"))


def text_of(article: Planned, tokens: Sequence[str]) -> str:
    return (" " if article.spaced else "").join(tokens)


def page_html(article: Planned) -> str:
    """The article as a browser saves it: chrome around an <article>, with metadata."""
    words = next(w for w in LANGUAGES if w.code == article.language)
    title = _capitalized(text_of(article, article.title))
    paragraphs, start = [], 0
    for size in article.paragraph_sizes:
        chunk = article.sentences[start : start + size]
        start += size
        sentences = [_capitalized(text_of(article, s)) + words.stop for s in chunk]
        paragraphs.append("<p>" + (" " if article.spaced else "").join(sentences) + "</p>")
    body = "\n".join(paragraphs)
    return f"""<!DOCTYPE html>
<!-- saved from url=({len(article.url):04d}){article.url} -->
<html lang="{article.language}"><head><meta charset="utf-8">
<title>{title} | {article.site}</title>
<meta property="og:site_name" content="{article.site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{article.published}T08:30:00Z">
<link rel="canonical" href="{article.url}">
</head><body>
<header><nav><ul><li><a href="/">{article.site}</a></li><li><a href="/archive">Archive</a></li>
</ul></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline"><time datetime="{article.published}">{article.published}</time></p>
{body}
</article></main>
<footer><p>{article.site}, {article.published[:4]}</p></footer>
<script>window.track("story-{article.number}");</script>
</body></html>
"""


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_saved(saved_dir: Path, articles: Sequence[Planned]) -> None:
    saved_dir.mkdir(parents=True, exist_ok=True)
    for article in articles:
        name = f"story {article.number} _ {article.site}.html"
        (saved_dir / name).write_text(page_html(article), encoding="utf-8")


def judged(articles: Sequence[Planned], held_out_every: int) -> list[Judged]:
    """Two cases an article: its rarest word, and a phrase from its middle."""
    tokens = {a.number: [t.lower() for s in (a.title, *a.sentences) for t in s] for a in articles}
    used_in = Counter(t for words in tokens.values() for t in set(words))
    used = Counter(t for words in tokens.values() for t in words)
    grams = Counter(g for a in articles for g in set(_grams(a)))
    articles_with: dict[str, set[int]] = {}
    for number, words in tokens.items():
        for token in words:
            articles_with.setdefault(token, set()).add(number)

    def sharing(gram: tuple[str, ...]) -> int:  # articles with all of its words
        return len(set.intersection(*(articles_with[t] for t in gram)))

    cases = []
    for article in articles:
        rarest = min(tokens[article.number], key=lambda t: (used_in[t], used[t], t))
        grams_in = _grams(article)
        mid = len(grams_in) // 2
        middle = [(i, g) for i, g in enumerate(grams_in) if abs(i - mid) <= len(grams_in) // 4]
        phrase = min(
            (g for _, g in middle if grams[g] == 1),
            key=lambda g: (sharing(g), abs(grams_in.index(g) - mid)),
        )
        held_out = article.number % held_out_every == held_out_every - 1
        for kind, query in (("rare", rarest), ("phrase", text_of(article, phrase))):
            cases.append(
                Judged(
                    kind=kind,
                    language=article.language,
                    held_out=held_out,
                    words=query,
                    url=article.url,
                )
            )
    return cases


def _grams(article: Planned) -> list[tuple[str, ...]]:
    """Every run of PHRASE_WORDS words inside one sentence of the body, in order."""
    return [
        tuple(t.lower() for t in sentence[i : i + PHRASE_WORDS])
        for sentence in article.sentences
        for i in range(len(sentence) - PHRASE_WORDS + 1)
    ]


def resolve(cases: Sequence[Judged], articles_dir: Path) -> list[tuple[Judged, Case]]:
    """Each case with the stem of the article the build wrote for its page."""
    stems = {}
    for path in store.article_files(articles_dir):
        stems[store.load(path).article.meta.url] = path.stem
    return [(c, Case(c.words, stems[c.url], c.words, {})) for c in cases]


def top3_rate(results: Sequence[tuple[Judged, bool]], *, held_out: bool) -> float:
    """The share of the cases of one slice whose article was in the top 3."""
    hits = [found for case, found in results if case.held_out == held_out]
    return sum(hits) / len(hits)


def breakdown(results: Sequence[tuple[Judged, bool]]) -> str:
    """Top-3 rates by slice, kind and language, for a report or a failing assertion."""
    groups: dict[str, list[bool]] = {}
    for case, found in results:
        slice_name = "held-out" if case.held_out else "tuned"
        for key in (slice_name, f"{slice_name}/{case.kind}", f"{slice_name}/{case.language}"):
            groups.setdefault(key, []).append(found)
    return ", ".join(
        f"{key} {sum(v)}/{len(v)} ({sum(v) / len(v):.1%})" for key, v in sorted(groups.items())
    )


def build(root: Path) -> tuple[SiteConfig, list[tuple[Judged, Case]]]:
    """Write the archive's saved pages under root, build the site, and return its config
    with each case and its Case, which names the article stem the build gave it."""
    articles = plan()
    write_saved(root / "content" / "saved", articles)
    (root / "site.toml").write_text('title = "Multilingual"\n', encoding="utf-8")
    config = load_config(root / "site.toml")
    report = pipeline.build(config)
    assert report.failed == ()
    cases = judged(articles, int(SPEC["held_out_every"]))
    return config, resolve(cases, config.articles_dir)
