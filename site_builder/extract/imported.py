"""Laying what an export said of a page (its import sidecar) over what extraction found.

The reader's service knew things the page can't say: the tags the reader gave it, when
they saved it, whether they read it, what they marked. Those win; the page's own
metadata fills in the rest (a service's title is the one the reader saw in it).
"""

from __future__ import annotations

from dataclasses import replace

from site_builder.core.records import ArticleMeta, ImportedMeta


def with_imported(meta: ArticleMeta, imported: ImportedMeta | None) -> ArticleMeta:
    if imported is None:
        return meta
    return replace(
        meta,
        title=imported.title or meta.title,
        url=meta.url or imported.url,
        author=imported.author or meta.author,
        published=imported.published or meta.published,
        saved=imported.saved or meta.saved,
        tags=tuple(dict.fromkeys(meta.tags + imported.tags)),
        state=imported.state,
        starred=imported.starred,
        highlights=imported.highlights,
    )
