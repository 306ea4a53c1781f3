"""Article Markdown -> HTML and text, as stock Python-Markdown would make them."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.article.to_markdown import html_to_markdown
from site_builder.render.body_html import _converter, html_to_text, markdown_to_html
from site_builder.render.sanitize import sanitize_html
from tests.html_strategies import html_fragments


def _stock_html(body: str) -> str:
    """Our converter's settings on Python-Markdown's own inline pass."""
    converter = markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists"], output_format="html"
    )
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(
        type(_converter().treeprocessors["quiet_images"])(converter), "quiet_images", 0
    )
    return sanitize_html(converter.convert(body))


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
    "",
]


@pytest.mark.parametrize("body", MARKDOWN_SAMPLES)
def test_markdown_to_html_is_python_markdowns(body: str) -> None:
    assert markdown_to_html(body) == _stock_html(body)


@given(st.text(alphabet=st.sampled_from(list("ab _*`[]()!<>&#;:\\\n-1. |@/")), max_size=60))
@settings(max_examples=400, deadline=None)
def test_any_markdown_converts_as_python_markdown_does(body: str) -> None:
    assert markdown_to_html(body) == _stock_html(body)


@given(html_fragments)
@settings(max_examples=150, deadline=None)
def test_converted_articles_convert_as_python_markdown_does(fragment: str) -> None:
    body = html_to_markdown(fragment)
    assert markdown_to_html(body) == _stock_html(body)


def test_html_to_text_ends_a_line_after_each_block_and_break() -> None:
    fragment = "<h2>Title</h2><p>one<br>two <b>bold</b></p><ul><li>a</li><li>b</li></ul>tail"
    assert html_to_text(fragment) == "Title\none\ntwo bold\na\nb\ntail"
