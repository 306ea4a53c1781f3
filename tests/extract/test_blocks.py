"""blocks: an article fragment's blocks, and its loose text made into blocks."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from site_builder.extract.blocks import blocks, wrap_loose_text


def _wrapped(fragment: str) -> str:
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    wrap_loose_text(root)
    return str(lxml_html.tostring(root, encoding="unicode"))


@pytest.mark.parametrize(
    ("fragment", "wrapped"),
    [
        # a run before the first block, inline markup kept with its text
        ("Lead <b>words</b> here<p>A block.</p>",
         "<div><p>Lead <b>words</b> here</p><p>A block.</p></div>"),
        # two line breaks in a row end a paragraph; one stays inside it
        ("<h2>Head</h2><br> one<br>two<br><br><br> three",
         "<div><h2>Head</h2><p> one<br>two</p><p> three</p></div>"),
        # a break with only spaces after it still counts as the second of two
        ("one<br>  <br>two", "<div><p>one</p><p>two</p></div>"),
        # a link alone is a paragraph; a trailing break goes
        ('<p>x</p><a href="/u">Read more</a><br>',
         '<div><p>x</p><p><a href="/u">Read more</a></p></div>'),
        # nothing loose: nothing changes, and breaks between blocks go
        ("<p>a</p><br><ul><li>b</li></ul>", "<div><p>a</p><ul><li>b</li></ul></div>"),
        ("<br><br>  ", "<div></div>"),
    ],
)  # fmt: skip
def test_loose_text_becomes_paragraphs(fragment: str, wrapped: str) -> None:
    assert _wrapped(fragment) == wrapped


def test_every_word_of_loose_text_is_then_in_a_block() -> None:
    root = lxml_html.fragment_fromstring(
        "<div>intro <i>it</i><blockquote><p>quoted</p></blockquote> tail one<br><br>tail "
        "two<table><tr><td>cell</td></tr></table>end</div>"
    )
    wrap_loose_text(root)
    in_blocks = " ".join(" ".join(block.text_content().split()) for block in blocks(root))
    assert in_blocks == "intro it quoted tail one tail two cell end"
