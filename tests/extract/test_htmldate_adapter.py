"""The htmldate adapter's full-text search: dates written in words, read in the page's
language and English, or in English alone where nobody can tell the page's language."""

from __future__ import annotations

from datetime import date

from lxml import html as lxml_html

from site_builder.extract.htmldate_adapter import find_page_date

FILLER = "<p>" + "Ein Absatz über das Wetter und die Ernte. " * 12 + "</p>"


def _searched(dateline: str, language: str | None) -> str | None:
    page = (
        "<html><head><title>Crónica</title></head><body><h1>Crónica</h1>"
        f'<p class="date">{dateline}</p>{FILLER}</body></html>'
    )
    return find_page_date(
        lxml_html.fromstring(page),
        url=None,
        original=True,
        extensive=True,
        earliest=date(1990, 1, 1),
        latest=date(2026, 1, 1),
        language=lambda: language,
    )


def test_a_date_only_dateparser_reads_is_found_in_the_pages_language() -> None:
    assert _searched("martes, 3 de marzo de 2021", "es-MX") == "2021-03-03"
    assert _searched("3. maaliskuuta 2021", "fi") == "2021-03-03"


def test_a_page_of_no_known_language_is_read_in_english_alone() -> None:
    # htmldate then finds only the year of a Finnish date; every language would read it,
    # for a second or more of dateparser's patterns compiled in each process.
    assert _searched("3. maaliskuuta 2021", None) == "2021-01-01"
    assert _searched("3. maaliskuuta 2021", "x-klingon") == "2021-01-01"
    assert _searched("Tuesday, 3rd of March 2021", None) == "2021-03-03"


def test_an_answer_found_in_one_language_does_not_stand_for_a_page_in_another() -> None:
    # htmldate keeps its answers by the string alone: read first on a Finnish page, the
    # Finnish date must still go unread on a page in English, where htmldate finds only
    # its year.
    assert _searched("3. maaliskuuta 2021", "fi") == "2021-03-03"
    assert _searched("3. maaliskuuta 2021", "en") == "2021-01-01"
    assert _searched("3. maaliskuuta 2021", "fi") == "2021-03-03"
