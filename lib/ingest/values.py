"""Parse money and dates from text cells with polars expressions (no float ever holds money).

Cells arrive as text: native numbers as calamine writes them (`1234.5`, `-200`), typed ones as
people and accounting systems write them (`1.234,56`, `1,234.56`, `(2,000.00)`, `1.234,56-`,
`€ 1.234,56`, `$2,000.00  `). Dates arrive as `2026-01-15 00:00:00` (date cells), Excel serials
(`46265`), `15/01/2026`, `15.01.2026`, ISO, US `01/15/2026`, or with month names
(`31-dic-2025`, `31 March 2026`, `Sep 30, 2026`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import polars as pl

DecimalMark = Literal[",", "."]
DateOrder = Literal["dmy", "mdy"]

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials between these bounds are dates (1954-10-03 .. 2119-01-10); others are not.
SERIAL_MIN, SERIAL_MAX = 20_000, 80_000

MONTHS: dict[str, int] = {
    # Italian and English month names by their first three letters.
    "gen": 1,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "mag": 5,
    "may": 5,
    "giu": 6,
    "jun": 6,
    "lug": 7,
    "jul": 7,
    "ago": 8,
    "aug": 8,
    "set": 9,
    "sep": 9,
    "ott": 10,
    "oct": 10,
    "nov": 11,
    "dic": 12,
    "dec": 12,
}

# Allowed around the digits of an amount: spaces, NBSP, apostrophes (Swiss thousands), signs,
# brackets and currency signs or codes.
_DECORATION = r"(?i)[\s\u00a0'’()+\-€$£]|eur|usd|chf|gbp"
# One thousands group and nothing else: `1.234` or `1,234` could be either convention.
_AMBIGUOUS = r"^[1-9]\d{0,2}[.,]\d{3}$"


def _money_core(text: pl.Expr) -> pl.Expr:
    """Digits and separators only: currency signs, spaces, NBSP, apostrophes, signs removed."""
    return text.str.replace_all(r"[^\d.,]", "")


def is_negative(text: pl.Expr) -> pl.Expr:
    """`-1`, `1-` (SAP trailing minus) and `(1)` (accounting brackets) are negative."""
    stripped = text.str.strip_chars()
    return (
        stripped.str.contains(r"^[^\d]*-")
        | stripped.str.ends_with("-")
        | (stripped.str.contains(r"^\(") & stripped.str.contains(r"\)$"))
    )


def decimal_votes(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Counts of cells that can only be read with `,` (first) or `.` (second) as decimal mark."""
    core = _money_core(text)
    last_comma = core.str.find(",", literal=True, strict=False)
    both = core.str.contains(",", literal=True) & core.str.contains(".", literal=True)
    comma_last = core.str.contains(r",\d*$")
    ambiguous = core.str.contains(_AMBIGUOUS) | core.str.contains(r"^[1-9]\d{0,2}([.,]\d{3}){2,}$")
    comma_decimal = (both & comma_last) | (~both & last_comma.is_not_null() & ~ambiguous)
    dot_decimal = (both & ~comma_last) | (~both & core.str.contains(".", literal=True) & ~ambiguous)
    return comma_decimal.sum(), dot_decimal.sum()


def money_cents(text: pl.Expr, decimal_mark: DecimalMark) -> pl.Expr:
    """Text amount -> Int64 cents, exactly (half away from zero at the third decimal).

    `decimal_mark` decides only the cells a human could read both ways (`1.234`); a cell with
    both separators, or a lone separator not followed by three digits, speaks for itself.
    Scientific notation (`1.5E-05`, as calamine may print tiny floats) goes through Float64.
    Unparseable text gives null: the caller turns nulls from non-null cells into issues.
    """
    core = _money_core(text)
    both = core.str.contains(",", literal=True) & core.str.contains(".", literal=True)
    own_mark = (
        pl.when(both)
        .then(pl.when(core.str.contains(r",\d*$")).then(pl.lit(",")).otherwise(pl.lit(".")))
        .when(core.str.contains(r"^[1-9]\d{0,2}([.,]\d{3}){2,}$"))
        .then(pl.lit("none"))  # 1.234.567: thousands only
        .when(core.str.contains(_AMBIGUOUS))
        .then(pl.lit(decimal_mark))
        .when(core.str.contains(",", literal=True))
        .then(pl.lit(","))
        .otherwise(pl.lit("."))
    )
    normal = (
        pl.when(own_mark == ",")
        .then(core.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .when(own_mark == ".")
        .then(core.str.replace_all(",", "", literal=True))
        .otherwise(core.str.replace_all(r"[.,]", ""))
    )
    parts = normal.str.extract_groups(r"^(\d*)(?:\.(\d*))?$")
    whole = parts.struct.field("1")
    fraction = parts.struct.field("2").fill_null("").str.pad_end(3, "0")
    cents_abs = (
        whole.replace("", "0").cast(pl.Int64, strict=False) * 100
        + fraction.str.slice(0, 2).cast(pl.Int64, strict=False)
        + (fraction.str.slice(2, 1).cast(pl.Int64, strict=False) >= 5).cast(pl.Int64)
    )
    decoration = text.str.replace_all(_DECORATION, "")
    valid = decoration.str.contains(r"^[\d.,]*\d[\d.,]*$") & parts.struct.field("1").is_not_null()
    signed = pl.when(is_negative(text)).then(-cents_abs).otherwise(cents_abs)
    scientific = text.str.contains(r"^-?\d+(\.\d+)?[eE][-+]?\d+$")
    from_float = (text.cast(pl.Float64, strict=False) * 100).round(0).cast(pl.Int64, strict=False)
    return (pl.when(scientific).then(from_float).when(valid).then(signed).otherwise(None)).cast(pl.Int64)


def _date_from_parts(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Build a date from text parts; impossible dates (31/02) give null, never an error."""
    year_full = pl.when(year.str.len_chars() == 2).then(pl.lit("20") + year).otherwise(year)
    iso = pl.concat_str([year_full, month.str.zfill(2), day.str.zfill(2)], separator="-")
    return iso.str.to_date("%Y-%m-%d", strict=False)


def numeric_date_parts(text: pl.Expr) -> pl.Expr:
    """`15/01/2026`, `15.01.26`, `01-15-2026` -> struct of the three numeric parts, or null."""
    return text.str.extract_groups(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")


def date_order_votes(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Counts of cells that can only be day-first (first) or month-first (second)."""
    parts = numeric_date_parts(text.str.strip_chars())
    first = parts.struct.field("1").cast(pl.Int32, strict=False)
    second = parts.struct.field("2").cast(pl.Int32, strict=False)
    return (first > 12).sum(), (second > 12).sum()


def parse_date(text: pl.Expr, order: DateOrder = "dmy") -> pl.Expr:
    """Text date in any of the supported shapes -> pl.Date (null when it is not a date)."""
    s = text.str.strip_chars()
    iso = s.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    serial_number = s.cast(pl.Float64, strict=False)
    serial = (
        pl.when(serial_number.is_between(SERIAL_MIN, SERIAL_MAX))
        .then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial_number.floor().cast(pl.Int64)))
        .otherwise(None)
    )
    parts = numeric_date_parts(s)
    a, b, year = (parts.struct.field(str(i)) for i in (1, 2, 3))
    numeric = _date_from_parts(year, b, a) if order == "dmy" else _date_from_parts(year, a, b)
    # 31-dic-2025, 31 dicembre 2025, 1-Apr-26, 31 March 2026
    day_first = s.str.to_lowercase().str.extract_groups(r"^(\d{1,2})[\s.\-/]+([a-zà-ù]{3,})\.?[\s.\-/,]+(\d{4}|\d{2})$")
    # Sep 30, 2026 / September 25, 2026
    month_first = s.str.to_lowercase().str.extract_groups(r"^([a-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4}|\d{2})$")
    named_a = _date_from_parts(
        day_first.struct.field("3"),
        _month_number(day_first.struct.field("2")),
        day_first.struct.field("1"),
    )
    named_b = _date_from_parts(
        month_first.struct.field("3"),
        _month_number(month_first.struct.field("1")),
        month_first.struct.field("2"),
    )
    return pl.coalesce(iso, serial, numeric, named_a, named_b)


def _month_number(name: pl.Expr) -> pl.Expr:
    return name.str.slice(0, 3).replace_strict(MONTHS, default=None, return_dtype=pl.Int32).cast(pl.String)


def parse_date_text(text: str, order: DateOrder = "dmy") -> dt.date | None:
    """One date from one string (titles, CLI arguments): same rules as `parse_date`."""
    value = pl.select(parse_date(pl.lit(text, dtype=pl.String), order)).item()
    return value if isinstance(value, dt.date) else None


def cents_text(cents: pl.Expr) -> pl.Expr:
    """Int64 cents -> plain decimal text (`-1234.50`), exactly; for messages, not for display."""
    magnitude = cents.abs()
    return pl.concat_str(
        pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit("")),
        (magnitude // 100).cast(pl.String),
        pl.lit("."),
        (magnitude % 100).cast(pl.String).str.zfill(2),
    )
