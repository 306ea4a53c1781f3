"""Code highlighting at build time: the Pygments adapter.

A fenced code block that names its language (```python) comes out of Python-Markdown as
<pre><code class="language-python">; its text is coloured here into <span class="hl-…">
tokens, which the allow-list keeps, and static/highlight.css gives them a light and a
dark palette. No script runs in the reader's browser. A language Pygments does not know
leaves the block as it was, plain.

The palettes are Pygments' own styles with each colour darkened (light theme) or
lightened (dark theme) until it reaches WCAG AA contrast on the site's code background,
so every token stays readable; `palette_css()` makes the stylesheet, and
tools/highlight_css.py writes it to templates/static/highlight.css.
"""

from __future__ import annotations

import html
import re

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

CLASS_PREFIX = "hl-"
# Pygments' own default style, and One Dark: familiar colours, adjusted for contrast.
LIGHT_STYLE = "default"
DARK_STYLE = "one-dark"
# The code background of each theme: --code-bg in templates/static/style.css.
LIGHT_CODE_BACKGROUND = "#f2efe8"
DARK_CODE_BACKGROUND = "#23262c"
# WCAG 2 AA for normal text is 4.5:1; a little over it, so rounding to whole RGB steps
# never lands a colour just under.
MIN_CONTRAST = 4.6
# How far each step moves a colour towards black or white while it is under MIN_CONTRAST.
_MIX_STEP = 0.04

# What Python-Markdown's fenced_code writes for a block with a language (body_html.py
# makes the <pre> focusable first).
_CODE_BLOCK = re.compile(
    r'(<pre[^>]*><code class="language-([A-Za-z0-9_+-]{1,30})">)(.*?)</code></pre>', re.S
)
_RULE = re.compile(r"^\.(?P<name>[\w-]+) \{ (?P<declarations>[^}]*) \}")
_COLOUR = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def highlight_code_blocks(fragment: str) -> str:
    """HTML from Python-Markdown with each code block of a known language highlighted."""
    return _CODE_BLOCK.sub(_highlighted, fragment)


def _highlighted(block: re.Match[str]) -> str:
    opening, language, escaped_code = block.group(1), block.group(2), block.group(3)
    try:
        # Keep the text exactly: no stripped or added newlines.
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return block.group(0)
    formatter = HtmlFormatter(nowrap=True, classprefix=CLASS_PREFIX)
    tokens = highlight(html.unescape(escaped_code), lexer, formatter)
    return f"{opening}{tokens}</code></pre>"


def palette_css() -> str:
    """The stylesheet of token colours: light by default, dark where the site is dark."""
    light = _rules(LIGHT_STYLE, LIGHT_CODE_BACKGROUND)
    dark = _rules(DARK_STYLE, DARK_CODE_BACKGROUND)
    dark_rules = [f':root[data-theme="dark"] {rule}' for rule in dark]
    system_dark = [f'  :root:not([data-theme="light"]) {rule}' for rule in dark]
    return "\n".join(
        [
            "/* Code highlighting (site_builder/render/highlight.py; tools/highlight_css.py",
            f"   writes this file). Pygments' {LIGHT_STYLE!r} and {DARK_STYLE!r} styles,",
            f"   each colour moved to at least {MIN_CONTRAST}:1 on the code background. */",
            *light,
            "/* Dark colours: chosen by the toggle (data-theme), else by the system setting. */",
            *dark_rules,
            "@media (prefers-color-scheme: dark) {",
            *system_dark,
            "}",
            "",
        ]
    )


def _rules(style: str, background: str) -> list[str]:
    """`.hl-k { color: …; font-weight: bold }` for each token class the style colours."""
    rules = []
    formatter = HtmlFormatter(style=style, classprefix=CLASS_PREFIX)
    stylesheet: str = formatter.get_style_defs("")  # type: ignore[no-untyped-call]  # no stub
    for line in stylesheet.splitlines():
        rule = _RULE.match(line)
        if rule is None or not rule["name"].startswith(CLASS_PREFIX):
            continue
        kept = []
        for declaration in rule["declarations"].split(";"):
            name, _, value = (part.strip() for part in declaration.partition(":"))
            if name == "color":
                kept.append(f"color: {_readable(value, background)}")
            elif name in ("font-weight", "font-style"):
                kept.append(f"{name}: {value}")
            # Backgrounds and borders are left out: the block keeps the site's background.
        if kept:
            rules.append(f".{rule['name']} {{ {'; '.join(kept)} }}")
    return rules


def _readable(colour: str, background: str) -> str:
    """colour, moved towards black or white (away from the background) until it reaches
    MIN_CONTRAST on background."""
    match = _COLOUR.fullmatch(colour)
    if match is None:
        return colour  # "inherit" and the like
    rgb = _rgb(match.group(1))
    towards = 0.0 if _luminance(_rgb(background[1:])) > 0.5 else 1.0
    mix = 0.0
    while contrast(_mixed(rgb, towards, mix), _rgb(background[1:])) < MIN_CONTRAST:
        mix += _MIX_STEP
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in _mixed(rgb, towards, mix)))


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (channels 0 to 1)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _mixed(
    rgb: tuple[float, float, float], towards: float, share: float
) -> tuple[float, float, float]:
    share = min(share, 1.0)
    red, green, blue = (round((c * (1 - share) + towards * share) * 255) / 255 for c in rgb)
    return red, green, blue


def _rgb(hex_digits: str) -> tuple[float, float, float]:
    if len(hex_digits) == 3:
        hex_digits = "".join(digit * 2 for digit in hex_digits)
    red, green, blue = (int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def _luminance(rgb: tuple[float, float, float]) -> float:
    red, green, blue = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
