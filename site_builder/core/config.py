"""The archive's settings, read from site.toml into a typed, validated record."""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import MEDIA_FOLDER

MEGABYTE = 1024 * 1024
# A saved page larger than this is not an article: 50 MB holds any real page with its
# images inlined (SingleFile) several times over.
DEFAULT_MAX_PAGE_MB = 50
# Seconds one page may spend in extraction; the slowest real page measured took 3 s.
DEFAULT_EXTRACT_SECONDS = 60


# How alike a misspelt key and a setting must be to suggest it (difflib's ratio): 0.6,
# difflib's default, pairs "perpage" with "per_page" and "titel" with "title", and
# suggests nothing for an unrelated word such as "colour".
TYPO_CUTOFF = 0.6

# Which of the publisher's keywords become tags: those passing the filter, none, or all.
PublisherTags = Literal["filtered", "none", "all"]
PUBLISHER_TAG_CHOICES: tuple[str, ...] = get_args(PublisherTags)


class ConfigError(SiteBuilderError):
    """site.toml is unreadable or holds a key or value we don't accept."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    """Settings of one archive. Relative folders are resolved against site.toml's folder."""

    title: str = "My Reading Archive"
    """Name of the site, shown in every page header and the browser tab."""
    description: str = ""
    """One sentence about the archive, for the home page and feeds."""
    language: str = "en"
    """Language of the site's own text (menus, labels), as a BCP 47 tag."""
    base_url: str = ""
    """Public address of the published site, e.g. https://user.github.io/repo/ (optional)."""
    saved_dir: Path = Path("content/saved")
    """Folder of saved pages, exactly as the user dropped them. Never modified."""
    content_dir: Path = Path("content")
    """Folder that holds saved/ and articles/; article `source` paths are relative to it."""
    articles_dir: Path = Path("content/articles")
    """Folder of Markdown articles: the editable source of truth."""
    output_dir: Path = Path("output")
    """Folder for everything built: site/ (published) and whoosh/ (the local index)."""
    templates_dir: Path = Path("templates")
    """Folder of Jinja templates and static assets; a file here overrides the stock one."""
    max_page_mb: int = DEFAULT_MAX_PAGE_MB
    """A saved file larger than this many megabytes (after unpacking gzip) is refused."""
    extract_seconds: int = DEFAULT_EXTRACT_SECONDS
    """Time one page may spend in extraction before it is skipped with a reason."""
    per_page: int = 50
    """Articles on each page of the home page and the browse lists."""
    publish_originals: bool = True
    """Publish each saved page beside its article, as a download or plain text."""
    publisher_tags: PublisherTags = "filtered"
    """The publisher's keywords shown as tags: "filtered" (the useful few), "none" or "all"."""
    tag_aliases: Mapping[str, str] = field(default_factory=dict)
    """Tags to merge: each tag on the left is shown as the one on the right."""
    site_names: Mapping[str, str] = field(default_factory=dict)
    """A name for a site, by its domain ("nytimes.com" = "The New York Times")."""
    feed_full_content: bool = False
    """Put each article's whole (sanitised) text in the Atom feed, not only its summary."""

    @property
    def site_dir(self) -> Path:
        return self.output_dir / "site"

    @property
    def media_dir(self) -> Path:
        return self.content_dir / MEDIA_FOLDER

    @property
    def whoosh_dir(self) -> Path:
        return self.output_dir / "whoosh"


_PATH_FIELDS = {"saved_dir", "content_dir", "articles_dir", "output_dir", "templates_dir"}
_INT_FIELDS = {"max_page_mb", "extract_seconds", "per_page"}
_BOOL_FIELDS = {"publish_originals", "feed_full_content"}
_TABLE_FIELDS = {"tag_aliases", "site_names"}  # tables of text to text
_KNOWN_KEYS = {f.name for f in fields(SiteConfig)}


def load_config(path: Path | None) -> SiteConfig:
    """Read site.toml; a missing default file gives the defaults, relative to the cwd."""
    if path is None:
        default = Path("site.toml")
        if not default.exists():
            return _resolve(SiteConfig(), Path.cwd())
        path = default
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(path, f"not valid TOML: {err}") from None
    return _resolve(_from_mapping(path, raw), path.resolve().parent)


def _from_mapping(path: Path, raw: dict[str, Any]) -> SiteConfig:
    unknown = sorted(set(raw) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(path, _unknown_settings(unknown))
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _TABLE_FIELDS:
            values[key] = _text_table(path, key, value)
            continue
        wanted = int if key in _INT_FIELDS else bool if key in _BOOL_FIELDS else str
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            kind = {int: "a whole number", bool: "true or false", str: "a string"}[wanted]
            raise ConfigError(path, f"{key} must be {kind}, not {value!r}")
        if wanted is int and isinstance(value, int) and value <= 0:
            raise ConfigError(path, f"{key} must be above zero, not {value}")
        values[key] = Path(str(value)) if key in _PATH_FIELDS else value
    if values.get("publisher_tags", "filtered") not in PUBLISHER_TAG_CHOICES:
        choices = ", ".join(f'"{c}"' for c in PUBLISHER_TAG_CHOICES)
        raise ConfigError(
            path, f"publisher_tags must be one of {choices}, not {values['publisher_tags']!r}"
        )
    return SiteConfig(**values)


def _unknown_settings(unknown: list[str]) -> str:
    """'unknown setting 'perpage'; did you mean 'per_page'?', for each unknown key; the
    known keys when no key is close to one."""
    told = []
    for key in unknown:
        close = difflib.get_close_matches(key, sorted(_KNOWN_KEYS), n=1, cutoff=TYPO_CUTOFF)
        told.append(f"unknown setting {key!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
    message = told[0]
    for part in told[1:]:
        message += (" " if message.endswith("?") else "; ") + part
    if not all(part.endswith("?") for part in told):
        message += f" (known settings: {', '.join(sorted(_KNOWN_KEYS))})"
    return message


def _text_table(path: Path, key: str, value: object) -> dict[str, str]:
    """A TOML table of text to text, e.g. [tag_aliases] "U.S." = "United States"."""
    if not isinstance(value, dict):
        raise ConfigError(path, f'{key} must be a table of names, e.g. [{key}] "a" = "b"')
    for name, target in value.items():
        if not isinstance(target, str) or not target.strip() or not name.strip():
            raise ConfigError(path, f"{key}: {name!r} must name a text, not {target!r}")
    return {name.strip(): target.strip() for name, target in value.items()}


def _resolve(config: SiteConfig, base: Path) -> SiteConfig:
    resolved = {name: base / getattr(config, name) for name in sorted(_PATH_FIELDS)}
    return replace(config, **resolved)


def with_overrides(
    config: SiteConfig,
    *,
    saved_dir: Path | None = None,
    content_dir: Path | None = None,
    output_dir: Path | None = None,
) -> SiteConfig:
    """Apply command-line folders; --content moves saved/ and articles/ along with it."""
    if content_dir is not None:
        config = replace(
            config,
            content_dir=content_dir,
            saved_dir=content_dir / "saved",
            articles_dir=content_dir / "articles",
        )
    if saved_dir is not None:
        config = replace(config, saved_dir=saved_dir)
    if output_dir is not None:
        config = replace(config, output_dir=output_dir)
    return config


def shown_build_time(environ: Mapping[str, str] = os.environ) -> str | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) in RFC 3339, UTC; None when it is unset.

    The site shows no clock time of its own, so two builds of the same inputs are the
    same; where it must show when it was built (a feed with no dated article), it shows
    this, or the start of 1970 without it.
    """
    value = environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    try:
        if not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        moment = datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            "SOURCE_DATE_EPOCH",
            f"must be a whole number of seconds since 1970-01-01 UTC, not {value!r}",
        ) from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
