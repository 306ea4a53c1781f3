"""Mojibake repaired in the extracted text: the ftfy adapter, the only code that imports it.

Some pages were saved after UTF-8 had been read as windows-1252, so "Play…and Pay"
reads "Playâ€¦and Pay" (issue 26). ftfy (6.3) finds such text and tells the steps that
undo it. A repair is made only where it is certain: when every step ftfy took is one of
CERTAIN_STEPS, re-encoding a whole text in a one-byte code page and decoding it as
UTF-8. Its guesses (text mixing good UTF-8 with bad, a lost no-break space put back)
are left alone, as are its other fixes (quotes, ligatures, widths): they change text that
is not broken. The saved page itself is never changed; only the title, description and
article text the build writes.
"""

from __future__ import annotations

import ftfy
import lxml.etree
from lxml import html as lxml_html

# The steps of a certain repair: the text, encoded back into the code page it was
# wrongly decoded with, is valid UTF-8 ("Ã©" -> "é", "â€¦" -> "…").
CERTAIN_STEPS = frozenset(
    {
        ("encode", "latin-1"),
        ("encode", "sloppy-windows-1252"),
        ("encode", "windows-1252"),
        ("decode", "utf-8"),
        ("decode", "utf-8-variants"),
    }
)
# Text whose characters are code blocks keeps them: a page about mojibake shows it there.
_KEPT_AS_WRITTEN = frozenset({"pre", "code", "kbd", "samp"})


def repair_text(text: str) -> str:
    """text with its mojibake undone, where the repair is certain; else text as it was."""
    if text.isascii():
        return text
    fixed, steps = ftfy.fix_encoding_and_explain(text)
    if not steps or any(tuple(step) not in CERTAIN_STEPS for step in steps):
        return text
    return fixed


def repair_fragment(fragment: str) -> str:
    """An HTML fragment with each of its texts repaired (repair_text), markup untouched.

    The fragment is returned as it came when nothing in it needs repair.
    """
    if fragment.isascii():
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    repaired = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if not value or value.isascii() or _kept(element, own=attribute == "text"):
                continue
            fixed = repair_text(value)
            if fixed != value:
                setattr(element, attribute, fixed)
                repaired = True
    if not repaired:
        return fragment
    inner = [lxml_html.tostring(child, encoding="unicode") for child in root]
    return (root.text or "") + "".join(str(part) for part in inner)


def _kept(element: lxml_html.HtmlElement, *, own: bool) -> bool:
    """Whether a text lies in code: an element's own text, or the tail after it."""
    if own and element.tag in _KEPT_AS_WRITTEN:
        return True
    return any(ancestor.tag in _KEPT_AS_WRITTEN for ancestor in element.iterancestors())
