"""A small hand-written archive of index documents, and indexing it as a build does."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from site_builder.core.records import IndexDocument
from site_builder.search.whoosh_index import (
    FAST_INDEXING,
    Indexing,
    IndexUpdate,
    SortOrder,
    SyncReport,
    search,
)

BELARUS = IndexDocument(
    path="articles/2020-08-16-russia-ready-to-help-belarus.html",
    title="Russia ready to help Belarus militarily if needed, Kremlin says",
    body=(
        "MOSCOW (Reuters) - Russia said on Sunday it had told Belarusian leader Alexander "
        "Lukashenko it was ready to offer military assistance in line with a collective "
        "military pact if necessary, as demonstrators gathered for more protests against "
        "Lukashenko's re-election.\n\n"
        "The Kremlin said President Vladimir Putin had spoken by phone with Lukashenko, who "
        "has faced the biggest demonstrations of his 26 years in power. Opposition leaders say "
        "the August 9 vote was rigged. Thousands of people were detained in the days after "
        "the election, and many said they were beaten in custody."
    ),
    site_name="The Business Standard",
    author="Reuters",
    tags=("Russia", "Belarus", "Vladimir Putin"),
    language="en",
    published="2020-08-16T17:45:00",
    saved="2020-08-17T09:00:00",
    url="https://www.tbsnews.net/world/russia-ready-help-belarus-militarily-if-needed-kremlin-says",
)
FARMERS = IndexDocument(
    path="articles/2020-02-14-farmers-block-roads.html",
    title="Farmers block roads over fuel prices",
    body=(
        "Farmers drove tractors into the city centre on Friday in a protest against rising "
        "diesel prices. Police said the protest was peaceful and the roads reopened by evening."
    ),
    site_name="Reuters",
    author="Jane Doe",
    tags=("Agriculture", "Fuel"),
    language="en",
    published="2020-02-14",
    url="https://www.reuters.com/article/farmers-fuel",
)
CLIMATE = IndexDocument(
    path="articles/2021-03-02-glaciers-retreat.html",
    title="Alpine glaciers retreat faster than expected",
    body=(
        "Glaciers in the Alps lost a tenth of their volume in five years, scientists said, "
        "and climate activists staged a protest outside the ministry the same week."
    ),
    site_name="BBC News",
    author="John Smith",
    tags=("Climate",),
    language="en",
    published="2021-03-02T08:00:00+01:00",
)
LE_MONDE = IndexDocument(
    path="articles/2020-06-10-manifestations-paris.html",
    title="Des milliers de manifestants à Paris",
    body=(
        "Des milliers de personnes ont défilé samedi à Paris. Les manifestations se sont "
        "déroulées dans le calme, selon la préfecture de police."
    ),
    site_name="Le Monde",
    author="Marie Dupont",
    tags=("France", "Manifestations"),
    language="fr",
    published="2020-06-10T18:30:00+02:00",
)
CHIPS = IndexDocument(
    path="articles/2019-11-05-chip-shortage.html",
    title="Chip makers warn of a long shortage",
    body="Semiconductor makers said the shortage of chips could last well into next year.",
    site_name="The Verge",
    author="Alex Lee",
    tags=("Technology",),
    language="en",
    published="2019-11-05",
)
UNDATED = IndexDocument(
    path="articles/undated-city-marathon.html",
    title="City marathon draws record field",
    body=(
        "A record number of runners took part in the city marathon, and a small protest "
        "about road closures was held near the finish line."
    ),
    site_name="Local Paper",
    tags=("Sport",),
)
ARCHIVE = (BELARUS, FARMERS, CLIMATE, LE_MONDE, CHIPS, UNDATED)


def fingerprints(documents: Sequence[IndexDocument]) -> dict[str, str]:
    return {document.path: document.fingerprint for document in documents}


def index_documents(
    folder: Path, documents: Sequence[IndexDocument], *, indexing: Indexing = FAST_INDEXING
) -> SyncReport:
    """Bring the index in folder in line with documents, as a build does: each document
    offered as its page is written, then finish()."""
    with IndexUpdate(folder, indexing=indexing) as update:
        for document in documents:
            update.offer(document)
        by_path = {document.path: document for document in documents}
        return update.finish(fingerprints(documents), by_path.__getitem__)


def paths(
    index_dir: Path, query: str, *, limit: int = 10, sort: SortOrder = "relevance"
) -> list[str]:
    """The page paths of the hits for query, best first."""
    return [hit.path for hit in search(index_dir, query, limit=limit, sort=sort)]
