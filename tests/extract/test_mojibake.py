"""Mojibake repaired in the extracted text where the repair is certain (extract/mojibake.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.core.records import SavedPage
from site_builder.extract import extract
from site_builder.extract.mojibake import repair_fragment, repair_text

PROSE = "Players who pay to play say the rules are changing again this season. " * 20


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Playâ€¦and Pay", "Play…and Pay"),  # the issue-26 page
        ("naÃ¯ve cafÃ©", "naïve café"),
        ("Itâ€™s here", "It’s here"),
        ("The café is open", "The café is open"),  # good text is left alone
        ("“Curly” quotes — and ﬁ ligatures", "“Curly” quotes — and ﬁ ligatures"),
        # ftfy's guess on text mixing good UTF-8 with bad is not certain: left alone.
        ("CÃ´te dâ€™Ivoire — resolved", "CÃ´te dâ€™Ivoire — resolved"),
    ],
)
def test_repair_text(text: str, repaired: str) -> None:
    assert repair_text(text) == repaired


def test_a_fragment_keeps_its_markup_and_its_code() -> None:
    fragment = "<p>Playâ€¦and <b>Pay</b> <code>Ã©</code> cafÃ©</p><pre>Ã©</pre>"
    assert (
        repair_fragment(fragment) == "<p>Play…and <b>Pay</b> <code>Ã©</code> café</p><pre>Ã©</pre>"
    )
    untouched = "<p>The café &amp; bar</p>"
    assert repair_fragment(untouched) is untouched


def test_a_mojibake_title_description_and_body_are_repaired_and_the_page_is_not() -> None:
    html = (
        "<html><head><title>Playâ€¦and Pay</title>"
        '<meta name="description" content="Itâ€™s the season">'
        f"</head><body><article><h1>Playâ€¦and Pay</h1><p>Itâ€™s {PROSE}</p></article>"
    )
    page = SavedPage(
        path=Path("p.html"), source="saved/p.html", sha256="0" * 64, kind="html", text=html
    )
    found = extract(page)
    assert found.meta.title == "Play…and Pay"
    assert found.meta.description == "It’s the season"
    assert "It’s Players" in found.html and "â€" not in found.html
    assert "Playâ€¦and Pay" in page.text
