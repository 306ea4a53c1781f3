"""ExtractedPage -> Article: exact Markdown, absolute links, slugs and file stems."""

from __future__ import annotations

import hashlib
import html
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdownify import MarkdownConverter

from site_builder.article.to_markdown import (
    CONVERTER_OPTIONS,
    ArticleMarkdownConverter,
    QuickWalkConverter,
    article_stem,
    html_to_markdown,
    to_article,
)
from site_builder.core.records import Article, ArticleMeta, ExtractedPage
from site_builder.core.sanitize import sanitize_html
from site_builder.core.slugs import SLUG_MAX_CHARS, slugify
from site_builder.render import markdown_to_html
from tests.engine_inputs import article_bodies, html_pages
from tests.html_strategies import html_fragments

URL = "https://example.com/news/2020/story.html"
SHA = hashlib.sha256(b"saved page bytes").hexdigest()


def _article(html: str, **meta: Any) -> Article:
    fields: dict[str, Any] = {"title": "The Big Story", "url": URL, **meta}
    return to_article(ExtractedPage(meta=ArticleMeta(**fields), html=html))


# --- the whole conversion -----------------------------------------------------------------

FRAGMENT = """<div>
<h1>The  Big   Story</h1>
<h2>Background</h2>
<p>First&nbsp;paragraph with a <a href="/about">link</a> and <a href="#"> </a>an empty link.</p>
<p> </p>
<p>Second <em>para</em> and <strong>bold</strong>.</p>
<ul><li>one</li><li>two</li></ul>
<ol><li>first</li><li>second</li></ol>
<blockquote><p>A quote.</p></blockquote>
<table><thead><tr><th>Name</th><th>Value</th></tr></thead>
<tbody><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></tbody></table>
<pre><code class="language-python">def f(x):
    if x:
        return 1
    return 2</code></pre>
<figure><img src="img/pic.jpg" alt="A picture"><figcaption>Caption</figcaption></figure>
<p>See <a href="https://other.example/page">elsewhere</a>.</p>
</div>"""

EXPECTED_MARKDOWN = """\
## Background

First paragraph with a [link](https://example.com/about) and an empty link.

Second *para* and **bold**.

- one
- two

1. first
2. second

> A quote.

| Name | Value |
| --- | --- |
| a | 1 |
| b | 2 |

```python
def f(x):
    if x:
        return 1
    return 2
```

![A picture](https://example.com/news/2020/img/pic.jpg)
*Caption*

See [elsewhere](https://other.example/page).
"""


def test_to_article_exact_markdown() -> None:
    article = _article(FRAGMENT, published="2020-08-16T17:45:00+00:00", source_sha256=SHA)
    assert article.body == EXPECTED_MARKDOWN
    assert article.stem == "2020-08-16-the-big-story"
    assert article.meta == ArticleMeta(
        title="The Big Story",
        url=URL,
        published="2020-08-16T17:45:00+00:00",
        source_sha256=SHA,
    )


def test_markdown_renders_back_to_the_same_structure() -> None:
    rendered = lxml_html.fragment_fromstring(
        markdown_to_html(_article(FRAGMENT).body), create_parent="div"
    )
    assert [e.tag for e in rendered] == [
        "h2", "p", "p", "ul", "ol", "blockquote", "table", "pre", "figure", "p",
    ]  # fmt: skip
    assert rendered.xpath("string(.//figcaption)") == "Caption"
    assert rendered.xpath("string(.//pre/code)") == (
        "def f(x):\n    if x:\n        return 1\n    return 2\n"
    )
    assert rendered.xpath(".//th/text()") == ["Name", "Value"]
    assert rendered.xpath(".//img/@src") == ["https://example.com/news/2020/img/pic.jpg"]


def test_blocks_are_separated_by_exactly_one_blank_line() -> None:
    body = _article("<p>a</p>\n\n\n\n<p></p><p>&nbsp;</p><div><br></div><h3>h</h3><p>b</p>").body
    assert body == "a\n\n### h\n\nb\n"
    assert "\n\n\n" not in body
    assert body.endswith("\n")
    assert not body.endswith("\n\n")
    assert not body.startswith("\n")


def test_line_break_is_two_trailing_spaces() -> None:
    assert html_to_markdown("<p>one<br>two</p>") == "one  \ntwo\n"


def test_nbsp_becomes_a_plain_space() -> None:
    assert html_to_markdown("<p>a&nbsp;b&#160;c\u00a0d&nbsp;</p>") == "a b c d\n"


def test_empty_fragment_is_a_single_newline() -> None:
    assert html_to_markdown("") == "\n"


def test_nested_list_and_multi_paragraph_quote() -> None:
    assert html_to_markdown("<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>") == (
        "- one\n    - nested\n- two\n"
    )
    assert html_to_markdown("<blockquote><p>l1</p><p>l2</p></blockquote>") == "> l1\n>\n> l2\n"


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>snake_case and my_var_name</p>", "snake_case and my_var_name\n"),
        ("<p>*stars* and a*b*c</p>", "\\*stars\\* and a\\*b\\*c\n"),
        ("<p>2 * 3 * 4 and a _ b</p>", "2 * 3 * 4 and a _ b\n"),
        ("<p>_init_ and __init__</p>", "\\_init\\_ and \\_\\_init\\_\\_\n"),
        ("<p>see [1](x) and [2]</p>", "see \\[1](x) and [2]\n"),
        ("<p>`tick`</p>", "\\`tick\\`\n"),
        ("<p>C:\\*x and C:\\dir</p>", "C:\\\\\\*x and C:\\dir\n"),
        ("<p>AT&amp;T &amp;amp; &amp;copy;</p>", "AT&T &amp;amp; &amp;copy;\n"),
        ("<p>Use <code>x_y*z</code> here</p>", "Use `x_y*z` here\n"),
    ],
)
def test_only_what_python_markdown_would_misread_is_escaped(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>1986. The year it began.</p>", "1986\\. The year it began.\n"),
        ("<p># not a heading</p>", "\\# not a heading\n"),
        ("<p>&gt; not a quote</p>", "\\> not a quote\n"),
        ("<p>- not a list</p>", "\\- not a list\n"),
        ("<p>---</p>", "\\---\n"),
        ("<p>line<br>1. two</p>", "line  \n1\\. two\n"),
        ("<p>text\n1. not a list\n# nor a heading</p>", "text 1. not a list # nor a heading\n"),
        ("<p>a <b>b</b> 2. c</p>", "a **b** 2. c\n"),
    ],
)
def test_block_markers_starting_a_line_are_escaped(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def _round_trip(text: str) -> tuple[str, list[str]]:
    """The text as a paragraph, to Markdown and back: what the page says, and its tags."""
    paragraph = f"<p>{html.escape(text)}</p>"
    rendered = lxml_html.fragment_fromstring(
        markdown_to_html(html_to_markdown(paragraph)), create_parent="div"
    )
    return " ".join(rendered.text_content().split()), [e.tag for e in rendered.iter()]


@given(st.text(alphabet=st.sampled_from(list("ab_*`[]()#>-+.!1 \\&;:")), min_size=1, max_size=30))
@settings(max_examples=300, deadline=None)
def test_text_round_trips_through_markdown(text: str) -> None:
    """What a paragraph says is what the rendered page says: nothing read as markup."""
    said, tags = _round_trip(text)
    assert said == " ".join(text.split())
    assert tags in (["div"], ["div", "p"])


@pytest.mark.parametrize(
    "text", ["[[]]()", "see [a [b] c](d)", "[a [b](c) d](e)", "[a [b c](d)", "x [y] [z]: w"]
)
def test_nested_brackets_before_a_link_target_stay_text(text: str) -> None:
    assert _round_trip(text) == (text, ["div", "p"])


def test_a_break_closing_bold_text_keeps_the_words_apart() -> None:
    fragment = "<p><strong>Clinical Systems Security<br></strong>Provides access</p>"
    assert _article(fragment).body == "**Clinical Systems Security**  \nProvides access\n"


def test_a_link_around_blocks_gives_up_its_link() -> None:
    fragment = '<div><a href="/x"><h3>Title</h3><p>Teaser text.</p></a></div>'
    assert _article(fragment).body == "### Title\n\nTeaser text.\n"


def test_link_targets_with_spaces_and_brackets_stay_one_link() -> None:
    body = _article('<p><a href="/a b(c).html">file</a></p>').body
    assert body == "[file](https://example.com/a%20b%28c%29.html)\n"


def test_a_figure_keeps_its_caption_on_the_line_under_its_image() -> None:
    fragment = (
        '<p>Before.</p><figure>\n  <img src="/a.jpg" alt="A">\n'
        "  <figcaption>The  <b>rebuilt</b> wall</figcaption>\n</figure><p>After.</p>"
    )
    assert _article(fragment).body == (
        "Before.\n\n![A](https://example.com/a.jpg)\n*The **rebuilt** wall*\n\nAfter.\n"
    )


def test_a_table_keeps_its_caption_as_a_table_line_before_it() -> None:
    fragment = "<table><caption> Hydration\n by flour </caption><tr><th>Flour</th></tr>"
    fragment += "<tr><td>Rye</td></tr></table>"
    body = _article(fragment).body
    assert body == "Table: Hydration by flour\n\n| Flour |\n| --- |\n| Rye |\n"
    assert markdown_to_html(body).startswith("<table>\n<caption>Hydration by flour</caption>")


def test_html_to_markdown_sanitises_first() -> None:
    fragment = (
        '<p onclick="x()">ok<script>alert(1)</script></p>'
        '<p><a href="javascript:alert(1)">bad</a> <img src="data:image/svg+xml,x" alt="i"></p>'
    )
    assert html_to_markdown(fragment) == "ok\n\nbad ![i]()\n"


# --- code blocks --------------------------------------------------------------------------


def test_code_indentation_and_tabs_survive() -> None:
    fragment = "<pre><code>  indented first\n\tTabbed\n        deep\nend</code></pre>"
    assert html_to_markdown(fragment) == "```\n  indented first\n\tTabbed\n        deep\nend\n```\n"


def test_pre_without_code_is_a_code_block() -> None:
    assert html_to_markdown("<pre>plain pre\n    kept</pre>") == "```\nplain pre\n    kept\n```\n"


def test_code_is_not_absolutised_or_escaped() -> None:
    body = _article('<pre><code>a_b * c &lt;a href="/x"&gt;</code></pre>').body
    assert body == '```\na_b * c <a href="/x">\n```\n'


def test_blank_lines_inside_code_survive() -> None:
    code = "import os\n\n\ndef f():\n    return 1\n"
    assert html_to_markdown(f"<pre><code>{code}</code></pre>") == f"```\n{code}```\n"


def test_code_holding_a_fence_stays_one_block() -> None:
    code = "```\nfence inside\n```"
    rendered = markdown_to_html(html_to_markdown(f"<pre><code>{code}</code></pre>"))
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    assert [e.tag for e in root] == ["pre"]
    assert root.xpath("string(.//code)") == code + "\n"


def test_code_language_is_kept_on_the_fence() -> None:
    fragment = '<pre><code class="language-python">x = 1</code></pre>'
    assert html_to_markdown(fragment) == "```python\nx = 1\n```\n"


_CODE = "x = [1, 2]\nprint(x)"


@pytest.mark.parametrize(
    "block",
    [
        f'<pre><code class="hljs language-python">{_CODE}</code></pre>',
        f'<pre class="language-python"><code>{_CODE}</code></pre>',
        f'<pre><code class="lang-python">{_CODE}</code></pre>',
        f'<pre data-lang="python">{_CODE}</pre>',
        f'<div class="highlight-python notranslate"><div class="highlight"><pre><span></span>'
        f"{_CODE}</pre></div></div>",
        f'<div class="highlight highlight-source-python"><pre>{_CODE}</pre></div>',
        f'<pre class="brush: python; gutter: false">{_CODE}</pre>',
        f'<div class="sourceCode"><pre class="sourceCode numberSource python numberLines">'
        f'<code class="sourceCode python">{_CODE}</code></pre></div>',
        f'<div class="language-python highlighter-rouge"><div class="highlight">'
        f'<pre class="highlight"><code>{_CODE}</code></pre></div></div>',
    ],
    ids=[
        "highlight.js",
        "Prism on pre",
        "lang-",
        "data-lang",
        "Sphinx",
        "GitHub",
        "SyntaxHighlighter",
        "pandoc",
        "Rouge",
    ],
)
def test_the_language_a_highlighter_named_goes_on_the_fence(block: str) -> None:
    body = _article(f"<p>Run this:</p>{block}<p>Done.</p>").body
    assert body == f"Run this:\n\n```python\n{_CODE}\n```\n\nDone.\n"
    assert 'class="hl-' in markdown_to_html(body), "the reader's page highlights it"


@pytest.mark.parametrize(
    ("block", "fence"),
    [
        (f'<div lang="de" class="lang-de"><pre>{_CODE}</pre></div>', "```"),
        (f'<div class="highlight-default notranslate"><pre>{_CODE}</pre></div>', "```"),
        (f'<pre class="language-python" onclick="x()">{_CODE}</pre>', "```python"),
        (f'<pre class="language-x&quot;onclick">{_CODE}</pre>', "```"),
        (f'<pre class="brush:">{_CODE}</pre>', "```"),
    ],
    ids=["a wrapper's own language", "Sphinx's default", "handlers", "a quote", "no name"],
)
def test_a_code_block_gets_no_language_its_page_did_not_name(block: str, fence: str) -> None:
    body = _article(block).body
    assert body.splitlines()[0] == fence
    assert "onclick" not in markdown_to_html(body)


def test_code_whose_lines_are_blocks_keeps_them_under_a_named_language() -> None:
    body = _article('<pre class="language-python"><div>a = 1</div><div>b = 2</div></pre>').body
    assert body == "```\na = 1\nb = 2\n```\n"


# --- links, images and <base> -------------------------------------------------------------


def test_relative_links_and_images_are_made_absolute() -> None:
    body = _article(
        '<p><a href="/a">root</a> <a href="b.html#s">sibling</a> <a href="../up">up</a> '
        '<a href="//cdn.example/c">proto</a> <a href="mailto:x@example.com">mail</a></p>'
        '<p><img src="i/p.png" alt="p"> <a href="/big"><img src="/t.png" alt="t"></a></p>'
    ).body
    assert body == (
        "[root](https://example.com/a) [sibling](https://example.com/news/2020/b.html#s) "
        "[up](https://example.com/news/up) [proto](https://cdn.example/c) "
        "[mail](mailto:x@example.com)\n\n"
        "![p](https://example.com/news/2020/i/p.png) "
        "[![t](https://example.com/t.png)](https://example.com/big)\n"
    )


def test_links_stay_relative_without_a_url() -> None:
    assert _article('<p><a href="/a">x</a></p>', url=None).body == "[x](/a)\n"


@pytest.mark.parametrize(
    "fragment",
    [
        '<base href="https://evil.example/"><p><a href="/a">x</a> <img src="b.png" alt="b"></p>',
        '<div><base href="https://evil.example/x/"><p><a href="/a">x</a> '
        '<img src="b.png" alt="b"></p></div>',
    ],
)
def test_base_href_in_the_fragment_is_ignored(fragment: str) -> None:
    assert _article(fragment, url="https://good.example/dir/page").body == (
        "[x](https://good.example/a) ![b](https://good.example/dir/b.png)\n"
    )


def test_unparseable_link_is_dropped_not_fatal() -> None:
    assert _article('<p><a href="https://[bad/">y</a> z</p>').body == "y z\n"


def test_unsafe_meta_image_is_dropped() -> None:
    assert _article("<p>x</p>", image="javascript:alert(1)").meta.image is None
    assert _article("<p>x</p>", image="https://i.example/a.jpg").meta.image == (
        "https://i.example/a.jpg"
    )


# --- cleanup ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<h1>The Big Story</h1><p>x</p>", "x\n"),
        ("<h2>the big   STORY</h2><p>x</p>", "x\n"),
        ("<p>kicker</p><h1>The Big Story</h1><p>x</p>", "kicker\n\nx\n"),
        # only the first heading can repeat the title
        ("<h2>Other</h2><h2>The Big Story</h2><p>x</p>", "## Other\n\n## The Big Story\n\nx\n"),
        ("<h1>The Big Story, continued</h1><p>x</p>", "# The Big Story, continued\n\nx\n"),
        ("<h3>The Big Story</h3><p>x</p>", "### The Big Story\n\nx\n"),
    ],
)
def test_first_heading_repeating_the_title_is_dropped(fragment: str, expected: str) -> None:
    assert _article(fragment).body == expected


def test_empty_links_and_paragraphs_are_dropped() -> None:
    body = _article(
        '<p>a <a href="/x"></a><a href="/y">  </a>b</p><p></p><p>  \n </p><p>&nbsp;</p>'
        '<p><img src="/only.png" alt=""></p><p>c</p>'
    ).body
    assert body == "a b\n\n![](https://example.com/only.png)\n\nc\n"


def test_escaped_script_text_never_renders_as_a_script() -> None:
    body = _article(
        "<p>Text &lt;script&gt;alert(1)&lt;/script&gt; end.</p>"
        "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
    ).body
    html = markdown_to_html(body)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    assert root.xpath("//script") == []
    assert [e.tag for e in root.iter()] == ["div", "p", "p"]
    assert [p.text_content() for p in root] == [
        "Text <script>alert(1)</script> end.",
        "<img src=x onerror=alert(1)>",
    ]


# --- slugs and stems ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The Big Story", "the-big-story"),
        ("Élodie et l'été : ça va très bien à Paris !", "elodie-et-l-ete-ca-va-tres-bien-a-paris"),
        ("Ça, c'est « la » crème brûlée", "ca-c-est-la-creme-brulee"),
        (
            "Qu'en pensez-vous ? Réponse à « Señor Müller »",
            "qu-en-pensez-vous-reponse-a-senor-muller",
        ),
        ("  --Already--hyphenated--  ", "already-hyphenated"),
        ("COVID-19: 2,600 deaths", "covid-19-2-600-deaths"),
        ("Привет мир", ""),
        ("東京", ""),
        ("", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_cuts_long_titles_at_a_word_boundary() -> None:
    title = (
        "The quick brown fox jumps over the lazy dog while the committee deliberates "
        "about extraordinarily long headlines"
    )
    slug = slugify(title)
    assert slug == "the-quick-brown-fox-jumps-over-the-lazy-dog-while-the-committee-deliberates"
    assert len(slug) <= SLUG_MAX_CHARS == 80


def test_slugify_keeps_a_word_ending_exactly_at_the_limit() -> None:
    title = " ".join(["abcdefghi"] * 8) + " tail"  # 8 words: 79 chars, then "-tail"
    assert slugify(title) == "-".join(["abcdefghi"] * 8)
    title = "x" + " ".join(["abcdefghi"] * 8) + " tail"  # exactly 80 chars before "-tail"
    assert slugify(title) == "x" + "-".join(["abcdefghi"] * 8)
    assert len(slugify(title)) == 80


@pytest.mark.parametrize("title", ["a" * 100, "b" * 90 + " tail"])
def test_slugify_never_exceeds_the_limit(title: str) -> None:
    assert len(slugify(title)) <= SLUG_MAX_CHARS


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("l’été à Paris", "l-ete-a-paris"),
        ("Paris—Berlin", "paris-berlin"),
        ("Le cœur de Paris", "le-coeur-de-paris"),
        ("Ex æquo", "ex-aequo"),
        ("Die Straße", "die-strasse"),
    ],
)
def test_slugify_non_ascii_separators_and_ligatures(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("published", "saved", "stem"),
    [
        ("2020-08-16T17:45:00+00:00", "2021-01-02", "2020-08-16-the-big-story"),
        ("2020-08-16", None, "2020-08-16-the-big-story"),
        (None, "2021-01-02T03:04:05", "2021-01-02-the-big-story"),
        (None, None, "undated-the-big-story"),
        ("16 August 2020", None, "undated-the-big-story"),
        ("2020-8-16", None, "undated-the-big-story"),
    ],
)
def test_article_stem_date(published: str | None, saved: str | None, stem: str) -> None:
    meta = ArticleMeta(title="The Big Story", published=published, saved=saved)
    assert article_stem(meta) == stem


def test_article_stem_cyrillic_title_falls_back_to_the_hash() -> None:
    meta = ArticleMeta(title="Путин и Лукашенко", published="2020-08-16", source_sha256=SHA)
    assert article_stem(meta) == f"2020-08-16-article-{SHA[:8]}"
    assert (
        _article("<p>x</p>", title="Путин", source_sha256=SHA).stem == f"undated-article-{SHA[:8]}"
    )


def test_article_stem_without_title_or_hash() -> None:
    assert article_stem(ArticleMeta(title="Путин")) == "undated-article-00000000"


def test_title_header_block_with_kicker_and_byline_is_dropped() -> None:
    prose = "Quay Street will close to all traffic for six weeks from Monday, the council said. "
    fragment = (
        '<div><div class="header"><p><span>Roadworks</span></p><h1>The Big Story</h1>'
        '<div class="byline"><img src="/authors/e.jpg" alt=""><p>By</p>'
        '<p><a href="/author/e">Eleanor Pryce</a>, Reporter</p>'
        "<time>Friday 14 May 2021</time></div></div>"
        f"<div><p>{prose * 3}</p><p>{prose}</p></div></div>"
    )
    body = _article(fragment).body
    assert body == f"{(prose * 3).strip()}\n\n{prose.strip()}\n"


def test_a_standfirst_sentence_keeps_the_title_header_block() -> None:
    prose = "The site reads files straight from your repository and builds the pages. "
    fragment = (
        '<div><div class="header"><h1>Getting Started</h1>'
        "<div><p>Learn how to start publishing documentation with docs.page.</p></div></div>"
        f"<div><p>{prose * 3}</p><p>{prose}</p></div></div>"
    )
    body = _article(fragment, title="Getting Started").body
    assert body == (
        "Learn how to start publishing documentation with docs.page.\n\n"
        f"{(prose * 3).strip()}\n\n{prose.strip()}\n"
    )


def test_title_inside_the_whole_article_keeps_the_article() -> None:
    fragment = "<div><h1>The Big Story</h1><p>Short body.</p><p>Another line.</p></div>"
    assert _article(fragment).body == "Short body.\n\nAnother line.\n"


# --- the quicker walk is markdownify's own ------------------------------------------------
#
# QuickWalkConverter forks markdownify's process_tag and process_text. Its reference,
# ArticleMarkdownConverter, is stock markdownify.MarkdownConverter with the same options,
# walking the tree as markdownify does; it differs from it only where the article's
# Markdown rules say so, each through one of markdownify's hooks (the tests above pin
# what each does):
INTENDED_DIFFERENCES = {
    "escape": "only what Python-Markdown would misread is escaped",
    "process_text": "stock, then a list, heading, quote or rule marker starting a line escaped",
    "convert_pre": "a fenced block that keeps its language and survives inner fences",
    "convert_li": "an item's further blocks indented by four spaces, as Python-Markdown reads",
    "convert_dd": "a definition under its term; one without a term is a plain block",
    "convert_list": "a nested list that more of its item follows ends with a blank line;"
    " one right after a list of its kind is parted from it by a comment line",
    "convert_blockquote": "a quote right after a quote is parted from it by a comment line",
    "convert_ul": "convert_list",
    "convert_ol": "convert_list",
    "convert_figure": "a figure is a block of its own",
    "convert_figcaption": "a figure's caption is an emphasised line under its image",
    "convert_caption": 'a table\'s caption is a "Table: " line before the table',
}
REFERENCE = ArticleMarkdownConverter(**CONVERTER_OPTIONS)
QUICK = QuickWalkConverter(**CONVERTER_OPTIONS)


def test_the_reference_is_stock_markdownify_but_for_the_intended_differences() -> None:
    assert ArticleMarkdownConverter.__bases__ == (MarkdownConverter,)
    overridden = {name for name in vars(ArticleMarkdownConverter) if not name.startswith("__")}
    assert overridden == set(INTENDED_DIFFERENCES)
    forked = {name for name in vars(QuickWalkConverter) if not name.startswith("__")}
    assert forked == {"process_tag", "process_text"}


def _real_html() -> list[object]:
    """The saved pages, and the HTML of the real articles, as html_to_markdown gives them
    to the converter: sanitised."""
    pages = html_pages() + [(name, markdown_to_html(body)) for name, body in article_bodies()]
    return [pytest.param(sanitize_html(page), id=name) for name, page in pages]


@pytest.mark.parametrize("page", _real_html())
def test_real_pages_convert_as_markdownify_walks_them(page: str) -> None:
    markdown = QUICK.convert(page)
    assert markdown.strip()
    assert markdown == REFERENCE.convert(page)


@pytest.mark.parametrize("wrap", [True, False])
def test_conversion_walks_the_tree_as_markdownify_does(wrap: bool) -> None:
    fragment = sanitize_html(FRAGMENT)
    options = {**CONVERTER_OPTIONS, "wrap": wrap}
    quick, reference = QuickWalkConverter(**options), ArticleMarkdownConverter(**options)
    assert quick.convert(fragment) == reference.convert(fragment)


@given(html_fragments)
@settings(max_examples=300, deadline=None)
def test_any_fragment_converts_as_markdownify_walks_it(fragment: str) -> None:
    sanitised = sanitize_html(fragment)
    assert QUICK.convert(sanitised) == REFERENCE.convert(sanitised)
