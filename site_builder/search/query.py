"""The query language users type into `site-builder search` and the local search API.

Whoosh's own syntax (words, "phrases", field:word, -word, OR, groups, word*, word~) with
the fields below, every word required, and checks that turn what whoosh would silently
read as plain words (an unclosed quote, bracket or group, an unknown field) into a
`QueryError` that says what is wrong and shows valid syntax. Dates are read here too
(``published:2020``, ``published:[2020-01 to 2020-06]``), because whoosh's own date
readers either misread ISO months inside ranges or fail silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from whoosh import qparser
from whoosh.qparser import syntax
from whoosh.qparser.dateparse import DateRangeNode
from whoosh.query import NullQuery

from site_builder.search.errors import QueryError

# The fields a word without a field prefix is looked for in. Not tags: their analyzer
# keeps stop words, so "Lukashenko and protest" would demand a tag named "and".
DEFAULT_FIELDS = ("title", "body", "author", "site", "keywords", "stems")
# Author, site and the publisher's keywords are searched without a field prefix too, but
# a word there should count for less than the same word in the text.
METADATA_BOOST = 0.5
# A word found only in another form in an article's own language ("трамваях" for
# "трамвай"; the body's stemmer is English) counts, but less than the word as typed.
OTHER_FORMS_BOOST = 0.5

# The fields users may name before a colon, and the other names they may use.
_FIELD_ALIASES = {
    "title": [],
    "body": [],
    "author": [],
    "site": [],
    "tags": ["tag"],
    "keywords": ["keyword"],
    "language": ["lang"],
    "published": [],
    "saved": [],
    "highlight": ["highlights"],
    "note": ["notes"],
}
_QUERY_FIELDS = frozenset(_FIELD_ALIASES).union(*_FIELD_ALIASES.values())
_DATE_FIELDS = frozenset({"published", "saved"})
_QUERY_EXAMPLE = (
    'e.g. lukashenko protest, "exact phrase", russia -ukraine, protest*, '
    'lukashnko~, tag:belarus, site:"business standard", published:[2020-01 to 2020-06]'
)
_GROUP_EXAMPLE = "group words like (russia OR belarus) protest"
_DATE_EXAMPLE = (
    "write dates as published:2020, published:2020-08, published:2020-08-16 "
    "or published:[2020-01 to 2020-06]"
)

# An ISO date that names a year, a month or a day: "2020", "2020-08", "2020-08-16".
_ISO_PERIOD = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
# A field prefix: a name starting with a letter at the start of a word, so times
# ("17:45") and URLs ("https://") are not mistaken for fields.
_FIELD_PREFIX = re.compile(r"(?<![\w.])(?P<name>[A-Za-z]\w*):(?!//)(?P<next>\S?)")
# "-word" excludes a word; a hyphen inside a word ("re-election") does not.
_MINUS = r"(?<!\S)-(?=\S)"
_PLUS = r"(?<!\S)\+(?=\S)"


class _UnreadableQuery(ValueError):
    """What is wrong with a query, in words for the user."""


class _UnreadableQueryDate(ValueError):
    """A date in a query that is not an ISO year, month or day."""


def parse_query(text: str, schema: Any) -> Any:
    """The whoosh query for a user's text against schema, or QueryError saying what is
    wrong."""
    try:
        return _parsed(text, schema)
    except _UnreadableQuery as problem:
        raise QueryError(text, str(problem)) from None


def _parsed(text: str, schema: Any) -> Any:
    _check_syntax(text)
    parser = qparser.MultifieldParser(
        list(DEFAULT_FIELDS),
        schema,
        fieldboosts={
            "author": METADATA_BOOST,
            "site": METADATA_BOOST,
            "keywords": METADATA_BOOST,
            "stems": OTHER_FORMS_BOOST,
        },
        # Every word must match: what people expect when they type two names.
        group=qparser.AndGroup,
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=_PLUS, minusexpr=_MINUS))
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(_FIELD_ALIASES))
    parser.add_plugin(_IsoDatePlugin())
    try:
        parsed = parser.parse(text, normalize=False)
    except _UnreadableQueryDate as error:
        raise _UnreadableQuery(f"cannot read the date {error}; {_DATE_EXAMPLE}") from error
    except qparser.QueryParserError as error:
        raise _UnreadableQuery(f"cannot read the query ({error}); {_QUERY_EXAMPLE}") from error
    # Whoosh reports some problems by returning an "error query" instead of raising.
    problem = next(_errors_in(parsed), None)
    if problem is not None:
        raise _UnreadableQuery(f"cannot read the query ({problem}); {_QUERY_EXAMPLE}")
    normalized = parsed.normalize()
    if normalized is NullQuery:
        raise _UnreadableQuery(
            "the query has nothing to search for (common words such as 'the' are not indexed); "
            + _QUERY_EXAMPLE
        )
    return normalized


def _errors_in(parsed: Any) -> Iterator[str]:
    error = getattr(parsed, "error", None)
    if error:
        yield str(error)
    for child in parsed.children():
        yield from _errors_in(child)


def _check_syntax(text: str) -> None:
    """Catch what whoosh would silently read as plain words: unclosed quotes,
    brackets and groups, and field prefixes that are unknown or lead nowhere."""
    if not text.strip():
        raise _UnreadableQuery(f"the query is empty; type some words, {_QUERY_EXAMPLE}")
    if text.count('"') % 2:
        raise _UnreadableQuery(
            'a quotation mark is not closed; quote whole phrases, e.g. "military assistance"'
        )
    outside_quotes = re.sub(r'"[^"]*"', '""', text)
    _check_brackets(outside_quotes)
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        name, following = match["name"], match["next"]
        if name in _QUERY_FIELDS and following in ("", ")"):
            raise _UnreadableQuery(
                f'{name}: needs a word after it, e.g. {name}:word or {name}:"two words"'
            )
        # An unknown name followed by a space is just a word ending in a colon.
        if name not in _QUERY_FIELDS and following:
            known = ", ".join(f"{field}:" for field in sorted(_QUERY_FIELDS))
            raise _UnreadableQuery(f"unknown field {name}: (fields are {known}); {_QUERY_EXAMPLE}")


def _check_brackets(text: str) -> None:
    groups = 0
    in_range = False
    for char in text:
        if char == "(":
            groups += 1
        elif char == ")":
            groups -= 1
            if groups < 0:
                raise _UnreadableQuery(f"a ')' has no matching '('; {_GROUP_EXAMPLE}")
        elif char in "[{":
            if in_range:
                raise _UnreadableQuery(f"a range opens inside another range; {_DATE_EXAMPLE}")
            in_range = True
        elif char in "]}":
            if not in_range:
                raise _UnreadableQuery(
                    f"a '{char}' closes a range that was never opened; {_DATE_EXAMPLE}"
                )
            in_range = False
    if groups > 0:
        raise _UnreadableQuery(f"a '(' is not closed; {_GROUP_EXAMPLE}")
    if in_range:
        raise _UnreadableQuery(f"a range is not closed; {_DATE_EXAMPLE}")


class _IsoDatePlugin(qparser.Plugin):  # type: ignore[misc]  # whoosh has no type hints
    """Turns `published:2020-08` and `published:[2020-01 to 2020-06]` into date ranges.

    A day, month or year means the whole of it; an exclusive bound (`{`, `}`, `<`,
    `>`) leaves out the whole period it names, so `published:<2021` ends with 2020.
    """

    # After field names are attached (100) and before unfielded words are spread
    # over the default fields (110).
    _PRIORITY = 105

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        return [(self._convert, self._PRIORITY)]

    def _convert(self, parser: Any, group: Any) -> Any:
        for position, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[position] = self._convert(parser, node)
            elif node.has_fieldname and node.fieldname in _DATE_FIELDS:
                group[position] = self._date_node(node)
        return group

    @staticmethod
    def _date_node(node: Any) -> Any:
        if isinstance(node, syntax.RangeNode):
            start = end = None
            if node.start:
                first, last = _query_date_span(node.start)
                start = last + timedelta(microseconds=1) if node.startexcl else first
            if node.end:
                first, last = _query_date_span(node.end)
                end = first - timedelta(microseconds=1) if node.endexcl else last
        elif node.has_text:
            start, end = _query_date_span(node.text)
        else:
            raise _UnreadableQueryDate(f"after {node.fieldname}:")
        converted = DateRangeNode(node.fieldname, start, end)
        converted.startchar, converted.endchar = node.startchar, node.endchar
        return converted


def _query_date_span(text: str) -> tuple[datetime, datetime]:
    match = _ISO_PERIOD.fullmatch(text.strip())
    if match is None:
        raise _UnreadableQueryDate(repr(text))
    try:
        return _date_span(match)
    except ValueError as error:
        raise _UnreadableQueryDate(f"{text!r} ({error})") from error


def period_start(text: str) -> datetime | None:
    """The first instant of the ISO year, month or day text names ("2020", "2020-08",
    "2020-08-16"), or None when it names none; ValueError for a month or day that does
    not exist."""
    match = _ISO_PERIOD.fullmatch(text.strip())
    return _date_span(match)[0] if match else None


def _date_span(match: re.Match[str]) -> tuple[datetime, datetime]:
    """First and last instant of the year, month or day the match names."""
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    first = datetime(year, month, day)
    if match["day"]:
        after = first + timedelta(days=1)
    elif match["month"]:
        after = datetime(year + month // 12, month % 12 + 1, 1)
    else:
        after = datetime(year + 1, 1, 1)
    return first, after - timedelta(microseconds=1)
