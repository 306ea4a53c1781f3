"""A description is shown above the body unless the body opens with it, maybe reworded."""

from __future__ import annotations

import difflib
import random

import pytest

from site_builder.render.standfirst import (
    STANDFIRST_SIMILARITY,
    letters,
    near_copy,
    shown_standfirst,
)

_BRIDGE = (
    "Drivers face lengthy diversions from 7 June as engineers replace corroded steelwork"
    " on the 140-year-old swing bridge"
)


@pytest.mark.parametrize(
    ("opening", "shown"),
    [
        # ratio 0.91: the same standfirst, shortened; a near copy is not shown again.
        (
            "Drivers face diversions from 7 June as engineers replace corroded steel"
            " on the 140-year-old bridge",
            False,
        ),
        # The same letters in another order: both quick bounds say 1.0, ratio() 0.83.
        (
            "Drivers face lengthy diversions from 7 June as engineers replace on the"
            " 140-year-old swing bridge corroded steelwork",
            True,
        ),
        # Similar length, other words: real_quick_ratio 0.89, quick_ratio 0.67.
        (
            "The city council has voted to close the municipal swimming pool for a year"
            " of repairs to its roof",
            True,
        ),
        # Much shorter: real_quick_ratio 0.55 settles it.
        ("Engineers will replace the old swing bridge", True),
    ],
)
def test_standfirst_similarity_is_difflibs_ratio(opening: str, shown: bool) -> None:
    text = f"{opening}\nQuay Street will close."
    wanted, first = letters(_BRIDGE), letters(opening)
    ratio = difflib.SequenceMatcher(None, wanted, first, autojunk=False).ratio()
    assert (ratio < STANDFIRST_SIMILARITY) == shown
    assert shown_standfirst(_BRIDGE, text) == (_BRIDGE if shown else None)


def test_similarity_is_difflibs_for_any_pair() -> None:
    rng = random.Random(3)
    for _ in range(5000):
        a = "".join(rng.choices("abcd", k=rng.randint(0, 24)))
        b = "".join(rng.choices("abcd", k=rng.randint(0, 24)))
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert near_copy(a, b) == (ratio >= STANDFIRST_SIMILARITY), (a, b)


def test_letters_are_the_alphanumerics_of_every_character() -> None:
    every = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF)
    assert letters(every) == "".join(ch for ch in every.casefold() if ch.isalnum())


def test_an_empty_or_letterless_description() -> None:
    assert shown_standfirst(None, "Text.") is None
    assert shown_standfirst("", "Text.") is None
    assert shown_standfirst("— …", "Text.") == "— …"  # nothing to compare: shown as it is
