"""Tables that lay out a page, told from tables of data and turned into plain blocks."""

from __future__ import annotations

from lxml import html as lxml_html

_TABLE_PARTS = ("tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "col")
_CELL_BLOCKS = ("p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                "table", "dl", "form", "hr")  # fmt: skip
# A cell holding more text than this is a column of a page layout, not a datum.
LAYOUT_CELL_CHARS = 400


def untable_layout(root: lxml_html.HtmlElement) -> None:
    """Tables used for page layout become plain blocks; data tables stay tables.

    Old pages lay out the whole page in nested tables; written as Markdown, each would be
    one enormous table row. Readability also leaves rows and cells whose table it dropped.
    """
    for table in reversed(list(root.iter("table"))):
        if not is_data_table(table):
            _unwrap_table(table)
    for part in list(root.iter(*_TABLE_PARTS)):
        if _owning_table(part) is None:
            _unwrap_part(part)


def is_data_table(table: lxml_html.HtmlElement) -> bool:
    """Rows and columns of short data, not a page's layout (see LAYOUT_CELL_CHARS)."""
    if (table.get("role") or "").lower() in {"presentation", "none"}:
        return False
    rows = [row for row in table.iter("tr") if _owning_table(row) is table]
    widths = [sum(1 for cell in row if cell.tag in {"td", "th"}) for row in rows]
    if len(rows) < 2 or max(widths, default=0) < 2:
        return False
    for cell in table.iter("td", "th"):
        if _owning_table(cell) is not table:
            return False  # a table inside a cell: layout
        if len(cell.text_content()) > LAYOUT_CELL_CHARS:
            return False
        if any(True for _ in cell.iter(*_CELL_BLOCKS)):
            return False
    return True


def _owning_table(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    return next((a for a in element.iterancestors("table")), None)


def _unwrap_table(table: lxml_html.HtmlElement) -> None:
    for part in list(table.iter(*_TABLE_PARTS)):
        if _owning_table(part) is table:
            _unwrap_part(part)
    table.tag = "div"


def _unwrap_part(part: lxml_html.HtmlElement) -> None:
    if part.tag in {"tr", "td", "th", "caption"}:
        part.tag = "div"
        for name in ("colspan", "rowspan", "scope"):
            part.attrib.pop(name, None)
    else:
        part.drop_tag()
