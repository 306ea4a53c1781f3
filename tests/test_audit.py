"""A static audit of everything a build publishes, with no browser.

Two archives are built: the sample pages shipped in content/saved/, and the XSS vectors of
tests/xss/ (one saved page each). Every page of both sites is then held to the rules that
make an archived page safe to publish on the user's own origin:

- no event-handler attribute, and no element that runs, frames, embeds, submits, styles or
  redirects (the templates' own script files excepted, where the security policy allows;
  and on 404.html, the <base> at the site's root and the one script that finds it);
- every address is http(s), mailto or relative, or a raster data: image on an <img>;
- the Content-Security-Policy <meta> comes first in <head>, before anything it governs;
- sanitising a published article body again changes nothing (the allow-list is a fixed
  point, so nothing in it is a half-parsed leftover a browser could read differently);
- only one place in the code marks HTML as safe.
"""

from __future__ import annotations

import ast
import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree
from lxml import html as lxml_html

from site_builder import render
from site_builder.article import store
from site_builder.build import pipeline
from site_builder.core import config
from site_builder.core.records import Article
from site_builder.core.sanitize import sanitize_html
from site_builder.render.environment import make_environment
from site_builder.render.not_found import find_root_script, not_found_context

from .xss.generate import Case, write_archive

REPO = Path(__file__).resolve().parent.parent
SAMPLE_SAVED = REPO / "content" / "saved"

# Elements no published page may hold, whatever put them there.
FORBIDDEN_ELEMENTS = frozenset(
    {
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "param",
        "portal",
        "form",
        "svg",
        "math",
        "style",
        "noscript",
        "template",
        "base",
    }
)
# Where the security policy allows a second script of the templates' own: the search page,
# whose search.js reads the static index. Each of its scripts is pinned by its hash.
SCRIPT_PAGES = frozenset({"search.html"})
# The one script other pages run: the theme toggle, allowed by its hash alone.
THEME_SCRIPT = "static/theme.js"
NOSCRIPT_PAGES = frozenset({"search.html"})  # its "search needs JavaScript" notice
# The search box's form: search.js answers it, and the page's CSP (form-action 'none')
# stops the browser from ever submitting it.
FORM_PAGES = frozenset({"search.html"})
# The 404 page, shown at any address, finds the site's root with a script of our own,
# pinned by its hash in the page's CSP, and sets a <base> there (render/not_found.py).
NOT_FOUND_PAGE = "404.html"
_STOCK = make_environment(config.SiteConfig())
ROOT_SCRIPT = find_root_script(_STOCK)
ROOT_SCRIPT_HASH = not_found_context("", _STOCK)["root_script_hash"]
# The other script some pages run: the filter box of the long lists, pinned the same way.
FILTER_SCRIPT = "static/list-filter.js"
FILTER_PAGES = frozenset({"sites/index.html", "tags/index.html", "tags/all.html"})
SCRIPT_FOLDERS = ("static/",)
ALLOWED_META_NAMES = frozenset({"viewport", "referrer", "description"})
ALLOWED_LINK_RELS = frozenset({"stylesheet", "icon"})
# A feed link loads nothing: allowed beside stylesheet and icon when it names a feed type.
FEED_TYPES = frozenset({"application/atom+xml", "application/rss+xml"})
URL_ATTRIBUTES = (
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "cite",
    "background",
    "longdesc",
    "ping",
    "manifest",
    "{http://www.w3.org/1999/xlink}href",
    "xlink:href",
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
SAFE_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)
# The browser drops these anywhere in an address before it reads the scheme (WHATWG URL).
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Files a browser opens as a live document (or runs as a script) when a host serves them by
# their suffix, as GitHub Pages does. Outside the audited pages (.html, the feeds) and the
# templates' own scripts and icon, a built site must hold none.
ACTIVE_SUFFIXES = frozenset(
    {".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js", ".mjs"}
    | {".mht", ".mhtml", ".swf", ".pdf", ".appcache", ".manifest", ".webmanifest"}
)
SCRIPT_FILE_FOLDERS = ("static/",)


@dataclass(frozen=True, slots=True)
class Built:
    name: str
    root: Path
    site: Path
    cases: list[Case]


def _build(root: Path, name: str, cases: list[Case]) -> Built:
    report = pipeline.build(config.load_config(root / "site.toml"))
    assert report.articles > 0, report
    return Built(name=name, root=root, site=root / "output" / "site", cases=cases)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("audit-sample")
    saved = root / "content" / "saved"
    shutil.copytree(SAMPLE_SAVED, saved)
    (root / "site.toml").write_text('title = "Audit Sample"\n', encoding="utf-8")
    return _build(root, "sample", [])


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("audit-xss")
    return _build(root, "xss", write_archive(root))


@pytest.fixture(params=["sample", "payload"])
def built(request: pytest.FixtureRequest) -> Built:
    site: Built = request.getfixturevalue(f"{request.param}_site")
    return site


def _pages(site: Path) -> Iterator[tuple[str, lxml_html.HtmlElement, str]]:
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        yield path.relative_to(site).as_posix(), lxml_html.document_fromstring(text), text


def _summary(problems: list[str], limit: int = 40) -> str:
    """Problems grouped by what is wrong ("page: what"), each with the pages it is on."""
    pages_by_problem: dict[str, list[str]] = {}
    for problem in problems:
        page, _, what = problem.partition(": ")
        pages_by_problem.setdefault(re.sub(r"(\.\./)+", "", what), []).append(page)
    lines = [
        f"{what}\n    on {len(pages)} page(s): {', '.join(pages[:3])}" + (" ..." * (len(pages) > 3))
        for what, pages in list(pages_by_problem.items())[:limit]
    ]
    more = len(pages_by_problem) - limit
    return (
        f"{len(problems)} problems:\n"
        + "\n".join(lines)
        + (f"\n... {more} more" if more > 0 else "")
    )


def _describe(element: lxml_html.HtmlElement) -> str:
    attributes = " ".join(f'{k}="{v[:60]}"' for k, v in element.attrib.items())
    return f"<{element.tag}{' ' if attributes else ''}{attributes}>"


# --- elements and attributes -------------------------------------------------------------


def test_no_event_handler_attributes(built: Built) -> None:
    problems = [
        f"{name}: {name_}= on {_describe(element)}"
        for name, doc, _text in _pages(built.site)
        for element in doc.iter(etree.Element)
        for name_ in element.attrib
        if name_.lower().startswith("on")
    ]
    assert problems == [], _summary(problems)


def test_no_forbidden_elements(built: Built) -> None:
    problems = []
    for name, doc, _text in _pages(built.site):
        for element in doc.iter(etree.Element):
            reason = _forbidden(name, element)
            if reason:
                problems.append(f"{name}: {reason}: {_describe(element)}")
    assert problems == [], _summary(problems)


def _policy(element: lxml_html.HtmlElement) -> dict[str, str]:
    """The directives of the CSP of element's page, by name."""
    csp = element.getroottree().getroot().find("head")[0].get("content") or ""
    return {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";") if d.strip()}


def _theme_script_problem(page: str, element: lxml_html.HtmlElement) -> str | None:
    """Every page may run the theme toggle, the long lists their filter box too, and
    only those, each pinned by hash in its CSP."""
    target = urljoin(f"https://site.invalid/{page}", element.get("src") or "")
    integrity = element.get("integrity") or ""
    allowed = {THEME_SCRIPT} | ({FILTER_SCRIPT} if page in FILTER_PAGES else set())
    if target not in {f"https://site.invalid/{a}" for a in allowed} or (element.text or "").strip():
        return "a script outside the pages allowed to run one"
    if not integrity.startswith("sha256-"):
        return "a pinned script without an integrity hash"
    pinned = [
        f"'{s.get('integrity')}'" for s in element.getroottree().iter("script") if s.get("src")
    ]
    if page == NOT_FOUND_PAGE:
        pinned.append(f"'{ROOT_SCRIPT_HASH}'")
    if _policy(element).get("script-src") != " ".join(["script-src", *pinned]):
        return "a page whose CSP allows more scripts than its pinned scripts"
    return None


def _pinned_script_problem(page: str, element: lxml_html.HtmlElement) -> str | None:
    """The search page's scripts: files of static/, each pinned by its hash, and its CSP
    allows exactly those hashes."""
    source = element.get("src")
    if source is None or (element.text or "").strip():
        return "an inline script"
    target = urljoin(f"https://site.invalid/{page}", source)
    if not target.startswith(tuple(f"https://site.invalid/{f}" for f in SCRIPT_FOLDERS)):
        return f"a script from outside {' or '.join(SCRIPT_FOLDERS)}"
    if not (element.get("integrity") or "").startswith("sha256-"):
        return "a script without an integrity hash"
    pinned = [f"'{s.get('integrity')}'" for s in element.getroottree().iter("script")]
    if _policy(element).get("script-src") != " ".join(["script-src", *pinned]):
        return "a page whose CSP allows other scripts than its pinned ones"
    return None


def _finds_the_root(page: str, tag: str, element: lxml_html.HtmlElement) -> bool:
    """The 404 page's <base href="/"> and the exact script that moves it to the root."""
    if page != NOT_FOUND_PAGE:
        return False
    if tag == "base":
        return dict(element.attrib) == {"href": "/"}
    return tag == "script" and not element.attrib and element.text == ROOT_SCRIPT


def _forbidden(page: str, element: lxml_html.HtmlElement) -> str | None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if _finds_the_root(page, tag, element):
        return None
    if tag == "script":
        if page not in SCRIPT_PAGES:
            return _theme_script_problem(page, element)
        return _pinned_script_problem(page, element)
    if tag == "noscript":
        return None if page in NOSCRIPT_PAGES else "a forbidden element"
    if tag == "form" and page in FORM_PAGES:
        if element.get("action") is not None or element.get("method") is not None:
            return "a form that says where to submit"
        if _policy(element).get("form-action") != "form-action 'none'":
            return "a form on a page whose CSP lets it be submitted"
        return None
    if tag in FORBIDDEN_ELEMENTS:
        return "a forbidden element"
    if tag == "meta":
        return None if _allowed_meta(element) else "a meta other than the site's own"
    if tag == "link":
        rels = set((element.get("rel") or "").lower().split())
        if rels and rels <= ALLOWED_LINK_RELS:
            return None
        if rels == {"alternate"} and (element.get("type") or "").lower() in FEED_TYPES:
            return None
        return "a link other than a stylesheet, an icon or a feed"
    return None


def _allowed_meta(element: lxml_html.HtmlElement) -> bool:
    if element.get("charset") is not None and len(element.attrib) == 1:
        return True
    if (element.get("name") or "").lower() in ALLOWED_META_NAMES:
        return element.get("http-equiv") is None
    return (element.get("http-equiv") or "").lower() == "content-security-policy"


# --- addresses ---------------------------------------------------------------------------


def test_every_address_is_web_mail_or_relative(built: Built) -> None:
    problems = []
    for name, doc, _text in _pages(built.site):
        for element in doc.iter(etree.Element):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if value is None:
                    continue
                addresses = _srcset(value) if attribute == "srcset" else [value]
                image_source = element.tag == "img" and attribute == "src"
                for address in addresses:
                    if not _safe_address(address, image=image_source):
                        problems.append(f"{name}: {attribute}={address[:80]!r} on <{element.tag}>")
    assert problems == [], _summary(problems)


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _safe_address(address: str, *, image: bool) -> bool:
    """As a browser reads it: C0 controls and spaces trimmed, tabs and newlines dropped.

    Character references are decoded once more with Python's HTML 5 table, because lxml
    leaves the ones HTML 4 did not name (&colon;, &Tab;, &NewLine;) as they are. Decoding
    twice can only make the check stricter.
    """
    url = _URL_IGNORED.sub("", html.unescape(address).strip(_C0_AND_SPACE))
    scheme = _SCHEME.match(url)
    if scheme is None:
        return True  # relative (path, query, fragment or //host, which stays on http(s))
    name = scheme.group(1).lower()
    if name == "data":
        return image and bool(SAFE_DATA_IMAGE.match(url))
    return name in SAFE_SCHEMES


def test_the_address_check_knows_the_tricks() -> None:
    """The audit's own URL reading, on addresses the allow-list must never let through."""
    for unsafe in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "\x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>",
    ):
        assert not _safe_address(unsafe, image=True), unsafe
    assert _safe_address("data:image/png;base64,AAAA", image=True)
    assert not _safe_address("data:image/png;base64,AAAA", image=False)
    for safe in ("https://example.org/", "mailto:a@example.org", "../media/x.png", "#top", "?q"):
        assert _safe_address(safe, image=False), safe


# --- the Content-Security-Policy ---------------------------------------------------------


def test_the_csp_meta_comes_first_in_head(built: Built) -> None:
    problems = []
    for name, doc, text in _pages(built.site):
        head = doc.find("head")
        first = head[0] if head is not None and len(head) else None
        if first is None or not (
            first.tag == "meta"
            and (first.get("http-equiv") or "").lower() == "content-security-policy"
        ):
            problems.append(
                f"{name}: <head> starts with {_describe(first) if first is not None else 'nothing'}"
            )
            continue
        policy = first.get("content") or ""
        if "default-src 'none'" not in policy or "object-src 'none'" not in policy:
            problems.append(f"{name}: the policy does not start from nothing: {policy[:80]}")
        # The parser may move elements; in the file itself the policy must also come first.
        after_head = text.split("<head>", 1)[-1].lstrip()
        if not after_head.lower().startswith('<meta http-equiv="content-security-policy"'):
            problems.append(f"{name}: the file's <head> does not open with the CSP <meta>")
    assert problems == [], _summary(problems)


# --- article bodies ----------------------------------------------------------------------


def _articles(built: Built) -> list[Article]:
    paths = store.article_files(built.root / "content" / "articles")
    return [store.load(path).article for path in paths]


def test_sanitising_a_published_body_again_changes_nothing(built: Built) -> None:
    problems = []
    for article in _articles(built):
        body = render.prepare(article).html  # the front matter's highlights marked
        page = (built.site / render.article_href(article)).read_text(encoding="utf-8")
        if body not in page:
            problems.append(f"{article.stem}: the body audited here is not the one published")
        again = sanitize_html(body)
        if again != body:
            problems.append(
                f"{article.stem}: changed by a second pass:\n{_first_difference(body, again)}"
            )
    assert problems == [], _summary(problems)


def _first_difference(before: str, after: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    start, end = max(0, at - 40), at + 60
    return f"    before: {before[start:end]!r}\n    after:  {after[start:end]!r}"


def test_payload_text_is_kept_as_text(payload_site: Built) -> None:
    """What a saved page showed as text, a reader still sees: escaped markup stays visible."""
    by_source = {article.meta.source: article for article in _articles(payload_site)}
    problems = []
    for case in payload_site.cases:
        article = by_source.get(f"saved/{case.name}")
        if case.keep is None or article is None:
            continue
        page = payload_site.site / render.article_href(article)
        main = lxml_html.document_fromstring(page.read_text(encoding="utf-8")).find(".//main")
        shown = " ".join((main.text_content() if main is not None else "").split())
        wanted = " ".join(case.keep.split())
        if wanted not in shown:
            problems.append(f"{case.label} ({case.name}): the page no longer shows {wanted!r}")
    assert problems == [], _summary(problems)


# --- everything else the site publishes --------------------------------------------------


def test_every_other_published_file_is_inert(built: Built) -> None:
    """No file outside the audited pages could open as a live page on the user's origin."""
    problems = []
    for path in sorted(p for p in built.site.rglob("*") if p.is_file()):
        name = path.relative_to(built.site).as_posix()
        suffix = path.suffix.lower()
        if suffix not in ACTIVE_SUFFIXES:
            continue
        if suffix in {".js", ".mjs"} and name.startswith(SCRIPT_FILE_FOLDERS):
            continue  # the templates' own scripts
        if name == "static/favicon.svg" and _inert_svg(path):
            continue
        if suffix == ".xml" and "/" not in name:
            continue  # the feed and the sitemap, audited below
        problems.append(f"{name}: a {suffix} file a browser would open as a live document")
    # The browser search's index is data only: JSON and binary shards.
    problems.extend(
        f"{path.relative_to(built.site).as_posix()}: not data in the search index"
        for path in sorted((built.site / "search").rglob("*"))
        if path.is_file() and path.suffix not in {".json", ".bin"}
    )
    assert problems == [], _summary(problems)


def _inert_svg(path: Path) -> bool:
    root = etree.fromstring(path.read_bytes())
    for element in root.iter(etree.Element):
        local = etree.QName(element).localname.lower()
        if local in {"script", "foreignobject", "a"} or any(
            etree.QName(key).localname.lower().startswith("on") for key in element.attrib
        ):
            return False
    return True


def test_feeds_hold_only_text(built: Built) -> None:
    """A feed reader shows Atom content of type html; ours carries plain text only (unless
    feed_full_content = true asks for the sanitised bodies: tests/render/test_feeds.py)."""
    problems = []
    for path in sorted(built.site.glob("*.xml")):
        root = etree.fromstring(path.read_bytes())
        for node in root.iter():
            if isinstance(node, etree._ProcessingInstruction):
                problems.append(f"{path.name}: a processing instruction {node.target}")
                continue
            if not isinstance(node.tag, str):
                continue
            if not node.tag.startswith((ATOM, SITEMAP)):
                problems.append(f"{path.name}: an element outside Atom and sitemaps: {node.tag}")
            if node.get("type") in {"html", "xhtml"}:
                problems.append(f"{path.name}: {node.tag} holds {node.get('type')}")
            for key in ("href", "{http://www.w3.org/XML/1998/namespace}base"):
                value = node.get(key)
                if value is not None and not _safe_address(value, image=False):
                    problems.append(f"{path.name}: {key}={value[:80]!r}")
    assert problems == [], _summary(problems)


# --- one place marks HTML as safe --------------------------------------------------------

# Ways to hand Jinja HTML it will not escape, or to write HTML from a string in a browser.
UNESCAPING = re.compile(
    r"\|\s*safe\w*\b"  # |safe, and any |safe_html-like filter
    r"|\{%-?\s*autoescape\s+false"
    r"|autoescape\s*=\s*False"
    r"|\bMarkup\s*\("
    r"|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write",
    re.I,
)
SCANNED_SUFFIXES = frozenset({".py", ".html", ".xml", ".txt", ".js"})
# The one place HTML becomes trusted, after the allow-list: render/pages.py, trusted_html
# (article and version pages both call it).
ALLOWED_UNESCAPE = ("site_builder/render/pages.py", "trusted_html")


def test_html_is_marked_safe_in_exactly_one_place() -> None:
    found = []
    for root in (REPO / "site_builder", REPO / "templates"):
        for path in sorted(root.rglob("*")):
            if path.suffix not in SCANNED_SUFFIXES or not path.is_file():
                continue
            name = path.relative_to(REPO).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if UNESCAPING.search(line):
                    found.append((name, number, line.strip()))

    allowed_file, allowed_function = ALLOWED_UNESCAPE
    allowed_lines = _markup_calls_in(REPO / allowed_file, allowed_function)
    unexpected = [
        f"{name}:{number}: {line}"
        for name, number, line in found
        if not (name == allowed_file and number in allowed_lines)
    ]
    assert unexpected == [], "\n".join(unexpected)
    assert len(allowed_lines) == 1, f"{allowed_function} should call Markup() exactly once"
    assert [n for name, n, _ in found if name == allowed_file] == sorted(allowed_lines)


def _markup_calls_in(path: Path, function: str) -> set[int]:
    """Lines of the Markup(...) calls inside the named function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return {
                call.lineno
                for call in ast.walk(node)
                if isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "Markup"
            }
    return set()


def test_the_environment_escapes_by_default() -> None:
    """Every Jinja Environment in the package is built with autoescape switched on."""
    problems = []
    for path in sorted((REPO / "site_builder").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and _called(call) == "Environment"):
                continue
            escape = next((k.value for k in call.keywords if k.arg == "autoescape"), None)
            if escape is None or (isinstance(escape, ast.Constant) and not escape.value):
                problems.append(f"{path.relative_to(REPO)}:{call.lineno}: autoescape is off")
    assert problems == [], "\n".join(problems)


def _called(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def test_the_audit_sees_a_hole(tmp_path: Path) -> None:
    """The page checks can fail: a hand-made unsafe page trips each of them."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "bad.html").write_text(
        "<!doctype html><html><head><title>bad</title>"
        '<meta http-equiv="Content-Security-Policy" content="default-src *"></head><body>'
        '<p onclick="x()">p</p><iframe src="x.html"></iframe><script>x()</script>'
        '<a href="java&#x09;script:x()">a</a><img src="data:image/svg+xml,x">'
        '<meta http-equiv="refresh" content="0;url=https://example.org/">'
        '<link rel="import" href="x.html"></body></html>',
        encoding="utf-8",
    )
    bad = Built(name="bad", root=tmp_path, site=site, cases=[])
    for check in (
        test_no_event_handler_attributes,
        test_no_forbidden_elements,
        test_every_address_is_web_mail_or_relative,
        test_the_csp_meta_comes_first_in_head,
    ):
        with pytest.raises(AssertionError):
            check(bad)


def test_the_address_check_reads_html5_entities() -> None:
    """lxml knows only HTML 4's named references; the browser also decodes &colon; &Tab;."""
    doc = lxml_html.fragment_fromstring('<a href="&#106;ava&Tab;script&colon;x()">a</a>')
    assert not _safe_address(doc.get("href") or "", image=False)


@pytest.mark.parametrize(
    ("policy", "body"),
    [
        # Any script of the origin, as Pagefind's page allowed: on user.github.io, that
        # is every other project site of the account.
        (
            "script-src 'self' 'wasm-unsafe-eval'; form-action 'none'",
            '<script src="static/search.js" integrity="sha256-AAAA"></script>',
        ),
        (
            "script-src 'sha256-AAAA'; form-action 'none'",
            '<script src="static/search.js"></script>',
        ),
        (
            "script-src 'sha256-AAAA'; form-action 'none'",
            '<script src="pagefind/x.js" integrity="sha256-AAAA"></script>',
        ),
        ("script-src 'none'", "<form><input type=search></form>"),
        ("script-src 'none'; form-action 'none'", '<form action="https://example.org/">x</form>'),
    ],
    ids=["any-script", "no-hash", "other-folder", "submittable-form", "form-action"],
)
def test_the_audit_holds_the_search_page_to_its_pins(
    tmp_path: Path, policy: str, body: str
) -> None:
    with pytest.raises(AssertionError):
        test_no_forbidden_elements(_search_page_only(tmp_path, policy, body))


def test_a_search_page_with_pinned_scripts_and_an_unsendable_form_passes(tmp_path: Path) -> None:
    """The checks above fail for what they name, not for any search page."""
    body = (
        '<form role="search"><input type="search"></form>'
        '<script src="static/search.js" integrity="sha256-AAAA"></script>'
    )
    policy = "script-src 'sha256-AAAA'; form-action 'none'"
    test_no_forbidden_elements(_search_page_only(tmp_path, policy, body))


def _search_page_only(tmp_path: Path, policy: str, body: str) -> Built:
    """A site of one hand-made search page under policy."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "search.html").write_text(
        '<!doctype html><html><head><meta http-equiv="Content-Security-Policy"'
        f" content=\"default-src 'none'; object-src 'none'; {policy}\"><title>s</title>"
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    return Built(name="search", root=tmp_path, site=site, cases=[])
