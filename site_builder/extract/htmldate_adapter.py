"""The htmldate adapter: the only code that imports htmldate.

htmldate (it comes with trafilatura; 1.11 here) finds a page's publication date, or its
latest date, in the places pages put them: the address, <meta> and JSON-LD, `<time>`
and `<abbr>`, datelines, and with `extensive_search` any date-shaped text. It takes a
parsed tree and copies it before pruning, so the caller's tree is left as it was.

Its failure modes: it logs what it can't parse and answers None; a date it can't read
from a broken tree (lxml's or dateutil's errors escaping it) is no date here either, as
a page without a date is an article all the same. dateutil's warnings about unknown
zone names ("EDT") are kept quiet while it runs.

Dates written in words that its own patterns miss ("martes, 3 de marzo de 2021") go to
dateparser, which, told no language, tries each of its 205 on every string: about 20 ms
a string, and 1-4 s for a process's first string, as it compiles every language's
patterns. htmldate has no option for it, so the search is lent a dateparser that reads
the page's language and English (`_dates_read_in`); the caller says what that language
is (the one the page declares, or the one its text is in), and where nobody can tell,
English alone. On the 790 devset pages that reach the full-text search, the page's
language against every language: the same date on every page, 14.2 -> 11.4 s in one
process (bench/results.md).
"""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import htmldate
import htmldate.extractors
import lxml.etree
from dateparser import DateDataParser
from dateparser.data.languages_info import language_order
from lxml import html as lxml_html

_ENGINE_LOG = logging.getLogger("htmldate")
# What htmldate gives its own dateparser (htmldate/extractors.py), but the languages.
_DATEPARSER_SETTINGS = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}
_KNOWN_LANGUAGES = frozenset(language_order)
# htmldate's parser and its cache of answers are one per process: one search at a time
# may lend it another.
_LENDING = threading.Lock()


def find_page_date(
    doc: lxml_html.HtmlElement,
    *,
    url: str | None,
    original: bool,
    extensive: bool,
    earliest: date,
    latest: date,
    language: Callable[[], str | None],
) -> str | None:
    """The page's publication date (original) or its latest one, "YYYY-MM-DD", or None.

    extensive: also read any date-shaped text in the page, which costs ten times more
    (measured on the devset: 18.8 ms a page against 1.7 ms); dates written in words are
    then read in language() (a tag, "es-MX", asked only then) and English.
    """
    languages = _dateparser_languages(language()) if extensive else None
    with warnings.catch_warnings(), _dates_read_in(languages):
        warnings.simplefilter("ignore")
        level = _ENGINE_LOG.level
        if level == logging.NOTSET:
            _ENGINE_LOG.setLevel(logging.ERROR)
        try:
            found: str | None = htmldate.find_date(
                doc,
                extensive_search=extensive,
                original_date=original,
                outputformat="%Y-%m-%d",
                url=url,
                min_date=earliest.isoformat(),
                max_date=latest.isoformat(),
            )
        except (ValueError, OverflowError, lxml.etree.LxmlError):
            return None
        finally:
            _ENGINE_LOG.setLevel(level)
    return found


def _dateparser_languages(tag: str | None) -> tuple[str, ...]:
    """The language of tag and English, as dateparser names them; English alone when tag
    is None or a language dateparser does not know."""
    primary = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    if primary not in _KNOWN_LANGUAGES:
        return ("en",)
    return tuple(dict.fromkeys((primary, "en")))


@contextmanager
def _dates_read_in(languages: tuple[str, ...] | None) -> Iterator[None]:
    """htmldate's dateparser reads only these languages while the block runs.

    Its cache of answers is emptied before and after, as it is keyed by the string alone:
    an answer found in one language must not stand for a page in another.
    """
    lend = getattr(htmldate.extractors, "get_external_parser", None)
    answers = getattr(htmldate.extractors, "try_date_expr", None)
    if languages is None or lend is None or not hasattr(answers, "cache_clear"):
        yield
        return
    with _LENDING:
        answers.cache_clear()  # type: ignore[union-attr]
        htmldate.extractors.get_external_parser = functools.partial(_parser, languages)  # type: ignore[assignment]
        try:
            yield
        finally:
            htmldate.extractors.get_external_parser = lend
            answers.cache_clear()  # type: ignore[union-attr]


@functools.cache
def _parser(languages: tuple[str, ...]) -> Any:
    return DateDataParser(languages=list(languages), settings=_DATEPARSER_SETTINGS)
