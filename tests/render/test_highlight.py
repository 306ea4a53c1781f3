"""Code highlighting at build time: Pygments' tokens as CSS classes, nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.core.sanitize import sanitize_html
from site_builder.render.body_html import html_to_text, markdown_to_html
from site_builder.render.highlight import (
    DARK_CODE_BACKGROUND,
    LIGHT_CODE_BACKGROUND,
    MIN_CONTRAST,
    contrast,
    palette_css,
)

STATIC = Path(__file__).resolve().parent.parent.parent / "templates" / "static"


def test_a_block_in_a_known_language_is_highlighted_into_token_classes() -> None:
    assert markdown_to_html('```python\nif x < 1:\n    print("a")\n```') == (
        '<pre tabindex="0"><code class="language-python">'
        '<span class="hl-k">if</span> <span class="hl-n">x</span> <span class="hl-o">&lt;</span>'
        ' <span class="hl-mi">1</span><span class="hl-p">:</span>\n'
        '    <span class="hl-nb">print</span><span class="hl-p">(</span>'
        '<span class="hl-s2">"a"</span><span class="hl-p">)</span>\n'
        "</code></pre>"
    )


def test_an_unknown_language_and_a_block_without_one_stay_plain() -> None:
    assert markdown_to_html("```klingon\nx < 1\n```\n\n    y > 2") == (
        '<pre tabindex="0"><code class="language-klingon">x &lt; 1\n</code></pre>\n'
        '<pre tabindex="0"><code>y &gt; 2\n</code></pre>'
    )


def test_highlighting_keeps_the_text_the_search_index_reads() -> None:
    code = 'def f(a, b="<&>"):\n    return a  # sum\n'
    highlighted = markdown_to_html(f"```python\n{code}```")
    plain = markdown_to_html(f"```\n{code}```")
    assert "hl-" in highlighted
    assert html_to_text(highlighted) == html_to_text(plain)


def test_code_that_looks_like_markup_stays_text() -> None:
    published = markdown_to_html("```html\n</code></pre><script>alert(1)</script>\n```")
    assert "<script" not in published
    assert html_to_text(published) == "</code></pre><script>alert(1)</script>"


def test_the_allow_list_keeps_token_classes_and_nothing_like_them() -> None:
    assert sanitize_html('<span class="hl-k">if</span>') == '<span class="hl-k">if</span>'
    assert sanitize_html('<span class="button">x</span>') == "<span>x</span>"
    assert sanitize_html('<span class="hl-k evil">x</span>') == "<span>x</span>"
    assert sanitize_html('<pre tabindex="0">a</pre>') == '<pre tabindex="0">a</pre>'
    assert sanitize_html('<pre tabindex="-1">a</pre>') == "<pre>a</pre>"


def test_the_published_palette_is_the_one_the_code_makes() -> None:
    """Fails until tools/highlight_css.py has written the current palette."""
    assert (STATIC / "highlight.css").read_text(encoding="utf-8") == palette_css()


def test_every_token_colour_reads_on_its_themes_code_background() -> None:
    style = (STATIC / "style.css").read_text(encoding="utf-8")
    assert f"--code-bg: {LIGHT_CODE_BACKGROUND};" in style
    assert f"--code-bg: {DARK_CODE_BACKGROUND};" in style
    light, dark = palette_css().split("/* Dark colours", 1)
    for rules, background in ((light, LIGHT_CODE_BACKGROUND), (dark, DARK_CODE_BACKGROUND)):
        colours = re.findall(r"color: (#[0-9a-f]{6})", rules)
        assert len(colours) > 20
        for colour in colours:
            assert contrast(_rgb(colour), _rgb(background)) >= MIN_CONTRAST, colour


def _rgb(colour: str) -> tuple[float, float, float]:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return red, green, blue
