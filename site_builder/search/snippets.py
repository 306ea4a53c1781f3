"""The snippet of a search hit: the passage of its body that best shows the words the
search matched, marked as [[word]], as whoosh's Highlighter makes it; when no body word
matched (a title or tag match), how the article starts. Part of the whoosh adapter.
"""

from __future__ import annotations

import re
from typing import Any

from whoosh import highlight

from site_builder.search.fast_analysis import StemmingWords
from site_builder.search.fast_snippets import context_fragments

# About two lines of a result list; long enough to show a match in its sentence.
SNIPPET_CHARS = 200
# Context around the matched words. Chosen by eye on a Reuters-length article:
# 20 gave 50-70 character snippets, 100 overran SNIPPET_CHARS by half.
SNIPPET_CONTEXT_CHARS = 60

_HIGHLIGHT_OPEN = "[["
_HIGHLIGHT_CLOSE = "]]"
_ELLIPSIS = "…"
_WHITESPACE = re.compile(r"\s+")


class Snippets:
    """The snippets of one search's hits: the best passage of the body, as whoosh's
    Highlighter with a ContextFragmenter gives it for hit.highlights("body", top=1).

    A body analysed by StemmingWords is cut into passages by fast_snippets, which finds
    the passages whoosh would without re-analysing the whole body for every hit; whoosh
    then scores, picks and formats them as its Highlighter does. Other analyzers (an
    index made by another version) go through whoosh's Highlighter itself.
    """

    def __init__(self, results: Any) -> None:
        """results: whoosh Results of a search made with terms=True."""
        self._fragmenter = highlight.ContextFragmenter(
            maxchars=SNIPPET_CHARS, surround=SNIPPET_CONTEXT_CHARS
        )
        self._formatter = _MarkerFormatter()
        results.highlighter = highlight.Highlighter(
            fragmenter=self._fragmenter, formatter=self._formatter
        )
        body = results.searcher.schema["body"]
        self._fast = isinstance(body.analyzer, StemmingWords)
        # The words whoosh marks: every body term the search matched in any hit it
        # collected (Results.matched_terms), not only in this one.
        self._words = frozenset(
            body.from_bytes(text) for name, text in results.matched_terms() if name == "body"
        )

    def of(self, hit: Any, body: str) -> str:
        highlighted = self._highlighted(hit, body)
        if highlighted:
            return _WHITESPACE.sub(" ", highlighted).strip()
        # Nothing matched in the body (a title or tag match): show how the article starts.
        start = _WHITESPACE.sub(" ", body).strip()
        if len(start) <= SNIPPET_CHARS:
            return start
        cut = start.rfind(" ", 0, SNIPPET_CHARS)
        return start[: cut if cut > 0 else SNIPPET_CHARS] + _ELLIPSIS

    def _highlighted(self, hit: Any, body: str) -> str:
        if not self._fast:
            highlighted: str = hit.highlights("body", top=1)
            return highlighted
        fragments = context_fragments(
            body,
            self._words,
            maxchars=self._fragmenter.maxchars,
            surround=self._fragmenter.surround,
        )
        best = highlight.top_fragments(
            fragments, 1, highlight.BasicFragmentScorer(), highlight.FIRST, minscore=1
        )
        formatted: str = self._formatter.format(best)
        return formatted


class _MarkerFormatter(highlight.Formatter):  # type: ignore[misc]  # whoosh has no type hints
    """Plain text with matched words as [[word]], and … where the text was cut."""

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"{_HIGHLIGHT_OPEN}{highlight.get_text(text, token, replace)}{_HIGHLIGHT_CLOSE}"

    def format_fragment(self, fragment: Any, replace: bool = False) -> str:
        formatted: str = super().format_fragment(fragment, replace=replace)
        before = _ELLIPSIS if fragment.startchar > 0 else ""
        after = _ELLIPSIS if fragment.endchar < len(fragment.text) else ""
        return f"{before}{formatted.strip()}{after}"
