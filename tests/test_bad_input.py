"""Hostile and broken saved pages: each gets one clear line, and the rest of the build goes on.

The documented contract for a bad file in content/saved/:

- it appears in `BuildReport.failed` as (name relative to saved/, reason), the reason one
  non-empty line; or, where the file is a readable page after all, it becomes an article;
- the other pages are still built;
- nothing under saved/ changes: same files, same bytes, same links;
- nothing hangs: every build runs in a forked child under a time bound and is killed
  past it. The child's main thread runs the build, as the CLI does, so the pipeline's own
  alarm-based time budget is in force there too.

Every bad file is generated here; no binary fixture is committed.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import multiprocessing
import os
import re
import stat
import struct
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from site_builder import render
from site_builder.article import store
from site_builder.build import pipeline
from site_builder.cli import main
from site_builder.core.config import SiteConfig
from site_builder.core.records import BuildReport

from .conftest import make_archive

# Bound on one whole build of a small archive holding one bad file.
BUILD_TIMEOUT = 60.0
# The brief's bound for a page carrying 50,000 attributes.
ATTRIBUTE_PAGE_SECONDS = 20.0
# A gzip bomb must be refused long before it could be inflated (1 GB).
GZIP_BOMB_SECONDS = 15.0
# A reason is "clear" when it is one short line.
MAX_REASON_CHARS = 300

GOOD_PAGES = {"putin-belarus-tbs.txt", "Quiet harbour reopens after storm _ Example Gazette.html"}
FILLER = (
    "The ferry timetable changed on Monday, and commuters on the early crossing said the new "
    "schedule left them waiting on the pier for almost half an hour in the rain.",
    "Officials promised to review the change after a month, once they had counted how many "
    "passengers used each sailing and how many cars were left behind at the ramp.",
    "Local shops near the terminal reported fewer customers in the first week, though the "
    "bakery said its morning trade had held up better than it had feared.",
)


# --- Running a build safely -------------------------------------------------------------


def _bounded(fn: Callable[..., Any], *args: Any, timeout: float = BUILD_TIMEOUT) -> Any:
    """fn(*args) in a forked child, killed after timeout seconds; returns its result."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            outcome: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as err:  # noqa: BLE001 - any escape is what the parent reports
            outcome = ("raised", f"{type(err).__name__}: {err}\n{traceback.format_exc()}")
        sender.send(outcome)

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        if not receiver.poll(timeout):
            pytest.fail(f"{getattr(fn, '__name__', fn)} did not finish within {timeout:g} s")
        kind, value = receiver.recv()
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
    if kind == "raised":
        pytest.fail(f"crashed instead of reporting the file:\n{value}")
    return value


def _timed_build(config: SiteConfig) -> tuple[BuildReport, float]:
    start = time.process_time()
    report = pipeline.build(config)
    return report, time.process_time() - start


def _build(config: SiteConfig) -> tuple[BuildReport, float, float]:
    """The report, wall seconds and the build process's CPU seconds.

    Speed limits are checked on CPU time, which other work on a busy machine does not
    inflate; hangs are caught by the wall-clock bound in _bounded.
    """
    start = time.monotonic()
    report, cpu = _bounded(_timed_build, config)
    return report, time.monotonic() - start, cpu


def _snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under folder, never opening anything but regular files."""
    entries: dict[str, tuple[str, str]] = {}
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(parent) / name
            mode = path.lstat().st_mode
            key = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(mode):
                entries[key] = ("link", str(path.readlink()))
            elif stat.S_ISREG(mode):
                entries[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            elif stat.S_ISDIR(mode):
                entries[key] = ("dir", "")
            else:
                entries[key] = ("special", oct(stat.S_IFMT(mode)))
    return entries


@dataclass(frozen=True, slots=True)
class Outcome:
    report: BuildReport
    seconds: float  # wall clock
    cpu_seconds: float  # CPU time of the build process
    config: SiteConfig

    def reason(self, name: str) -> str | None:
        reasons = [reason for failed, reason in self.report.failed if failed == name]
        return reasons[0] if reasons else None

    def text_of(self, name: str) -> str | None:
        """The rendered plain text of the article built from saved/NAME, if any."""
        for path in store.article_files(self.config.articles_dir):
            article = store.load(path).article
            if article.meta.source == f"saved/{name}":
                return render.prepare(article).text
        return None

    def output_bytes(self) -> bytes:
        """Everything the build wrote: articles, media, site and index."""
        roots = [self.config.articles_dir, self.config.output_dir]
        roots.append(self.config.content_dir / "media")
        return b"\n".join(
            path.read_bytes()
            for root in roots
            if root.is_dir()
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.is_symlink()
        )


def _build_with(
    root: Path, pages: dict[str, bytes], setup: Callable[[Path], None] | None = None
) -> Outcome:
    """Build the standard small archive plus pages, checking the contract's common part."""
    config = make_archive(root, pages=dict(pages))
    if setup is not None:
        setup(config.saved_dir)
    before = _snapshot(config.saved_dir)

    report, seconds, cpu_seconds = _build(config)

    assert _snapshot(config.saved_dir) == before, "saved/ changed during the build"
    assert set(report.new) >= GOOD_PAGES, f"good pages not built: {report}"
    for name, reason in report.failed:
        assert name not in GOOD_PAGES, f"a good page failed: {name}: {reason}"
    assert (config.site_dir / "index.html").is_file()
    return Outcome(report=report, seconds=seconds, cpu_seconds=cpu_seconds, config=config)


def _assert_clean_failure(outcome: Outcome, name: str) -> str:
    reason = outcome.reason(name)
    assert reason is not None, f"{name!r} is not in report.failed: {outcome.report.failed}"
    assert reason.strip(), f"{name}: empty reason"
    assert "\n" not in reason and "\r" not in reason, f"{name}: reason spans lines: {reason!r}"
    assert len(reason) <= MAX_REASON_CHARS, f"{name}: reason too long: {reason!r}"
    assert "Traceback" not in reason
    assert outcome.text_of(name) is None, f"{name} failed yet left an article"
    return reason


def _assert_article_or_clean_failure(outcome: Outcome, name: str) -> str | None:
    """The article's text, or None after checking the failure is one clear line."""
    if outcome.reason(name) is not None:
        _assert_clean_failure(outcome, name)
        return None
    text = outcome.text_of(name)
    assert text is not None, f"{name!r} neither failed nor built: {outcome.report}"
    return text


# --- Pages ---------------------------------------------------------------------------------


def _html(
    sentence: str,
    *,
    title: str | None = "Ferry timetable changes",
    head: str = "",
    charset: str | None = "utf-8",
    filler: tuple[str, ...] = FILLER,
) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    title_tag = f"<title>{title}</title>" if title else ""
    paragraphs = "".join(f"<p>{text}</p>\n" for text in (*filler, sentence))
    return (
        f"<!DOCTYPE html>\n<html><head>{meta}{title_tag}{head}</head>\n"
        f"<body><article>\n{paragraphs}</article></body></html>\n"
    )


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", _html("A page inside a zip archive."))
    return buffer.getvalue()


def _mhtml(sentence: str) -> bytes:
    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://news.example.org/ferry"
    message["Subject"] = "Ferry timetable changes"
    message["Date"] = "Tue, 5 Mar 2024 10:20:30 -0000"
    part = MIMEText(_html(sentence), "html", "utf-8")
    part["Content-Location"] = "https://news.example.org/ferry"
    message.attach(part)
    return message.as_bytes()


def _gzip_bomb(path: Path) -> None:
    """Over 1 GB of zeros behind 1 MB: one 64 MiB gzip member, streamed, then repeated.

    Concatenated gzip members are one valid gzip file (RFC 1952), which keeps making the
    bomb cheap; inflating it all would take seconds and a gigabyte.
    """
    member = io.BytesIO()
    with gzip.GzipFile(fileobj=member, mode="wb", compresslevel=9, mtime=0) as packer:
        packer.write(b"<!DOCTYPE html><html><body><p>")
        zeros = bytes(1 << 20)
        for _ in range(64):
            packer.write(zeros)
    with path.open("wb") as out:
        for _ in range(17):  # 17 x 64 MiB = 1.09 GB inflated
            out.write(member.getvalue())


CYRILLIC = "Городской совет утвердил новый план строительства моста через реку."
CYRILLIC_FILLER = (
    "Жители района долго ждали этого решения, потому что старый мост закрыли ещё прошлой "
    "осенью, и теперь дорога на работу занимает больше часа.",
    "Строители обещают закончить работы до конца следующего года, если погода позволит "
    "начать забивать сваи уже в марте.",
    "Депутаты также обсудили ремонт набережной и новые остановки автобусов на правом берегу.",
)
JAPANESE = "東京都は新しい自転車道の計画を発表しました。"
JAPANESE_FILLER = (
    "この計画では、都心の主要な道路に沿って専用の自転車レーンを整備する予定です。",
    "住民からは安全性が向上するとの期待の声が上がる一方で、駐車場の減少を心配する意見もあります。",
    "工事は来年の春に始まり、三年かけて完成させる見込みだと担当者は説明しました。",
)


# --- The cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("empty.html", b"", id="empty"),
        pytest.param("blank.html", b" \n\t\r\n  \n" * 100, id="whitespace-only"),
        pytest.param("noise.html", hashlib.shake_256(b"noise").digest(8192), id="random-binary"),
        pytest.param("image.html", _png(), id="png-named-html"),
        pytest.param("document.html", _pdf(), id="pdf-named-html"),
        pytest.param("bundle.html", _zip(), id="zip-named-html"),
    ],
)
def test_not_a_page_fails_with_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    outcome = _build_with(tmp_path, {name: data})
    _assert_clean_failure(outcome, name)


def test_html_named_txt_is_read_as_html(tmp_path: Path) -> None:
    sentence = "The harbour master read the tide tables aloud to the assembled crews."
    outcome = _build_with(tmp_path, {"page.txt": _html(sentence).encode()})
    text = _assert_article_or_clean_failure(outcome, "page.txt")
    assert text is not None, "an HTML page saved as .txt should still be read"
    assert sentence in text
    assert "<p>" not in text and "</article>" not in text, "markup shown as text"


def test_mhtml_named_html_is_read_as_mhtml(tmp_path: Path) -> None:
    sentence = "Crews repainted the lighthouse in the colours it wore a century ago."
    outcome = _build_with(tmp_path, {"saved.html": _mhtml(sentence)})
    text = _assert_article_or_clean_failure(outcome, "saved.html")
    assert text is not None, "an MHTML page saved as .html should still be read"
    assert sentence in text
    for header in ("MIME-Version", "Content-Type", "Snapshot-Content-Location", "=3D"):
        assert header not in text, f"MHTML plumbing in the article: {header}"


def test_20_mb_page_builds_or_fails_in_time(tmp_path: Path) -> None:
    paragraph = "<p>" + " ".join(FILLER) + "</p>\n"
    body = paragraph * (20 * 1024 * 1024 // len(paragraph) + 1)
    page = f"<!DOCTYPE html><html><head><title>Huge</title></head><body><article>{body}"
    outcome = _build_with(tmp_path, {"huge.html": (page + "</article></body></html>").encode()})
    _assert_article_or_clean_failure(outcome, "huge.html")


def test_100k_deep_nesting_keeps_the_text_or_says_why(tmp_path: Path) -> None:
    sentence = "The innermost paragraph of a very deeply nested page still has words."
    depth = 100_000
    page = (
        "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + "".join(f"<p>{text}</p>" for text in (*FILLER, sentence))
        + "</div>" * depth
        + "</body></html>"
    )
    outcome = _build_with(tmp_path, {"deep.html": page.encode()})
    text = _assert_article_or_clean_failure(outcome, "deep.html")
    if text is None:
        # "no article text found" would be a silent loss: the page is full of text.
        reason = outcome.reason("deep.html") or ""
        assert re.search(r"nest|deep|depth|level", reason, re.I), f"unclear: {reason!r}"
    else:
        assert sentence in text, "the nested text was lost without a word"


def test_50000_attributes_finish_quickly(tmp_path: Path) -> None:
    attributes = " ".join(f'data-a{i}="v{i}"' for i in range(50_000))
    sentence = "A page weighed down by attributes still carries this sentence."
    page = _html(sentence).replace("<article>", f"<article {attributes}>", 1)
    outcome = _build_with(tmp_path, {"attributes.html": page.encode()})
    assert outcome.cpu_seconds < ATTRIBUTE_PAGE_SECONDS, f"took {outcome.cpu_seconds:.1f} s CPU"
    text = _assert_article_or_clean_failure(outcome, "attributes.html")
    assert text is None or sentence in text


def test_invalid_utf8_in_a_utf8_page_stays_readable(tmp_path: Path) -> None:
    sentence = "Café owners on the quay served crème brûlée to the returning crews."
    data = _html(sentence).encode("utf-8").replace(b"half an hour", b"half an \xff\xfehour")
    outcome = _build_with(tmp_path, {"broken-utf8.html": data})
    text = _assert_article_or_clean_failure(outcome, "broken-utf8.html")
    assert text is not None, "one bad byte should not cost the whole page"
    assert sentence in text, "valid UTF-8 around one bad byte was decoded as something else"


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    sentence = "A naïve visitor asked whether the café by the pier sold maps."
    data = codecs.BOM_UTF16_LE + _html(sentence, charset=None).encode("utf-16-le")
    outcome = _build_with(tmp_path, {"utf16.html": data})
    text = _assert_article_or_clean_failure(outcome, "utf16.html")
    assert text is not None and sentence in text


def test_undeclared_windows_1251_is_readable(tmp_path: Path) -> None:
    page = _html(CYRILLIC, title="Новый мост", charset=None, filler=CYRILLIC_FILLER)
    outcome = _build_with(tmp_path, {"most.html": page.encode("cp1251")})
    text = _assert_article_or_clean_failure(outcome, "most.html")
    assert text is not None and CYRILLIC in text


def test_shift_jis_declared_in_meta_is_readable(tmp_path: Path) -> None:
    page = _html(JAPANESE, title="自転車道", charset="shift_jis", filler=JAPANESE_FILLER)
    outcome = _build_with(tmp_path, {"tokyo.html": page.encode("shift_jis")})
    text = _assert_article_or_clean_failure(outcome, "tokyo.html")
    assert text is not None and JAPANESE in text


def test_utf7_is_never_honoured(tmp_path: Path) -> None:
    marker = "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"
    sentence = f"The notice on the pier read {marker} in faded paint."
    outcome = _build_with(tmp_path, {"utf7.html": _html(sentence, charset="utf-7").encode()})
    text = _assert_article_or_clean_failure(outcome, "utf7.html")
    assert text is None or marker in text, "the page was decoded as UTF-7"
    assert b"<script>alert(1)" not in outcome.output_bytes()


@pytest.mark.parametrize(
    "label", ["rot13", "base64", "hex", "zlib", "bz2", "idna", "punycode", "cp037", "utf-32"]
)
def test_hostile_charset_label_never_crashes(tmp_path: Path, label: str) -> None:
    """Labels Python knows but no browser honours: never a crash, never a garbled article."""
    sentence = "The lifeboat crew trained in the bay every Thursday evening."
    outcome = _build_with(tmp_path, {"label.html": _html(sentence, charset=label).encode()})
    text = _assert_article_or_clean_failure(outcome, "label.html")
    assert text is None or sentence in text, f"decoded as {label}: {text[:200]!r}"


@pytest.mark.parametrize(
    ("name", "page"),
    [
        pytest.param(
            "frames.html",
            "<!DOCTYPE html><html><head><title>Frames</title></head>"
            '<frameset cols="50%,50%"><frame src="left.html"><frame src="right.html">'
            "</frameset></html>",
            id="frameset-only",
        ),
        pytest.param(
            "headonly.html",
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Only a head</title>'
            '<meta name="description" content="A page with a head and nothing else."></head>'
            "</html>",
            id="body-less",
        ),
    ],
)
def test_page_without_a_body(tmp_path: Path, name: str, page: str) -> None:
    outcome = _build_with(tmp_path, {name: page.encode()})
    _assert_article_or_clean_failure(outcome, name)


def test_xhtml_with_xxe_never_reads_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    phrase = "XXE-SECRET-lighthouse-7f3a"
    secret.write_text(phrase, encoding="utf-8")
    passwd = Path("/etc/passwd")
    passwd_line = passwd.read_text(encoding="utf-8").splitlines()[0] if passwd.is_file() else ""
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        f'<!ENTITY own SYSTEM "{secret.as_uri()}">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Entities</title></head>'
        "<body><article>"
        + "".join(f"<p>{text}</p>" for text in FILLER)
        + "<p>Passwords: &xxe; and secrets: &own; end.</p></article></body></html>"
    )
    outcome = _build_with(tmp_path / "site", {"entities.xhtml": page.encode()})
    _assert_article_or_clean_failure(outcome, "entities.xhtml")
    written = outcome.output_bytes()
    assert phrase.encode() not in written
    if passwd_line:
        assert passwd_line.encode() not in written


def test_gzip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    outcome = _build_with(tmp_path, {}, setup=lambda saved: _gzip_bomb(saved / "x.html.gz"))
    _assert_clean_failure(outcome, "x.html.gz")
    assert outcome.cpu_seconds < GZIP_BOMB_SECONDS, f"took {outcome.cpu_seconds:.1f} s CPU"


@pytest.mark.parametrize(
    "name", ["my saved page.html", "été 東京.html", "-rf.html", "a..b.html", "..hidden..html"]
)
def test_odd_file_names(tmp_path: Path, name: str) -> None:
    sentence = f"This page was saved under the odd name {name.removesuffix('.html')} on purpose."
    page = _html(sentence, title=None)  # no title: the file name is all there is to go by
    outcome = _build_with(tmp_path, {name: page.encode()})
    if name.startswith("."):
        # Hidden files are skipped by design (find_saved_pages): never half-read.
        _assert_reported_or_skipped(outcome, name)
        return
    text = _assert_article_or_clean_failure(outcome, name)
    assert text is not None and sentence in text
    assert name in outcome.report.new
    for path in store.article_files(outcome.config.articles_dir):
        assert path.parent == outcome.config.articles_dir
        assert not path.name.startswith(("-", ".")), f"risky article name {path.name!r}"
        assert ".." not in path.stem, f"risky article name {path.name!r}"


def _assert_reported_or_skipped(outcome: Outcome, name: str) -> None:
    if outcome.reason(name) is not None:
        _assert_clean_failure(outcome, name)
    else:
        assert name not in outcome.report.new + outcome.report.updated


def test_symlink_out_of_saved_is_not_followed(tmp_path: Path) -> None:
    phrase = "SYMLINK-SECRET-foghorn-91c2"
    secret = tmp_path / "outside" / "secret.html"
    secret.parent.mkdir()
    secret.write_text(_html(f"The secret phrase is {phrase} and must stay home."), "utf-8")

    def link(saved: Path) -> None:
        (saved / "link.html").symlink_to(secret)

    outcome = _build_with(tmp_path / "site", {}, setup=link)
    _assert_reported_or_skipped(outcome, "link.html")
    assert phrase.encode() not in outcome.output_bytes()


def test_symlink_loop(tmp_path: Path) -> None:
    def loop(saved: Path) -> None:
        (saved / "a.html").symlink_to(saved / "b.html")
        (saved / "b.html").symlink_to(saved / "a.html")

    outcome = _build_with(tmp_path, {}, setup=loop)
    _assert_reported_or_skipped(outcome, "a.html")
    _assert_reported_or_skipped(outcome, "b.html")


def test_fifo_does_not_hang_the_build(tmp_path: Path) -> None:
    outcome = _build_with(tmp_path, {}, setup=lambda saved: os.mkfifo(saved / "page.html"))
    _assert_reported_or_skipped(outcome, "page.html")


# --- The command line ----------------------------------------------------------------------


def _cli_build(config_file: Path, *flags: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--config", str(config_file), *flags])
    return result.exit_code, result.output


def test_cli_build_lists_failures_and_strict_exits_non_zero(tmp_path: Path) -> None:
    make_archive(tmp_path, pages={"empty.html": b""})
    config_file = tmp_path / "site.toml"

    code, output = _bounded(_cli_build, config_file)
    assert code == 0, output
    assert "failed: empty.html: " in output
    assert "1 failed" in output

    code, output = _bounded(_cli_build, config_file, "--strict")
    assert "No such option" not in output, "site-builder build has no --strict option"
    assert code not in (0, 2), f"--strict exited {code} on a failed page:\n{output}"
    assert "failed: empty.html: " in output


def test_cli_strict_build_without_failures_exits_zero(tmp_path: Path) -> None:
    make_archive(tmp_path)
    code, output = _bounded(_cli_build, tmp_path / "site.toml", "--strict")
    assert code == 0, output
