"""One article per document: the saves of one page, grouped, and the one shown.

A page saved twice (as .mhtml and .html, or copied under another name) is one document.
Saves belong together when their saved files have the same bytes or their articles the
same canonical address (core.urls.canonical_key). Of a document's saves, the newest is
shown: its file stays in content/articles/, the others move to content/articles/versions/.
Saves whose text is the shown one's are copies; the others are earlier (or, beside a
hand-edited article, later) versions, each with a page of its own.

A file the user edited is never moved, and an edited article stays the one shown, even
when a newer save of its page arrives. Two documents with one text at different
addresses (a syndicated story) are not merged: they are reported as near-duplicates.

Everything here works on frozen records; the build step (build/documents.py) reads the
files, and moves them as the grouping says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from site_builder.article.store import VERSIONS_FOLDER
from site_builder.core.records import ArticleSummary
from site_builder.core.urls import is_web_url


@dataclass(frozen=True, slots=True, kw_only=True)
class Save:
    """One article file, as the grouping needs to know it."""

    file: str  # relative to content/articles/: "STEM.md" or "versions/STEM.md"
    summary: ArticleSummary
    saved_at: str  # ISO 8601: when the page was saved, to order a document's saves

    @property
    def stem(self) -> str:
        return self.file.rpartition("/")[2].removesuffix(".md")

    @property
    def shown_folder(self) -> bool:
        return "/" not in self.file


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """The saves of one page: the one shown, and all of them, newest first."""

    shown: Save
    saves: tuple[Save, ...]
    # The shown article was edited by hand; these saves came later with other text.
    newer_than_edit: tuple[Save, ...] = ()

    def versions(self) -> tuple[Save, ...]:
        """The saves whose text differs from the shown one's, newest first."""
        text = self.shown.summary.text_sha256
        return tuple(save for save in self.saves if save.summary.text_sha256 != text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Grouping:
    """The documents (by the file shown), the file moves that give each one file in
    content/articles/, and the near-duplicates to report (shown files, sorted)."""

    documents: tuple[Document, ...]
    moves: tuple[tuple[str, str], ...]  # (from, to), relative to content/articles/
    near_duplicates: tuple[tuple[str, ...], ...]


def group_documents(saves: Sequence[Save], *, edited: Callable[[Save], bool]) -> Grouping:
    """Group the saves into documents; edited(save) is asked only of saves in a group."""
    documents: list[Document] = []
    moves: list[tuple[str, str]] = []
    for members in _connected(saves):
        if len(members) == 1:
            documents.append(Document(shown=members[0], saves=members))
            continue
        arranged, arranged_moves = _arrange(_newest_first(members), edited)
        documents.extend(arranged)
        moves.extend(arranged_moves)
    documents.sort(key=lambda document: document.shown.file)
    return Grouping(
        documents=tuple(documents),
        moves=tuple(sorted(moves)),
        near_duplicates=near_duplicates(document.shown for document in documents),
    )


def near_duplicates(shown: Iterable[Save]) -> tuple[tuple[str, ...], ...]:
    """Articles with one text at different addresses: sets of two or more files."""
    by_text: dict[str, list[str]] = {}
    for save in shown:
        by_text.setdefault(save.summary.text_sha256, []).append(save.file)
    return tuple(sorted(tuple(sorted(files)) for files in by_text.values() if len(files) > 1))


def _arrange(
    members: tuple[Save, ...], edited: Callable[[Save], bool]
) -> tuple[list[Document], list[tuple[str, str]]]:
    """The newest save is shown, unless the user edited one in content/articles/: then
    that one is, and any other edited there stays an article of its own."""
    edited_shown = [save for save in members if save.shown_folder and edited(save)]
    if edited_shown:
        shown, apart = edited_shown[0], edited_shown[1:]
        movable = [s for s in members if s not in edited_shown and not edited(s)]
        newer = tuple(
            save
            for save in members
            if save.saved_at > shown.saved_at
            and save.summary.text_sha256 != shown.summary.text_sha256
            # A copy of the very page the edit was made from is no newer version, though
            # its text differs from the edited one.
            and save.summary.meta.source_sha256 != shown.summary.meta.source_sha256
            and save not in apart
        )
        saves = tuple(save for save in members if save not in apart)
        documents = [Document(shown=shown, saves=saves, newer_than_edit=newer)]
        documents += [Document(shown=save, saves=(save,)) for save in apart]
        return documents, [(s.file, _version_file(s.stem)) for s in movable if s.shown_folder]
    movable = [save for save in members if not edited(save)]
    shown = movable[0] if movable else members[0]
    return [Document(shown=shown, saves=members)], _moves(shown, movable)


def _moves(shown: Save, movable: list[Save]) -> list[tuple[str, str]]:
    """Put shown at the name the document has in content/articles/ (so its page keeps
    its address), and the other movable saves in versions/; a save holding that name
    takes shown's old one."""
    holders = sorted(save.stem for save in movable if save.shown_folder)
    home = holders[0] if holders else shown.stem
    moves = [(shown.file, f"{home}.md")]
    for save in movable:
        if save == shown:
            continue
        stem = shown.stem if save.stem == home else save.stem
        moves.append((save.file, _version_file(stem)))
    return [(source, target) for source, target in moves if source != target]


def _version_file(stem: str) -> str:
    return f"{VERSIONS_FOLDER}/{stem}.md"


def _newest_first(members: Iterable[Save]) -> tuple[Save, ...]:
    # Saves of one date in the order of their saved files, which moving the articles
    # does not change (their article files' names can swap in the first build).
    by_file = sorted(members, key=lambda save: (save.summary.meta.source or "", save.file))
    return tuple(sorted(by_file, key=lambda save: save.saved_at, reverse=True))


def _connected(saves: Sequence[Save]) -> list[tuple[Save, ...]]:
    """Saves linked by the same saved bytes or the same canonical address, in groups
    (union-find over the two keys), each group in file order."""
    parent = list(range(len(saves)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_with: dict[tuple[str, str], int] = {}
    for index, save in enumerate(saves):
        for key in _keys(save.summary):
            other = first_with.setdefault(key, index)
            parent[root(index)] = root(other)
    groups: dict[int, list[Save]] = {}
    for index, save in enumerate(saves):
        groups.setdefault(root(index), []).append(save)
    return [tuple(sorted(group, key=lambda save: save.file)) for group in groups.values()]


def _keys(summary: ArticleSummary) -> list[tuple[str, str]]:
    meta, keys = summary.meta, []
    if meta.source_sha256:
        # The pages of one WARC file share its bytes: the part names each ("#URL").
        part = (meta.source or "").partition("#")[2]
        keys.append(("bytes", f"{meta.source_sha256}#{part}"))
    if meta.url and is_web_url(meta.url):
        keys.append(("url", summary.url_key))
    return keys
