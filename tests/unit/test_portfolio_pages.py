"""lib/portfolio.py, the page helpers: account filters, KPI changes, bucket trend, Pareto, sales figures."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib.actionlog import observation
from lib.ageing import age, bucket_labels
from lib.portfolio import (
    bucket_trend,
    cei,
    dso,
    kpi_changes,
    kpis,
    of_accounts,
    pareto,
    sales_between,
    sales_figures,
    select_accounts,
    trend_totals,
)
from tests.unit.frames import AS_OF, from_rows

D = dt.date
ROWS = ("customer_id", "currency", "doc_number", "due_date", "open_cents")

# --- select_accounts / of_accounts ---------------------------------------------------------------

ACCOUNTS = pl.DataFrame(
    {
        "customer_id": ["A", "B", "C", "D"],
        "currency": ["EUR", "EUR", "USD", "EUR"],
        "track": ["standard", "fast", "white_gloves", "standard"],
        "rating": ["C", "D", "A", "B"],
        "salesperson": ["Rossi", None, "Bianchi", "Rossi"],
        "payment_method": ["bonifico", "riba", "bonifico", None],
    }
)


def _chosen(chosen: dict[str, list[object]]) -> list[str]:
    return select_accounts(ACCOUNTS, chosen)["customer_id"].to_list()


def test_select_accounts_with_several_filters_keeps_those_matching_all() -> None:
    # standard: A, D; of those Rossi: A, D; of those paid by bonifico: A (D has no payment method).
    assert _chosen({"track": ["standard"], "salesperson": ["Rossi"]}) == ["A", "D"]
    assert _chosen({"track": ["standard"], "salesperson": ["Rossi"], "payment_method": ["bonifico"]}) == ["A"]
    # EUR and rated C or D: A (C) and B (D); D is EUR but rated B, C is rated A but in USD.
    assert _chosen({"currency": ["EUR"], "rating": ["C", "D"]}) == ["A", "B"]


def test_select_accounts_chooses_a_missing_value_by_none() -> None:
    assert _chosen({"salesperson": [None]}) == ["B"]  # the only account without a salesperson
    assert _chosen({"salesperson": ["Bianchi", None]}) == ["B", "C"]
    assert _chosen({"payment_method": [None, "riba"]}) == ["B", "D"]  # B by riba, D without one


def test_select_accounts_empty_choice_and_unknown_column_keep_all() -> None:
    assert _chosen({}) == ["A", "B", "C", "D"]
    assert _chosen({"track": [], "rating": []}) == ["A", "B", "C", "D"]
    assert _chosen({"colour": ["red"]}) == ["A", "B", "C", "D"]
    assert _chosen({"colour": ["red"], "currency": ["USD"]}) == ["C"]  # the known filter still applies


def test_of_accounts_keys_on_customer_and_currency() -> None:
    items = from_rows(
        ROWS,
        [
            ("A", "EUR", "1", D(2026, 10, 1), 100),
            ("A", "USD", "2", D(2026, 10, 1), 200),  # A's USD account is not among the accounts
            ("B", "EUR", "3", D(2026, 10, 1), 300),
            ("Z", "EUR", "4", D(2026, 10, 1), 400),
        ],
    )
    kept = of_accounts(items, ACCOUNTS.filter(pl.col("customer_id").is_in(["A", "B"])))
    assert kept.sort("doc_number").select("customer_id", "currency", "doc_number").rows() == [
        ("A", "EUR", "1"),
        ("B", "EUR", "3"),
    ]
    assert kept.columns == items.columns  # a semi join: the items' own columns, nothing added


# --- kpi_changes ---------------------------------------------------------------------------------

PREVIOUS_AS_OF = D(2026, 10, 20)
NOW = from_rows(
    ROWS,
    [
        ("A", "EUR", "1", D(2026, 10, 10), 10_000),  # 41 days overdue at 20 Nov
        ("A", "EUR", "4", D(2026, 12, 10), 3_000),  # not due
        ("B", "EUR", "3", D(2026, 8, 1), 7_000),  # 111 days overdue
        ("C", "USD", "5", D(2026, 11, 19), 2_000),  # 1 day overdue
    ],
)
BEFORE = from_rows(
    ROWS,
    [
        ("A", "EUR", "1", D(2026, 10, 10), 10_000),  # 10 days overdue at 20 Oct
        ("A", "EUR", "2", D(2026, 11, 30), 5_000),  # not due; paid by 20 Nov
        ("B", "EUR", "3", D(2026, 8, 1), 7_000),  # 80 days overdue
    ],
)


def test_kpi_changes_sets_the_previous_figures_beside_the_current_ones() -> None:
    now = kpis(age(NOW.lazy(), AS_OF))
    before = kpis(age(BEFORE.lazy(), PREVIOUS_AS_OF))
    changes = kpi_changes(now, before).sort("currency")
    eur = changes.row(0, named=True)
    # Now: open 10,000 + 3,000 + 7,000 = 20,000, overdue 17,000. Before: open 22,000, overdue 17,000.
    assert (eur["open_cents"], eur["prev_open_cents"]) == (20_000, 22_000)
    assert (eur["overdue_cents"], eur["prev_overdue_cents"]) == (17_000, 17_000)
    assert eur["overdue_share"] == pytest.approx(0.85)  # 17,000 / 20,000
    assert eur["prev_overdue_share"] == pytest.approx(17_000 / 22_000)
    assert (eur["documents"], eur["prev_documents"]) == (3, 3)
    # Weighted days: now (10,000×41 + 7,000×111) / 17,000 = 1,187,000 / 17,000; before (100,000 + 560,000) / 17,000.
    assert eur["avg_days_delinquent"] == pytest.approx(1_187_000 / 17_000)
    assert eur["prev_avg_days_delinquent"] == pytest.approx(660_000 / 17_000)
    usd = changes.row(1, named=True)  # no USD before: every previous figure is null
    assert usd["open_cents"] == 2_000
    assert all(usd[f"prev_{c}"] is None for c in now.columns if c != "currency")
    assert changes.columns == [*now.columns, *(f"prev_{c}" for c in now.columns if c != "currency")]


def test_kpi_changes_without_a_previous_snapshot_has_null_previous_figures_of_the_same_type() -> None:
    now = kpis(age(NOW.lazy(), AS_OF))
    changes = kpi_changes(now, None)
    figures = [c for c in now.columns if c != "currency"]
    assert changes.height == 2
    assert changes.select(now.columns).equals(now)
    for column in figures:
        assert changes.schema[f"prev_{column}"] == now.schema[column]
        assert changes[f"prev_{column}"].null_count() == 2


# --- bucket_trend / trend_totals -----------------------------------------------------------------

OBSERVATIONS = pl.concat([observation(BEFORE.lazy(), PREVIOUS_AS_OF), observation(NOW.lazy(), AS_OF)])


def test_bucket_trend_ages_each_snapshot_at_its_own_date() -> None:
    trend = bucket_trend(OBSERVATIONS)
    assert trend.select("as_of", "customer_id", "currency", pl.col("bucket").cast(pl.String), "open_cents").rows() == [
        # 20 Oct: A's invoice 1 is 10 days overdue, invoice 2 not due; B's is 80 days overdue
        (PREVIOUS_AS_OF, "A", "EUR", "not_due", 5_000),
        (PREVIOUS_AS_OF, "A", "EUR", "1-30", 10_000),
        (PREVIOUS_AS_OF, "B", "EUR", "61-90", 7_000),
        # 20 Nov: the same invoice 1 is 41 days overdue and B's 111: both moved a bucket
        (AS_OF, "A", "EUR", "not_due", 3_000),
        (AS_OF, "A", "EUR", "31-60", 10_000),
        (AS_OF, "B", "EUR", "91-120", 7_000),
        (AS_OF, "C", "USD", "1-30", 2_000),
    ]


def test_trend_totals_fills_every_bucket_for_the_chosen_accounts() -> None:
    trend = bucket_trend(OBSERVATIONS)
    labels = bucket_labels()
    totals = trend_totals(trend, ACCOUNTS.filter(pl.col("customer_id").is_in(["A", "B"])))
    # A and B are EUR only: 2 snapshots × 1 currency × 8 buckets.
    assert totals.height == 2 * len(labels) == 16
    assert totals["currency"].unique().to_list() == ["EUR"]
    before = totals.filter(pl.col("as_of") == PREVIOUS_AS_OF)
    assert before["bucket"].cast(pl.String).to_list() == labels
    assert before["open_cents"].to_list() == [5_000, 10_000, 0, 7_000, 0, 0, 0, 0]
    now = totals.filter(pl.col("as_of") == AS_OF)
    assert now["open_cents"].to_list() == [3_000, 0, 10_000, 0, 7_000, 0, 0, 0]


def test_trend_totals_per_snapshot_equal_the_open_amounts() -> None:
    trend = bucket_trend(OBSERVATIONS)
    every_account = trend.select("customer_id", "currency").unique()
    totals = trend_totals(trend, every_account)
    per_snapshot = totals.group_by("as_of", "currency").agg(pl.col("open_cents").sum()).sort("as_of", "currency")
    expected = OBSERVATIONS.group_by("as_of", "currency").agg(pl.col("open_cents").sum()).sort("as_of", "currency")
    assert per_snapshot.rows() == expected.collect().rows()
    # By hand: 20 Oct EUR 10,000 + 5,000 + 7,000; 20 Nov EUR 10,000 + 3,000 + 7,000 and USD 2,000.
    assert per_snapshot.rows() == [(PREVIOUS_AS_OF, "EUR", 22_000), (AS_OF, "EUR", 20_000), (AS_OF, "USD", 2_000)]
    # USD exists only in the newer snapshot: 3 (as_of, currency) pairs × 8 buckets.
    assert totals.height == 24


def test_bucket_trend_follows_the_edges() -> None:
    trend = bucket_trend(OBSERVATIONS, edges=(0, 60))
    # 41 days is now in 1-60, 80 and 111 days in over_60.
    now = trend.filter(pl.col("as_of") == AS_OF, pl.col("currency") == "EUR")
    assert now.select("customer_id", pl.col("bucket").cast(pl.String), "open_cents").rows() == [
        ("A", "not_due", 3_000),
        ("A", "1-60", 10_000),
        ("B", "over_60", 7_000),
    ]


# --- pareto --------------------------------------------------------------------------------------


def test_pareto_cumulates_over_every_debtor_and_ranks_per_currency() -> None:
    accounts = pl.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D", "E", "H", "F", "G"],
            "customer_name": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Eta", "Foxtrot", "Golf"],
            "currency": ["EUR"] * 6 + ["USD"] * 2,
            "overdue_cents": [5_000, 3_000, 2_000, 0, -100, 3_000, 1_000, 3_000],
            "rating": ["D", "C", "B", "A", "A", "C", "B", "D"],
        }
    )
    top = pareto(accounts, top=2)
    assert top.columns == ["currency", "rank", "customer_id", "customer_name", "overdue_cents", "cum_share", "rating"]
    rows = top.select("currency", "rank", "customer_id", "overdue_cents").rows()
    # EUR debtors: A 5,000, B 3,000, H 3,000 (tie: by id), C 2,000; D (0) and E (−100) are left out.
    assert rows == [("EUR", 1, "A", 5_000), ("EUR", 2, "B", 3_000), ("USD", 1, "G", 3_000), ("USD", 2, "F", 1_000)]
    # The share is of all EUR debtors (13,000), not of the top two (8,000): 5/13, 8/13; USD 3/4, 4/4.
    assert top["cum_share"].to_list() == pytest.approx([5 / 13, 8 / 13, 0.75, 1.0])
    everyone = pareto(accounts)
    assert everyone.filter(pl.col("currency") == "EUR")["customer_id"].to_list() == ["A", "B", "H", "C"]
    assert everyone.filter(pl.col("currency") == "EUR")["cum_share"].to_list() == pytest.approx(
        [5 / 13, 8 / 13, 11 / 13, 1.0]
    )


# --- sales_between / sales_figures ---------------------------------------------------------------

SALES = pl.DataFrame(
    {
        "month": [D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)],
        # 100,000 a day in September (30 days) and October (31 days), 50,000 a day in November
        "sales_cents": [3_000_000, 3_100_000, 1_500_000],
    }
)


def test_sales_between_within_one_month_is_prorated_by_days() -> None:
    # After 10 Nov up to 20 Nov: 11…20 Nov, 10 days × 50,000.
    assert sales_between(SALES, D(2026, 11, 10), D(2026, 11, 20)) == 500_000
    # A month given by any of its days counts the same: 100 cents over 30 days, 10 days → 33.3 → 33.
    odd = pl.DataFrame({"month": [D(2026, 11, 17)], "sales_cents": [100]})
    assert sales_between(odd, D(2026, 11, 10), D(2026, 11, 20)) == 33


def test_sales_between_across_two_months() -> None:
    # 21…31 Oct: 11 days × 100,000 = 1,100,000; 1…20 Nov: 20 days × 50,000 = 1,000,000.
    assert sales_between(SALES, D(2026, 10, 20), D(2026, 11, 20)) == 2_100_000
    # 26…30 Sep: 5 × 100,000; all October 3,100,000; 1…5 Nov: 5 × 50,000.
    assert sales_between(SALES, D(2026, 9, 25), D(2026, 11, 5)) == 500_000 + 3_100_000 + 250_000


def test_sales_between_with_a_month_missing_is_unknown() -> None:
    assert sales_between(SALES, D(2026, 8, 25), D(2026, 9, 10)) is None  # August not given
    assert sales_between(SALES, D(2026, 11, 25), D(2026, 12, 2)) is None  # December not given
    gap = SALES.filter(pl.col("month") != D(2026, 10, 1))
    assert sales_between(gap, D(2026, 9, 25), D(2026, 11, 5)) is None  # October left out
    october = pl.col("month") == D(2026, 10, 1)
    blank = SALES.with_columns(pl.when(~october).then("sales_cents").alias("sales_cents"))  # October left blank
    assert sales_between(blank, D(2026, 9, 25), D(2026, 11, 5)) is None


def test_sales_between_an_empty_period_is_zero() -> None:
    assert sales_between(SALES, D(2026, 11, 20), D(2026, 11, 20)) == 0
    assert sales_between(SALES, D(2026, 11, 20), D(2026, 11, 10)) == 0  # end before start: no day


def test_sales_figures_none_without_sales() -> None:
    now = {"open_cents": 4_000_000, "overdue_cents": 1_000_000}
    empty = pl.DataFrame(schema={"month": pl.Date, "sales_cents": pl.Int64})
    assert sales_figures(now, None, empty, AS_OF, None) is None


def test_sales_figures_dso_and_cei_worked_by_hand() -> None:
    now = {"open_cents": 4_000_000, "overdue_cents": 1_000_000}  # current (not due) = 3,000,000
    before = {"open_cents": 3_500_000, "overdue_cents": 900_000}
    figures = sales_figures(now, before, SALES, AS_OF, PREVIOUS_AS_OF)
    assert figures is not None
    # DSO: November's 1,500,000 covers part of 4,000,000 (30 days); the remaining 2,500,000 is
    # 31 × 2.5/3.1 = 25 days of October → 55.0. Best: 3,000,000 → 30 + 31 × 1.5/3.1 = 45.0. ADD 10.0.
    assert (figures["dso_days"], figures["best_dso_days"], figures["add_days"]) == (55.0, 45.0, 10.0)
    assert (figures["months_used"], figures["complete"]) == (2, True)
    # CEI: sales 21 Oct…20 Nov = 2,100,000 (above). (3,500,000 + 2,100,000 − 4,000,000) /
    # (3,500,000 + 2,100,000 − 3,000,000) = 1,600,000 / 2,600,000 = 61.538…% → 61.5.
    assert figures["cei_pct"] == 61.5
    # The same as the two functions the page documents.
    assert {k: v for k, v in figures.items() if k != "cei_pct"} == dso(4_000_000, 3_000_000, SALES, AS_OF)
    assert figures["cei_pct"] == cei(3_500_000, 2_100_000, 4_000_000, 3_000_000)


def test_sales_figures_without_a_previous_snapshot_or_its_sales_has_no_cei() -> None:
    now = {"open_cents": 4_000_000, "overdue_cents": 1_000_000}
    before = {"open_cents": 3_500_000, "overdue_cents": 900_000}
    alone = sales_figures(now, None, SALES, AS_OF, None)
    assert alone is not None and alone["cei_pct"] is None and alone["dso_days"] == 55.0
    # Sales since 20 Aug are needed, August is not given: the period's sales are unknown.
    unknown = sales_figures(now, before, SALES, AS_OF, D(2026, 8, 20))
    assert unknown is not None and unknown["cei_pct"] is None and unknown["dso_days"] == 55.0
