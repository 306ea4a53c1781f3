"""Slugs: file and page names made from titles, site names and tags."""

from __future__ import annotations

import re
import unicodedata

# Long enough to tell articles apart in a folder listing, short enough for any file system.
SLUG_MAX_CHARS = 80
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {
        "ß": "ss",
        "œ": "oe",
        "Œ": "Oe",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
    }
)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary."""
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    # Accents go; any other non-ASCII character (dashes, curly quotes, other scripts) splits.
    ascii_text = "".join(
        ch if ch.isascii() else ("" if unicodedata.combining(ch) else " ") for ch in folded
    )
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX_CHARS:
        cut = slug[: SLUG_MAX_CHARS + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_MAX_CHARS]
    return slug.strip("-")
