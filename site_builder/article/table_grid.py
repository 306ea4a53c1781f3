"""Each table laid out as a Markdown table can hold it: a header row, then even rows.

markdownify writes a table row by row, as the HTML orders them, and Python-Markdown reads
a table by its first row and the separator line under it. Tables as pages write them
lost cells or showed as text:
- a row with more cells than the first lost the extra ones (Python-Markdown keeps as
  many cells as the header has);
- a cell spanning rows (rowspan) shifted the next rows' cells one column left, under
  the wrong heading;
- an empty <thead> left the table without a separator line: the table showed as text;
- a <tfoot> written before the body (as HTML 4 asked) became the header, and the
  body's first row a second separator shown as "---" cells;
- a body row of <th> cells under a header became a second separator too.
even_table_rows rebuilds each table (not one holding another table: a layout) as one
header row in <thead> and the others in <tbody>, the footer last, every row as wide as
the widest, each spanned place holding an empty cell. A <th> in the body (a row's own
heading) is a <td> holding its text in bold.
"""

from __future__ import annotations

from lxml import html as lxml_html

# markdownify writes a cell spanning n columns as n cells; a page's colspan="1000" would
# make a thousand.
MAX_SPAN = 50
_ROWS = "./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"


def even_table_rows(root: lxml_html.HtmlElement) -> None:
    for table in list(root.iter("table")):
        nested = next(table.iterancestors("table"), None) is not None
        if not nested and next(table.iterdescendants("table"), None) is None:
            _rebuild(table)


def _rebuild(table: lxml_html.HtmlElement) -> None:
    rows = _display_order(table)
    if not rows:
        return
    grid, width = _grid(rows)
    header, *body = rows
    for row, places in zip(rows, grid, strict=True):
        _fill(row, places, width, heading=row is header)
    for part in table.xpath("./thead | ./tbody | ./tfoot | ./tr"):
        table.remove(part)
    thead = lxml_html.Element("thead")
    thead.append(header)
    table.append(thead)
    if body:
        tbody = lxml_html.Element("tbody")
        tbody.extend(body)
        table.append(tbody)


def _display_order(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The rows as a browser shows them: the head, the body, then the footer."""
    parts: dict[str, list[lxml_html.HtmlElement]] = {"thead": [], "body": [], "tfoot": []}
    for row in table.xpath(_ROWS):
        if row.xpath("./td | ./th"):
            part = row.getparent().tag
            parts[part if part in ("thead", "tfoot") else "body"].append(row)
    return parts["thead"] + parts["body"] + parts["tfoot"]


def _grid(
    rows: list[lxml_html.HtmlElement],
) -> tuple[list[list[lxml_html.HtmlElement | None]], int]:
    """Each row's places, column by column: the cell that starts there, or None where a
    cell spans into it; and the table's width, the most columns any cell starts in or a
    cell above spans down into (so colspan="50" over one column of data adds nothing)."""
    spanned: set[tuple[int, int]] = set()
    grid: list[list[lxml_html.HtmlElement | None]] = []
    width = 1
    for row_index, row in enumerate(rows):
        places: list[lxml_html.HtmlElement | None] = []
        for cell in row.xpath("./td | ./th"):
            while (row_index, len(places)) in spanned:
                places.append(None)
            width = max(width, len(places) + 1)
            columns = _span(cell, "colspan")
            down = min(_span(cell, "rowspan"), len(rows) - row_index)
            for column in range(len(places), len(places) + columns):
                spanned.update((below, column) for below in range(row_index + 1, row_index + down))
            places.append(cell)
            places.extend([None] * (columns - 1))
        while (row_index, len(places)) in spanned:
            places.append(None)
            width = max(width, len(places))
        grid.append(places)
    return [places[:width] for places in grid], width


def _span(cell: lxml_html.HtmlElement, attribute: str) -> int:
    value = (cell.get(attribute) or "").strip()
    return min(int(value), MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _fill(
    row: lxml_html.HtmlElement,
    places: list[lxml_html.HtmlElement | None],
    width: int,
    *,
    heading: bool,
) -> None:
    """The row rebuilt as one cell per place, `width` places in all."""
    for cell in row.xpath("./td | ./th"):
        row.remove(cell)
    empty = "th" if heading else "td"
    places = places + [None] * (width - len(places))
    for cell in places:
        if cell is None:
            cell = lxml_html.Element(empty)
        else:
            for attribute in ("colspan", "rowspan"):
                cell.attrib.pop(attribute, None)
            if cell.tag == "th" and not heading:
                _bold_heading(cell)
        cell.tail = None
        row.append(cell)


def _bold_heading(cell: lxml_html.HtmlElement) -> None:
    cell.tag = "td"
    if not cell.text_content().strip() or next(cell.iter("b", "strong"), None) is not None:
        return
    strong = lxml_html.Element("strong")
    strong.text, cell.text = cell.text, None
    strong.extend(list(cell))
    cell.append(strong)
