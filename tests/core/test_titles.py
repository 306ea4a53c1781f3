"""The site's name beside a page's headline, and taking it off."""

from __future__ import annotations

import pytest

from site_builder.core.titles import same_text, strip_site_name


@pytest.mark.parametrize("declared", [True, False])
@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("Quiet harbour reopens | Example Gazette", "Example Gazette", "Quiet harbour reopens"),
        ("Example Gazette - Quiet harbour reopens", "Example Gazette", "Quiet harbour reopens"),
        ("Quiet harbour reopens — example gazette", "Example Gazette", "Quiet harbour reopens"),
        # A clause of the headline is no site name.
        ("Q&A: the harbour reopens", "Example Gazette", "Q&A: the harbour reopens"),
        (
            "Quiet harbour reopens | Example Gazette",
            None,
            "Quiet harbour reopens | Example Gazette",
        ),
        ("Quiet harbour reopens", "Example Gazette", "Quiet harbour reopens"),
    ],
)
def test_the_site_name_is_taken_off_either_end(
    title: str, site: str | None, headline: str, declared: bool
) -> None:
    assert strip_site_name(title, site, name_is_declared=declared) == headline


def test_a_declared_name_matches_its_short_form_at_the_end() -> None:
    title = "Harbour reopens - BBC"
    assert strip_site_name(title, "BBC News", name_is_declared=True) == "Harbour reopens"
    # A name guessed from a text save's lines must match in full.
    assert strip_site_name(title, "BBC News", name_is_declared=False) == title


def test_a_declared_name_trims_separators_left_at_the_cut() -> None:
    title = "Harbour: | Gazette"
    assert strip_site_name(title, "Gazette", name_is_declared=True) == "Harbour"
    assert strip_site_name(title, "Gazette", name_is_declared=False) == "Harbour:"


def test_a_guessed_name_ignores_case_and_spacing() -> None:
    title = "Harbour reopens |  THE  Daily   Star"
    assert strip_site_name(title, "The Daily Star", name_is_declared=False) == "Harbour reopens"


def test_same_text() -> None:
    assert same_text("  Quiet   HARBOUR ", "quiet harbour")
    assert not same_text("Quiet harbour", "Quiet harbours")
    assert not same_text("", "")  # an empty title matches nothing
