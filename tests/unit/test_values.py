"""Money and date parsing (lib/ingest/values.py): exact cents and dates, and round trips."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.ingest.values import (
    EXCEL_EPOCH,
    cents_text,
    date_order_votes,
    decimal_votes,
    is_negative,
    money_cents,
    parse_date,
    parse_date_text,
)

# --- helpers ---------------------------------------------------------------------------------


def cents(texts: list[str | None], mark: str = ",") -> list[int | None]:
    """money_cents over a column of texts."""
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String})
    return frame.select(money_cents(pl.col("t"), mark)).to_series().to_list()


def dates(texts: list[str | None], order: str = "dmy") -> list[dt.date | None]:
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String})
    return frame.select(parse_date(pl.col("t"), order)).to_series().to_list()


def _grouped(whole: int, separator: str) -> str:
    return f"{whole:,}".replace(",", separator)


def italian(c: int) -> str:
    """-123456 -> '-1.234,56'."""
    whole, frac = divmod(abs(c), 100)
    return f"{'-' if c < 0 else ''}{_grouped(whole, '.')},{frac:02d}"


def english(c: int) -> str:
    """-123456 -> '-1,234.56'."""
    whole, frac = divmod(abs(c), 100)
    return f"{'-' if c < 0 else ''}{_grouped(whole, ',')}.{frac:02d}"


def trailing_minus(c: int) -> str:
    """SAP lists: -123456 -> '1.234,56-'."""
    return italian(abs(c)) + ("-" if c < 0 else "")


def brackets(c: int) -> str:
    """Accounting negatives: -123456 -> '(1,234.56)'."""
    return f"({english(abs(c))})" if c < 0 else english(c)


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # native cells as calamine writes them
        ("1284.5", 128450),
        ("-200", -20000),
        ("500", 50000),
        ("0.3", 30),
        ("12345678901", 1234567890100),
        # Italian
        ("1.234,56", 123456),
        ("1.234.567,89", 123456789),
        ("12,50", 1250),
        ("0,05", 5),
        ("-1.234,56", -123456),
        # English
        ("1,234.56", 123456),
        ("12,345,678.90", 1234567890),
        ("-129,729.53", -12972953),
        # negatives
        ("(2,000.00)", -200000),
        ("(1.234,56)", -123456),
        ("1.234,56-", -123456),
        ("2,5-", -250),
        # currency signs, codes, spaces, NBSP, apostrophes
        ("€ 1.234,56", 123456),
        ("-1.234,56 €", -123456),
        ("$2,000.00  ", 200000),
        ("EUR 12,00", 1200),
        ("£1,000.10", 100010),
        ("1\u00a0234,56", 123456),
        ("1 234,56", 123456),
        ("1'234.56", 123456),
        ("+5", 500),
        # zero, scientific notation of tiny floats, rounding at the third decimal
        ("0", 0),
        ("0.00", 0),
        ("1.5E-05", 0),
        ("1e3", 100000),
        ("0.005", 1),
        ("-0.005", -1),
        ("1.2345", 123),
        # thousands only
        ("1.234.567", 123456700),
        ("12.345,6", 1234560),
    ],
)
def test_money_cents(text: str, expected: int) -> None:
    assert cents([text], ",") == [expected]
    assert cents([text], ".") == [expected]


def test_money_cents_ambiguous_text_follows_the_column_decimal_mark() -> None:
    # `1.234` and `1,234` can be a thousands group or a decimal: the column's mark decides
    assert cents(["1.234", "1,234"], ",") == [123400, 123]
    assert cents(["1.234", "1,234"], ".") == [123, 123400]


@pytest.mark.parametrize("text", ["abc", "n/a", "1,2,3", "12.34.56", "12/01/2026", "1.234,56 kg", "€", "-"])
def test_money_cents_rejects_text_that_is_not_an_amount(text: str) -> None:
    assert cents([text]) == [None]


def test_money_cents_keeps_null_null() -> None:
    assert cents([None, "1,00"]) == [None, 100]


def test_money_cents_is_int64() -> None:
    assert pl.select(money_cents(pl.lit("1,50"), ",")).to_series().dtype == pl.Int64


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("-1", True),
        ("1-", True),
        ("(1)", True),
        ("€ -5", True),
        ("1.234,56-", True),
        ("1", False),
        ("+1", False),
        ("1-2", False),
    ],
)
def test_is_negative(text: str, negative: bool) -> None:
    assert pl.select(is_negative(pl.lit(text))).item() is negative


def votes(texts: list[str | None]) -> tuple[int, int]:
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String})
    return frame.select(v.alias(str(i)) for i, v in enumerate(decimal_votes(pl.col("t")))).row(0)


def test_decimal_votes_count_cells_that_speak_for_one_mark() -> None:
    # `1.234` is ambiguous and does not vote; `7` has no separator
    assert votes(["1.234,56", "12,50", "1.234", "7", None, "3,5"]) == (3, 0)
    assert votes(["1,234.56", "12.50", "1,234", "7"]) == (0, 2)


def test_cents_text_is_exact() -> None:
    frame = pl.DataFrame({"c": [-123456, 5, 0, -1, 100]}, schema={"c": pl.Int64})
    texts = frame.select(cents_text(pl.col("c"))).to_series().to_list()
    assert texts == ["-1234.56", "0.05", "0.00", "-0.01", "1.00"]


# property tests: any amount written the way exports write it reads back to the same cents

CENTS = st.integers(min_value=-(10**13), max_value=10**13)
MANY_CENTS = st.lists(CENTS, min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(MANY_CENTS)
def test_italian_amounts_round_trip(values: list[int]) -> None:
    texts = [italian(c) for c in values]
    assert cents(texts, ",") == values
    assert cents(texts, ".") == values  # both separators or 2 decimals: the text speaks for itself


@settings(max_examples=60, deadline=None)
@given(MANY_CENTS)
def test_english_amounts_round_trip(values: list[int]) -> None:
    texts = [english(c) for c in values]
    assert cents(texts, ".") == values
    assert cents(texts, ",") == values


@settings(max_examples=60, deadline=None)
@given(MANY_CENTS)
def test_trailing_minus_amounts_round_trip(values: list[int]) -> None:
    assert cents([trailing_minus(c) for c in values], ",") == values


@settings(max_examples=60, deadline=None)
@given(MANY_CENTS)
def test_bracketed_amounts_round_trip(values: list[int]) -> None:
    assert cents([brackets(c) for c in values], ".") == values


@settings(max_examples=60, deadline=None)
@given(MANY_CENTS, st.sampled_from(["€ {}", "{} €", "$ {}", "EUR {}", "{}  ", "\u00a0{}"]))
def test_amounts_with_currency_decoration_round_trip(values: list[int], shape: str) -> None:
    assert cents([shape.format(italian(c)) for c in values], ",") == values
    assert cents([shape.format(english(c)) for c in values], ".") == values


@settings(max_examples=60, deadline=None)
@given(MANY_CENTS)
def test_cents_text_round_trips(values: list[int]) -> None:
    frame = pl.DataFrame({"c": values}, schema={"c": pl.Int64})
    texts = frame.select(cents_text(pl.col("c"))).to_series().to_list()
    assert cents(texts, ".") == values


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-15 00:00:00", dt.date(2026, 1, 15)),  # date cell
        ("2026-01-15 13:30:00", dt.date(2026, 1, 15)),  # datetime cell
        ("2026-01-15", dt.date(2026, 1, 15)),
        ("2026-01-15T00:00:00", dt.date(2026, 1, 15)),
        ("46265", dt.date(2026, 8, 31)),  # Excel serial (QuickBooks Desktop)
        ("46265.5", dt.date(2026, 8, 31)),  # serial with a time of day
        ("15/01/2026", dt.date(2026, 1, 15)),
        ("15.01.2026", dt.date(2026, 1, 15)),
        ("15-01-2026", dt.date(2026, 1, 15)),
        ("5/1/2026", dt.date(2026, 1, 5)),
        ("15/01/26", dt.date(2026, 1, 15)),
        ("  15/01/2026 ", dt.date(2026, 1, 15)),
        ("31-dic-2025", dt.date(2025, 12, 31)),
        ("31-DIC-2025", dt.date(2025, 12, 31)),
        ("31 dicembre 2025", dt.date(2025, 12, 31)),
        ("1 gennaio 2026", dt.date(2026, 1, 1)),
        ("15 mag 2026", dt.date(2026, 5, 15)),
        ("30-set-2026", dt.date(2026, 9, 30)),
        ("31 March 2026", dt.date(2026, 3, 31)),
        ("1-Apr-26", dt.date(2026, 4, 1)),
        ("Sep 30, 2026", dt.date(2026, 9, 30)),
        ("September 25, 2026", dt.date(2026, 9, 25)),
    ],
)
def test_parse_date_day_first(text: str, expected: dt.date) -> None:
    assert dates([text], "dmy") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/15/2026", dt.date(2026, 1, 15)),
        ("05/12/2026", dt.date(2026, 5, 12)),
        ("9/25/2026", dt.date(2026, 9, 25)),
        ("2026-01-15", dt.date(2026, 1, 15)),
        ("46265", dt.date(2026, 8, 31)),
        ("Sep 30, 2026", dt.date(2026, 9, 30)),
    ],
)
def test_parse_date_month_first(text: str, expected: dt.date) -> None:
    assert dates([text], "mdy") == [expected]


def test_the_order_decides_ambiguous_numeric_dates() -> None:
    assert dates(["05/12/2026"], "dmy") == [dt.date(2026, 12, 5)]
    assert dates(["05/12/2026"], "mdy") == [dt.date(2026, 5, 12)]


@pytest.mark.parametrize(
    "text", ["31/02/2026", "32/01/2026", "15/13/2026", "abc", "12345", "99999", "2026/13/01", "1.234,56", "Total"]
)
def test_parse_date_gives_null_for_non_dates(text: str) -> None:
    assert dates([text]) == [None]


def test_parse_date_is_a_date_column() -> None:
    assert pl.select(parse_date(pl.lit("15/01/2026"), "dmy")).to_series().dtype == pl.Date


def test_date_order_votes() -> None:
    frame = pl.DataFrame({"t": ["05/12/2026", "05/20/2026", "09/25/2026", "2026-01-01", None, "25/09/2026"]})
    votes = frame.select(v.alias(str(i)) for i, v in enumerate(date_order_votes(pl.col("t")))).row(0)
    assert votes == (1, 2)  # day-first only: 25/09; month-first only: 05/20 and 09/25


def test_parse_date_text() -> None:
    assert parse_date_text("30/09/2026") == dt.date(2026, 9, 30)
    assert parse_date_text("09/30/2026", "mdy") == dt.date(2026, 9, 30)
    assert parse_date_text("not a date") is None


# property tests: any date written as exports write it reads back to the same date

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31))
SERIAL_DATES = st.dates(min_value=dt.date(1954, 10, 3), max_value=dt.date(2119, 1, 10))


@settings(max_examples=60, deadline=None)
@given(st.lists(DATES, min_size=1, max_size=40))
def test_day_first_dates_round_trip(values: list[dt.date]) -> None:
    assert dates([d.strftime("%d/%m/%Y") for d in values], "dmy") == values
    assert dates([d.strftime("%d.%m.%Y") for d in values], "dmy") == values


@settings(max_examples=60, deadline=None)
@given(st.lists(DATES, min_size=1, max_size=40))
def test_month_first_dates_round_trip(values: list[dt.date]) -> None:
    assert dates([d.strftime("%m/%d/%Y") for d in values], "mdy") == values


@settings(max_examples=60, deadline=None)
@given(st.lists(DATES, min_size=1, max_size=40), st.sampled_from(["dmy", "mdy"]))
def test_iso_dates_round_trip(values: list[dt.date], order: str) -> None:
    assert dates([d.isoformat() for d in values], order) == values
    assert dates([f"{d.isoformat()} 00:00:00" for d in values], order) == values


@settings(max_examples=60, deadline=None)
@given(st.lists(SERIAL_DATES, min_size=1, max_size=40), st.sampled_from(["dmy", "mdy"]))
def test_excel_serial_dates_round_trip(values: list[dt.date], order: str) -> None:
    assert dates([str((d - EXCEL_EPOCH).days) for d in values], order) == values
