"""Which of a publisher's keywords are worth a tag page: the filter on `keywords`.

Publishers fill their keyword lists for their own systems (wire feeds, ad targeting,
search engines) as much as for readers. Built from 181 real pages, an archive had 957 tag
pages, most of them codes and debris. Each rule below names the case that motivated it.
The reader's own `tags` never pass through here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final

# An article shows at most this many of its publisher's keywords as tags: one page
# brought 35, and no reader browses by the 35th.
MAX_PUBLISHER_TAGS: Final = 5
# Longer than this is a headline or a sentence, not a subject: "Lexus wants you to go
# topless with 2020 LC500 Convertible The LC 500 looks good even with the roof chopped off".
MAX_TAG_CHARS: Final = 40
# Six words and more is a search phrase: "how to make a ribbon balloon".
MAX_TAG_WORDS: Final = 5

# Wire-service and CMS routing labels seen as keywords, folded (see fold_key): "AP",
# "A Wire", "MC Complete - State & National", "Choice Plus", "Top News", "Front Page".
HOUSEKEEPING_KEYWORDS: Final = frozenset(
    {
        "ap",
        "a wire",
        "mc complete - state & national",
        "choice plus",
        "top news",
        "top stories",
        "front page",
        "frontpage",
        "homepage",
        "breaking news",
        "uncategorized",
        "featured",
        "news",
        "article",
        "articles",
        "video",
        "videos",
        "photos",
        "gallery",
    }
)
# A taxonomy code in capitals joined by underscores, glued after a name: "LeBron James
# PROFESSIONAL_ATHLETE SPORTS_FIGURE" is the tag "LeBron James".
FUSED_CODES: Final = re.compile(r"(?:\s+[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)+$")
# An underscore is a field name, never a subject: "channel_other", "type_news".
UNDERSCORE: Final = "_"
# An HTML entity, whole or cut short, is markup debris: "&quot", "&amp;".
HTML_ENTITY: Final = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]{2,8});|^&[a-z]{2,8}$", re.I)
# A path or a web address is a link, not a subject: "/article", "https://…", "www.…".
PATH_OR_URL: Final = re.compile(r"^[/\\]|://|^www\.|\.(?:com|org|net|html?|php)\b", re.I)
# A stock ticker with its exchange: "7974.TO", "UBI.FR", "NYSE:SNE".
TICKER: Final = re.compile(r"^[A-Z0-9]{1,6}\.[A-Z]{1,4}$|^[A-Z]{2,8}:\s?[A-Z0-9.]{1,8}$")
# Where a page gives tickers, its bare capitals are tickers too: "SNE" beside "7974.TO".
BARE_CAPITALS: Final = re.compile(r"^[A-Z]{1,5}$")
# An all-capitals code with digits and a dot, or five characters and more: "WP7.5",
# "SMX510". Short ones are subjects ("PS2", "G7", "5G", "F1"), so they stay.
CAPITALS_CODE: Final = re.compile(
    r"^(?=[A-Z0-9.]*\d)(?=[A-Z0-9.]*[A-Z])(?:[A-Z0-9.]*\.[A-Z0-9.]*|[A-Z0-9]{5,})$"
)
# A number alone says nothing a reader browses by: "0", "200", "483".
NUMBER_ONLY: Final = re.compile(r"^[\d\s.,%$€£-]+$")
# A run-together lower-case word this long that the article never uses is a CMS flag:
# "serversidehawk", "videoarticle", "channelother".
RUN_TOGETHER: Final = re.compile(r"^[a-z]{10,}$")
# A site's tagline glued into a keyword: "Autoracing | F1 | Indy".
TAGLINE_BAR: Final = "|"
# Several keywords left in one, by a page whose list was joined twice: "movies, cbsaurora".
LIST_SEPARATORS: Final = re.compile(r"\s*[,;]\s*")
# Quotes and hashes around a keyword are not part of it: '"The Dark Knight Rises"', "#AI".
WRAPPING: Final = "\"'“”‘’#«» "
# Typographic variants that spell the same tag (fold_key): curly quotes, dashes, spaces.
TYPOGRAPHIC: Final = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)


def fold_key(tag: str) -> str:
    """What makes two spellings one tag: case, spacing and typographic variants."""
    folded = unicodedata.normalize("NFKC", tag).translate(TYPOGRAPHIC).casefold()
    return " ".join(folded.split())


def publisher_tags(
    keywords: Iterable[str], *, title: str, description: str | None, text: str
) -> tuple[str, ...]:
    """The few keywords worth a tag, in the publisher's order among equals.

    Those the title, the description or the text also name come first; at most
    MAX_PUBLISHER_TAGS are kept.
    """
    candidates = list(dict.fromkeys(_cleaned(keywords)))
    has_tickers = any(TICKER.match(c) for c in candidates)
    mentioned_in = fold_key(" ".join((title, description or "", text)))
    kept: dict[str, str] = {}
    for candidate in candidates:
        key = fold_key(candidate)
        mentioned = _mentions(mentioned_in, key)
        if key in kept or _is_junk(candidate, key, mentioned=mentioned):
            continue
        if has_tickers and BARE_CAPITALS.match(candidate):
            continue
        kept[key] = candidate
    ranked = sorted(kept, key=lambda key: not _mentions(mentioned_in, key))
    return tuple(kept[key] for key in ranked[:MAX_PUBLISHER_TAGS])


def named_in_text(keywords: Iterable[str], text: str) -> tuple[str, ...]:
    """The keywords (cleaned) that the text names as whole words."""
    cleaned = dict.fromkeys(_cleaned(keywords))
    if not cleaned:
        return ()  # folding a long text costs more than all the rest
    text_key = fold_key(text)
    return tuple(k for k in cleaned if _mentions(text_key, fold_key(k)))


def _cleaned(keywords: Iterable[str]) -> Iterator[str]:
    """Each keyword split where it holds several, its codes and wrapping taken off."""
    for keyword in keywords:
        if HTML_ENTITY.search(keyword):  # before its ";" could split it
            continue
        for part in LIST_SEPARATORS.split(keyword):
            part = FUSED_CODES.sub("", " ".join(part.split())).strip(WRAPPING)
            if part:
                yield part


def _is_junk(tag: str, key: str, *, mentioned: bool) -> bool:
    return (
        len(tag) > MAX_TAG_CHARS
        or len(tag.split()) > MAX_TAG_WORDS
        or key in HOUSEKEEPING_KEYWORDS
        or UNDERSCORE in tag
        or TAGLINE_BAR in tag
        or HTML_ENTITY.search(tag) is not None
        or PATH_OR_URL.search(tag) is not None
        or TICKER.match(tag) is not None
        or CAPITALS_CODE.match(tag) is not None
        or NUMBER_ONLY.match(tag) is not None
        or (RUN_TOGETHER.match(tag) is not None and not mentioned)
        or not any(ch.isalnum() for ch in tag)
    )


def _mentions(text_key: str, key: str) -> bool:
    """Whether the folded text names the folded tag as whole words: no word character
    (re's \\w: a letter, a digit or "_") right before or after it.

    By str.find, not a pattern made for each tag: every build asks this of every
    article's keywords, and 100,000 articles' distinct patterns overflowed re's cache of
    compiled ones (7 s of a rebuild's 35 s of rendering at 100,000 pages).
    """
    start = text_key.find(key)
    while start != -1:
        end = start + len(key)
        if not _word_character(text_key, start - 1) and not _word_character(text_key, end):
            return True
        start = text_key.find(key, start + 1)
    return False


def _word_character(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")
