"""extract(): what readability drops that the article keeps, and where its links lead."""

from __future__ import annotations

from pathlib import Path

from site_builder.article.to_markdown import to_article
from site_builder.core.records import SavedPage
from site_builder.extract import extract
from tests.extract.extracting import article_body

PROSE = (
    "Engineers worked in shifts through the night to rebuild the damaged section of the "
    "sea wall, using granite blocks salvaged from the old lighthouse pier, the council said. "
)


# --- what readability drops, put back -------------------------------------------------------

ARTICLE = f"""<html><head><title>Sea wall rebuilt</title>
<meta property="og:image" content="https://example.org/img/wall-1200x630.jpg"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Sea wall rebuilt</h1>
<p class="standfirst">The storm-damaged wall reopened on Thursday.</p>
<figure class="lead"><img src="https://example.org/img/wall-960.jpg" alt="The new wall">
<figcaption>The rebuilt wall at high tide. Photo: J. Doe</figcaption></figure>
<div class="body">
<p>{PROSE}</p><p>{PROSE}</p>
<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2020</td><td>£1m</td></tr>
<tr><td>2021</td><td>£2m</td></tr></table>
<p>{PROSE}</p>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<p>{PROSE}</p>
<h3>Related stories</h3>
<ul><li><a href="/a">Harbour reopens</a></li><li><a href="/b">Ferry fares rise</a></li></ul>
</div></article>
<aside class="newsletter"><p>Sign up for our newsletter</p><form><input></form></aside>
</body></html>"""


def test_small_table_and_lead_figure_come_back_and_chrome_goes() -> None:
    body = article_body(ARTICLE)
    assert "| Year | Cost |" in body
    assert "![The new wall](https://example.org/img/wall-960.jpg)" in body
    assert "The rebuilt wall at high tide. Photo: J. Doe" in body
    assert body.index("The storm-damaged wall") < body.index("The new wall")
    assert body.index("The new wall") < body.index("Engineers worked")
    for chrome in ("Facebook", "Related stories", "Ferry fares", "newsletter"):
        assert chrome not in body
    assert body.count("wall-") == 1  # the og:image is the same picture: not added again


RELEASE = f"""<html><head><title>Results call</title></head><body>
<div id="content"><h1>Results call</h1>
<p>{PROSE}</p><p>{PROSE}</p>
<p class="MsoCommentText">A playback of the call will be available through Tuesday.</p>
<h3 class="meta-heading">About the harbour trust</h3>
<ul><li>The trust's <a href="/report">annual report</a> for last year</li>
<li>The council's <a href="/minutes">minutes</a> of its June meeting</li></ul>
<p>{PROSE}</p>
<p class="comment">Great news, well done everyone!</p>
</div></body></html>"""


def test_paragraphs_headings_and_lists_dropped_inside_the_text_come_back() -> None:
    # readability drops the paragraph for its "comment" class (Word's MsoCommentText),
    # the heading for its "meta" class and the list for its links; all lie between
    # paragraphs it keeps. The note after the last paragraph it keeps stays out: that is
    # where comments are.
    body = article_body(RELEASE)
    prose = PROSE.strip()
    assert body == (
        f"{prose}\n\n{prose}\n\n"
        "A playback of the call will be available through Tuesday.\n\n"
        "### About the harbour trust\n\n"
        "- The trust's [annual report](/report) for last year\n"
        "- The council's [minutes](/minutes) of its June meeting\n\n"
        f"{prose}\n"
    )


def test_a_long_list_between_kept_blocks_stays_out() -> None:
    # A thread of comments in an <ol>, above a "leave a reply" note readability keeps:
    # it holds more than half the article's words, so it is no list of the article's.
    said = "I was there that night and the noise of the pumps never stopped once. "
    thread = "".join(f"<li>Reader {n} said: {said * 3}</li>" for n in range(6))
    html = (
        f"<html><body><div id='post'><p>{PROSE}</p><p>{PROSE}</p>"
        f"<ol class='commentlist'>{thread}</ol>"
        f"<p>{PROSE} Leave a reply below.</p></div></body></html>"
    )
    body = article_body(html)
    assert "Engineers worked" in body
    assert "Reader" not in body


ROUNDUP = (
    (
        "Harbour trust publishes its tide tables for the winter",
        "a week early, with the spring tides",
    ),
    ("Ferry company adds a late sailing on Fridays", "from May, after two summers of petitions"),
    ("Lighthouse keepers' cottages open to visitors", "from Easter; the first weekend is full"),
)


def test_a_roundup_of_links_between_kept_blocks_comes_back_and_a_related_list_does_not() -> None:
    # readability drops both lists for their links. Each item of the first is a link with
    # a line of comment (a blog's roundup, as dragnet R706's deals): the post itself. The
    # second is links alone: a related list, whatever it stands between.
    roundup = "".join(f'<li><a href="/{n}">{t}</a> – {c}.</li>' for n, (t, c) in enumerate(ROUNDUP))
    related = "".join(f'<li><a href="/r{n}">{t}</a></li>' for n, (t, _) in enumerate(ROUNDUP))
    html = (
        "<html><head><title>Harbour notes</title></head><body><div id='post'>"
        f"<h1>Harbour notes</h1><p>{PROSE}</p><p>{PROSE}</p><ul>{roundup}</ul><p>{PROSE}</p>"
        f"<ul>{related}</ul><p>{PROSE}</p></div></body></html>"
    )
    prose = PROSE.strip()
    assert article_body(html) == (
        f"{prose}\n\n{prose}\n\n"
        "- [Harbour trust publishes its tide tables for the winter](/0) – a week early, with "
        "the spring tides.\n"
        "- [Ferry company adds a late sailing on Fridays](/1) – from May, after two summers of "
        "petitions.\n"
        "- [Lighthouse keepers' cottages open to visitors](/2) – from Easter; the first weekend "
        "is full.\n\n"
        f"{prose}\n\n{prose}\n"
    )


def test_a_one_line_command_in_a_highlighters_wrapper_is_kept_with_its_language() -> None:
    # readability drops a wrapper that holds too little text for it; a tutorial's one-line
    # commands come in one (Sphinx, with a "Copy" button; GitHub). A box of links around
    # a short code (a share box's link to copy) stays out.
    html = (
        "<html><head><title>Install it</title></head><body><article><h1>Install it</h1>"
        f"<p>{PROSE}</p><div class='highlight-shell notranslate'><div class='highlight'>"
        "<button>Copy</button><pre><span></span>pip install harbour</pre></div></div>"
        f"<p>{PROSE}</p><div class='highlight highlight-source-python'><pre>import harbour"
        f"</pre></div><p>{PROSE}</p><div class='share'><a href='/t'>Tweet</a> "
        "<a href='/f'>Share</a> <a href='/e'>Email</a> <a href='/p'>Print</a>"
        f"<pre>https://t.example/x1</pre></div><p>{PROSE}</p></article></body></html>"
    )
    prose = PROSE.strip()
    assert article_body(html) == (
        f"{prose}\n\n```shell\npip install harbour\n```\n\n{prose}\n\n"
        f"```python\nimport harbour\n```\n\n{prose}\n\n{prose}\n"
    )


def test_code_block_keeps_its_lines() -> None:
    html = (
        f"<html><body><article><p>{PROSE}</p><pre><code>def f(x):\n    return x + 1\n"
        f"</code></pre><p>{PROSE}</p></article></body></html>"
    )
    assert "```\ndef f(x):\n    return x + 1\n```" in article_body(html)


def test_an_archived_base_href_does_not_redirect_relative_images() -> None:
    prose = "<p>" + "A paragraph of the article that is long enough to keep. " * 8 + "</p>"
    html = (
        '<html><head><base href="http://127.0.0.1:9/"><title>T</title></head><body>'
        f'<article><h1>T</h1>{prose}<img src="rel.png" alt="x">{prose}</article></body></html>'
    )
    page = SavedPage(
        path=Path("p.html"),
        source="saved/p.html",
        sha256="0" * 64,
        kind="html",
        text=html,
        url="https://example.org/news/a.html",
    )
    found = extract(page)
    assert "127.0.0.1:9" not in found.html
    assert '<img src="rel.png" alt="x">' in found.html  # kept, and still relative
    # The article resolves it against the page's own address.
    assert "![x](https://example.org/news/rel.png)" in to_article(found).body
