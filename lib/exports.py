"""Files users download: text cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import polars as pl

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix a quote to every text cell a spreadsheet would evaluate (`=HYPERLINK(...)`)."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START)).then("'" + pl.col(name)).otherwise(pl.col(name)).alias(name)
        for name in text
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV for download: formulas neutralised, UTF-8 with BOM so Excel shows accents right."""
    return neutralise_formulas(frame).write_csv().encode("utf-8-sig")
