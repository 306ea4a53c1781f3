"""Known XSS vectors, written as the payload data of the saved-page XSS suite.

The vector families follow two public collections; every payload below was written for
this suite from those families, not copied:

- cure53, HTML5 Security Cheatsheet (H5SC), https://github.com/cure53/H5SC, MPL-2.0.
- swisskyrepo, PayloadsAllTheThings, "XSS Injection",
  https://github.com/swisskyrepo/PayloadsAllTheThings, MIT.

Placeholders, expanded by tests/xss/generate.py so that every vector that executes is
observable by the checker:

    $X    window.__xss=~~window.__xss+1
    $XD   $X as decimal character references (&#119;&#105;...)
    $XH   $X as hexadecimal character references (&#x77;&#x69;...)
    $XU   $X percent-encoded (%77%69...)
    $XB   $X in base64, for atob()
    $P    http://127.0.0.1:9/ , a closed port on another origin: a request there means
          something loaded that never should have
    $B64  base64 of a small HTML document that runs $X and loads $P

A vector is (family, payload) or (family, payload, keep): `keep` is text a reader must
still see on the article page, because it was text (not markup) in the saved page.
"""

from __future__ import annotations

Vector = tuple[str, str] | tuple[str, str, str]

# --- in the article body, as raw HTML ----------------------------------------------------

BODY: tuple[Vector, ...] = (
    # <script> in its many spellings
    ("script", "<script>$X</script>"),
    ("script-mixed-case", "<ScRiPt >$X</sCrIpT >"),
    ("script-src", '<script src="$P"></script>'),
    ("script-src-data", "<script src=data:text/javascript,$X></script>"),
    ("script-split", "<scr<script>ipt>$X</scr</script>ipt>"),
    ("script-slash", "<script/x>$X</script>"),
    ("script-unclosed", "<script>$X//"),
    ("svg-script-entities", "<svg><script>$XD</script></svg>"),
    ("svg-script-href", '<svg><script href="data:,$X"></script></svg>'),
    ("conditional-comment", "<!--[if gte IE 4]><script>$X</script><![endif]-->"),
    # event handlers on images and media
    ("img-onerror", "<img src=x onerror=$X>"),
    ("img-onerror-quoted", '<img src="x" onerror="$X">'),
    ("img-slashes", '<img/src="x"/onerror=$X>'),
    ("img-upper", "<IMG SRC=x ONERROR=$X>"),
    ("img-onerror-dec", '<img src=x onerror="$XD">'),
    ("img-onerror-hex", '<img src=x onerror="$XH">'),
    ("img-eval-alt", '<img src=x onerror=eval(alt) alt="$X">'),
    ("img-newline-attr", "<img src=x\nonerror\n=\n$X>"),
    ("img-atob", "<img src=x:x onerror=eval(atob('$XB'))>"),
    ("img-empty-src", "<img src onerror=$X>"),
    ("img-srcset-commas", '<img srcset=",,,,,x" onerror=$X>'),
    ("image-alias", "<image src=x onerror=$X>"),
    (
        "img-onload-valid-gif",
        '<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAIC'
        'RAEAOw==" onload=$X>',
    ),
    ("img-src-javascript", '<img src="javascript:$X">'),
    ("img-src-data-html", '<img src="data:text/html,<script>$X</script>">'),
    ("img-src-data-svg", '<img src="data:image/svg+xml,<svg onload=$X>">'),
    ("img-lowsrc-dynsrc", '<img lowsrc="javascript:$X" dynsrc="javascript:$X" src=x>'),
    ("img-srcset-probe", '<img srcset="$P 1x" src="x.png">'),
    ("img-alt-breakout", '<img src=x alt="&quot;&gt;&lt;img src=x onerror=$X&gt;">'),
    ("img-backtick", "<img src=`x` onerror=$X>"),
    ("picture-source", '<picture><source srcset="$P"><img src="x.png"></picture>'),
    ("video-onerror", "<video src=x onerror=$X></video>"),
    ("video-source-onerror", "<video><source onerror=$X></video>"),
    ("audio-onerror", "<audio src=x onerror=$X></audio>"),
    ("video-poster", '<video poster="$P"></video>'),
    ("input-image", "<input type=image src=x onerror=$X>"),
    ("object-onerror", "<object data=x onerror=$X></object>"),
    # SVG and MathML
    ("svg-onload", "<svg onload=$X>"),
    ("svg-slash-onload", "<svg/onload=$X>"),
    ("svg-animate-onbegin", "<svg><animate onbegin=$X attributeName=x dur=1s>"),
    ("svg-set-onbegin", "<svg><set onbegin=$X attributeName=x to=1 dur=1s>"),
    ("svg-discard-onbegin", "<svg><discard onbegin=$X>"),
    (
        "svg-animate-href",
        '<svg><animate xlink:href=#xss attributeName=href values="javascript:$X"/>'
        "<a id=xss><text x=20 y=20>XSS</text></a></svg>",
    ),
    ("svg-a-xlink", '<svg><a xlink:href="javascript:$X"><text x=20 y=20>XSS</text></a></svg>'),
    ("svg-a-href", '<svg><a href="javascript:$X"><rect width=100 height=100 /></a></svg>'),
    ("svg-image-probe", '<svg><image href="$P" /></svg>'),
    ("svg-feimage-probe", '<svg><filter><feImage href="$P"/></filter></svg>'),
    (
        "svg-use-data",
        "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
        "<image href='1' onerror='$X'/></svg>#x\"/></svg>",
    ),
    ("svg-foreignobject", "<svg><foreignObject><img src=x onerror=$X></foreignObject></svg>"),
    ("svg-style-breakout", "<svg><style><img src=x onerror=$X></style></svg>"),
    ("svg-p-style", '<svg></p><style><a id="</style><img src=1 onerror=$X>">'),
    ("svg-cdata", '<svg><![CDATA[><image xlink:href="]]><img src=x onerror=$X//"></svg>'),
    (
        "math-maction",
        '<math><maction actiontype="statusline" xlink:href="javascript:$X">click'
        "<mtext>x</mtext></maction></math>",
    ),
    ("math-href", '<math href="javascript:$X">click</math>'),
    ("math-mi-xlink", '<math><mi xlink:href="javascript:$X">click</mi></math>'),
    ("math-mglyph-style", "<math><mtext><table><mglyph><style><img src=x onerror=$X>"),
    (
        "math-form-mxss",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=$X>",
    ),
    ("math-style", "<math><style><img src=x onerror=$X></style></math>"),
    (
        "math-annotation-xml",
        '<math><annotation-xml encoding="text/html"><img src=x onerror=$X></annotation-xml></math>',
    ),
    # frames, plugins and forms
    ("iframe-javascript", '<iframe src="javascript:$X"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;$X&lt;/script&gt;"></iframe>'),
    ("iframe-srcdoc-img", '<iframe srcdoc="<img src=x onerror=$X>"></iframe>'),
    ("iframe-data", '<iframe src="data:text/html;base64,$B64"></iframe>'),
    ("iframe-probe", '<iframe src="$P"></iframe>'),
    ("iframe-onload", "<iframe onload=$X></iframe>"),
    ("iframe-rawtext", '<iframe><img title="</iframe><img src=x onerror=$X>"></iframe>'),
    ("frameset-onload", '<frameset onload=$X><frame src="$P"></frameset>'),
    ("object-javascript", '<object data="javascript:$X"></object>'),
    ("object-data-html", '<object data="data:text/html;base64,$B64"></object>'),
    ("object-probe", '<object data="$P" type="text/html"></object>'),
    ("object-param", '<object><param name=src value="javascript:$X"></object>'),
    ("embed-javascript", '<embed src="javascript:$X">'),
    ("embed-data-html", '<embed src="data:text/html;base64,$B64">'),
    ("embed-probe", '<embed src="$P">'),
    ("applet", '<applet code="$P"></applet>'),
    ("form-action", '<form action="javascript:$X"><input type=submit value=go></form>'),
    ("button-formaction", '<form><button formaction="javascript:$X">go</button></form>'),
    ("form-probe", '<form action="$P"><input name=q value=1><button>go</button></form>'),
    ("input-autofocus", "<input onfocus=$X autofocus>"),
    ("select-autofocus", "<select onfocus=$X autofocus></select>"),
    ("textarea-autofocus", "<textarea onfocus=$X autofocus></textarea>"),
    ("keygen-autofocus", "<keygen onfocus=$X autofocus>"),
    ("input-onblur", "<input onblur=$X autofocus><input autofocus>"),
    ("button-onclick", "<button onclick=$X>click</button>"),
    ("isindex", "<isindex type=image src=x onerror=$X>"),
    ("details-ontoggle", "<details open ontoggle=$X><summary>s</summary>d</details>"),
    ("details-closed", "<details ontoggle=$X><summary>s</summary>d</details>"),
    ("marquee-onstart", "<marquee onstart=$X>m</marquee>"),
    (
        "popover-beforetoggle",
        "<div popover id=pop onbeforetoggle=$X>p</div><button popovertarget=pop>go</button>",
    ),
    # meta, base, link and style
    ("meta-refresh-js", '<meta http-equiv="refresh" content="0;url=javascript:$X">'),
    ("meta-refresh-probe", '<meta http-equiv="refresh" content="0; url=$P">'),
    ("meta-refresh-data", '<meta http-equiv="refresh" content="0;url=data:text/html;base64,$B64">'),
    ("meta-csp-relax", '<meta http-equiv="Content-Security-Policy" content="script-src *">'),
    ("base-probe", '<base href="$P"><a href="rel.html">relative</a><img src="rel.png">'),
    ("base-javascript", '<base href="javascript:$X//"><a href="/x">x</a>'),
    ("link-stylesheet", '<link rel=stylesheet href="$P">'),
    ("link-import", '<link rel=import href="$P">'),
    ("link-prefetch", '<link rel=prefetch href="$P">'),
    ("link-preload", '<link rel=preload as=script href="$P">'),
    ("style-import", "<style>@import '$P';</style>"),
    ("style-background", '<style>body{background:url("$P")}</style>'),
    ("style-attr-probe", '<div style="background-image:url($P)">styled</div>'),
    (
        "animationstart",
        '<style>@keyframes x{}</style><span style="animation-name:x" onanimationstart=$X>a</span>',
    ),
    ("table-background", '<table background="$P"><tr><td>cell</td></tr></table>'),
    ("body-onload", "<body onload=$X>"),
    ("body-onpageshow", "<body onpageshow=$X>"),
    ("body-onfocus", "<body onfocus=$X>"),
    # links and their schemes
    ("a-javascript", '<a href="javascript:$X">link</a>'),
    ("a-javascript-case", '<a href="JaVaScRiPt:$X">link</a>'),
    ("a-leading-space", '<a href=" javascript:$X">link</a>'),
    ("a-leading-control", '<a href="&#x01;javascript:$X">link</a>'),
    ("a-tab-entity", '<a href="java&#x09;script:$X">link</a>'),
    ("a-newline-entity", '<a href="java&#x0A;script:$X">link</a>'),
    ("a-cr-entity", '<a href="java&#x0D;script:$X">link</a>'),
    ("a-named-tab", '<a href="java&Tab;script:$X">link</a>'),
    ("a-named-newline", '<a href="java&NewLine;script:$X">link</a>'),
    ("a-raw-tab", '<a href="java\tscript:$X">link</a>'),
    ("a-raw-newline", '<a href="java\nscript:$X">link</a>'),
    ("a-colon-entity", '<a href="javascript&colon;$X">link</a>'),
    ("a-one-entity", '<a href="javas&#99;ript:$X">link</a>'),
    (
        "a-decimal-entities",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;$XD">link</a>',
    ),
    (
        "a-hex-entities",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;$XH">link</a>',
    ),
    (
        "a-padded-entities",
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
        '&#0000112&#0000116&#0000058$X">link</a>',
    ),
    ("a-percent-encoded", '<a href="javascript:$XU">link</a>'),
    ("a-comment-newline", '<a href="javascript://%0a$X">link</a>'),
    ("a-vbscript", '<a href="vbscript:msgbox(1)">link</a>'),
    ("a-livescript", '<a href="livescript:$X">link</a>'),
    ("a-data-html", '<a href="data:text/html,<script>$X</script>">link</a>'),
    ("a-data-base64", '<a href="data:text/html;base64,$B64">link</a>'),
    ("a-onclick", '<a href="https://example.com/" onclick="$X">link</a>'),
    ("a-onmouseover", '<a href="#" onmouseover=$X>link</a>'),
    ("a-onfocus-autofocus", "<a href=# onfocus=$X autofocus>link</a>"),
    ("a-ping", '<a href="https://example.com/" ping="$P">link</a>'),
    ("a-title-breakout", '<a href="https://example.com/" title="&quot; onclick=&quot;$X">l</a>'),
    (
        "area-javascript",
        '<map name=m><area href="javascript:$X" shape=default></map><img usemap=#m src=x.png>',
    ),
    ("blockquote-cite", '<blockquote cite="javascript:$X">quoted</blockquote>'),
    (
        "polyglot",
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=$X )//%0D%0A%0d%0a//</stYle/</titLe/"
        "</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=$X//>\\x3e",
    ),
    (
        "polyglot-href",
        '<a href="jaVasCript:/*-/*`/*\\`/*\'/*&quot;/**/(/* */oNcliCk=$X )//%0D%0A">poly</a>',
    ),
    # handlers on elements the allow-list keeps
    ("div-onmouseover", '<div onmouseover="$X">hover</div>'),
    ("p-onclick", "<p onclick=$X>click</p>"),
    ("custom-element", "<x-el onclick=$X>custom</x-el>"),
    ("div-tabindex-focus", "<div tabindex=1 onfocus=$X autofocus>focus</div>"),
    ("div-pointerover", "<div onpointerover=$X>pointer</div>"),
    ("div-contenteditable", "<div contenteditable onbeforeinput=$X oninput=$X>edit</div>"),
    ("div-draggable", "<div draggable=true ondragstart=$X>drag</div>"),
    ("table-onmouseover", "<table onmouseover=$X><tr><td onclick=$X>cell</td></tr></table>"),
    ("ol-onclick", "<ol onclick=$X start=1><li>item</li></ol>"),
    ("time-onmouseover", "<time onmouseover=$X datetime=2020-01-01>time</time>"),
    ("abbr-onmouseover", '<abbr title="t" onmouseover=$X>abbr</abbr>'),
    ("summary-onclick", "<details><summary onclick=$X>s</summary>d</details>"),
    ("img-allowed-attrs", '<img src="x.png" alt="a" title="t" onmouseover=$X width=1>'),
    ("code-class-breakout", '<pre><code class="language-js" onclick=$X>x = 1</code></pre>'),
    ("unclosed-tag", "<img src=x onerror=$X//"),
    # comments, CDATA and raw-text elements (mutation XSS)
    ("comment-short", "<!--><img src=x onerror=$X>-->"),
    ("comment-empty", "<!----><img src=x onerror=$X>-->"),
    ("comment-bang", "<!-- --!><img src=x onerror=$X> -->"),
    ("comment-attr", '<!--<img src="--><img src=x onerror=$X//">'),
    ("cdata-html", "<![CDATA[><img src=x onerror=$X>]]>"),
    ("processing-instruction", '<?xml-stylesheet href="$P"?><?><img src=x onerror=$X>'),
    ("comment-element", '<comment><img src="</comment><img src=x onerror=$X//">'),
    ("noscript-title", '<noscript><p title="</noscript><img src=x onerror=$X>"></noscript>'),
    ("noscript-img", "<noscript><img src=x onerror=$X></noscript>"),
    ("template-img", "<template><img src=x onerror=$X></template>"),
    ("template-script", "<template><script>$X</script></template>"),
    ("xmp", '<xmp><img src="</xmp><img src=x onerror=$X//"></xmp>'),
    ("noembed", '<noembed><img title="</noembed><img src=x onerror=$X>"></noembed>'),
    ("noframes", '<noframes><img title="</noframes><img src=x onerror=$X>"></noframes>'),
    ("style-rawtext", '<style><img src="</style><img src=x onerror=$X//"></style>'),
    ("title-in-body", "<title><img src=x onerror=$X></title>"),
    ("textarea-rawtext", '<textarea><img title="</textarea><img src=x onerror=$X>"></textarea>'),
    ("select-template", "<select><template><img src=x onerror=$X></template></select>"),
    # text that looks like Markdown, or like markup once unescaped
    ("md-link", "<p>[click](javascript:$X)</p>", "click"),
    ("md-link-case", "<p>[click](JavaScript:$X)</p>", "click"),
    ("md-link-entity", "<p>[click](javascript&#58;$X)</p>", "click"),
    ("md-image", "<p>![pic](javascript:$X)</p>"),
    ("md-image-attr", '<p>![pic](x" onerror="$X)</p>'),
    ("md-link-title", '<p>[click](https://example.com/ "t" onclick="$X")</p>', "click"),
    ("md-reference", "<p>[click][ref]</p><p>[ref]: javascript:$X</p>", "click"),
    ("md-angle-destination", "<p>[click](&lt;javascript:$X&gt;)</p>", "click"),
    ("md-data-link", "<p>[click](data:text/html;base64,$B64)</p>", "click"),
    ("md-autolink", "<p>&lt;javascript:$X&gt;</p>"),
    ("md-inside-link", '<p><a href="https://example.com/">[x](javascript:$X)</a></p>'),
    ("escaped-script", "<p>&lt;script&gt;$X&lt;/script&gt;</p>", "<script>$X</script>"),
    ("escaped-img", "<p>&lt;img src=x onerror=$X&gt;</p>", "<img src=x onerror=$X>"),
    (
        "escaped-a",
        '<p>&lt;a href="javascript:$X"&gt;click&lt;/a&gt;</p>',
        '<a href="javascript:$X">click</a>',
    ),
    (
        "escaped-in-pre",
        "<pre><code>&lt;script&gt;$X&lt;/script&gt;</code></pre>",
        "<script>$X</script>",
    ),
    ("escaped-in-code", "<p><code>&lt;svg onload=$X&gt;</code></p>", "<svg onload=$X>"),
    (
        "double-escaped",
        "<p>&amp;lt;script&amp;gt;$X&amp;lt;/script&amp;gt;</p>",
        "&lt;script&gt;$X&lt;/script&gt;",
    ),
    ("escaped-emphasis", "<p>*&lt;img src=x onerror=$X&gt;*</p>", "<img src=x onerror=$X>"),
    (
        "escaped-in-table",
        "<table><tr><th>h</th></tr><tr><td>&lt;script&gt;$X&lt;/script&gt;</td></tr></table>",
        "<script>$X</script>",
    ),
    (
        "escaped-fence-breakout",
        "<pre>```\n&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;$X&lt;/script&gt;\n```</pre>",
        "<script>$X</script>",
    ),
    ("attr-list", '<p>A paragraph {: onclick="$X" }</p>', '{: onclick="$X" }'),
    ("attr-list-heading", "<h2>Heading {: onmouseover=$X }</h2>", "{: onmouseover=$X }"),
    ("fenced-attrs", "<pre>~~~ {onclick=$X}\ncode\n~~~</pre>"),
    ("md-markdown-attr", '<p>&lt;div markdown="1" onclick="$X"&gt;x&lt;/div&gt;</p>'),
    (
        "escaped-details",
        "<ul><li>&lt;details open ontoggle=$X&gt;</li></ul>",
        "<details open ontoggle=$X>",
    ),
)

# --- in the page's <head>: text fields and URL fields ------------------------------------

# Text a metadata field may carry; the site must show it as text.
META_TEXT: tuple[Vector, ...] = (
    ("close-title", "</title><script>$X</script>"),
    ("attr-breakout", '"><img src=x onerror=$X>'),
    ("template", '<a href="javascript:$X">{{7*7}}${7*7}</a>'),
    ("escaped", "&lt;img src=x onerror=$X&gt;"),
    ("close-script", "</script><script>$X</script><!--"),
)
# Fields shown as text on the article page, the index or in search results. "ld:" fields are
# JSON-LD properties of an Article; the rest are <title> and <meta> names.
META_TEXT_SLOTS = (
    "title",
    "og:title",
    "og:description",
    "article:tag",
    "author",
    "og:site_name",
    "ld:headline",
    "ld:description",
    "ld:author",
    "ld:keywords",
)

# Addresses a metadata field may carry; none may become a link, an image or a request.
META_URL: tuple[Vector, ...] = (
    ("javascript", "javascript:$X"),
    ("javascript-obfuscated", " JaVa\tScRiPt:$X"),
    ("data-html", "data:text/html;base64,$B64"),
    ("quote-breakout", 'https://example.com/x.png" onerror="$X'),
)
META_URL_SLOTS = ("og:image", "twitter:image", "og:url", "canonical", "ld:image", "saved-from")

# One-off head vectors: (slot, family, payload).
HEAD_EXTRA: tuple[tuple[str, str, str], ...] = (
    ("lang", "attr-breakout", 'en" onmouseover="$X'),
    ("lang", "tag-breakout", "en><script>$X</script>"),
    ("og:locale", "breakout", 'fr"><img src=x onerror=$X>'),
    ("article:published_time", "breakout", '2020-01-01"><script>$X</script>'),
    ("ld:raw", "script-close", '{"@type":"Article","headline":"x</script><script>$X</script>"}'),
    ("ld:inLanguage", "breakout", 'en" onmouseover="$X'),
    ("charset", "utf-7", "+ADw-script+AD4-$X+ADw-/script+AD4-"),
    ("singlefile", "url-breakout", 'https://example.com/"><img/src/onerror=$X>'),
    ("monolith", "url-javascript", "javascript:$X"),
    ("head-body", "script-in-head", "<script>$X</script><style>@import '$P';</style>"),
)

# --- plain-text saves (.txt): the whole page is text that may look like HTML or Markdown --

TEXT: tuple[Vector, ...] = (
    ("script", "<script>$X</script> was found in the page.", "<script>$X</script>"),
    ("img-onerror", "<img src=x onerror=$X> appears in this line.", "<img src=x onerror=$X>"),
    ("a-javascript", '<a href="javascript:$X">click</a> is a link.', "click"),
    ("svg-onload", "<svg onload=$X> is an svg.", "<svg onload=$X>"),
    ("iframe-srcdoc", '<iframe srcdoc="<script>$X</script>"></iframe> is a frame.', "srcdoc"),
    ("md-link", "Read [the report](javascript:$X) before the vote.", "the report"),
    ("md-image", "A chart: ![chart](javascript:$X) shows the rise.", "A chart"),
    ("md-autolink", "Visit <javascript:$X> for details of the plan."),
    ("md-reference", "Read [the notes][n] now.\n\n[n]: javascript:$X", "the notes"),
    ("attr-list", 'A paragraph with attributes {: onclick="$X" } in it.', "{: onclick"),
    ("entities", "&lt;script&gt;$X&lt;/script&gt; is escaped text.", "&lt;script&gt;"),
    ("fence", "```\n</code></pre><script>$X</script>\n```", "</code></pre><script>"),
    ("indented-code", "    <script>$X</script>\n    <img src=x onerror=$X>", "<script>"),
    ("comment", '<!--<img src="--><img src=x onerror=$X//"> ends here.', "<!--<img"),
    ("javascript-url", "javascript:$X is an address, not a link."),
    ("data-url", "data:text/html;base64,$B64 is an address."),
    ("html-block", '<div onclick="$X">\n\nClick the text in this block.\n\n</div>', "Click"),
)
# Text-save vectors in the header lines the extractor reads as metadata.
TEXT_HEADER: tuple[tuple[str, str, str], ...] = (
    ("title", "script", "<script>$X</script> Council votes on the harbour plan"),
    ("author", "img", "By <img src=x onerror=$X>"),
    ("tags", "svg", "Tags: <svg onload=$X>, Harbour, Council"),
)

# --- in the reader's notes and highlights, as Markdown -------------------------------------
# A note (`note:`, a highlight's note, `==text==^[note]`) and a highlight's quote are
# Markdown the reader, or an importer from another tool, wrote: every BODY vector goes
# there too, and these, which only Markdown can make.
MARKDOWN_NOTES: tuple[Vector, ...] = (
    ("md-link-javascript", "[click me](javascript:$X)"),
    ("md-link-javascript-spaced", "[click me](java\tscript:$X)"),
    ("md-link-data", "[click me](data:text/html;base64,$B64)"),
    ("md-image-javascript", "![look](javascript:$X)"),
    ("md-image-probe", "![look]($P)"),
    ("md-autolink-javascript", "<javascript:$X>"),
    ("md-reference-javascript", "[click me][r]\n\n[r]: javascript:$X"),
    ("md-title-breakout", '[t](https://example.org/ "x\\" onmouseover=\\"$X")'),
)
