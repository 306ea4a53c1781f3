"""Guards against hostile or broken markup, and the per-page time budget."""

from __future__ import annotations

import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html

from site_builder.extract import guard

PROSE = "<p>" + "A sentence long enough to count as the article's prose. " * 6 + "</p>"


def _parse(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(markup, parser=lxml_html.HTMLParser(huge_tree=True))


def _guard(html: str) -> str:
    """The page's markup as the engines will see it."""
    guarded = guard.guard_document(_parse(html), Path("deep.html"), _parse)
    return str(lxml_html.tostring(guarded, encoding="unicode"))


def test_ordinary_pages_pass_untouched() -> None:
    root = _parse(f"<html><body><div><div>{PROSE}</div></div></body></html>")
    assert guard.guard_document(root, Path("deep.html"), _parse) is root


def test_deep_nesting_is_flattened_so_no_text_is_lost() -> None:
    depth = 1500
    html = "<html><body>" + "<div>" * depth + "deep words" + "</div>" * depth + PROSE
    guarded = _guard(html + "</body></html>")
    assert "deep words" in guarded
    assert "prose" in guarded
    text = lxml_html.document_fromstring(guarded).text_content()
    assert "deep words" in text  # readable by the default parser, which stops at 256


def test_nesting_beyond_any_parser_is_refused_with_a_reason() -> None:
    depth = 5000
    html = "<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"
    with pytest.raises(guard.LimitError, match="nested over 2047 levels deep"):
        _guard(html)


def test_attribute_floods_are_stripped_to_what_extraction_reads() -> None:
    flood = " ".join(f'data-x{i}="1"' for i in range(30_000))
    html = f'<html><body><div class="story" {flood}>{PROSE}</div></body></html>'
    guarded = _guard(html)
    assert 'class="story"' in guarded
    assert "data-x1" not in guarded


def test_a_tag_flooded_with_attributes_keeps_only_what_extraction_reads() -> None:
    flood = " ".join(f'data-a{i}="v{i}"' for i in range(5_000))
    markup = (
        f'<html><body><article {flood} class="story" id=main data-x="1" class="again" '
        f"href='/a'>{PROSE}</article></body></html>"
    )
    assert guard.trim_attribute_floods(markup) == (
        f"<html><body><article class=\"story\" id=main href='/a'>{PROSE}</article></body></html>"
    )


def test_long_tags_of_few_attributes_and_ordinary_pages_stay_as_they_are() -> None:
    state = "x" * 30_000
    for markup in (
        f'<html><body><div data-state="{state}" class="app">{PROSE}</div></body></html>',
        f"<html><body><div>{PROSE}</div></body></html>",
        # a quoted ">" ends the run early, leaving an odd quote: the parser must decide
        f'<html><body><div {" ".join(["data-a=1"] * 3000)} title="a>b">{PROSE}</div></body></html>',
    ):
        assert guard.trim_attribute_floods(markup) == markup


def test_time_budget_stops_a_slow_block() -> None:
    started = time.monotonic()
    with (
        pytest.raises(guard.LimitError, match=r"took over 0\.2 s"),
        guard.time_budget(0.2, Path("slow.html")),
    ):
        while True:
            pass
    assert time.monotonic() - started < 2


def test_time_budget_is_cleared_after_the_block() -> None:
    handler_before = signal.getsignal(signal.SIGALRM)
    with guard.time_budget(0.2, Path("quick.html")):
        result = sum(range(10))
    assert result == 45
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no alarm still pending
    assert signal.getsignal(signal.SIGALRM) is handler_before  # the old handler is back
    time.sleep(0.3)  # and none fires afterwards


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>x</title></head><frameset><frame src=a.html></frameset></html>",
        "<html><head><title>only a head</title><meta name=description content=x>",
        "<html><head><title>t</title></head><body>  </body></html>",
    ],
)
def test_pages_without_body_text_are_refused_with_a_reason(html: str) -> None:
    with pytest.raises(guard.LimitError, match="no text in the page body"):
        _guard(html)


def test_text_dumps_are_refused_before_the_slow_engines_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(guard, "MAX_PAGE_CHARACTERS", 10_000)
    html = "<html><body>" + "<p>words and more words</p>" * 1000 + "</body></html>"
    with pytest.raises(guard.LimitError, match="characters of text, over the 10,000"):
        _guard(html)


@pytest.mark.parametrize("declaration", ["", '<?xml version="1.0" encoding="utf-8"?>\n'])
def test_extraction_sees_a_deep_page_through_the_guard(declaration: str) -> None:
    from site_builder.core.records import SavedPage
    from site_builder.extract.extractor import extract

    depth = 1500
    deep = "<p>Deep words a reader saved, nested further than any parser keeps by default.</p>"
    html = (
        f"{declaration}<html><body>" + "<div>" * depth + deep + "</div>" * depth
        + PROSE + "</body></html>"
    )  # fmt: skip
    page = SavedPage(
        path=Path("deep.html"), source="saved/deep.html", sha256="0" * 64, kind="html", text=html
    )
    assert "Deep words a reader saved" in extract(page).html
    refused = replace(page, text=f"{declaration}<html><body> </body></html>")
    with pytest.raises(guard.LimitError, match="no text in the page body"):
        extract(refused)


def test_text_after_a_stray_body_end_tag_counts() -> None:
    # libxml2 puts what follows a stray </body> beside the body, not in it.
    html = f"<html><body><p>x</p></body><table><tr><td>{PROSE}</td></tr></table></html>"
    assert "prose" in _guard(html.replace("<p>x</p>", ""))


def test_a_body_inside_a_frameset_is_refused() -> None:
    # readability would answer with the whole <html>, frameset and all.
    html = f"<html><frameset><body>{PROSE}</body></frameset></html>"
    with pytest.raises(guard.LimitError, match="no text in the page body"):
        _guard(html)


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("a&#26;b &#x1B;c&#X1f;d&#0012;e&#1f&#65535;&#xFFFE; &#x1g;", "ab cdef g;"),
        # what XML text may hold stays, and so do references that only start alike
        ("&#9;&#10;&#13;&#32;&#127;&#123;&#263;&#x1F600;&#xFFFD;&#655350;", None),
        ("&#xb7; &#xc0; &#x1e9e; &#x1fff; &#x100; &#1000;", None),
    ],
)
def test_references_to_characters_xml_text_cannot_hold_are_dropped(
    markup: str, kept: str | None
) -> None:
    assert guard.drop_control_references(markup) == (markup if kept is None else kept)


def test_a_control_character_reference_in_the_article_costs_no_page() -> None:
    from site_builder.core.records import SavedPage
    from site_builder.extract.extractor import extract

    # "&#26;" (an old DOS file's end mark) after a block the article's clean-up moves:
    # lxml refused to write the character back, and the page's extraction failed.
    html = (
        f"<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><div>"
        f"{PROSE}{PROSE}<p>Tags: <a href='/tag/a'>boats</a></p>&#26; The end."
        "</div></article></body></html>"
    )
    page = SavedPage(
        path=Path("dos.html"), source="saved/dos.html", sha256="0" * 64, kind="html", text=html
    )
    found = extract(page).html
    assert "The end." in found
    assert "\x1a" not in found
