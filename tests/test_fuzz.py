"""Property-based fuzzing of extraction and rendering on random and mutated saved pages.

For any saved file, `extract_articles` returns articles or raises SiteBuilderError
(nothing else), within a few seconds; and the HTML each article renders to passes the
audit: no element that runs, frames, styles or submits, no `on*` handler, and no link or
image source with a scheme beyond http, https and mailto (data: PNG/JPEG/GIF/WebP allowed
on img src).

Each example runs in a forked child that is killed after EXAMPLE_HANG_SECONDS, so a hang
fails the example instead of the suite; "a few seconds" is checked on the child's CPU
time. Runs are derandomized and keep no example database, so CI sees the same examples
every time.
"""

from __future__ import annotations

import multiprocessing
import re
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from site_builder import render
from site_builder.build.extract_file import extract_articles
from site_builder.core.errors import SiteBuilderError

from .conftest import SAMPLE_SAVED

# Per example, CPU seconds for extraction and rendering of one file; the sample pages take
# well under 1 s. CPU time, so that a busy machine does not fail the suite.
EXAMPLE_CPU_SECONDS = 5.0
# Wall-clock seconds after which an example counts as hung and its process is killed.
EXAMPLE_HANG_SECONDS = 30.0
# No shrink phase: shrinking a failure re-runs hundreds of forked examples and takes the
# file far past its minute; the failing example is printed as found.
FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FORBIDDEN_ELEMENTS = frozenset(
    {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "meta", "base"}
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]", re.I)
_RAW_FORBIDDEN = re.compile(r"<\s*/?\s*(" + "|".join(sorted(FORBIDDEN_ELEMENTS)) + r")\b", re.I)

SAMPLES = {p.name: p.read_bytes() for p in sorted(SAMPLE_SAVED.iterdir()) if p.is_file()}

# --- The audit -----------------------------------------------------------------------------


def audit(fragment: str) -> list[str]:
    """What in an article's rendered HTML could run, frame, load or navigate unsafely."""
    problems = [f"raw <{m.group(1)}> in the markup" for m in _RAW_FORBIDDEN.finditer(fragment)]
    if not fragment.strip():
        return problems
    body = lxml_html.document_fromstring(f"<html><body>{fragment}</body></html>").body
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower().rpartition(":")[2].rpartition("}")[2]
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"element <{element.tag}>")
        for name, value in element.attrib.items():
            local = name.lower().rpartition(":")[2].rpartition("}")[2]
            if local.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>: event handler")
            if local in {"href", "src"} and not _safe_url(value, image=tag == "img"):
                problems.append(f"<{tag} {name}={value!r}>: unsafe URL")
    return problems


def _safe_url(value: str, *, image: bool) -> bool:
    # Browsers drop ASCII whitespace and controls inside a URL's scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", value)
    scheme = _SCHEME.match(compact)
    if scheme is None:
        return True  # relative
    if scheme.group(1).lower() in SAFE_SCHEMES:
        return True
    return image and _SAFE_DATA_IMAGE.match(compact) is not None


def test_audit_catches_what_it_should() -> None:
    assert not audit('<p><a href="https://x.org/">x</a> <img src="data:image/png;base64,AA"></p>')
    assert not audit('<p>ok <a href="mailto:a@x.org">x</a> <a href="../x.html">y</a></p>')
    assert audit('<a href="java\tscript:alert(1)">x</a>')
    assert audit('<img src="x" onerror="alert(1)">')
    assert audit("<svg><circle/></svg>")
    assert audit('<a href="data:image/png;base64,AA">x</a>')  # data: only on img src
    assert not audit("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")


# --- Running one example -------------------------------------------------------------------


def _extract_and_render(path: Path, content_dir: Path) -> tuple[str, Any]:
    start = time.process_time()
    try:
        articles = extract_articles(path, content_dir)
        result: tuple[str, Any] = (
            "articles",
            [render.prepare(article).html for article in articles],
        )
    except SiteBuilderError as err:
        result = ("refused", err.reason)
    cpu = time.process_time() - start
    if cpu > EXAMPLE_CPU_SECONDS:
        return ("slow", f"{cpu:.1f} s of CPU")
    return result


def _run_bounded(path: Path, content_dir: Path) -> tuple[str, Any]:
    """_extract_and_render in a forked child, killed after EXAMPLE_HANG_SECONDS."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            outcome = _extract_and_render(path, content_dir)
        except BaseException as err:  # noqa: BLE001 - any other escape is the finding
            outcome = ("crashed", f"{type(err).__name__}: {err}\n{traceback.format_exc()}")
        sender.send(outcome)

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        if not receiver.poll(EXAMPLE_HANG_SECONDS):
            return ("hung", f"no result within {EXAMPLE_HANG_SECONDS:g} s")
        result: tuple[str, Any] = receiver.recv()
        return result
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)


def check_saved_file(name: str, data: bytes) -> None:
    """The properties, for one saved file named name holding data."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        path = content / "saved" / name
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        kind, value = _run_bounded(path, content)
    event(kind)  # shown by --hypothesis-show-statistics: how many examples became articles
    assert kind in {"articles", "refused"}, f"{name}: {kind}: {value}"
    if kind == "refused":
        assert value.strip() and "\n" not in value, f"{name}: reason not one line: {value!r}"
        return
    for html in value:
        problems = audit(html)
        assert not problems, f"{name}: unsafe rendered HTML: {problems}\n{html[:2000]}"


# --- Strategies ----------------------------------------------------------------------------

TAGS = (
    *("p", "div", "span", "a", "img", "article", "section", "h1", "h2", "ul", "li", "b", "i"),
    *("table", "tr", "td", "blockquote", "pre", "code", "figure", "figcaption", "picture"),
    *("script", "svg", "iframe", "object", "embed", "math", "style", "form", "meta", "base"),
    *("noscript", "template", "textarea", "title", "link", "video", "audio", "source"),
    *("input", "button", "details", "summary", "frame", "frameset", "body", "head", "html"),
    *("xmp", "plaintext", "noembed", "select", "option", "use", "image", "foreignObject"),
    *("annotation-xml", "mglyph", "animate", "set", "marquee", "isindex", "applet", "font"),
)
ATTRIBUTE_NAMES = (
    *("href", "src", "srcset", "style", "class", "id", "alt", "title", "lang", "width"),
    *("onclick", "onerror", "onload", "ONMOUSEOVER", "onfocus", "onbegin", "OnToggle"),
    *("xlink:href", "formaction", "action", "data", "poster", "background", "cite"),
    *("dynsrc", "lowsrc", "autofocus", "content", "http-equiv", "charset", "xmlns", "open"),
)
URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    " \x01javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "jav&#97;script:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgo=",
    "DATA:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "file:///etc/passwd",
    "ftp://example.com/file",
    "blob:https://example.com/uuid",
    "feed:javascript:alert(1)",
    "//evil.example/x.png",
    "http://example.com/page",
    "https://example.com/a.png",
    "mailto:someone@example.com",
    "/relative/path?q=1#frag",
    "#anchor",
    "",
)
TEXT_PIECES = (
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&#x3C;svg onload=alert(1)&#x3E;",
    "&amp;",
    "&nbsp;",
    "&quot;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&bogus;",
    "&",
    "<",
    ">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "</",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "`javascript:alert(1)`",
    "[link](javascript:alert(1))",
    "![img](javascript:alert(1))",
    "<https://example.com>",
)
SENTENCE = (
    "The harbour reopened on Thursday after a week of repairs to the sea wall, and the "
    "fishing boats returned to their moorings before dawn to land the first catch."
)

_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(TEXT_PIECES),
    st.just(SENTENCE),
)
_attribute = st.tuples(
    st.sampled_from(ATTRIBUTE_NAMES),
    st.one_of(st.sampled_from(URLS), st.text(max_size=12), st.just("alert(1)")),
    st.sampled_from(['"', "'", ""]),
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        attributes = "".join(
            f" {name}={quote}{value}{quote}" if quote or value else f" {name}"
            for name, value, quote in draw(st.lists(_attribute, max_size=4))
        )
        inner = "".join(draw(st.lists(children, max_size=4)))
        closing = f"</{tag}>" if draw(st.booleans()) or tag in {"script", "style"} else ""
        return f"<{tag}{attributes}>{inner}{closing}"

    return build()


tag_soup = st.recursive(_text, _element, max_leaves=25)


@st.composite
def soup_page(draw: st.DrawFn) -> str:
    """A page of tag soup, often with enough plain paragraphs for an article to be found."""
    parts = draw(st.lists(tag_soup, min_size=1, max_size=6))
    paragraphs = draw(st.integers(0, 5))
    for index in range(paragraphs):
        at = draw(st.integers(0, len(parts)))
        parts.insert(at, f"<p>{SENTENCE} ({index}) {draw(tag_soup)}</p>")
    body = "\n".join(parts)
    if draw(st.booleans()):
        return body  # no document structure at all
    head = draw(st.sampled_from(["", "<title>Fuzz</title>", '<meta charset="utf-8">']))
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


@st.composite
def mutated_sample(draw: st.DrawFn) -> tuple[str, bytes]:
    """A sample saved page with bytes flipped, cut, deleted, or tag soup inserted."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    data = bytearray(SAMPLES[name])
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["flip", "flip", "truncate", "delete", "insert", "insert"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 2000))]
        elif kind == "insert":
            data[at:at] = draw(tag_soup).encode("utf-8")
    return name, bytes(data)


# --- The properties ------------------------------------------------------------------------


@FUZZ_SETTINGS
@given(page=soup_page())
def test_random_tag_soup(page: str) -> None:
    check_saved_file("soup.html", page.encode("utf-8"))


@FUZZ_SETTINGS
@given(sample=mutated_sample())
def test_mutated_sample_pages(sample: tuple[str, bytes]) -> None:
    name, data = sample
    check_saved_file(name, data)


@FUZZ_SETTINGS
@given(
    data=st.binary(max_size=4096),
    name=st.sampled_from(["x.html", "x.txt", "x.mhtml", "x.warc", "x.html.gz", "x"]),
)
def test_random_bytes_under_any_name(data: bytes, name: str) -> None:
    check_saved_file(name, data)
