"""The article's language: declared first, detected from the text where none is declared
or the declared one is contradicted (extract/language.py)."""

from __future__ import annotations

from pathlib import Path

from site_builder.core.records import SavedPage
from site_builder.extract import extract
from site_builder.extract.language import article_language, same_language

ENGLISH = "The harbour reopened on Thursday after a week of repairs to the quay wall. " * 8
GERMAN = "Der Hafen wurde am Donnerstag nach einer Woche Reparaturen an der Kaimauer geöffnet. " * 8
FRENCH = "Le port a rouvert jeudi après une semaine de travaux sur le mur du quai. " * 8


def test_the_declared_language_is_kept_when_the_text_agrees() -> None:
    assert article_language("en-GB", ENGLISH) == "en-GB"


def test_a_missing_language_is_detected() -> None:
    assert article_language(None, GERMAN) == "de"
    assert article_language(None, "Hafen") is None  # too little text to tell


def test_a_template_language_the_text_contradicts_gives_way() -> None:
    # A site template's lang="en-US" over a German article.
    assert article_language("en-US", GERMAN) == "de"
    # A short text is no proof against what the page declares.
    assert article_language("en-US", GERMAN[:120]) == "en-US"


def test_close_languages_do_not_contradict_each_other() -> None:
    assert same_language("nb-NO", "no") and same_language("id", "ms")
    assert not same_language("en", "de")


def test_extract_detects_the_language_of_a_page_that_declares_none() -> None:
    html = f"<html><head><title>Le port</title></head><body><article><p>{FRENCH}</p></article>"
    page = SavedPage(
        path=Path("p.html"), source="saved/p.html", sha256="0" * 64, kind="html", text=html
    )
    assert extract(page).meta.language == "fr"
