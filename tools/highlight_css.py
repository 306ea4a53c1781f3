"""Write templates/static/highlight.css, the code highlighting palettes, from Pygments.

Run after changing the styles or the code backgrounds in site_builder/render/highlight.py:
    .venv/bin/python tools/highlight_css.py
tests/render/test_highlight.py fails while the file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.render.highlight import palette_css

TARGET = Path(__file__).resolve().parent.parent / "templates" / "static" / "highlight.css"

if __name__ == "__main__":
    TARGET.write_text(palette_css(), encoding="utf-8")
    print(f"wrote {TARGET}")
