"""The article's language: what the page declares, checked against its text.

The py3langid adapter, the only code that imports it. py3langid (0.4; langid.py's model,
97 languages) ships its model inside the package, so nothing is downloaded at run time;
the model is read once a process (0.6 s) and a page costs well under a millisecond.

A declared language is trusted unless the text plainly says otherwise: a site template's
lang="en" over a German article is the case that happens. Where nothing is declared
(14% of the issue-26 pages), the text decides when the detector is sure enough.
"""

from __future__ import annotations

import functools
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Only the start of the text is read: enough for a sure answer, and cheap on long pages.
# The detector's cost grows with the text (3 ms a page at 4,000 characters, a fifth of
# extracting a page); 1,200 gave the same languages on the devset sample.
DETECT_MAX_CHARS = 1200
# Below this the text is a caption or a title, on which detectors guess.
DETECT_MIN_CHARS = 20
# Where nothing is declared, the detector's answer is taken at this probability.
UNDECLARED_MIN_CONFIDENCE = 0.5
# A declared language gives way only to a long text the detector is sure of. (py3langid
# scales its probabilities by the text's length: a clear German page of 700 characters
# scores 0.986, so 0.9 is sure.)
CONTRADICTION_MIN_CHARS = 400
CONTRADICTION_MIN_CONFIDENCE = 0.9
# Languages the detector tells apart poorly, or names differently from pages: a page
# declaring one of a group is not contradicted by another of it (nb/nn/no Norwegian,
# the Serbo-Croatian standards, Malay and Indonesian, Danish and Norwegian Bokmål).
CLOSE_LANGUAGES = (
    frozenset({"no", "nb", "nn", "da"}),
    frozenset({"hr", "sr", "bs", "sh"}),
    frozenset({"ms", "id"}),
    frozenset({"he", "iw"}),
)


def article_language(declared: str | None, text: str) -> str | None:
    """The article's language tag: declared (as "en-GB"), or detected (as "de")."""
    sample = " ".join(text[:DETECT_MAX_CHARS].split())
    if len(sample) < DETECT_MIN_CHARS:
        return declared
    detected, confidence = _identifier().classify(sample)
    if declared is None:
        return str(detected) if confidence >= UNDECLARED_MIN_CONFIDENCE else None
    contradicted = (
        len(sample) >= CONTRADICTION_MIN_CHARS
        and confidence >= CONTRADICTION_MIN_CONFIDENCE
        and not same_language(declared, detected)
    )
    return str(detected) if contradicted else declared


def same_language(tag: str, other: str) -> bool:
    """Whether two language tags name one language, or two the detector confuses."""
    first, second = tag.split("-")[0].lower(), other.split("-")[0].lower()
    return first == second or any({first, second} <= group for group in CLOSE_LANGUAGES)


@functools.cache
def _identifier() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
