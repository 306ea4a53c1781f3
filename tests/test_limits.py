"""Guards against hostile or broken markup, and the per-page time budget."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from site_builder import limits
from site_builder.models import SavedPage

PROSE = "<p>" + "A sentence long enough to count as the article's prose. " * 6 + "</p>"


def _page(html: str) -> SavedPage:
    return SavedPage(
        path=Path("deep.html"), source="saved/deep.html", sha256="0" * 64, kind="html", text=html
    )


def test_ordinary_pages_pass_untouched() -> None:
    page = _page(f"<html><body><div><div>{PROSE}</div></div></body></html>")
    assert limits.guard_markup(page) is page


def test_deep_nesting_is_flattened_so_no_text_is_lost() -> None:
    depth = 1500
    html = "<html><body>" + "<div>" * depth + "deep words" + "</div>" * depth + PROSE
    guarded = limits.guard_markup(_page(html + "</body></html>"))
    assert "deep words" in guarded.text
    assert "prose" in guarded.text
    from lxml import html as lxml_html

    text = lxml_html.document_fromstring(guarded.text).text_content()
    assert "deep words" in text  # readable by the default parser, which stops at 256


def test_nesting_beyond_any_parser_is_refused_with_a_reason() -> None:
    depth = 5000
    html = "<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"
    with pytest.raises(limits.LimitError, match="nested over 2047 levels deep"):
        limits.guard_markup(_page(html))


def test_attribute_floods_are_stripped_to_what_extraction_reads() -> None:
    flood = " ".join(f'data-x{i}="1"' for i in range(30_000))
    html = f'<html><body><div class="story" {flood}>{PROSE}</div></body></html>'
    guarded = limits.guard_markup(_page(html))
    assert 'class="story"' in guarded.text
    assert "data-x1" not in guarded.text


def test_time_budget_stops_a_slow_block() -> None:
    started = time.monotonic()
    with (
        pytest.raises(limits.LimitError, match=r"took over 0\.2 s"),
        limits.time_budget(0.2, Path("slow.html")),
    ):
        while True:
            pass
    assert time.monotonic() - started < 2


def test_time_budget_is_cleared_after_the_block() -> None:
    with limits.time_budget(0.2, Path("quick.html")):
        pass
    time.sleep(0.3)  # no stray alarm fires afterwards


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>x</title></head><frameset><frame src=a.html></frameset></html>",
        "<html><head><title>only a head</title><meta name=description content=x>",
        "<html><head><title>t</title></head><body>  </body></html>",
    ],
)
def test_pages_without_body_text_are_refused_with_a_reason(html: str) -> None:
    with pytest.raises(limits.LimitError, match="no text in the page body"):
        limits.guard_markup(_page(html))


def test_text_dumps_are_refused_before_the_slow_engines_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_PAGE_CHARACTERS", 10_000)
    html = "<html><body>" + "<p>words and more words</p>" * 1000 + "</body></html>"
    with pytest.raises(limits.LimitError, match="characters of text, over the 10,000"):
        limits.guard_markup(_page(html))
