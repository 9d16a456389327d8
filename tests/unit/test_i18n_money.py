"""lib/i18n.py: `money` (the expression) agrees with `format_money` (the function); `names` for codes."""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given, settings

from lib.i18n import format_money, money, names
from lib.policy import STEPS

CURRENCIES = ("EUR", "USD", "GBP", "CHF")
CENTS = st.integers(-(10**13), 10**13)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(CENTS, st.sampled_from(CURRENCIES)), min_size=1, max_size=30))
def test_money_expression_equals_format_money_for_every_row(rows: list[tuple[int, str]]) -> None:
    frame = pl.DataFrame(rows, schema={"cents": pl.Int64, "currency": pl.String}, orient="row")
    for lang in ("it", "en"):
        got = frame.select(money(pl.col("cents"), pl.col("currency"), lang).alias("text"))["text"].to_list()
        assert got == [format_money(cents, currency, lang) for cents, currency in rows]


@settings(max_examples=40, deadline=None)
@given(st.lists(CENTS, min_size=1, max_size=30), st.sampled_from(CURRENCIES))
def test_money_with_one_currency_for_the_column(cents: list[int], currency: str) -> None:
    frame = pl.DataFrame({"cents": cents}, schema={"cents": pl.Int64})
    for lang in ("it", "en"):
        got = frame.select(money(pl.col("cents"), currency, lang).alias("text"))["text"].to_list()
        assert got == [format_money(c, currency, lang) for c in cents]


@pytest.mark.parametrize(
    ("cents", "currency", "lang", "text"),
    [
        (123_456, "EUR", "it", "1.234,56 EUR"),
        (123_456, "EUR", "en", "€1,234.56"),
        (-100_000, "EUR", "en", "-€1,000.00"),
        (-100_000, "EUR", "it", "-1.000,00 EUR"),
        (123_456, "CHF", "en", "CHF 1,234.56"),
        (123_456, "CHF", "it", "1.234,56 CHF"),
        (100_000_000, "USD", "en", "$1,000,000.00"),
        (99_999, "GBP", "en", "£999.99"),
        (5, "EUR", "it", "0,05 EUR"),
        (-5, "EUR", "en", "-€0.05"),
        (0, "USD", "it", "0,00 USD"),
        (10**13, "EUR", "it", "100.000.000.000,00 EUR"),  # 10^13 cents = 10^11 units
    ],
)
def test_money_literal_examples(cents: int, currency: str, lang: str, text: str) -> None:
    assert format_money(cents, currency, lang) == text
    assert pl.select(money(pl.lit(cents, pl.Int64), currency, lang)).item() == text


def test_money_of_null_cents_is_null() -> None:
    frame = pl.DataFrame({"cents": [None, 1_234]}, schema={"cents": pl.Int64})
    assert frame.select(money(pl.col("cents"), "EUR", "it").alias("text"))["text"].to_list() == [None, "12,34 EUR"]


def test_names_translates_codes_and_leaves_unknown_ones() -> None:
    frame = pl.DataFrame({"step": ["call_1", "letter_2", "visit", None]})
    italian = frame.select(names("step", "step", STEPS, "it"))["step"].to_list()
    assert italian == ["telefonata 1", "lettera 2 (diffida)", "visit", None]
    english = frame.select(names("step", "step", STEPS, "en"))["step"].to_list()
    assert english == ["call 1", "letter 2 (formal demand)", "visit", None]


def test_names_reads_the_ui_table_when_the_codes_are_there() -> None:
    # Outcomes live in UI, not ENGINE.
    frame = pl.DataFrame({"outcome": ["reached", "delivered", "shouted"]})
    got = frame.select(names("outcome", "outcome", ("reached", "delivered"), "it"))["outcome"].to_list()
    assert got == ["parlato con il cliente", "consegnata", "shouted"]
