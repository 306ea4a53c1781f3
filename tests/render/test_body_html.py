"""Article Markdown -> HTML and text, as stock Python-Markdown would make them.

markdown_to_html runs Python-Markdown with one fork of its internals,
body_html.InlineSkippingMisses; these tests hold its output to stock Python-Markdown's
with the same extensions and settings, on real articles and on generated Markdown.
"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import render
from site_builder.article.to_markdown import html_to_markdown
from site_builder.render.block_syntax import read_commonmark_blocks
from site_builder.render.body_html import (
    MARKDOWN_EXTENSIONS,
    Captions,
    ClosingBrackets,
    LazyImages,
    escape_definition_markers,
    finish_html,
    pair_brackets_at_once,
)
from site_builder.render.highlight_marks import add_highlights
from tests.engine_inputs import article_bodies, html_pages
from tests.html_strategies import html_fragments


def _stock_html(body: str) -> str:
    """Stock Python-Markdown with our settings: our extensions and escapes, raw HTML off,
    the CommonMark blocks (block_syntax.py), captions, lazy images, highlights, and the
    same finish (highlighting, sanitising)."""
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    escape_definition_markers(converter)
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    read_commonmark_blocks(converter)
    converter.treeprocessors.register(Captions(converter), "captions", 5)
    converter.treeprocessors.register(LazyImages(converter), "lazy_images", 0)
    add_highlights(converter)
    assert type(converter.treeprocessors["inline"]) is markdown.treeprocessors.InlineProcessor
    return finish_html(converter.convert(body))


MARKDOWN_SAMPLES = [
    "Plain *em* and **strong** and ***both*** and _under_ and __dunder__ and snake_case.",
    "A `code span`, ``two `ticks` inside``, and \\`escaped\\` ticks, \\*stars\\*, \\\\.",
    '[link](https://example.com/a_b "title"), [ref][r], [short], ![img](p.png), ![ref][r].\n\n'
    "[r]: https://example.com/ref\n[short]: https://example.com/short",
    "<https://example.com/auto> and <someone@example.com> and <b>raw</b> & &amp; &copy; &#169;",
    "Line one  \nline two  \n  \nthird",
    "- a *b*\n- c `d`\n\n1. one\n2. [two](x)\n\n> quote with **bold**\n\n## Head *ing*",
    "| a | *b* |\n| --- | --- |\n| `c` | [d](e) |",
    "```python\n*not em* [not link]\n```\n\nafter * lone * stars and 2 * 3 and a _ b",
    "nested *emphasis with [a link](x) and `code` inside* ends",
    "==marked *em*== and ==noted==^[a [link](x) note] and a == b and `==code==`",
    "",
]


@pytest.mark.parametrize("body", MARKDOWN_SAMPLES)
def test_markdown_to_html_is_python_markdowns(body: str) -> None:
    assert render.markdown_to_html(body) == _stock_html(body)


def _real_markdown() -> list[object]:
    """The real articles, and the Markdown made of each real saved page."""
    made = [(name, html_to_markdown(page)) for name, page in html_pages()]
    return [pytest.param(body, id=name) for name, body in article_bodies() + made]


@pytest.mark.parametrize("body", _real_markdown())
def test_real_articles_convert_as_python_markdown_does(body: str) -> None:
    assert body.strip()
    assert render.markdown_to_html(body) == _stock_html(body)


_LAZY = 'loading="lazy" referrerpolicy="no-referrer"'


def test_an_image_with_an_emphasised_line_under_it_is_a_figure_with_its_caption() -> None:
    body = "![A loaf](https://example.com/loaf.jpg)\n*A loaf, cooled on a [rack](/r).*"
    assert render.markdown_to_html(body) == (
        f'<figure><img alt="A loaf" {_LAZY} src="https://example.com/loaf.jpg">'
        '<figcaption>A loaf, cooled on a <a href="/r" rel="noopener noreferrer nofollow">'
        "rack</a>.</figcaption></figure>"
    )


def test_a_table_line_before_a_table_is_its_caption() -> None:
    body = "Table: Hydration by flour\n\n| Flour | Water |\n| --- | --- |\n| Rye | 85% |"
    html = render.markdown_to_html(body)
    assert html.startswith("<table>\n<caption>Hydration by flour</caption>\n<thead>")
    assert "<p>" not in html


@pytest.mark.parametrize(
    "body",
    [
        "![A](a.jpg) *on the same line*",
        "Some text ![A](a.jpg)\n*an emphasised line*",
        "Table: nothing follows",
        "Table: a paragraph follows\n\nText.",
    ],
)
def test_what_is_not_a_caption_stays_as_it_was(body: str) -> None:
    assert "<figure>" not in (html := render.markdown_to_html(body))
    assert "<caption>" not in html


def test_a_hostile_caption_is_text() -> None:
    body = "![A](a.jpg)\n*<script>alert(1)</script>*\n\nTable: <b onclick=x>t</b>\n\n|a|\n|-|\n|b|"
    html = render.markdown_to_html(body)
    assert "<figcaption>&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>" in html
    assert "<caption>&lt;b onclick=x&gt;t&lt;/b&gt;</caption>" in html


def test_the_real_inputs_are_all_there() -> None:
    assert len(article_bodies()) >= 10  # five articles and five goldens
    assert len(html_pages()) >= 6  # four saved pages and two fixtures


@given(st.text(alphabet=st.sampled_from(list("ab _*`[]()!<>&#;:\\\n-1. |@/=^")), max_size=60))
@settings(max_examples=400, deadline=None)
def test_any_markdown_converts_as_python_markdown_does(body: str) -> None:
    assert render.markdown_to_html(body) == _stock_html(body)


@given(html_fragments)
@settings(max_examples=150, deadline=None)
def test_converted_articles_convert_as_python_markdown_does(fragment: str) -> None:
    body = html_to_markdown(fragment)
    assert render.markdown_to_html(body) == _stock_html(body)


@given(st.text(alphabet=st.sampled_from(list("a[]![]")), max_size=80))
@settings(max_examples=400, deadline=None)
def test_a_links_text_ends_where_python_markdown_ends_it(data: str) -> None:
    ours = ClosingBrackets(markdown.inlinepatterns.LINK_RE)
    stock = markdown.inlinepatterns.LinkInlineProcessor(markdown.inlinepatterns.LINK_RE)
    for index in range(len(data) + 1):
        assert ours.getText(data, index) == stock.getText(data, index), index


def test_every_link_pattern_pairs_brackets_at_once_in_python_markdowns_place() -> None:
    stock = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).inlinePatterns
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    pair_brackets_at_once(converter)
    ours = converter.inlinePatterns
    assert len(ours) == len(stock)
    replaced = 0
    for place, pattern in enumerate(stock):
        if not isinstance(pattern, markdown.inlinepatterns.LinkInlineProcessor):
            assert type(ours[place]) is type(pattern)
            continue
        assert isinstance(ours[place], ClosingBrackets)
        stock_class = next(
            kind
            for kind in type(ours[place]).__mro__
            if kind.__module__ == "markdown.inlinepatterns"
        )
        assert stock_class is type(pattern)
        assert ours[place].compiled_re.pattern == pattern.compiled_re.pattern
        replaced += 1
    assert replaced == 6


def test_one_article_leaves_nothing_behind_for_the_next() -> None:
    first = "See [the report][r].\n\n[r]: https://example.org/report\n\n```\ncode <b>\n```\n"
    assert 'href="https://example.org/report"' in render.markdown_to_html(first)
    # The converter is reused; the first article's reference must not resolve here.
    second = render.markdown_to_html("See [the report][r].\n")
    assert "href" not in second
    assert second == "<p>See [the report][r].</p>"
    assert render.markdown_to_html(first) == render.markdown_to_html(first)


def test_html_to_text_ends_a_line_after_each_block_and_break() -> None:
    fragment = "<h2>Title</h2><p>one<br>two <b>bold</b></p><ul><li>a</li><li>b</li></ul>tail"
    assert render.html_to_text(fragment) == "Title\none\ntwo bold\na\nb\ntail"


def test_html_to_text_breaks_lines_between_blocks() -> None:
    assert render.html_to_text(
        "<h2>Head</h2><p>One <b>two</b></p><ul><li>a</li><li>b</li></ul>"
    ) == ("Head\nOne two\na\nb")


def test_html_to_text_keeps_table_cells_apart() -> None:
    fragment = "<table><tr><th>Security</th><td>Provides</td></tr></table>"
    assert render.html_to_text(fragment) == "Security\nProvides"
