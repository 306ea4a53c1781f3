"""The language of each code block, as the page's highlighter named it, kept for the fence.

Only `<code class="language-…">` passes the allow-list, and only as the whole class; the
highlighters of the web mark a block's language in other ways, and each was lost with
its highlighting:
- highlight.js, Prism: `<code class="hljs language-python">`, `<pre class="language-…">`,
  `lang-python`; Jekyll's Rouge on a wrapper: `<div class="language-ruby highlighter-rouge">`;
- Sphinx: `<div class="highlight-python notranslate">` around the `<pre>`; GitHub:
  `<div class="highlight highlight-source-python">`;
- SyntaxHighlighter (WordPress): `<pre class="brush: php; gutter: false">`;
- pandoc: `<pre class="sourceCode python">`;
- Hugo and others: `data-lang="go"`.
mark_code_languages writes the one language found as the code's only class, which the
allow-list keeps and markdown_blocks.code_block puts on the fence.
"""

from __future__ import annotations

import itertools
import re

from lxml import html as lxml_html

from site_builder.article.markdown_blocks import CODE_LINE_TAGS

_LANGUAGE = re.compile(r"[A-Za-z0-9_+-]{1,30}")
# On the <pre> or its <code>; a wrapper may carry only the longer prefixes ("lang-en" on
# a page's wrapper names the reader's language, not the code's).
_CODE_PREFIXES = ("language-", "lang-", "highlight-source-", "highlight-")
_WRAPPER_PREFIXES = ("language-", "highlight-source-", "highlight-")
_LANGUAGE_ATTRIBUTES = ("data-lang", "data-language")
# pandoc's classes around the language ("sourceCode numberSource python numberLines").
_PANDOC_WORDS = frozenset({"sourcecode", "numbersource", "numberlines"})
# What highlighters write where no language is meant.
_NO_LANGUAGE = frozenset({"default", "none", "nohighlight", "plain", "notranslate", "source"})
# How far above the <pre> a wrapper may name its language (Sphinx: two divs up).
_WRAPPER_DEPTH = 2


def mark_code_languages(root: lxml_html.HtmlElement) -> None:
    """Each <pre> whose language its page named gets `<code class="language-…">` (a
    <code> wrapped around its text where it has none and holds no blocks)."""
    for pre in list(root.iter("pre")):
        language = _block_language(pre, root)
        if not language:
            continue
        code = pre.find("code")
        if code is None:
            if any(child.tag in CODE_LINE_TAGS for child in pre):
                continue  # lines as blocks: code_block reads them as they are
            code = lxml_html.Element("code")
            code.text, pre.text = pre.text, None
            code.extend(list(pre))
            pre.append(code)
        for attribute in ("class", *_LANGUAGE_ATTRIBUTES):
            code.attrib.pop(attribute, None)
        code.set("class", f"language-{language}")


def _block_language(pre: lxml_html.HtmlElement, root: lxml_html.HtmlElement) -> str:
    for element in (pre.find("code"), pre):
        language = _named_language(element, _CODE_PREFIXES) if element is not None else ""
        if language:
            return language
    for wrapper in itertools.islice(pre.iterancestors(), _WRAPPER_DEPTH):
        language = "" if wrapper is root else _named_language(wrapper, _WRAPPER_PREFIXES)
        if language:
            return language
    return ""


def _named_language(element: lxml_html.HtmlElement, prefixes: tuple[str, ...]) -> str:
    for attribute in _LANGUAGE_ATTRIBUTES:
        value = str(element.get(attribute) or "").strip().lower()
        if _is_language(value):
            return value
    words = str(element.get("class") or "").lower().split()
    if "sourcecode" in words:
        return next((w for w in words if w not in _PANDOC_WORDS and _is_language(w)), "")
    for word, following in itertools.pairwise([*words, ""]):
        if word == "brush:" and _is_language(following.rstrip(";")):
            return following.rstrip(";")
        for prefix in prefixes:
            if word.startswith(prefix) and _is_language(word[len(prefix) :]):
                return word[len(prefix) :]
    return ""


def _is_language(word: str) -> bool:
    return bool(_LANGUAGE.fullmatch(word)) and word not in _NO_LANGUAGE
