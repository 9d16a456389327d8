"""Files users download (CSV, xlsx): text cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import io
from collections.abc import Sequence

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lib import i18n
from lib.actionlog import SENT_BY
from lib.policy import CHECKS, STEPS, TRACKS

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


def xlsx_bytes(
    frame: pl.DataFrame, sheet: str, money: Sequence[str] = (), currencies: Sequence[str] | None = None
) -> bytes:
    """A formatted workbook of one sheet: bold frozen header, autofilter, readable widths.

    The `money` columns hold integer cents: they become amounts (cents / 100) with two decimals,
    followed by the row's currency when `currencies` gives one per row. Text that a
    spreadsheet would run as a formula is neutralised first.
    """
    table = neutralise_formulas(frame).with_columns(pl.col(name) / 100 for name in money)
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(table.columns)
    for row in table.rows():  # writing cells is row by row by nature; nothing is computed here
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    money_formats = [f'#,##0.00 "{code}"' for code in currencies] if currencies else ["#,##0.00"] * table.height
    dates = [name for name, dtype in table.schema.items() if dtype == pl.Date]
    for index, name in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        if name in money:
            for cell, number_format in zip(ws[letter][1:], money_formats, strict=True):
                cell.number_format = number_format
        elif name in dates:
            for cell in ws[letter][1:]:
                cell.number_format = "dd/mm/yyyy"
        longest = max([len(name), *(len(str(v)) for v in table[name].head(200).to_list() if v is not None)])
        ws.column_dimensions[letter].width = min(max(10, longest + 2 + 4 * (name in money)), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# The weekly list as a worksheet: its columns in order (lib.weekly.ENTRY, and why an entry did not
# fit), the money ones in cents. The engine's internals (urgency, currency, kept in the amounts'
# format) stay out.
ACTION_COLUMNS = (
    *("priority", "customer_id", "customer_name", "step", "channel", "due_date", "late_days"),
    *("overdue_cents", "pursued_cents", "oldest_days", "rating", "track", "phone", "email", "pec"),
    *("recoverable_pct", "expected_gain_cents", "trace", "reason"),
)
ACTION_MONEY = ("overdue_cents", "pursued_cents", "expected_gain_cents")


def action_list_xlsx(listed: pl.DataFrame, not_fitting: pl.DataFrame, lang: str) -> bytes:
    """The weekly list and, below it, what did not fit (with the reason): one formatted sheet in
    `lang`, headers and values (steps, channels, tracks) in words, amounts as numbers."""
    rows = pl.concat([listed, not_fitting], how="diagonal")
    words = rows.with_columns(
        i18n.names("step", "step", (*STEPS, *CHECKS), lang),
        i18n.names("channel", "channel", tuple(SENT_BY), lang),
        i18n.names("track", "track", TRACKS, lang),
    )
    columns = [c for c in ACTION_COLUMNS if c in words.columns]
    headers = {c: i18n.t(f"xlsx.{c}", lang) for c in columns}
    money = [headers[c] for c in ACTION_MONEY if c in columns]
    shown = words.select(columns).rename(headers)
    return xlsx_bytes(shown, i18n.t("xlsx.sheet", lang), money, rows["currency"].to_list())
