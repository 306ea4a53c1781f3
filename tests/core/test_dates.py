"""Dates as people and machines write them, parsed to ISO 8601."""

from __future__ import annotations

import pytest

from site_builder.core.dates import is_day_line, looks_like_date_line, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-08-16", "2020-08-16"),
        ("2020-08-16T17:45:00Z", "2020-08-16T17:45:00+00:00"),
        ("2020-08-16T17:45:00+06:00", "2020-08-16T17:45:00+06:00"),
        ("2020-08-16T17:45:00.250-0430", "2020-08-16T17:45:00-04:30"),
        ("2020-08-16 17:45", "2020-08-16T17:45:00"),
        ("16 August, 2020, 05:45 pm", "2020-08-16T17:45:00"),
        ("16 August 2020", "2020-08-16"),
        ("August 16, 2020", "2020-08-16"),
        ("Aug 16, 2020 5:45 PM", "2020-08-16T17:45:00"),
        ("16 Aug 2020", "2020-08-16"),
        ("Sunday, August 16, 2020", "2020-08-16"),
        ("TUESDAY, FEBRUARY 07, 2023", "2023-02-07"),
        ("16.08.2020", "2020-08-16"),
        ("2020/08/16", "2020-08-16"),
        ("Sun, 16 Aug 2020 17:45:00 +0000", "2020-08-16T17:45:00+00:00"),
        ("Sun, 16 Aug 2020 17:45:00 +0600", "2020-08-16T17:45:00+06:00"),
        ("Sun, 16 Aug 2020 17:45:00 EST", "2020-08-16T17:45:00-05:00"),
        ("Sept. 3rd, 2021 at 5 pm", "2021-09-03T17:00:00"),
        ("March 3, 2021, 12:30 a.m.", "2021-03-03T00:30:00"),
        ("March 3, 2021 12:00 PM UTC", "2021-03-03T12:00:00+00:00"),
        ("3rd of March 2021", "2021-03-03"),
        ("Last modified: 16 August, 2020, 05:50 pm", "2020-08-16T17:50:00"),
        ("Published on 29 Feb 2024", "2024-02-29"),
    ],
)
def test_parse_date_reads_common_forms(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "in 2020",
        "Tuesday",
        "May the force be with you",
        "Feb 30, 2020",  # no such day
        "29 February 2023",  # not a leap year
        "2020-02-30",
        "2020-13-01",
        "31.04.2020",
        "Sun, 30 Feb 2020 17:45:00 +0000",
        "16 August 2020 25:00",  # no such hour
        "16 August 2020 13:10 pm",  # 13 pm
        "2020-08-16T17:45:00+25:00",  # no such offset
        "08/16/2020",  # day and month order is a guess: not made
    ],
)
def test_parse_date_rejects_non_dates_and_invalid_dates(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_finds_the_first_date_in_a_short_string() -> None:
    assert parse_date("Updated 16 Aug 2020, first posted 15 Aug 2020") == "2020-08-16"


@pytest.mark.parametrize(
    "line",
    [
        "16 August, 2020, 05:45 pm",
        "Last modified: 16 August, 2020, 05:50 pm",
        "Published: Sunday, August 16, 2020",
        "Updated: 2020-08-16T17:45:00Z",
        "Posted on March 3, 2021",
        "TUESDAY, FEBRUARY 07, 2023",
        "Sun, 16 Aug 2020 17:45:00 +0000",
        "  August 16, 2020 at 5:45 PM GMT  ",
    ],
)
def test_date_lines(line: str) -> None:
    assert looks_like_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Tuesday",
        "Reuters",
        "Posted on March 3, 2021 by Jane Doe",
        "The meeting on 16 August 2020 was long",
        "Russia / Belarus / Vladimir Putin",
        "Feb 30, 2020",
        "On 16 August 2020 the protesters marched through the centre of Minsk again",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert not looks_like_date_line(line)


@pytest.mark.parametrize(
    "line",
    ["November 12", "12 Nov", "Tue, Nov. 12th", "November 08", "May 2", "16 August, 2020"],
)
def test_day_lines(line: str) -> None:
    assert is_day_line(line)


@pytest.mark.parametrize(
    "line",
    ["November", "32 May", "Mayday 12", "may 12 be", "Posted on March 3, 2021 by Jane", "12"],
)
def test_not_day_lines(line: str) -> None:
    assert not is_day_line(line)
