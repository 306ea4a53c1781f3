"""Find a date in a short piece of text and write it as ISO 8601.

Saved pages show dates the way people write them ("16 August, 2020, 05:45 pm",
"Aug 16, 2020 5:45 PM", "16.08.2020") and the way machines do (ISO 8601, RFC 2822).
Both come here. The grammar is small and explicit, standard library only: a fuzzy
parser such as dateutil's reads "May" or a bare "2020" in a sentence as a date, and a
wrong date in the front matter is worse than none.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime

# A date line is a byline-sized line: "Published: Sunday, 16 August, 2020, 05:45 pm UTC" is
# eight words. Longer lines are sentences that happen to mention a date.
DATE_LINE_MAX_WORDS = 8

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
})  # fmt: skip
# Words a date line may hold besides the date itself: "Sunday, August 16, 2020 at 5 PM GMT".
_DATE_LINE_FILLER = _WEEKDAYS | {"on", "at", "utc", "gmt", "local", "time"}

# Longest names first, so "march" wins over "mar" and "sept" over "sep".
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_NAMES})\b\.?"
# A day of a month without its year, as a listing of posts shows it: "November 12",
# "12 Nov", "Tue, Nov. 12th".
_DAY_WITHOUT_YEAR = re.compile(
    rf"^(?:(?:{'|'.join(sorted(_WEEKDAYS, key=len, reverse=True))}),?\s+)?"
    rf"(?:(?:{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{_MONTH_NAMES})\.?)$",
    re.IGNORECASE,
)
# A time of day after the date: "T17:45:00Z", ", 05:45 pm", " at 5 PM", " 17:45 +06:00".
# A bare number without minutes counts only with am/pm, so "16 August 2020 12" is no time.
_TIME = r"""
    (?:
        (?:T|\s*(?:,|\bat\b|[-–|@·])?\s*)
        (?:
            (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?
            (?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?
          | (?P<bare_hour>\d{1,2})\s*(?P<bare_ampm>[ap]\.?\s?m\b\.?)
        )
        (?:\s*(?P<tz>Z\b|UTC\b|GMT\b|[+-]\d{2}:?\d{2}(?!\d)))?
    )?
"""
_DATE_PATTERNS = tuple(
    re.compile(date_part + _TIME, re.IGNORECASE | re.VERBOSE)
    for date_part in (
        # 2020-08-16, 2020-08-16T17:45:00Z, 2020-08-16 17:45
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)",
        # 2020/08/16
        r"(?<!\d)(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?!\d)",
        # 16.08.2020 (day first, as everywhere the dotted form is used)
        r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)",
        # 16 August 2020, 16 August, 2020, 16th of Aug. 2020
        r"(?<!\w)(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?"
        + _MONTH
        + r",?\s+(?P<year>\d{4})(?!\d)",
        # August 16, 2020, Aug 16 2020, Sunday, August 16th, 2020
        r"(?<!\w)" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?!\d)",
    )
)
# RFC 2822, as in feeds and e-mail headers: "Sun, 16 Aug 2020 17:45:00 +0000". The standard
# library knows its obsolete zone names ("EST", "PDT"), so such strings go to email.utils.
_RFC_2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?$"
)
# Labels that introduce a date line: "Published:", "Updated on", "Last modified:".
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?published|(?:last\s+)?(?:updated|modified|edited)|posted|date[ds]?"
    r"|created|on)\b(?:\s+on\b)?\s*:?\s*",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True, slots=True, kw_only=True)
class _FoundDate:
    """Where a date sits in the text, and what it says (None when it is no real date)."""

    start: int
    end: int
    iso: str | None


def parse_date(text: str) -> str | None:
    """Return the first date in text as ISO 8601, or None when there is no valid one.

    The result is "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when a time of day is given,
    followed by the UTC offset when the text names one ("Z" becomes "+00:00").
    """
    stripped = " ".join(text.split())
    if _RFC_2822.match(stripped):
        return _parse_rfc_2822(stripped)
    found = _find_date(stripped)
    return found.iso if found else None


def looks_like_date_line(line: str) -> bool:
    """Tell whether a short line is essentially just a date, perhaps with a time and a label.

    "16 August, 2020, 05:45 pm", "Last modified: 16 August, 2020" and
    "TUESDAY, FEBRUARY 07, 2023" are date lines; "Posted on March 3, 2021 by Jane" is not.
    """
    stripped = " ".join(line.split())
    if not stripped or len(stripped.split()) > DATE_LINE_MAX_WORDS:
        return False
    if _RFC_2822.match(stripped):
        return _parse_rfc_2822(stripped) is not None
    unlabelled = _DATE_LABEL.sub("", stripped, count=1)
    found = _find_date(unlabelled)
    if found is None or found.iso is None:
        return False
    leftover = unlabelled[: found.start] + " " + unlabelled[found.end :]
    return all(word.casefold() in _DATE_LINE_FILLER for word in _WORDS.findall(leftover))


def is_day_line(line: str) -> bool:
    """Whether a short line is only a day: a date line, or a day of a month without its
    year ("November 12", "12 Nov")."""
    stripped = " ".join(line.split())
    day = _DAY_WITHOUT_YEAR.match(stripped)
    if day is not None:
        return 1 <= int(day["day"] or day["day_first"]) <= 31
    return looks_like_date_line(stripped)


def _parse_rfc_2822(text: str) -> str | None:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return moment.isoformat(timespec="seconds")


def _find_date(text: str) -> _FoundDate | None:
    """The earliest (then longest) date-shaped match in text, validated."""
    matches = [m for pattern in _DATE_PATTERNS if (m := pattern.search(text))]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.start(), -m.end()))
    return _FoundDate(start=best.start(), end=best.end(), iso=_iso_from_match(best))


def _iso_from_match(match: re.Match[str]) -> str | None:
    month_text = match["month"].rstrip(".").casefold()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        day = date(int(match["year"]), month, int(match["day"]))
    except ValueError:  # 30 February, month 13: a number that looks like a date but is not
        return None
    hour_text = match["hour"] or match["bare_hour"]
    if hour_text is None:
        return day.isoformat()
    hour = _to_24_hour(int(hour_text), match["ampm"] or match["bare_ampm"])
    minute = int(match["minute"] or 0)
    second = int(match["second"] or 0)
    zone = _zone(match["tz"])
    if hour is None or minute > 59 or second > 59 or (match["tz"] and zone is None):
        return None
    moment = datetime.combine(day, time(hour, minute, second), tzinfo=zone)
    return moment.isoformat(timespec="seconds")


def _to_24_hour(hour: int, ampm: str | None) -> int | None:
    if ampm is None:
        return hour if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    afternoon = ampm.lstrip().casefold().startswith("p")
    return hour % 12 + (12 if afternoon else 0)


def _zone(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text.upper() in {"Z", "UTC", "GMT"}:
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
