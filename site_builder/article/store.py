"""Article <-> content/articles/*.md: YAML front matter, a Markdown body, edit detection.

Every file the build writes ends its front matter with `generated_sha256:`, the hash of
the rest of the file as written. A file whose text no longer matches that hash has been
edited by hand (or was written by hand), and the build never overwrites it.

Labels: `tags` are the reader's own, `keywords` the publisher's. Files written before
`keywords` had a field of their own kept the publisher's keywords in `tags`; such a file,
unedited, is read with them moved to `keywords`, so the site filters them like any
publisher's. In an edited file `tags` are the reader's, whatever wrote them first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

import yaml

from site_builder.core.errors import SiteBuilderError
from site_builder.core.records import ARTICLE_STATES, Article, ArticleMeta, Highlight, StoredArticle

HASH_KEY = "generated_sha256"
KEYWORDS_KEY = "keywords"
_LABEL_FIELDS = ("tags", KEYWORDS_KEY)
# Where the saves of a page not shown are kept, beside the article shown.
VERSIONS_FOLDER = "versions"
# libyaml's safe loader and dumper when PyYAML was built with it: the same documents, ten
# times faster to read (measured: 0.08 ms against 0.9 ms a front matter).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_HASH_LINE = re.compile(rf"^{HASH_KEY}: ([0-9a-f]{{64}})\n", re.M)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)
_META_FIELDS = [f.name for f in fields(ArticleMeta)]
# Fields most articles leave empty, added after archives were first written: left out
# when empty, so an article without them reads as it always did.
_LEFT_OUT_WHEN_EMPTY = frozenset({"saved_url", "note", "highlights", "state", "starred"})


class StoreError(SiteBuilderError):
    """An article file is unreadable or its front matter is not valid."""


def serialize(article: Article) -> str:
    """The file text for an article, hash line included."""
    front = {
        name: _yaml_value(value)
        for name, value in asdict(article.meta).items()
        if name not in _LEFT_OUT_WHEN_EMPTY or value not in (None, (), False)
    }
    if article.meta.highlights:
        front["highlights"] = [_highlight_value(mark) for mark in article.meta.highlights]
    front["author"] = _author_value(article.meta.author)
    if not article.meta.hidden:
        del front["hidden"]  # the files the build writes say nothing of it
    dumped = yaml.dump(front, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
    unsigned = f"---\n{dumped}---\n\n{article.body}"
    digest = hashlib.sha256(unsigned.encode("utf-8")).hexdigest()
    return f"---\n{dumped}{HASH_KEY}: {digest}\n---\n\n{article.body}"


def parse(text: str, path: Path) -> StoredArticle:
    """Read an article file; raises StoreError naming the file when it can't."""
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if match is None:
        raise StoreError(path, "no YAML front matter (the file must start with a '---' line)")
    try:
        front = yaml.load(match.group(1), Loader=_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        raise StoreError(path, f"front matter is not valid YAML: {_one_line(err)}") from None
    if not isinstance(front, dict):
        raise StoreError(path, "front matter must be a mapping of keys to values")
    edited = is_edited(text)
    meta = _meta_from(front, path)
    if KEYWORDS_KEY not in front and not edited:
        meta = replace(meta, tags=(), keywords=meta.tags)  # written before keywords
    body = match.group(2).lstrip("\n")
    article = Article(meta=meta, body=body, stem=path.stem)
    return StoredArticle(article=article, path=path, edited=edited)


def load(path: Path) -> StoredArticle:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise StoreError(path, "not UTF-8 text") from None
    except OSError as err:
        raise StoreError(path, f"cannot read: {err.strerror or err}") from None
    return parse(text, path)


def article_files(articles_dir: Path) -> list[Path]:
    if not articles_dir.is_dir():
        return []
    # By name: the order of paths in one folder, without comparing Path objects.
    return sorted(
        (p for p in articles_dir.glob("*.md") if not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def version_files(articles_dir: Path) -> list[Path]:
    """Other saves of articles' pages, kept in articles/versions/ (article.documents)."""
    return article_files(articles_dir / VERSIONS_FOLDER)


def every_article_file(articles_dir: Path) -> list[Path]:
    """The articles shown, then the versions kept beside them."""
    return article_files(articles_dir) + version_files(articles_dir)


def file_name(path: Path, articles_dir: Path) -> str:
    """How the build names an article file: "STEM.md", or "versions/STEM.md"."""
    return path.name if path.parent == articles_dir else f"{VERSIONS_FOLDER}/{path.name}"


def write(article: Article, path: Path, media_dir: Path, *, text: str | None = None) -> bool:
    """Write the article and its images, atomically: an interrupted build leaves no halves.

    Images go first, so an article never refers to an image that is not there yet.
    text: the article's serialize() output, when the caller has it already.
    Returns False when the file held exactly this text already, and was left alone.
    """
    for media in article.media:
        target = media_dir / media.name
        if not target.exists():  # the name is the content's hash: same name, same bytes
            write_bytes_atomic(target, media.data)
    data = (serialize(article) if text is None else text).encode("utf-8")
    try:
        # Only a file already there is read: a first build reads none it writes.
        if path.exists() and path.read_bytes() == data:
            return False
    except OSError:
        pass  # unreadable: written anew
    write_bytes_atomic(path, data)
    return True


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def is_edited(text: str) -> bool:
    """True when the file's text is not exactly what the build wrote."""
    text = text.replace("\r\n", "\n")
    match = _HASH_LINE.search(text)
    if match is None:
        return True  # written by hand, or the hash line was removed: the user owns it
    unsigned = text[: match.start()] + text[match.end() :]
    return hashlib.sha256(unsigned.encode("utf-8")).hexdigest() != match.group(1)


def _meta_from(front: dict[str, Any], path: Path) -> ArticleMeta:
    values: dict[str, Any] = {}
    for name in _META_FIELDS:
        value = front.get(name)
        if name in _LABEL_FIELDS:
            values[name] = _labels(name, value, path)
        elif name == "author":
            values[name] = _authors(value, path)
        elif name in ("hidden", "starred"):
            values[name] = _flag(name, value, path)
        elif name == "highlights":
            values[name] = _highlights(value, path)
        elif name == "state" and value is not None and value not in ARTICLE_STATES:
            raise StoreError(
                path, f"front matter 'state' must be unread or archived, not {value!r}"
            )
        elif value is None or value == "":
            values[name] = None
        elif isinstance(value, dt.date | dt.datetime):
            values[name] = value.isoformat()  # an unquoted date typed by hand
        elif isinstance(value, str | int | float):
            values[name] = str(value)
        else:
            raise StoreError(
                path, f"front matter '{name}' must be text, not a {type(value).__name__}"
            )
    if not values.get("title"):
        values["title"] = path.stem
    return ArticleMeta(**values)


def _labels(name: str, value: Any, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise StoreError(path, f"front matter '{name}' must be a list of words")
    return tuple(str(tag).strip() for tag in value if str(tag).strip())


def _authors(value: Any, path: Path) -> tuple[str, ...]:
    """One author as text (as every article before lists of authors), or a list of them."""
    if value is None or value == "":
        return ()
    if isinstance(value, str | int | float):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise StoreError(path, "front matter 'author' must be a name or a list of names")
    return tuple(" ".join(str(name).split()) for name in value if str(name).strip())


def _author_value(names: tuple[str, ...]) -> str | list[str] | None:
    """What the front matter says: nobody, one name, or a list of names."""
    if not names:
        return None
    return names[0] if len(names) == 1 else list(names)


def _flag(name: str, value: Any, path: Path) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise StoreError(path, f"front matter '{name}' must be true or false, not {value!r}")
    return value


def _highlights(value: Any, path: Path) -> tuple[Highlight, ...]:
    """`highlights: [{quote: ..., note: ..., created: ...}]`; note and created optional."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise StoreError(path, "front matter 'highlights' must be a list of {quote: ...} entries")
    highlights = []
    for item in value:
        quote, note, created = item.get("quote"), item.get("note") or "", item.get("created")
        if not isinstance(quote, str) or not quote.strip() or not isinstance(note, str):
            raise StoreError(path, "front matter 'highlights': each needs a 'quote' text")
        if isinstance(created, dt.date | dt.datetime):
            created = created.isoformat()
        created = str(created) if created not in (None, "") else None
        highlights.append(Highlight(quote=quote.strip(), note=note.strip(), created=created))
    return tuple(highlights)


def _highlight_value(highlight: Highlight) -> dict[str, str]:
    """One entry of `highlights:`, its note and date left out when it has none."""
    value = {"quote": highlight.quote}
    if highlight.note:
        value["note"] = highlight.note
    if highlight.created:
        value["created"] = highlight.created
    return value


def _yaml_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
