"""The vote: readability's article and trafilatura's, settled into one.

Both engines' articles are HTML fragments. The build asks trafilatura only where the
quality verdict found readability's article short or empty (and so kept the cleaned
page instead): then trafilatura's article is kept, and is "ok", when it holds at least
SHORT_MAX_WORDS words (the verdict's own "ok" size); otherwise readability's stays.
The structure comes from whichever engine's markup is kept, never from plain text.

Measured on the devset's tuned part (tests/eval_gate.py --tuned-only; bench/results.md,
"The vote" and "Lazy trafilatura"): asking trafilatura on every page, to drop the
link-heavy blocks at the edges of readability's article that trafilatura does not find,
gained 0.001 F1 on dragnet and nothing elsewhere, for 2.3 times the CPU; trusting
trafilatura for a whole page when readability's "ok" article is a fragment of its own
gained up to 0.04 on wcxb_test but lost 0.004 to 0.016 on dragnet (its short posts are
short). Neither is done; a vote block by block is still to come (issue 20).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from site_builder.core.records import QUALITY_OK, Quality
from site_builder.extract.quality import SHORT_MAX_WORDS, fragment_words

Engine = Literal["readability", "trafilatura"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Ballot:
    """What the vote is given: each engine's article (HTML), and readability's verdict."""

    readability: str
    trafilatura: str
    quality: Quality


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The article the vote settled on, and which engine it trusted."""

    html: str
    engine: Engine
    quality: Quality


def vote(ballot: Ballot) -> Outcome:
    """Trafilatura's article for a page readability found short or empty, when it holds
    an "ok" article's worth of words; readability's otherwise."""
    if ballot.quality != QUALITY_OK and fragment_words(ballot.trafilatura) >= SHORT_MAX_WORDS:
        return Outcome(html=ballot.trafilatura, engine="trafilatura", quality=QUALITY_OK)
    return Outcome(html=ballot.readability, engine="readability", quality=ballot.quality)
