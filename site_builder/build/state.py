"""What the last build knew, kept in output/ so the next build redoes only what changed.

The file is a cache: deleting it, or a version mismatch, only makes the next build do
everything again. It never decides what is true about an article; the files do.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from site_builder.core.records import ArticleMeta, ArticleSummary, Highlight, PageHighlight

# One record a line, read and written as a stream: a rebuild of 100,000 articles holds
# the summaries, never the whole file (217 MB of JSON) as one parsed tree or one string
# beside them.
STATE_FILE = ".build-state.jsonl"
# Where states were kept as one JSON document, until 2026-12: read once, then replaced.
LEGACY_STATE_FILE = ".build-state.json"
# Bump when the meaning of anything cached here changes.
# 2: ArticleMeta.keywords, and the publisher's keywords read out of unedited older files;
#    ArticleSummary.text_sha256 and url_key (one article per document); summaries say
#    whether the article is hidden.
# 3: ArticleMeta.author, a tuple of names.
# 4: ArticleSummary.keywords_in_text.
# 5: ArticleMeta.note, highlights, state and starred (imports, issue 23);
#    ArticleSummary.links and highlights.
STATE_VERSION = 5


# What identifies one version of a saved file without reading it: size, modification
# time (ns) and inode, as git's index does with core.trustctime off. The change time
# cannot serve: publishing the originals hard-links them, which changes it every build.
# Editors and downloads that replace a file give it a new inode; an in-place edit that
# keeps the size and sets the modification time back needs --reextract.
FileStamp = tuple[int, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildState:
    """Summaries by article file name and sha256, and the keys of the pages they made.

    Frozen: each build reads one, its stages make the fields of the next, and the build
    loop puts them together with dataclasses.replace.

    saved_files: the sha256 of each saved file by its name, with the stamp it had.
    site_key: what the published site was made from, as one hash; site_inode: the inode
    of the folder it was published in, so a site replaced or removed since is not trusted;
    site_bytes: its size, so a build that publishes nothing new still knows it.
    """

    summaries: dict[str, ArticleSummary] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)
    saved_files: dict[str, tuple[FileStamp, str]] = field(default_factory=dict)
    site_key: str = ""
    site_inode: int = 0
    site_bytes: int = 0

    def summary_for(self, file_name: str, sha256: str) -> ArticleSummary | None:
        cached = self.summaries.get(file_name)
        return cached if cached is not None and cached.file_sha256 == sha256 else None

    def saved_sha256(self, name: str, status: os.stat_result) -> str | None:
        """The saved file's sha256 from the last build, if it has not changed since."""
        known = self.saved_files.get(name)
        return known[1] if known is not None and known[0] == stamp_of(status) else None


def stamp_of(status: os.stat_result) -> FileStamp:
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def read_state(output_dir: Path) -> BuildState:
    """The last build's state, or an empty one when there is none or it is unreadable."""
    try:
        with (output_dir / STATE_FILE).open(encoding="utf-8") as lines:
            return _state_from_lines(lines)
    except FileNotFoundError:
        return _legacy_state(output_dir / LEGACY_STATE_FILE)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return BuildState()


def _state_from_lines(lines: Iterable[str]) -> BuildState:
    """The first line holds the version and the site's identity; each other line is one
    record: ["summary", file name, summary], ["page", page, key] or
    ["saved", file name, size, mtime, inode, sha256]."""
    iterator = iter(lines)
    head = json.loads(next(iterator, "{}"))
    if head.get("version") != STATE_VERSION:
        return BuildState()
    summaries: dict[str, ArticleSummary] = {}
    page_keys: dict[str, str] = {}
    saved_files: dict[str, tuple[FileStamp, str]] = {}
    for line in iterator:
        kind, name, *values = json.loads(line)
        if kind == "summary":
            summaries[name] = _summary(values[0])
        elif kind == "page":
            page_keys[name] = str(values[0])
        elif kind == "saved":
            size, mtime, inode, sha256 = values
            saved_files[name] = ((int(size), int(mtime), int(inode)), str(sha256))
    return BuildState(
        summaries=summaries,
        page_keys=page_keys,
        saved_files=saved_files,
        site_key=str(head.get("site_key", "")),
        site_inode=int(head.get("site_inode", 0)),
        site_bytes=int(head.get("site_bytes", 0)),
    )


def _legacy_state(path: Path) -> BuildState:
    """A state kept as one JSON document, so an archive built before the line format
    is not built again from scratch."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        head = {key: value for key, value in raw.items() if not isinstance(value, dict)}
        records = (
            *(["summary", name, item] for name, item in raw["summaries"].items()),
            *(["page", name, key] for name, key in raw["page_keys"].items()),
            *(["saved", name, *stamp] for name, stamp in raw.get("saved_files", {}).items()),
        )
        del raw
        return _state_from_lines(map(json.dumps, (head, *records)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return BuildState()


def write_state(output_dir: Path, state: BuildState) -> None:
    output_dir.mkdir(parents=True, exist_ok=True)
    head = {
        "version": STATE_VERSION,
        "site_key": state.site_key,
        "site_inode": state.site_inode,
        "site_bytes": state.site_bytes,
    }
    temporary = output_dir / f"{STATE_FILE}.tmp"
    with temporary.open("w", encoding="utf-8") as out:
        out.write(_line(head))
        out.writelines(
            _line(["summary", name, _record(summary)])
            for name, summary in sorted(state.summaries.items())
        )
        out.writelines(_line(["page", page, key]) for page, key in sorted(state.page_keys.items()))
        out.writelines(
            _line(["saved", name, *stamp, sha256])
            for name, (stamp, sha256) in sorted(state.saved_files.items())
        )
    temporary.replace(output_dir / STATE_FILE)
    (output_dir / LEGACY_STATE_FILE).unlink(missing_ok=True)


def _line(record: object) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


_SUMMARY_FIELDS = tuple(f.name for f in fields(ArticleSummary))
_META_FIELDS = tuple(f.name for f in fields(ArticleMeta))


def _record(summary: ArticleSummary) -> dict[str, Any]:
    """asdict(summary), field for field: its values are text, numbers and a tuple of text,
    which asdict would copy deeply one by one, for every summary of the archive."""
    record = {name: getattr(summary, name) for name in _SUMMARY_FIELDS}
    record["meta"] = {name: getattr(summary.meta, name) for name in _META_FIELDS}
    record["meta"]["highlights"] = [asdict(h) for h in summary.meta.highlights]
    record["highlights"] = [asdict(h) for h in summary.highlights]
    return record


def _summary(item: dict[str, Any]) -> ArticleSummary:
    meta = dict(item["meta"])
    meta["tags"] = tuple(meta.get("tags") or ())
    meta["keywords"] = tuple(meta.get("keywords") or ())
    meta["author"] = tuple(meta.get("author") or ())
    meta["highlights"] = tuple(Highlight(**mark) for mark in meta.get("highlights") or ())
    return ArticleSummary(
        meta=ArticleMeta(**meta),
        stem=item["stem"],
        source_file=item["source_file"],
        file_sha256=item["file_sha256"],
        words=int(item["words"]),
        text_start=item["text_start"],
        thumbnail=item["thumbnail"],
        text_sha256=str(item["text_sha256"]),
        url_key=str(item["url_key"]),
        keywords_in_text=tuple(item.get("keywords_in_text") or ()),
        links=tuple(item.get("links") or ()),
        highlights=tuple(PageHighlight(**h) for h in item.get("highlights") or ()),
    )
