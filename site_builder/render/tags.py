"""Every article's tags as the site shows them, decided for the whole archive at once.

An article's tags are the reader's own (`tags`: hand edits, imports) and its publisher's
`keywords` as settings choose: those passing tag_filter (the default), none, or all.
Aliases from site.toml apply to both; spellings that fold alike (tag_filter.fold_key)
become one tag, shown as the reader wrote it, else as most articles spell it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from site_builder.core.config import PublisherTags, SiteConfig
from site_builder.core.records import ArticleSummary
from site_builder.render.tag_filter import fold_key, publisher_tags


@dataclass(frozen=True, slots=True, kw_only=True)
class TagSettings:
    """site.toml's say on tags."""

    publisher_tags: PublisherTags = "filtered"
    aliases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, config: SiteConfig) -> TagSettings:
        return cls(publisher_tags=config.publisher_tags, aliases=config.tag_aliases)


def article_tags(
    summaries: Sequence[ArticleSummary], settings: TagSettings
) -> dict[str, tuple[str, ...]]:
    """Each article's tags by its stem: its own first, then its publisher's."""
    aliases = {fold_key(name): target for name, target in settings.aliases.items()}
    chosen: dict[str, tuple[list[str], list[str]]] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    readers: dict[str, Counter[str]] = defaultdict(Counter)
    for target in aliases.values():  # the reader's own spelling of a merged tag
        readers[fold_key(target)][target] += 1
    for summary in summaries:
        own = [aliases.get(fold_key(tag), tag) for tag in summary.meta.tags]
        theirs = [aliases.get(fold_key(tag), tag) for tag in _publishers(summary, settings)]
        chosen[summary.stem] = (own, theirs)
        for tag in own:
            readers[fold_key(tag)][tag] += 1
        for tag in theirs:
            spellings[fold_key(tag)][tag] += 1
    shown = {key: _most_used(counts) for key, counts in spellings.items()}
    shown.update({key: _most_used(counts) for key, counts in readers.items()})
    return {
        stem: tuple(dict.fromkeys(shown[fold_key(tag)] for tag in own + theirs))
        for stem, (own, theirs) in chosen.items()
    }


def _publishers(summary: ArticleSummary, settings: TagSettings) -> tuple[str, ...]:
    meta = summary.meta
    if settings.publisher_tags == "none":
        return ()
    if settings.publisher_tags == "all":
        return tuple(tag for tag in meta.keywords if tag.strip())
    return publisher_tags(
        meta.keywords,
        title=meta.title,
        description=meta.description,
        text=f"{summary.text_start}\n{' ; '.join(summary.keywords_in_text)}",
    )


def _most_used(counts: Counter[str]) -> str:
    """The spelling most articles use; of equals, one not all in capitals ("Ferries"
    over "FERRIES"), then the first in code-point order."""
    return min(counts, key=lambda spelling: (-counts[spelling], spelling.isupper(), spelling))
