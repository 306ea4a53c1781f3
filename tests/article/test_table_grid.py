"""Tables as pages write them, written as Markdown tables that keep every cell in place:
the Markdown, and the table the reader's page shows (article/table_grid.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from site_builder.article.to_markdown import to_article
from site_builder.core.records import ArticleMeta, ExtractedPage
from site_builder.render import markdown_to_html


def _markdown(html: str) -> str:
    meta = ArticleMeta(title="Results", url="https://example.com/results")
    return to_article(ExtractedPage(meta=meta, html=html)).body


def _shown(markdown: str) -> list[list[str]]:
    """The rendered table's rows, header first, each a list of its cells' text."""
    page = lxml_html.fragment_fromstring(markdown_to_html(markdown), create_parent="div")
    return [[cell.text_content() for cell in row.xpath("./th | ./td")] for row in page.iter("tr")]


@pytest.mark.parametrize(
    ("html", "markdown", "rows"),
    [
        (
            "<table><tr><td>Oslo</td></tr><tr><td>Rome</td><td>1990</td><td>won</td></tr></table>",
            "| Oslo |  |  |\n| --- | --- | --- |\n| Rome | 1990 | won |\n",
            [["Oslo", "", ""], ["Rome", "1990", "won"]],
        ),
        (
            "<table><tr><th>Year</th><th>City</th><th>Result</th></tr><tr><td rowspan='2'>1990"
            "</td><td>Oslo</td><td>won</td></tr><tr><td>Rome</td><td>lost</td></tr></table>",
            "| Year | City | Result |\n| --- | --- | --- |\n| 1990 | Oslo | won |\n"
            "|  | Rome | lost |\n",
            [["Year", "City", "Result"], ["1990", "Oslo", "won"], ["", "Rome", "lost"]],
        ),
        (
            "<table><thead></thead><tbody><tr><td>Oslo</td><td>won</td></tr>"
            "<tr><td>Rome</td><td>lost</td></tr></tbody></table>",
            "| Oslo | won |\n| --- | --- |\n| Rome | lost |\n",
            [["Oslo", "won"], ["Rome", "lost"]],
        ),
        (
            "<table><thead><tr><th>City</th><th>Result</th></tr></thead><tfoot><tr><td>Total"
            "</td><td>1</td></tr></tfoot><tbody><tr><td>Oslo</td><td>won</td></tr></tbody></table>",
            "| City | Result |\n| --- | --- |\n| Oslo | won |\n| Total | 1 |\n",
            [["City", "Result"], ["Oslo", "won"], ["Total", "1"]],
        ),
        (
            "<table><thead><tr><th>City</th><th>Result</th></tr></thead><tbody><tr><th>Oslo"
            "</th><td>won</td></tr><tr><th><b>Rome</b></th><td>lost</td></tr></tbody></table>",
            "| City | Result |\n| --- | --- |\n| **Oslo** | won |\n| **Rome** | lost |\n",
            [["City", "Result"], ["Oslo", "won"], ["Rome", "lost"]],
        ),
        (
            "<table><tr><th colspan='1000'>Results</th></tr><tr><td>Oslo</td></tr></table>",
            "| Results |\n| --- |\n| Oslo |\n",
            [["Results"], ["Oslo"]],
        ),
        (
            "<table><tr><th colspan='2'>Games</th><th>Total</th></tr><tr><td>1</td><td>2</td>"
            "<td>3</td></tr></table>",
            "| Games |  | Total |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n",
            [["Games", "", "Total"], ["1", "2", "3"]],
        ),
    ],
    ids=[
        "a row longer than the first",
        "a cell spanning two rows",
        "an empty head",
        "a footer written first",
        "row headings in the body",
        "a span wider than the table",
        "a heading over two columns",
    ],
)
def test_every_cell_of_a_table_stays_in_its_row_and_column(
    html: str, markdown: str, rows: list[list[str]]
) -> None:
    assert _markdown(html) == markdown
    assert _shown(markdown) == rows


_SPAN = st.sampled_from(["", " colspan='2'", " rowspan='2'", " rowspan='3' colspan='2'"])


@st.composite
def _tables(draw: st.DrawFn) -> str:
    """A table of uneven rows and spans, each cell a word of its own ("c0", "c1", ...)."""
    shapes = draw(st.lists(st.lists(_SPAN, min_size=1, max_size=4), min_size=1, max_size=5))
    head = draw(st.sampled_from(["", "<thead></thead>"]))
    words = iter(range(100))
    rows = "".join(
        "<tr>" + "".join(f"<td{span}>c{next(words)}</td>" for span in shape) + "</tr>"
        for shape in shapes
    )
    return f"<table>{head}<tbody>{rows}</tbody></table>"


@given(_tables())
@settings(max_examples=200, deadline=None)
def test_no_cell_is_lost_and_every_row_is_as_wide(html: str) -> None:
    rows = _shown(_markdown(html))
    cells = [cell for row in rows for cell in row if cell]
    assert sorted(cells) == sorted(f"c{n}" for n in range(html.count("<td")))
    assert len({len(row) for row in rows}) == 1
