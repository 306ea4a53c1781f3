"""When an article was published and last updated, from every witness a page offers.

The witnesses, most trusted first:
1. what the page declares: JSON-LD, OpenGraph and other <meta>, `<time datetime>`
   (metadata.py reads them, in that order);
2. a date in the page's own address, `/2019/11/19/`: a strong witness, as a site files
   its articles by the day they were first published;
3. htmldate (htmldate_adapter.py), which also reads datelines in the page and, where
   nothing else is found, any date-shaped text.

A date no real article can have is refused wherever it comes from (see plausible_day):
the placeholders CMSs write, a day before the web, a day after the page was saved.
Pure functions; the htmldate search comes in as a function (DateSearch), so the rules are
tested without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

# No web page was published before the web: a 1985 date is a copied print date, a
# typo or a placeholder. (The issue-26 pages had "0001-01-01T00:00:00Z" in JSON-LD.)
EARLIEST_DAY = date(1990, 1, 1)
# Days CMSs write where the date is missing: the year 1 (0001-01-01, issue 26), the Unix
# epoch (1970-01-01) and the spreadsheet epoch (1900-01-01). All lie before EARLIEST_DAY;
# named so the reason is kept should EARLIEST_DAY ever move.
PLACEHOLDER_DAYS = frozenset({date(1, 1, 1), date(1970, 1, 1), date(1900, 1, 1)})
# A page saved on the 16th (UTC) may be dated the 17th where it was published, east of
# Greenwich; a day's grace, and no more, after the save date.
SAVE_DAY_GRACE = timedelta(days=1)
# The address's date and the declared one agree within a day (time zones again); past
# that the declared date is a re-stamp or a placeholder and the address's date wins.
URL_DATE_AGREEMENT = timedelta(days=1)
# /2019/11/19/, /2019-11-19-slug, /20191119/: year, month and day in the path. The
# compact form needs two digits each, or a numeric id (/2019123/) would read as a date.
URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)(?:[/_-](?P<month>\d{1,2})[/_-](?P<day>\d{1,2})"
    r"|(?P<month2>\d\d)(?P<day2>\d\d))(?=[/_.-]|$)"
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


# htmldate's search of the page: (original, extensive) -> "YYYY-MM-DD" or None, bounded
# by (earliest, latest).
DateSearch = Callable[..., str | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class PageDates:
    published: str | None = None  # ISO 8601 date or datetime
    updated: str | None = None  # only when later than published


def settle_dates(
    *,
    declared_published: tuple[str, ...],
    declared_updated: tuple[str, ...],
    url: str | None,
    saved: str | None,
    today: date,
    search: DateSearch | None = None,
) -> PageDates:
    """The publication and update dates, from the page's declared dates (ISO 8601, most
    trusted first), its address, and search: htmldate's, asked only what the rest leave
    open. saved: the save date, the latest a page can be dated (else today)."""
    latest = _latest_day(saved, today)

    def plausible(iso: str | None) -> bool:
        return plausible_day(iso, latest=latest)

    published = next((iso for iso in declared_published if plausible(iso)), None)
    in_url = url_date(url)
    if in_url and plausible(in_url) and not _agree(published, in_url):
        published = in_url
    read_in_text = False
    if published is None and search is not None:
        published = _searched(search, latest, extensive=False)
        if published is None:
            published = _searched(search, latest, extensive=True)
            read_in_text = published is not None
    if published is None:
        return PageDates()
    later = [iso for iso in declared_updated if plausible(iso) and _after(iso, published)]
    # A date only the full-text search could read means the page's markup holds no date
    # for the latest-date search to read either: it found none on all 701 such devset pages.
    if not later and search is not None and not read_in_text:
        found = _searched(search, latest, extensive=False, original=False)
        later = [found] if found and _after(found, published) else []
    return PageDates(published=published, updated=later[0] if later else None)


def plausible_day(iso: str | None, *, latest: date) -> bool:
    """Whether an ISO 8601 date could be a web article's: no placeholder, not before the
    web, not after latest."""
    day = day_of(iso)
    return day is not None and day not in PLACEHOLDER_DAYS and EARLIEST_DAY <= day <= latest


def url_date(url: str | None) -> str | None:
    """The date in an address's path, "YYYY-MM-DD", when it holds a real one."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.I).split("?")[0]
    match = URL_DATE.search(path)
    if match is None:
        return None
    try:
        month, day_of_month = match["month"] or match["month2"], match["day"] or match["day2"]
        day = date(int(match["year"]), int(month), int(day_of_month))
    except ValueError:
        return None
    return day.isoformat()


def day_of(iso: str | None) -> date | None:
    match = _ISO_DAY.match(iso or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _latest_day(saved: str | None, today: date) -> date:
    saved_day = day_of(saved)
    return min(saved_day + SAVE_DAY_GRACE, today) if saved_day else today


def _agree(published: str | None, in_url: str) -> bool:
    day, url_day = day_of(published), day_of(in_url)
    return day is not None and url_day is not None and abs(day - url_day) <= URL_DATE_AGREEMENT


def _after(iso: str, published: str) -> bool:
    day, published_day = day_of(iso), day_of(published)
    return day is not None and published_day is not None and day > published_day


def _searched(
    search: DateSearch, latest: date, *, extensive: bool, original: bool = True
) -> str | None:
    found = search(original=original, extensive=extensive, earliest=EARLIEST_DAY, latest=latest)
    return found if plausible_day(found, latest=latest) else None
