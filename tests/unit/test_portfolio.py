"""lib/portfolio.py: KPIs per currency, breakdowns, DSO by countback, CEI."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from lib.ageing import age
from lib.ingest import import_file
from lib.portfolio import breakdown, cei, dso, kpis, promise_counts
from tests.conftest import SAMPLES
from tests.unit.frames import from_rows

D = dt.date
AS_OF = D(2026, 11, 20)


def items(rows: list[tuple[str, str, str | None, dt.date, int]], **optional: list[str | None]) -> pl.DataFrame:
    """Canonical items from (customer_id, currency, doc_number, due_date, open_cents) rows."""
    names = [f"Name {row[0]}" for row in rows]
    return from_rows(
        ("customer_id", "currency", "doc_number", "due_date", "open_cents"), rows, customer_name=names, **optional
    )


# Days overdue at 2026-11-20: 10-21 → 30, 09-21 → 60, 11-10 → 10, 10-01 → 50, 11-20 → 0 (not overdue).
BOOK = items(
    [
        ("A", "EUR", "1", D(2026, 10, 21), 4000),
        ("A", "EUR", "2", D(2026, 12, 1), 1000),
        ("B", "EUR", "3", D(2026, 9, 21), 3500),
        ("B", "EUR", "NC1", D(2026, 11, 10), -500),
        ("C", "EUR", "4", D(2026, 11, 20), 2000),
        ("D", "EUR", "NC2", D(2026, 10, 1), -400),
        ("E", "USD", "5", D(2026, 11, 30), 1000),
        ("F", "CHF", "NC3", D(2026, 1, 1), -300),
    ],
    salesperson=["Rossi", "Rossi", "Bianchi", "Bianchi", None, "Rossi", "Rossi", None],
)


def test_kpis_per_currency() -> None:
    rows = kpis(age(BOOK.lazy(), AS_OF)).to_dicts()
    assert rows == [
        # only a credit note: no positive exposure, so no share, concentration or ADD
        {
            "currency": "CHF",
            "open_cents": -300,
            "overdue_cents": -300,
            "overdue_share": None,
            "avg_days_delinquent": None,
            "accounts": 1,
            "accounts_overdue": 0,
            "documents": 1,
            "top10_share": None,
            "hhi": None,
        },
        {
            "currency": "EUR",
            "open_cents": 9600,  # 4000 + 1000 + 3500 − 500 + 2000 − 400
            "overdue_cents": 6600,  # 4000 + 3500 − 500 − 400 (C's item is due today: not overdue)
            "overdue_share": pytest.approx(0.6875),  # 6600 / 9600
            "avg_days_delinquent": pytest.approx(44.0),  # (4000×30 + 3500×60) / 7500 = 330000 / 7500
            "accounts": 4,
            "accounts_overdue": 2,  # A and B; D's overdue item is a credit note
            "documents": 6,
            "top10_share": pytest.approx(1.0),  # A 5000, B 3000, C 2000 (D is −400: left out)
            "hhi": pytest.approx(0.38),  # 0.5² + 0.3² + 0.2² = 0.25 + 0.09 + 0.04
        },
        {
            "currency": "USD",
            "open_cents": 1000,
            "overdue_cents": 0,
            "overdue_share": pytest.approx(0.0),
            "avg_days_delinquent": None,
            "accounts": 1,
            "accounts_overdue": 0,
            "documents": 1,
            "top10_share": pytest.approx(1.0),
            "hhi": pytest.approx(1.0),  # one account holds everything
        },
    ]


def test_top10_and_hhi_with_twelve_accounts() -> None:
    # Accounts hold 100, 200, …, 1200 cents: P = 100 × (1 + … + 12) = 7800.
    book = items([(f"K{k:02}", "EUR", str(k), D(2026, 12, 31), 100 * k) for k in range(1, 13)])
    row = kpis(age(book.lazy(), AS_OF)).row(0, named=True)
    assert row["top10_share"] == pytest.approx(7500 / 7800)  # drops 100 and 200: (78 − 3) / 78
    assert row["hhi"] == pytest.approx(650 / 6084)  # Σ k² / 78² = (12·13·25/6) / 6084 ≈ 0.1068


def test_breakdown_by_salesperson_keeps_the_unnamed_group() -> None:
    rows = breakdown(age(BOOK.lazy(), AS_OF), "salesperson").to_dicts()
    assert rows == [
        {
            "currency": "CHF",
            "salesperson": None,
            "open_cents": -300,
            "overdue_cents": -300,
            "overdue_share": None,
            "accounts": 1,
            "documents": 1,
        },
        {
            "currency": "EUR",
            "salesperson": "Rossi",
            "open_cents": 4600,  # A 5000 + D −400
            "overdue_cents": 3600,  # 4000 − 400
            "overdue_share": pytest.approx(3600 / 4600),
            "accounts": 2,
            "documents": 3,
        },
        {
            "currency": "EUR",
            "salesperson": "Bianchi",
            "open_cents": 3000,  # 3500 − 500, all overdue
            "overdue_cents": 3000,
            "overdue_share": pytest.approx(1.0),
            "accounts": 1,
            "documents": 2,
        },
        {
            "currency": "EUR",
            "salesperson": None,
            "open_cents": 2000,
            "overdue_cents": 0,
            "overdue_share": pytest.approx(0.0),
            "accounts": 1,
            "documents": 1,
        },
        {
            "currency": "USD",
            "salesperson": "Rossi",
            "open_cents": 1000,
            "overdue_cents": 0,
            "overdue_share": pytest.approx(0.0),
            "accounts": 1,
            "documents": 1,
        },
    ]


def test_breakdown_is_none_without_values() -> None:
    aged = age(BOOK.lazy(), AS_OF)
    assert breakdown(aged, "payment_method") is None  # column absent
    empty = aged.with_columns(pl.lit(None, pl.String).alias("payment_method"))
    assert breakdown(empty, "payment_method") is None  # column entirely null
    with pytest.raises(ValueError, match="breakdown is by one of"):
        breakdown(aged, "customer_name")


# Credit sales: Nov 2026 (30 days) 10 000, Oct (31) 12 000, Sep (30) 8 000; December is after as_of.
SALES = pl.DataFrame(
    {
        "month": [D(2026, 12, 1), D(2026, 11, 1), D(2026, 10, 1), D(2026, 9, 1)],
        "sales_cents": [99_000, 10_000, 12_000, 8_000],
    }
)


def test_dso_countback_over_three_months() -> None:
    result = dso(26_000, 12_500, SALES, D(2026, 11, 30))
    # DSO: 26000 − 10000 (Nov, 30 d) = 16000; − 12000 (Oct, 31 d) = 4000 < 8000: 30 × 4000/8000 = 15
    #      → 30 + 31 + 15 = 76.0
    # best: 12500 − 10000 (Nov, 30 d) = 2500 < 12000: 31 × 2500/12000 = 6.458 → 36.458 → 36.5
    # ADD: 76 − 36.458 = 39.542 → 39.5
    assert result["dso_days"] == 76.0
    assert result["best_dso_days"] == 36.5
    assert result["add_days"] == 39.5
    assert result["months_used"] == 3
    assert result["complete"] is True
    assert result["method"].startswith("countback from 2026-11")


def test_dso_starts_at_the_latest_month_on_or_before_as_of() -> None:
    # No November given: start in October. 14000 − 12000 (31 d) = 2000; Sep: 30 × 2000/8000 = 7.5 → 38.5
    result = dso(14_000, 0, SALES.filter(pl.col("month") < D(2026, 11, 1)), D(2026, 11, 20))
    assert (result["dso_days"], result["best_dso_days"], result["add_days"]) == (38.5, 0.0, 38.5)
    assert result["months_used"] == 2


def test_dso_exact_month_and_nothing_open() -> None:
    assert dso(10_000, 0, SALES, D(2026, 11, 30))["dso_days"] == 30.0  # exactly November's sales
    nothing = dso(0, 0, SALES, D(2026, 11, 30))
    assert (nothing["dso_days"], nothing["months_used"], nothing["complete"]) == (0.0, 0, True)


def test_dso_does_not_extrapolate_past_the_sales_given() -> None:
    result = dso(40_000, 5_000, SALES, D(2026, 11, 30))
    # 40000 > 10000 + 12000 + 8000: all three months counted, 30 + 31 + 30 = 91 days, a lower bound
    assert (result["dso_days"], result["months_used"], result["complete"]) == (91.0, 3, False)
    assert result["add_days"] is None
    # A missing month (October) stops the walk after November: 30 days, incomplete.
    gap = dso(15_000, 0, SALES.filter(pl.col("month") != D(2026, 10, 1)), D(2026, 11, 30))
    assert (gap["dso_days"], gap["months_used"], gap["complete"]) == (30.0, 1, False)


def test_dso_rejects_bad_sales() -> None:
    twice = pl.DataFrame({"month": [D(2026, 11, 1), D(2026, 11, 1)], "sales_cents": [1, 2]})
    with pytest.raises(ValueError, match="only once"):
        dso(1, 0, twice, D(2026, 11, 30))
    negative = pl.DataFrame({"month": [D(2026, 11, 1)], "sales_cents": [-1]})
    with pytest.raises(ValueError, match="negative"):
        dso(1, 0, negative, D(2026, 11, 30))


def test_cei() -> None:
    # (100000 + 50000 − 90000) / (100000 + 50000 − 40000) × 100 = 60000 / 110000 × 100 = 54.545 → 54.5
    assert cei(100_000, 50_000, 90_000, 40_000) == 54.5
    assert cei(100_000, 0, 0, 0) == 100.0  # everything collected
    assert cei(0, 0, 0, 0) is None  # nothing was collectible


def test_kpis_on_the_sample_match_ground_truth() -> None:
    name = "scadenzario_gestionale.xlsx"
    truth = json.loads((SAMPLES / "ground_truth.json").read_text())[name]
    imported = import_file((SAMPLES / name).read_bytes(), name)
    aged = age(imported.items.lazy(), imported.report.as_of)
    result = kpis(aged)
    assert dict(zip(result["currency"], result["open_cents"], strict=True)) == truth["open_cents"]
    assert dict(zip(result["currency"], result["overdue_cents"], strict=True)) == truth["overdue_cents"]
    assert result["documents"].sum() == truth["items"]
    assert result["accounts"].sum() == truth["customers"]
    split = breakdown(aged, "payment_method")
    assert split is not None  # the groups, "not given" included, add back up to the totals
    assert split["open_cents"].sum() == result["open_cents"].sum()
    assert split["overdue_cents"].sum() == result["overdue_cents"].sum()


def test_promise_counts_per_currency_of_the_latest_promise() -> None:
    accounts = pl.DataFrame(
        {
            "currency": ["EUR", "EUR", "EUR", "EUR", "USD", "CHF"],
            "promise_status": ["kept", "broken", "open", None, None, "kept"],
        }
    )
    counts = promise_counts(accounts)
    assert counts.rows() == [("CHF", 1, 0, 0), ("EUR", 1, 1, 1)]  # USD: no promise, left out
    assert counts.columns == ["currency", "kept", "broken", "open"]
