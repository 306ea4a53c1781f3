"""What an article's page says of its saves, and the word-level diff of a version."""

from __future__ import annotations

import pytest

from site_builder.render.versions import (
    DIFF_CHANGES_SHOWN,
    WordChange,
    save_format,
    word_diff,
)


def test_word_diff_names_the_changed_words_with_some_context() -> None:
    diff = word_diff(
        "The first catch of sardines was landed by noon on the quay",
        "The first catch of mackerel was landed by noon on the quay today",
    )
    assert diff.changes == (
        WordChange(
            before="The first catch of",
            removed="sardines",
            added="mackerel",
            after="was landed by noon on the",
        ),
        WordChange(before="landed by noon on the quay", removed="", added="today", after=""),
    )
    assert (diff.removed_words, diff.added_words, diff.more) == (1, 2, 0)


def test_word_diff_is_short() -> None:
    old = " ".join(f"w{i}" for i in range(100))
    new = " ".join(f"w{i}" if i % 10 else f"x{i}" for i in range(100))
    diff = word_diff(old, new)
    assert len(diff.changes) == DIFF_CHANGES_SHOWN
    assert diff.more == 10 - DIFF_CHANGES_SHOWN


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("saved/page.mhtml", "MHTML"),
        ("saved/Page.MHT", "MHTML"),
        ("saved/page.htm", "HTML"),
        ("saved/page.html.gz", "HTML"),
        ("saved/crawl.warc.gz#3", "WARC"),
        ("saved/note.txt", "text"),
        ("saved/page.webarchive", "WEBARCHIVE"),
        (None, "saved page"),
    ],
)
def test_save_format(source: str | None, label: str) -> None:
    assert save_format(source) == label
