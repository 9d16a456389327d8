"""lib/exports.py: downloads never carry a live formula."""

from __future__ import annotations

import polars as pl

from lib.exports import csv_bytes, neutralise_formulas


def test_formula_cells_are_quoted_and_the_rest_untouched() -> None:
    frame = pl.DataFrame(
        {"value": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "Caffè", None], "row": [1, 2, 3, 4, 5, 6, 7]}
    )
    assert neutralise_formulas(frame)["value"].to_list() == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "Caffè",
        None,
    ]
    assert neutralise_formulas(frame)["row"].to_list() == frame["row"].to_list()


def test_csv_has_a_bom_for_excel() -> None:
    data = csv_bytes(pl.DataFrame({"value": ["Società", "=1+1"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["value", "Società", "'=1+1"]
