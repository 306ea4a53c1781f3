"""Hypothesis strategies for HTML fragments: every kind of block, inline markup and text.

Shared by the tests that hold a faster reading or walk of a tree to the stock one.
"""

from __future__ import annotations

from hypothesis import strategies as st

_WORDS = st.sampled_from(
    ["word", "snake_case", "2 * 3", "[note](x)", "`tick`", "a\\b", "1986. Year", "# hash",
     "- dash", "> quote", "&amp;", "&nbsp;", "&lt;b&gt;", "&#169;", "x & y", "\"quoted\"",
     " ", "  ", "\n", "\t", "\xa0", "é", "***", "__init__", "<", ">", "!["]
)  # fmt: skip
_TAGS = st.sampled_from(
    ["p", "div", "span", "b", "strong", "em", "i", "a", "code", "pre", "kbd", "blockquote",
     "ul", "ol", "li", "h1", "h2", "h3", "table", "thead", "tbody", "tr", "td", "th",
     "figure", "figcaption", "q", "sub", "sup", "del", "dl", "dt", "dd", "section",
     "script", "textarea", "button", "font", "center"]
)  # fmt: skip
_VOIDS = st.sampled_from(["<br>", "<br/>", "<hr>", '<img src="p.png" alt="A &amp; B">', "</br>"])
_ATTRIBUTES = st.sampled_from(
    ["", ' href="/x?a=1&amp;b=2"', ' title="say &quot;hi&quot; &lt;3"', ' class="language-py"',
     ' href="javascript:alert(1)"', ' colspan="2"', " start=3", ' alt=""', " data-x='y'"]
)  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attributes, inner: f"<{tag}{attributes}>{inner}</{tag}>",
        _TAGS,
        _ATTRIBUTES,
        st.lists(children, max_size=4).map("".join),
    )


html_fragments = st.recursive(
    st.one_of(_WORDS, _VOIDS, st.just("<!-- comment -->")),
    _element,
    max_leaves=25,
)
