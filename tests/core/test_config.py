"""Settings from the environment: SOURCE_DATE_EPOCH."""

from __future__ import annotations

import pytest

from site_builder.core.config import ConfigError, shown_build_time


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1700000000", "2023-11-14T22:13:20Z"),
        ("0", "1970-01-01T00:00:00Z"),
        ("", None),  # set but empty: as if unset
    ],
)
def test_source_date_epoch_is_shown_in_utc(value: str, shown: str | None) -> None:
    assert shown_build_time({"SOURCE_DATE_EPOCH": value}) == shown


def test_no_source_date_epoch_shows_no_build_time() -> None:
    assert shown_build_time({}) is None


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5", " 1700000000", "１７００", "9" * 30])
def test_a_malformed_source_date_epoch_is_refused_by_name(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        shown_build_time({"SOURCE_DATE_EPOCH": value})
    message = str(caught.value)
    assert message.startswith("SOURCE_DATE_EPOCH: must be a whole number of seconds")
    assert repr(value) in message and "\n" not in message
