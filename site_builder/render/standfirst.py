"""Whether an article page shows its description above the body, as a standfirst.

Many pages open with their own description, word for word or reworded a little; shown
above the body as well, the reader would read it twice.
"""

from __future__ import annotations

import difflib
import re

# A description this close to the article's first paragraph is a standfirst the body
# already shows (the sample's differs by one word: ratio 0.95); unrelated summaries of
# the same story measured under 0.6.
STANDFIRST_SIMILARITY = 0.85
# str.isalnum() and the regular expression \w less "_" admit the same characters.
_ALPHANUMERIC_RUNS = re.compile(r"[^\W_]+")


def shown_standfirst(description: str | None, text: str) -> str | None:
    """The description, unless the article opens with it (a standfirst, maybe reworded)."""
    if not description:
        return None
    wanted = letters(description)
    opening = letters(text[: len(description) * 3])
    if not wanted or wanted in opening:
        return None if wanted else description
    first_block = letters(text.split("\n", 1)[0])
    return None if near_copy(wanted, first_block) else description


def near_copy(a: str, b: str) -> bool:
    """Whether difflib's ratio() of a and b reaches STANDFIRST_SIMILARITY.

    ratio() costs about 0.9 ms an article; real_quick_ratio() (from the lengths) and
    quick_ratio() (from letter counts) are upper bounds of it that cost a fraction of
    that, so a pair either places under the threshold is settled without it, and the
    answer is always ratio()'s.
    """
    # real_quick_ratio() is taken from the lengths here, before SequenceMatcher indexes b.
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < STANDFIRST_SIMILARITY:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.quick_ratio() >= STANDFIRST_SIMILARITY and matcher.ratio() >= STANDFIRST_SIMILARITY
    )


def letters(text: str) -> str:
    """The letters and digits of text, case-folded: what two wordings are compared by."""
    return "".join(_ALPHANUMERIC_RUNS.findall(text.casefold()))
