"""The site's lists of articles: pagination and the browse pages by site, tag and year.

Pure data: from the small per-article records every listing needs, decide which pages
exist and what each shows. render.py writes them through the templates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from site_builder.core.slugs import slugify

# The Tags index shows at most this many tags, the most used first: the index of an
# archive of 181 real pages was 957 tags and 18,000 pixels tall. 500 tags in three
# columns fit in about six desktop screens; the rest are a click away, A to Z.
MAX_TAGS_ON_INDEX: Final = 500
# A tag on one article is not worth a place on the index: it groups nothing.
MIN_ARTICLES_ON_INDEX: Final = 2

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Facet:
    """A site or a tag with its page, as lists and article pages link to it."""

    name: str
    href: str  # relative to the site root


@dataclass(frozen=True, slots=True, kw_only=True)
class PageLink:
    """An article as lists and navigation show it. Paths are relative to the site root."""

    title: str
    href: str
    site: Facet | None
    published: str | None
    published_display: str | None
    year: str | None
    month: int | None
    excerpt: str
    reading_minutes: int
    thumbnail: str | None  # a stored image, relative to the site root
    tags: tuple[Facet, ...]
    language: str | None
    state: str | None = None  # "unread" or "archived", from an import
    starred: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ListPage:
    """One page of a paginated list."""

    path: str  # where it is written, relative to the site root
    number: int
    count: int  # pages in the list
    entries: tuple[PageLink, ...]
    previous: str | None  # paths of the neighbouring pages, relative to the site root
    next: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """A browse page's subject: one site, one tag or one year, with its articles."""

    name: str
    slug: str
    entries: tuple[PageLink, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TagIndex:
    """The Tags index: the most used tags by count; the rest alphabetically, elsewhere."""

    top: tuple[Group, ...]
    rest: tuple[Group, ...]
    rest_on_index: bool  # every tag fits on the index: no page of their own for the rest


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthGroup:
    name: str  # "August", or "Undated month"
    entries: tuple[PageLink, ...]


# The home page's filters by what an import recorded (ArticleMeta.state, starred): the
# slug (its page, e.g. unread.html) and the label. Articles saved here have no state and
# are in no filter, only in All.
READING_FILTERS = (("unread", "Unread"), ("archived", "Archived"), ("starred", "Starred"))


def reading_filters(entries: Sequence[PageLink]) -> list[Group]:
    """The home page's filters that have articles, each with its articles in order."""
    groups = [
        Group(
            name=label,
            slug=slug,
            entries=tuple(
                e for e in entries if (e.starred if slug == "starred" else e.state == slug)
            ),
        )
        for slug, label in READING_FILTERS
    ]
    return [group for group in groups if group.entries]


def paginate(
    entries: Sequence[PageLink], per_page: int, first: str, numbered: Callable[[int], str]
) -> list[ListPage]:
    """Split entries into pages: `first`, then numbered(2), numbered(3)..."""
    count = max(1, math.ceil(len(entries) / per_page))
    paths = [first] + [numbered(n) for n in range(2, count + 1)]
    return [
        ListPage(
            path=paths[n],
            number=n + 1,
            count=count,
            entries=tuple(entries[n * per_page : (n + 1) * per_page]),
            previous=paths[n - 1] if n > 0 else None,
            next=paths[n + 1] if n + 1 < count else None,
        )
        for n in range(count)
    ]


def facet_slugs(names: Iterable[str], *, reserved: Iterable[str] = ()) -> dict[str, str]:
    """A file-safe slug for every name; names that slugify alike get -2, -3 in name order.

    reserved: slugs the folder's own pages use ("index"), which no name gets.
    """
    slugs: dict[str, str] = {}
    taken: set[str] = set(reserved)
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = slugify(name) or "untitled"
        slug, counter = base, 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        slugs[name] = slug
        taken.add(slug)
    return slugs


def group_by(
    entries: Iterable[PageLink], keys: Callable[[PageLink], Iterable[str]], slugs: dict[str, str]
) -> list[Group]:
    """Articles under each key, keys by article count (most first), then by name."""
    grouped: dict[str, list[PageLink]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            grouped[key].append(entry)
    ordered = sorted(grouped, key=lambda k: (-len(grouped[k]), k.casefold(), k))
    return [Group(name=k, slug=slugs[k], entries=tuple(grouped[k])) for k in ordered]


def tag_index(groups: Sequence[Group], *, limit: int = MAX_TAGS_ON_INDEX) -> TagIndex:
    """groups (most used first, as group_by gives them) split for the Tags index: up to
    limit tags on two or more articles, and the rest in name order, on the index too
    when all of them fit there."""
    top = tuple(g for g in groups if len(g.entries) >= MIN_ARTICLES_ON_INDEX)[:limit]
    shown = {id(group) for group in top}
    rest = sorted(
        (g for g in groups if id(g) not in shown), key=lambda g: (g.name.casefold(), g.name)
    )
    return TagIndex(top=top, rest=tuple(rest), rest_on_index=len(groups) <= limit)


def years(entries: Iterable[PageLink]) -> list[Group]:
    """Articles by year of publication, newest year first; undated articles are left out."""
    grouped: dict[str, list[PageLink]] = defaultdict(list)
    for entry in entries:
        if entry.year:
            grouped[entry.year].append(entry)
    return [Group(name=y, slug=y, entries=tuple(grouped[y])) for y in sorted(grouped, reverse=True)]


def months(entries: Iterable[PageLink]) -> list[MonthGroup]:
    """A year's articles by month, newest month first (entries arrive newest first)."""
    grouped: dict[int, list[PageLink]] = defaultdict(list)
    for entry in entries:
        grouped[entry.month or 0].append(entry)
    return [
        MonthGroup(name=MONTHS[m - 1] if m else "Month unknown", entries=tuple(grouped[m]))
        for m in sorted(grouped, reverse=True)
    ]
