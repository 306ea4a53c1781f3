"""The HTML allow-list: nothing that runs, frames, submits or navigates survives it."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from site_builder.core.sanitize import is_safe_url, sanitize_html

FORBIDDEN_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "svg",
        "math",
        "style",
        "meta",
        "base",
        "link",
        "template",
        "noscript",
        "video",
        "audio",
        "source",
        "marquee",
        "isindex",
    }
)
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")

# In the style of the cure53 HTML5 Security Cheatsheet and PayloadsAllTheThings' XSS list.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<img src=`javascript:alert(1)`>",
    '<img srcset="javascript:alert(1)" src="ok.png">',
    "<body onload=alert(1)><p>text</p></body>",
    "<div onmouseover='alert(1)' style='width:100%;height:100%'>hover</div>",
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    '<a href="java\nscript:alert(1)">newline</a>',
    '<a href="JAVASCRIPT:alert(1)">upper</a>',
    '<a href="&#106;avascript:alert(1)">decimal entity</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">hex entity</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">padded entities</a>',
    '<a href="javascript&colon;alert(1)">named colon</a>',
    '<a href=" \x01javascript:alert(1)">leading junk</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data html</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data html plain</a>',
    '<a href="data:image/png;base64,iVBORw0KGgo=">data image link</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="data:text/html;base64,PHNjcmlwdD4=">',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type="submit"><button formaction='
    '"javascript:alert(1)">go</button></form>',
    "<isindex action=javascript:alert(1) type=submit>",
    '<video><source onerror="alert(1)"></video>',
    "<marquee onstart=alert(1)>m</marquee>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<div style=\"background:url('javascript:alert(1)')\">styled</div>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:/a/-alert(1)///////"><a href="../x">rel</a>',
    '<link rel="import" href="https://evil.example/x.html">',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
    '<table><td background="javascript:alert(1)">cell</td></table>',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "<x onclick=alert(1)>custom element</x>",
    '<a href="#" onclick="alert(1)">hash</a>',
    "<p>a<!--<img src=x onerror=alert(1)>-->b</p>",
    "<div><style><img src=x onerror=alert(1)></style>after</div>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<select><template><img src=x onerror=alert(1)></template></select>",
]


def _parse(fragment: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(fragment, create_parent="div")


def _compact(value: str) -> str:
    return re.sub(r"[\x00-\x20]", "", value).lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_neutralised(payload: str) -> None:
    cleaned = sanitize_html(payload)
    root = _parse(cleaned)
    elements = list(root.iter())[1:]  # without the wrapper <div>
    assert [e.tag for e in elements if e.tag in FORBIDDEN_TAGS] == []
    for element in elements:
        assert not isinstance(element.tag, str) or element.tag.islower()
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (name, cleaned)
            assert name.lower() not in {"style", "srcset", "srcdoc", "formaction", "action"}
            assert not _compact(value).startswith(DANGEROUS_SCHEMES), (name, value)
            if name in {"href", "src", "cite"}:
                assert is_safe_url(value, image=element.tag == "img"), (name, value)


@pytest.mark.parametrize(
    "payload",
    [p for p in PAYLOADS if "<script" in p.lower() or "onerror" in p.lower()],
)
def test_no_live_markup_text_in_output(payload: str) -> None:
    cleaned = sanitize_html(payload)
    assert "<script" not in cleaned.lower()
    assert "<img src=x" not in cleaned.lower()


# --- dropped with their content -----------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>a<script>alert('x')</script>b</p>", "<p>ab</p>"),
        ("<style>p { color: red }</style><p>text</p>", "<p>text</p>"),
        ("<noscript><p>Enable JavaScript</p></noscript><p>text</p>", "<p>text</p>"),
        ("<template><p>hidden</p></template><p>text</p>", "<p>text</p>"),
        ('<iframe src="https://x.example/">fallback</iframe><p>text</p>', "<p>text</p>"),
        ('<object data="x.swf"><p>fallback</p></object><p>text</p>', "<p>text</p>"),
        ('<embed src="x.swf"><p>text</p>', "<p>text</p>"),
        (
            '<form action="/s"><input name="q"><button>Search</button></form><p>text</p>',
            "<p>text</p>",
        ),
        ("<svg><text>drawn</text></svg><p>text</p>", "<p>text</p>"),
        ("<math><mi>x</mi></math><p>text</p>", "<p>text</p>"),
        (
            '<meta http-equiv="refresh" content="0;url=https://x.example/"><p>text</p>',
            "<p>text</p>",
        ),
        ('<base href="https://evil.example/"><p>text</p>', "<p>text</p>"),
        ("<p>a<!-- comment -->b</p>", "<p>ab</p>"),
    ],
)
def test_dangerous_elements_are_dropped_with_their_content(fragment: str, expected: str) -> None:
    assert sanitize_html(fragment) == expected


def test_unknown_elements_are_unwrapped_keeping_text() -> None:
    assert sanitize_html("<section><article><p>kept <font>text</font></p></article></section>") == (
        "<p>kept text</p>"
    )


def test_event_handlers_and_style_are_removed() -> None:
    fragment = '<p onclick="x()" style="color:red" class="lead" id="p1">hi</p>'
    assert sanitize_html(fragment) == "<p>hi</p>"


# --- URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/a?b=1&amp;c=2",
        "http://example.com/",
        "mailto:someone@example.com",
        "/absolute/path",
        "../relative/page.html#section",
        "page.html",
        "#fragment",
        "//cdn.example/x",
    ],
)
def test_safe_hrefs_are_kept(href: str) -> None:
    assert sanitize_html(f'<a href="{href}">x</a>') == (
        f'<a href="{href}" rel="noopener noreferrer nofollow">x</a>'
    )


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "&#106;avascript:alert(1)",
        " javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "ftp://example.com/",
    ],
)
def test_unsafe_hrefs_are_removed(href: str) -> None:
    assert sanitize_html(f'<a href="{href}">x</a>') == '<a rel="noopener noreferrer nofollow">x</a>'


@pytest.mark.parametrize(
    "src",
    [
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/jpeg;base64,/9j/4AAQ",
        "data:image/gif;base64,R0lGODlh",
        "data:image/webp;base64,UklGR",
        "https://example.com/a.png",
        "images/a.png",
    ],
)
def test_safe_image_sources_are_kept(src: str) -> None:
    assert sanitize_html(f'<img src="{src}" alt="A">') == f'<img src="{src}" alt="A">'


@pytest.mark.parametrize(
    "src",
    [
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "javascript:alert(1)",
    ],
)
def test_unsafe_image_sources_are_removed(src: str) -> None:
    assert sanitize_html(f'<img src="{src}" alt="A">') == '<img alt="A">'


@pytest.mark.parametrize(
    ("url", "image", "safe"),
    [
        ("https://example.com/", False, True),
        ("HTTP://EXAMPLE.COM/", False, True),
        ("mailto:a@example.com", False, True),
        ("relative/path.html", False, True),
        ("//host.example/x", False, True),
        ("", False, True),
        ("javascript:alert(1)", False, False),
        ("java\tscript:alert(1)", False, False),
        ("java\nscript:alert(1)", False, False),
        ("\x00javascript:alert(1)", False, False),
        ("  JAVASCRIPT:alert(1)", False, False),
        ("vbscript:x", False, False),
        ("data:image/png;base64,AAAA", False, False),
        ("data:image/png;base64,AAAA", True, True),
        ("DATA:IMAGE/PNG;base64,AAAA", True, True),
        ("data:image/svg+xml;base64,AAAA", True, False),
        ("data:text/html,<script>", True, False),
        ("data:,hello", True, False),
        ("ftp://example.com/", True, False),
        ("tel:+123", False, False),
    ],
)
def test_is_safe_url(url: str, image: bool, safe: bool) -> None:
    assert is_safe_url(url, image=image) is safe


# --- allowed structure --------------------------------------------------------------------


def test_allowed_structure_is_preserved_exactly() -> None:
    fragment = (
        "<h2>Heading</h2>"
        '<p>Para with <em>em</em>, <strong>strong</strong> and <a href="https://e.example/" '
        'title="T">a link</a>.</p>'
        "<ul><li>one</li><li>two</li></ul>"
        '<ol start="3"><li>three</li></ol>'
        '<blockquote cite="https://src.example/"><p>Quoted.</p></blockquote>'
        '<table><thead><tr><th scope="col">H</th></tr></thead>'
        '<tbody><tr><td colspan="2">D</td></tr></tbody></table>'
        '<pre><code class="language-python">def f():\n    return 1\n</code></pre>'
        '<figure><img src="a.jpg" alt="A cat" width="640" height="480">'
        "<figcaption>Caption</figcaption></figure>"
        '<p><time datetime="2020-08-16">16 August</time> '
        '<abbr title="World Wide Web">WWW</abbr></p>'
    )
    expected = fragment.replace(
        'title="T">a link', 'title="T" rel="noopener noreferrer nofollow">a link'
    )
    assert sanitize_html(fragment) == expected


@pytest.mark.parametrize(
    ("code_class", "kept"),
    [
        ("language-python", True),
        ("language-c++", True),
        ("language-objective_c", True),
        ("lang-python", False),
        ("foo language-python", False),
        ("language-python onmouseover", False),
        ("language-" + "x" * 31, False),
    ],
)
def test_code_class_only_keeps_a_language(code_class: str, kept: bool) -> None:
    expected = f'<code class="{code_class}">x</code>' if kept else "<code>x</code>"
    assert sanitize_html(f'<code class="{code_class}">x</code>') == expected


def test_class_is_not_kept_on_other_elements() -> None:
    assert sanitize_html('<pre class="language-python">x</pre>') == "<pre>x</pre>"


def test_text_that_looks_like_markup_stays_escaped() -> None:
    assert sanitize_html("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_only_the_renderers_image_loading_values_pass() -> None:
    quiet = '<img src="a.png" loading="lazy" referrerpolicy="no-referrer">'
    assert sanitize_html(quiet) == quiet
    loud = '<img src="a.png" loading="eager" referrerpolicy="unsafe-url">'
    assert sanitize_html(loud) == '<img src="a.png">'
