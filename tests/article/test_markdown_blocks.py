"""Blocks inside blocks: the Markdown written, and the page Python-Markdown makes of it.

Each case asserts both, as a Markdown file that looks right can still be read back flat
(markdown_blocks.py says how Python-Markdown differs from what markdownify writes for).
"""

from __future__ import annotations

import lxml.etree
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from site_builder.article.to_markdown import html_to_markdown, to_article
from site_builder.core.records import ArticleMeta, ExtractedPage
from site_builder.render import markdown_to_html


def _page(markdown: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(markdown_to_html(markdown), create_parent="div")


def _shape(element: lxml_html.HtmlElement) -> str:
    """The element's tree of tags and text, one compact line: "ul(li(one ul(li(a))))"."""
    parts = []
    text = " ".join((element.text or "").split())
    if text:
        parts.append(text)
    for child in element:
        parts.append(_shape(child))
        tail = " ".join((child.tail or "").split())
        if tail:
            parts.append(tail)
    return f"{element.tag}({' '.join(parts)})"


def _round_trip(html: str) -> tuple[str, str]:
    markdown = html_to_markdown(html)
    body = _page(markdown)
    return markdown, " ".join(_shape(child) for child in body)


# --- lists ----------------------------------------------------------------------------------


def test_a_nested_list_stays_nested() -> None:
    markdown, shape = _round_trip(
        "<ul><li>one<ul><li>a</li><li>b<ol><li>deep</li></ol></li></ul></li><li>two</li></ul>"
    )
    assert markdown == "- one\n    - a\n    - b\n        1. deep\n- two\n"
    assert shape == "ul(li(one ul(li(a) li(b ol(li(deep))))) li(two))"


def test_an_item_of_several_paragraphs_keeps_the_list_whole() -> None:
    markdown, shape = _round_trip(
        "<ol><li><p>Upload the file.</p><p>Then unpack it.</p></li><li>Visit the site.</li>"
        "<li>Click Continue.</li></ol>"
    )
    assert markdown == (
        "1. Upload the file.\n\n    Then unpack it.\n\n2. Visit the site.\n3. Click Continue.\n"
    )
    assert shape == (
        "ol(li(p(Upload the file.) p(Then unpack it.)) li(p(Visit the site.)) li(Click Continue.))"
    )


def test_numbers_of_a_list_that_starts_late_and_runs_past_99() -> None:
    markdown, shape = _round_trip(
        '<ol start="99"><li>ninety-nine<p>more</p></li><li>hundred<p>more</p></li></ol>'
    )
    assert markdown == "99. ninety-nine\n\n    more\n\n100. hundred\n\n     more\n"
    assert shape == "ol(li(p(ninety-nine) p(more)) li(p(hundred) p(more)))"


def test_a_list_item_of_a_photo_and_its_text() -> None:
    markdown, shape = _round_trip(
        '<ol><li><a href="https://e.example/1.png"><img src="https://e.example/1.png" alt="1">'
        "</a><p>Visit the subdomain.</p></li><li><p>Select the language.</p></li></ol>"
    )
    assert markdown == (
        "1. [![1](https://e.example/1.png)](https://e.example/1.png)\n\n"
        "    Visit the subdomain.\n\n2. Select the language.\n"
    )
    assert shape == "ol(li(p(a(img())) p(Visit the subdomain.)) li(p(Select the language.)))"


# --- definitions ----------------------------------------------------------------------------


def test_a_definition_list_is_a_definition_list() -> None:
    markdown, shape = _round_trip(
        "<dl><dt>Levain</dt><dd>A starter, fed the night before.</dd><dt>Autolyse</dt>"
        "<dd><p>Flour and water, resting.</p><p>Thirty minutes.</p></dd></dl>"
    )
    assert markdown == (
        "Levain\n:   A starter, fed the night before.\n\n"
        "Autolyse\n:   Flour and water, resting.\n\n    Thirty minutes.\n"
    )
    assert shape == (
        "dl(dt(Levain) dd(A starter, fed the night before.) dt(Autolyse) "
        "dd(p(Flour and water, resting.) p(Thirty minutes.)))"
    )


def test_a_definition_without_a_term_is_indented_text() -> None:
    markdown, shape = _round_trip("<p>He wrote:</p><dl><dd>Come north, my dear.</dd></dl>")
    assert markdown == "He wrote:\n\nCome north, my dear.\n"
    assert shape == "p(He wrote:) p(Come north, my dear.)"


def test_a_line_of_text_that_starts_with_a_colon_stays_text() -> None:
    markdown, shape = _round_trip("<p>Ratio<br>: one to three</p>")
    assert markdown == "Ratio  \n\\: one to three\n"
    assert shape == "p(Ratio br() : one to three)"


# --- indentation by non-breaking spaces -----------------------------------------------------


@pytest.mark.parametrize(
    ("html", "markdown", "shape"),
    [
        (
            "<p>First.</p><p><br>\u00a0\u00a0\u00a0 <b>{21}</b> Another very laughable idea.</p>",
            "First.\n\n**{21}** Another very laughable idea.\n",
            "p(First.) p(strong({21}) Another very laughable idea.)",
        ),
        (
            "<blockquote><p>\u00a0\u00a0\u00a0\u00a0 Quoted, indented.</p></blockquote>",
            "> Quoted, indented.\n",
            "blockquote(p(Quoted, indented.))",
        ),
        (
            "<ol><li><p>Step.</p><p>\u00a0\u00a0\u00a0\u00a0\u00a0 Its note.</p></li></ol>",
            "1. Step.\n\n    Its note.\n",
            "ol(li(p(Step.) p(Its note.)))",
        ),
    ],
    ids=["paragraph", "quote", "list item"],
)
def test_a_paragraph_indented_by_nbsp_is_no_code_block(
    html: str, markdown: str, shape: str
) -> None:
    assert _round_trip(html) == (markdown, shape)


def test_nbsp_inside_code_is_kept_as_a_space() -> None:
    assert html_to_markdown("<pre><code>\u00a0\u00a0\u00a0\u00a0x = 1</code></pre>") == (
        "```\n    x = 1\n```\n"
    )


# --- code blocks ----------------------------------------------------------------------------


def test_a_highlighters_language_label_names_the_fence() -> None:
    markdown, shape = _round_trip(
        '<pre class="shiki"><div class="language-id">ts</div><div class="code-container">'
        "<code><div class='line'><span>function</span><span> identity(arg) {</span></div>"
        "<div class='line'><span>  return arg;</span></div><div class='line'>}</div></code>"
        "</div></pre>"
    )
    assert markdown == "```ts\nfunction identity(arg) {\n  return arg;\n}\n```\n"
    assert shape.startswith("pre(code(")
    assert _page(markdown).xpath("string(//code)") == "function identity(arg) {\n  return arg;\n}\n"


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ("<pre>cd site<br>make build<br>make test</pre>", "cd site\nmake build\nmake test"),
        ("<pre><div>cd site</div><div>make build</div></pre>", "cd site\nmake build"),
        ("<pre><p>one</p><p>two</p></pre>", "one\ntwo"),
    ],
    ids=["br", "div", "p"],
)
def test_each_line_of_code_stays_a_line(html: str, code: str) -> None:
    assert html_to_markdown(html) == f"```\n{code}\n```\n"


def test_a_first_line_of_code_is_no_label_without_code_after_it() -> None:
    assert html_to_markdown("<pre><div>make</div><div>install</div></pre>") == (
        "```\nmake\ninstall\n```\n"
    )


# --- breaks inside a link or a bold ---------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "shape"),
    [
        (
            '<p><a href="https://e.example/dirt">Gardening Unit<br><br>Gardening Unit (IBM)</a>'
            " after</p>",
            "p(a(Gardening Unit br() Gardening Unit (IBM)) after)",
        ),
        (
            "<p><b>Bold one<br> <br>bold two</b> after</p>",
            "p(strong(Bold one br() bold two) after)",
        ),
        ("<p>Two lines<br><br>apart</p>", "p(Two lines) p(apart)"),
    ],
    ids=["link", "bold", "paragraph"],
)
def test_two_breaks_inside_inline_markup_are_one(html: str, shape: str) -> None:
    assert " ".join(_shape(child) for child in _page(_article_markdown(html))) == shape


def _article_markdown(html: str) -> str:
    """The body as to_article writes it: the fragment tidied first."""
    page = ExtractedPage(meta=ArticleMeta(title="T", source="saved/t.html"), html=html)
    return to_article(page).body


def test_a_list_of_quotes_keeps_each_quote_whole() -> None:
    markdown, shape = _round_trip(
        "<ul><li><blockquote><strong>Honest</strong><p>Always on time.</p><p>- Kendra S.</p>"
        "</blockquote></li><li><blockquote><p>Fantastic.</p></blockquote></li></ul>"
    )
    assert markdown == (
        "- > **Honest**\n  >\n  > Always on time.\n  >\n  > \\- Kendra S.\n- > Fantastic.\n"
    )
    assert shape == (
        "ul(li(blockquote(p(strong(Honest)) p(Always on time.) p(- Kendra S.))) "
        "li(blockquote(p(Fantastic.))))"
    )


def test_a_forum_post_of_broken_lines_in_a_list_item() -> None:
    markdown, shape = _round_trip(
        "<ul><li>Re: New setup<br><br>I would not compare them:<br><br>1) Remove the gravel."
        "</li><li>Next post</li></ul>"
    )
    assert markdown == (
        "- Re: New setup  \n\n    I would not compare them:  \n\n    1) Remove the gravel.\n\n"
        "- Next post\n"
    )
    assert shape == (
        "ul(li(p(Re: New setup) p(I would not compare them:) p(1) Remove the gravel.)) "
        "li(p(Next post)))"
    )


# --- non-breaking spaces --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        (
            "<p>» <strong>Jay Cutler&nbsp;</strong>to&nbsp;<strong>Brandon Marshall</strong>.</p>",
            "» **Jay Cutler** to **Brandon Marshall**.\n",
        ),
        (
            '<p>See<a href="https://e.example/">&#160;the list</a>.</p>',
            "See [the list](https://e.example/).\n",
        ),
        ("<p><em>Parks\u00a0</em>Second Edition</p>", "*Parks* Second Edition\n"),
    ],
    ids=["bold", "link", "emphasis"],
)
def test_a_non_breaking_space_at_the_edge_of_markup_still_parts_the_words(
    html: str, markdown: str
) -> None:
    assert html_to_markdown(html) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>if you really<em> </em>can't</p>", "if you really can't\n"),
        (
            '<p><a href="https://e.example/a"><span>same</span></a><a href="https://e.example/a">'
            '<span> </span></a><a href="https://e.example/a"><span>conclusion</span></a></p>',
            "[same](https://e.example/a) [conclusion](https://e.example/a)\n",
        ),
    ],
    ids=["emphasis", "link"],
)
def test_markup_holding_only_a_space_leaves_the_space(html: str, markdown: str) -> None:
    assert _article_markdown(html) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        (
            "<p><strong><strong><strong>Umansky</strong></strong>:</strong> The sale</p>",
            "**Umansky:** The sale\n",
        ),
        ("<p><em>Said <i>twice</i> over</em></p>", "*Said twice over*\n"),
        ("<p><b>Bold <em>and <i>italic</i></em></b></p>", "**Bold *and italic***\n"),
    ],
    ids=["bold", "italic", "mixed"],
)
def test_emphasis_inside_the_same_emphasis_is_plain(html: str, markdown: str) -> None:
    assert _article_markdown(html) == markdown
    assert "*" not in _page(markdown).text_content()


# --- tables ---------------------------------------------------------------------------------


def test_a_pipe_inside_a_cell_stays_in_its_cell() -> None:
    markdown, _ = _round_trip(
        "<table><tr><th>Plan|Tier</th><th>Price</th></tr>"
        "<tr><td>About | Courses</td><td><code>a|b</code></td></tr></table>"
    )
    assert markdown == "| Plan\\|Tier | Price |\n| --- | --- |\n| About \\| Courses | `a|b` |\n"
    cells = [cell.text_content() for cell in _page(markdown).iter("th", "td")]
    assert cells == ["Plan|Tier", "Price", "About | Courses", "a|b"]


def test_a_backslash_before_a_pipe_in_text_is_kept() -> None:
    _, shape = _round_trip("<p>C:\\|D</p>")
    assert shape == "p(C:\\|D)"


@pytest.mark.parametrize(
    ("html", "markdown", "shape"),
    [
        (
            '<ol><li><p>Install it:</p><pre><code class="language-shell">pip install x\n'
            "pip install y</code></pre></li><li>Run it.</li></ol>",
            "1. Install it:\n\n    ```shell\n    pip install x\n    pip install y\n    ```\n\n"
            "2. Run it.\n",
            "ol(li(p(Install it:) pre(code(pip install x pip install y))) li(p(Run it.)))",
        ),
        (
            '<ul><li><pre><code class="language-shell">pip install x\n\n\npip install y'
            "</code></pre></li><li>Run it.</li></ul>",
            "-   ```shell\n    pip install x\n\n\n    pip install y\n    ```\n\n- Run it.\n",
            "ul(li(pre(code(pip install x pip install y))) li(p(Run it.)))",
        ),
        (
            '<dl><dt>Install</dt><dd>Type:<pre><code class="language-shell">pip install x\n'
            "pip install y</code></pre></dd></dl>",
            "Install\n:   Type:\n\n    ```shell\n    pip install x\n    pip install y\n    ```\n",
            "dl(dt(Install) dd(p(Type:) pre(code(pip install x pip install y))))",
        ),
        (
            '<blockquote><p>He wrote:</p><pre><code class="language-shell">pip install x\n'
            "pip install y</code></pre></blockquote>",
            "> He wrote:\n>\n> ```shell\n> pip install x\n> pip install y\n> ```\n",
            "blockquote(p(He wrote:) pre(code(pip install x pip install y)))",
        ),
    ],
    ids=["after text in a list item", "opening a list item", "definition", "quote"],
)
def test_code_inside_a_list_item_or_a_quote_keeps_its_language(
    html: str, markdown: str, shape: str
) -> None:
    """Python-Markdown reads a fence only at the top of the page; the nested fence is read
    back by render/block_syntax.py, so the code keeps its lines, blank ones too, and its
    language, which the highlighter colours."""
    assert html_to_markdown(html) == markdown
    page = _page(markdown)
    assert page.xpath("//pre/code/@class") == ["language-shell"]
    assert page.xpath("//pre/code/span[@class]"), "the code is highlighted"
    code = str(page.xpath("string(//pre/code)"))
    assert code in ("pip install x\npip install y\n", "pip install x\n\n\npip install y\n")
    lxml.etree.strip_tags(page, "span")
    assert " ".join(_shape(child) for child in page) == shape


@pytest.mark.parametrize(
    ("html", "markdown", "shape"),
    [
        (
            "<ul><li>eggs</li><li>flour</li></ul><ul><li>bowl</li></ul>",
            "- eggs\n- flour\n\n<!-- -->\n\n- bowl\n",
            "ul(li(eggs) li(flour)) ul(li(bowl))",
        ),
        (
            "<ol><li>mix</li></ol><div><section><ol><li>bake</li></ol></section></div>",
            "1. mix\n\n<!-- -->\n\n1. bake\n",
            "ol(li(mix)) ol(li(bake))",
        ),
        (
            "<blockquote><p>One said this.</p></blockquote><!-- x --> "
            "<blockquote><p>Another said that.</p></blockquote>",
            "> One said this.\n\n<!-- -->\n\n> Another said that.\n",
            "blockquote(p(One said this.)) blockquote(p(Another said that.))",
        ),
        (
            "<ul><li>tools<ul><li>bowl</li></ul><ul><li>oven</li></ul></li><li>time</li></ul>",
            "- tools\n    - bowl\n\n    <!-- -->\n\n    - oven\n\n- time\n",
            "ul(li(p(tools) ul(li(bowl)) ul(li(oven))) li(p(time)))",
        ),
        (
            "<blockquote><ul><li>a</li></ul><ul><li>b</li></ul></blockquote>",
            "> - a\n>\n> <!-- -->\n>\n> - b\n",
            "blockquote(ul(li(a)) ul(li(b)))",
        ),
    ],
    ids=["two lists", "a list in a section after a list", "two quotes", "nested", "in a quote"],
)
def test_two_lists_or_two_quotes_in_a_row_stay_two(html: str, markdown: str, shape: str) -> None:
    """Markdown reads two lists of one kind, or two quotes, a blank line apart as one; a
    comment line between them keeps them apart, and the page shows nothing of it."""
    assert _round_trip(html) == (markdown, shape)
    assert "<!--" not in markdown_to_html(markdown)


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<ul><li>a</li></ul><ol><li>b</li></ol>", "- a\n\n1. b\n"),
        ("<ul><li>a</li></ul><p>between</p><ul><li>b</li></ul>", "- a\n\nbetween\n\n- b\n"),
        ("<ul><li>a</li></ul><hr><ul><li>b</li></ul>", "- a\n\n---\n\n- b\n"),
        ("<blockquote><p>a</p></blockquote><p>b</p>", "> a\n\nb\n"),
    ],
)
def test_blocks_already_apart_get_no_separator(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_a_comment_line_in_code_or_in_text_shows_as_written() -> None:
    """Only a separator line between blocks is read as one: in code, or indented where
    no list is, it is the text it looks like (raw HTML stays off in articles)."""
    page = _page("```html\n<!-- -->\n```\n\nText\n\n    <!-- -->\n\nSee <!-- --> here.\n")
    assert [str(code.text_content()) for code in page.iter("code")] == ["<!-- -->\n"] * 2
    assert page.xpath("string(//p[2])") == "See <!-- --> here."


# --- any such structure ---------------------------------------------------------------------

_TEXT = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), min_size=1, max_size=3).map(
    " ".join
)
_CODE = st.lists(_TEXT, min_size=1, max_size=3).map(
    lambda lines: "<pre>" + "\n".join(lines) + "</pre>"
)


def _list_of(blocks: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A list whose items open with a paragraph or with code, and hold more paragraphs,
    code and blocks in any order."""
    paragraph = _TEXT.map(lambda text: f"<p>{text}</p>")
    item = st.builds(
        lambda first, rest: f"<li>{first}{''.join(rest)}</li>",
        st.one_of(paragraph, _CODE),
        st.lists(st.one_of(paragraph, _CODE, blocks), max_size=2),
    )
    return st.builds(
        lambda tag, items: f"<{tag}>{''.join(items)}</{tag}>",
        st.sampled_from(["ul", "ol"]),
        st.lists(item, min_size=1, max_size=3),
    )


_BLOCKS = st.recursive(
    st.one_of(_TEXT.map(lambda t: f"<p>{t}</p>"), _CODE),
    lambda inner: st.one_of(
        _list_of(inner),
        st.lists(inner, min_size=1, max_size=2).map(
            lambda quoted: f"<blockquote><p>said</p>{''.join(quoted)}</blockquote>"
        ),
    ),
    max_leaves=8,
)


def _structure(element: lxml_html.HtmlElement) -> list[str]:
    """Tags and text in order, paragraphs unwrapped (a list item's paragraphs are a loose
    list's choice), code by its lines."""
    if element.tag == "pre":
        return ["pre(" + "/".join(element.text_content().strip("\n").split("\n")) + ")"]
    parts = [" ".join((element.text or "").split())]
    for child in element:
        inner = _structure(child)
        parts += inner if child.tag in ("p", "pre") else [f"{child.tag}({' '.join(inner)})"]
        parts.append(" ".join((child.tail or "").split()))
    return [part for part in parts if part]


@given(st.lists(_BLOCKS, min_size=1, max_size=3).map("".join))
@settings(max_examples=300, deadline=None)
def test_lists_quotes_and_code_come_back_as_they_were(html: str) -> None:
    """Two lists of a kind, or two quotes, in a row stay two as well."""
    source = lxml_html.fragment_fromstring(html, create_parent="div")
    assert _structure(_page(html_to_markdown(html))) == _structure(source)


@pytest.mark.parametrize(
    "start", ["²", "9" * 5000, "-3", "x"], ids=["superscript", "huge", "negative", "word"]
)
def test_a_list_start_that_is_no_plain_number_counts_from_one(start: str) -> None:
    assert html_to_markdown(f'<ol start="{start}"><li>first</li><li>second</li></ol>') == (
        "1. first\n2. second\n"
    )
