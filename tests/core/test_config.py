"""Settings from the environment: SOURCE_DATE_EPOCH."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from site_builder.core.config import ConfigError, SiteConfig, load_config, shown_build_time


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


def _config(tmp_path: Path, text: str) -> SiteConfig:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_tag_settings_are_read_from_site_toml(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        'publisher_tags = "none"\n'
        '[tag_aliases]\n"U.S." = "United States"\n'
        '[site_names]\n"nytimes.com" = "The New York Times"\n',
    )
    assert config.publisher_tags == "none"
    assert config.tag_aliases == {"U.S.": "United States"}
    assert config.site_names == {"nytimes.com": "The New York Times"}


def test_publisher_tags_defaults_to_filtered(tmp_path: Path) -> None:
    assert _config(tmp_path, "").publisher_tags == "filtered"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('publisher_tags = "some"', 'publisher_tags must be one of "filtered", "none", "all"'),
        ('tag_aliases = "U.S."', "tag_aliases must be a table of names"),
        ('[site_names]\n"a.com" = 3', "site_names: 'a.com' must name a text"),
    ],
)
def test_bad_tag_settings_are_refused_by_name(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, text)
    assert message in str(caught.value) and "site.toml" in str(caught.value)


_SETTINGS = [f.name for f in fields(SiteConfig)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("perpage = 20\n", "unknown setting 'perpage'; did you mean 'per_page'?"),
        (
            'titel = "x"\nbaseurl = "https://a.example/"\n',
            "unknown setting 'baseurl'; did you mean 'base_url'? "
            "unknown setting 'titel'; did you mean 'title'?",
        ),
        # Nothing close: the settings there are (whatever settings other changes add).
        (
            'colour = "red"\n',
            f"unknown setting 'colour' (known settings: {', '.join(sorted(_SETTINGS))})",
        ),
    ],
)
def test_a_misspelt_setting_is_refused_with_the_setting_meant(
    tmp_path: Path, text: str, message: str
) -> None:
    config = tmp_path / "site.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(config)
    assert str(refused.value) == f"{config}: {message}"


def test_feed_full_content_is_off_unless_set_true(tmp_path: Path) -> None:
    assert _config(tmp_path, "").feed_full_content is False
    assert _config(tmp_path, "feed_full_content = true").feed_full_content is True
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, 'feed_full_content = "yes"')
    assert "feed_full_content must be true or false" in str(caught.value)
