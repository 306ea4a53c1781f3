"""Page titles: the site's name beside the headline ("Headline | Site") and taking it off."""

from __future__ import annotations

import re

# " | Site", " - Site", " — Site": the separators sites put between headline and brand.
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•:]\s+")
_SEPARATOR_CHARACTERS = " |-–—·•:"


def same_text(text: str, other: str) -> bool:
    """Whether text says what other says, ignoring case and spacing (never an empty other)."""
    return bool(other) and " ".join(text.casefold().split()) == " ".join(other.casefold().split())


def strip_site_name(title: str, site_name: str | None, *, name_is_declared: bool) -> str:
    """The title without the site's name at its end or its start: "Headline | Site".

    Only the site's own name goes, never a part of the headline ("Q&A: ...").
    name_is_declared tells where site_name comes from, which decides what matches it:
    - declared by the page (og:site_name, a JSON-LD publisher), it is the brand in full,
      and titles often end in a short form of it ("Headline - BBC" for "BBC News"), so
      the start of the name matches at the end; separators left at the cut are trimmed.
    - found in a text save's own lines (a copyright notice, repeated chrome), it is only
      a guess, so only the same name matches, and the cut is at the separator.
    """
    separators = list(TITLE_SEPARATOR.finditer(title))
    if not site_name or not separators:
        return title
    last, first = separators[-1], separators[0]
    ending, opening = title[last.end() :], title[: first.start()]
    if name_is_declared:
        brand = site_name.lower()
        if brand.startswith(ending.lower()):
            return title[: last.end()].rstrip(_SEPARATOR_CHARACTERS)
        if opening.lower() == brand:
            return title[first.start() :].lstrip(_SEPARATOR_CHARACTERS)
        return title
    if same_text(ending, site_name):
        return title[: last.start()]
    if same_text(opening, site_name):
        return title[first.end() :]
    return title
