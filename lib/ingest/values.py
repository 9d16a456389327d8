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

# The largest amount one document may state: under 10^13 (ten thousand billion) in its currency,
# so at most 13 digits before the decimal mark. A larger cell is an issue, never a wrapped number:
# cents up to 10^15 fit Int64 with room for any file's total (lib/ingest/limits.py checks those).
MAX_WHOLE_DIGITS = 13
MAX_AMOUNT_CENTS = 10 ** (MAX_WHOLE_DIGITS + 2)

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


_GROUPS = r"^[1-9]\d{0,2}([.,]\d{3}){2,}$"  # 1.234.567: thousands separators only
_PLAIN = r"^-?\d+(\.\d+)?$"  # a numeric cell as calamine writes it: 1234.5, -200


def _is_plain(column: pl.Series) -> bool:
    """Every cell a plain number and none of them readable as `1.234` thousands: the fast case."""
    text = pl.col(column.name)
    return bool(column.to_frame().select(text.str.contains(_PLAIN).all() & ~text.str.contains(_AMBIGUOUS).any()).item())


def _whole(normal: pl.Expr) -> pl.Expr:
    """The digits before the point, without leading zeros."""
    return normal.str.split_exact(".", 1).struct.field("field_0").str.strip_chars_start("0")


def _oversized(normal: pl.Expr) -> pl.Expr:
    """`1234.567` has too many digits before the point to be one document's amount."""
    return _whole(normal).str.len_chars() > MAX_WHOLE_DIGITS


def _cents(normal: pl.Expr) -> pl.Expr:
    """`1234.567` (digits, optional point and fraction) -> 123457, exactly, half away from zero;
    null beyond MAX_AMOUNT_CENTS (`* 100` would wrap an 18-digit amount to a negative number)."""
    fraction = normal.str.split_exact(".", 1).struct.field("field_1").fill_null("").str.pad_end(3, "0")
    cents = (
        _whole(normal).replace("", "0").cast(pl.Int64, strict=False) * 100
        + fraction.str.slice(0, 2).cast(pl.Int64, strict=False)
        + (fraction.str.slice(2, 1) >= "5").cast(pl.Int64)
    )
    return pl.when(_oversized(normal)).then(None).otherwise(cents)


def is_negative(text: pl.Expr) -> pl.Expr:
    """`-1`, `1-` (SAP trailing minus) and `(1)` (accounting brackets) are negative."""
    stripped = text.str.strip_chars()
    return (
        stripped.str.contains(r"^[^\d]*-")
        | stripped.str.ends_with("-")
        | (stripped.str.starts_with("(") & stripped.str.ends_with(")"))
    )


def _separators(text: pl.Expr) -> dict[str, pl.Expr]:
    """Facts about a cell's separators, computed once per cell (polars does not share them
    between the branches of one big expression, which made parsing 7x slower)."""
    core = text.str.replace_all(r"[^\d.,]", "")
    return {
        "core": core,
        "both": core.str.contains(",", literal=True) & core.str.contains(".", literal=True),
        "comma": core.str.contains(",", literal=True),
        "dot": core.str.contains(".", literal=True),
        "comma_last": core.str.contains(r",\d*$"),
        "groups": core.str.contains(_GROUPS),
        "ambiguous": core.str.contains(_AMBIGUOUS),
    }


def decimal_votes(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Counts of cells that can only be read with `,` (first) or `.` (second) as decimal mark."""
    f = _separators(text)
    unclear = f["ambiguous"] | f["groups"]
    comma_decimal = (f["both"] & f["comma_last"]) | (~f["both"] & f["comma"] & ~unclear)
    dot_decimal = (f["both"] & ~f["comma_last"]) | (~f["both"] & f["dot"] & ~unclear)
    return comma_decimal.sum(), dot_decimal.sum()


def decimal_mark(column: pl.Series, default: DecimalMark) -> DecimalMark:
    """The column's decimal mark by majority of the cells that can only be read one way."""
    if _is_plain(column):
        return "." if column.str.contains(".", literal=True).any() else default
    votes = decimal_votes(pl.col(column.name))
    comma, dot = column.to_frame().select(v.alias(str(i)) for i, v in enumerate(votes)).row(0)
    if comma == dot:
        return default
    return "," if comma > dot else "."


def money_cents(text: pl.Expr, decimal_mark: DecimalMark) -> pl.Expr:
    """Text amount -> Int64 cents, exactly (half away from zero at the third decimal).

    `decimal_mark` decides only the cells a human could read both ways (`1.234`); a cell with
    both separators, or a lone separator not followed by three digits, speaks for itself.
    Scientific notation (`1.5E-05`, as calamine may print tiny floats) goes through Float64.
    Unparseable text, and amounts of 10^13 or more (`too_large`), give null: the caller turns
    nulls from non-null cells into issues.
    """
    return text.map_batches(
        lambda column: _money_series(column, decimal_mark, "cents"), return_dtype=pl.Int64, is_elementwise=True
    )


def too_large(text: pl.Expr, decimal_mark: DecimalMark) -> pl.Expr:
    """True for an amount `money_cents` reads as null because it has more than MAX_WHOLE_DIGITS
    digits before the decimal mark (false for text that is no amount at all)."""
    return text.map_batches(
        lambda column: _money_series(column, decimal_mark, "too_large"), return_dtype=pl.Boolean, is_elementwise=True
    )


def _money_series(column: pl.Series, decimal_mark: DecimalMark, want: Literal["cents", "too_large"]) -> pl.Series:
    """The `cents` (Int64) or the `too_large` flags (Boolean) of every cell."""
    t = pl.col(column.name)
    if _is_plain(column):  # numeric cells: most of an xlsx export
        magnitude = _cents(t.str.strip_prefix("-"))
        plain = {
            "cents": pl.when(t.str.starts_with("-")).then(-magnitude).otherwise(magnitude),
            "too_large": _oversized(t.str.strip_prefix("-")).fill_null(False),
        }
        return column.to_frame().select(plain[want].alias(column.name))[column.name]
    scientific = t.cast(pl.Float64, strict=False)
    stages = (
        column.to_frame()
        .lazy()
        .with_columns(
            **_separators(t),
            negative=is_negative(t),
            scientific=t.str.contains(r"^-?\d+(\.\d+)?[eE][-+]?\d+$"),
            decorated=t.str.replace_all(_DECORATION, "").str.contains(r"^[\d.,]*\d[\d.,]*$"),
        )
        .with_columns(
            mark=pl.when("both")
            .then(pl.when("comma_last").then(pl.lit(",")).otherwise(pl.lit(".")))
            .when("groups")
            .then(pl.lit("none"))
            .when("ambiguous")
            .then(pl.lit(decimal_mark))
            .when("comma")
            .then(pl.lit(","))
            .otherwise(pl.lit("."))
        )
        .with_columns(
            normal=pl.when(pl.col("mark") == ",")
            .then(pl.col("core").str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
            .when(pl.col("mark") == ".")
            .then(pl.col("core").str.replace_all(",", "", literal=True))
            .otherwise(pl.col("core").str.replace_all(r"[.,]", ""))
        )
        .with_columns(
            valid=pl.col("decorated") & pl.col("normal").str.contains(r"^\d*(\.\d*)?$"),
            magnitude=_cents(pl.col("normal")),
            sci_cents=(scientific * 100).round(0),
        )
        .select(
            pl.when("scientific")
            .then(pl.when(pl.col("sci_cents").abs() < MAX_AMOUNT_CENTS).then(pl.col("sci_cents")).cast(pl.Int64))
            .when("valid")
            .then(pl.when("negative").then(-pl.col("magnitude")).otherwise(pl.col("magnitude")))
            .otherwise(None)
            .cast(pl.Int64)
            .alias("cents"),
            pl.when("scientific")
            .then(pl.col("sci_cents").abs() >= MAX_AMOUNT_CENTS)
            .otherwise(pl.col("valid") & _oversized(pl.col("normal")))
            .fill_null(False)
            .alias("too_large"),
        )
    )
    return stages.select(pl.col(want).alias(column.name)).collect()[column.name]


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


_ISO = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?$"  # date cells as calamine writes them


def parse_date(text: pl.Expr, order: DateOrder = "dmy") -> pl.Expr:
    """Text date in any of the supported shapes -> pl.Date (null when it is not a date)."""
    return text.map_batches(lambda column: _date_series(column, order), return_dtype=pl.Date, is_elementwise=True)


def _date_series(column: pl.Series, order: DateOrder) -> pl.Series:
    frame = column.to_frame()
    t = pl.col(column.name)
    if frame.select(t.str.contains(_ISO).all()).item():  # date cells: skip the other shapes
        return frame.select(t.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False).alias(column.name))[column.name]
    return frame.select(_any_date(t, order).alias(column.name))[column.name]


def _any_date(text: pl.Expr, order: DateOrder) -> pl.Expr:
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
