"""lib/i18n.py: translations, failure sentences and exact money formatting."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib import i18n


@pytest.mark.parametrize(
    ("cents", "currency", "lang", "text"),
    [
        (123456, "EUR", "it", "1.234,56 EUR"),
        (123456, "EUR", "en", "€1,234.56"),
        (-5, "EUR", "it", "-0,05 EUR"),
        (100000000, "USD", "en", "$1,000,000.00"),
        (99, "CHF", "en", "CHF 0.99"),
    ],
)
def test_format_money(cents: int, currency: str, lang: str, text: str) -> None:
    assert i18n.format_money(cents, currency, lang) == text


def test_format_count() -> None:
    assert (i18n.format_count(1234567, "it"), i18n.format_count(1234567, "en")) == ("1.234.567", "1,234,567")


def test_format_date_is_never_ambiguous() -> None:
    day = dt.date(2026, 11, 20)
    assert i18n.format_date(day, "it") == "20/11/2026"
    assert i18n.format_date(day, "en") == "20 Nov 2026"
    assert i18n.format_date(None, "en") == "—"


def test_t_fills_placeholders_per_language() -> None:
    assert i18n.t("import.saved", "it", id=3) == "Fotografia #3 salvata."
    assert i18n.t("import.saved", "en", id=3) == "Snapshot #3 saved."


def test_failure_names_missing_fields_in_the_language() -> None:
    params = {"file": "a.xlsx", "sheet": "S", "missing": "due_date, customer"}
    assert "Data scadenza, cliente" in i18n.failure("missing_columns", "it", params)
    assert "Due date, customer" in i18n.failure("missing_columns", "en", params)


def test_unknown_failure_code_still_gives_a_sentence() -> None:
    assert i18n.failure("nope", "en", {"file": "x.csv"}).startswith("x.csv could not be imported")


def test_issue_messages_are_vectorised() -> None:
    frame = pl.DataFrame(
        {"code": ["bad_date", "missing_customer"], "column": ["Scadenza", None], "value": ["31/13/2025", None]}
    )
    it = frame.select(i18n.issue_messages(pl.col("code"), pl.col("column"), pl.col("value"), "it")).to_series()
    assert it.to_list() == ["Scadenza: '31/13/2025' non è una data", "manca il cliente"]


def test_one_number_and_percent_format_for_both_languages() -> None:
    assert i18n.format_number(1234.56, "it") == "1.234,6" and i18n.format_number(1234.56, "en") == "1,234.6"
    assert i18n.format_percent(72.25, "it") == "72,2%" or i18n.format_percent(72.25, "it") == "72,3%"
    assert i18n.format_percent(10.4, "en", 2) == "10.40%" and i18n.format_percent(10.4, "it", 2) == "10,40%"
