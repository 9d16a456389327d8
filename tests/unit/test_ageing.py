"""lib/ageing.py: days overdue, buckets at their edges, totals per currency, the account rollup."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given, settings

from lib.ageing import (
    DEFAULT_EDGES,
    account_rollup,
    age,
    bucket_labels,
    buckets_by_currency,
    totals_by_currency,
    with_doc_key,
)
from tests.unit.frames import AS_OF, days_ago, items


def test_totals_by_currency() -> None:
    items = pl.LazyFrame(
        {
            "currency": ["EUR", "EUR", "USD", "EUR"],
            "due_date": [dt.date(2026, 11, 19), dt.date(2026, 11, 20), dt.date(2026, 1, 1), dt.date(2025, 1, 1)],
            "open_cents": [100, 200, 300, -40],
        }
    )
    totals = totals_by_currency(items, dt.date(2026, 11, 20))
    assert totals.to_dicts() == [
        {"currency": "EUR", "open_cents": 260, "overdue_cents": 60, "items": 3},
        {"currency": "USD", "open_cents": 300, "overdue_cents": 300, "items": 1},
    ]


def test_bucket_labels_and_edges_checked() -> None:
    assert bucket_labels() == ["not_due", "1-30", "31-60", "61-90", "91-120", "121-180", "181-365", "over_365"]
    assert bucket_labels([0, 10]) == ["not_due", "1-10", "over_10"]
    for bad in ([], [5, 10], [0, 30, 30], [0, 60, 30]):
        with pytest.raises(ValueError, match="rise strictly"):
            bucket_labels(bad)


def test_days_and_buckets_at_every_edge() -> None:
    # days overdue = as_of − due: due on the as-of date is 0 days, not yet overdue.
    ages = [-5, 0, 1, 30, 31, 60, 61, 365, 366]
    aged = age(items(open_cents=[100] * 9, due_date=[days_ago(d) for d in ages]).lazy(), AS_OF).collect()
    assert aged["days_overdue"].to_list() == ages
    assert aged["overdue"].to_list() == [False, False, True, True, True, True, True, True, True]
    assert aged["bucket"].cast(pl.String).to_list() == [
        "not_due", "not_due", "1-30", "1-30", "31-60", "31-60", "61-90", "181-365", "over_365",
    ]  # fmt: skip
    assert aged["bucket"].dtype == pl.Enum(bucket_labels())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-400, 2000), st.integers(-(10**9), 10**9), st.sampled_from(["EUR", "USD"])),
        min_size=1,
        max_size=40,
    )
)
def test_buckets_add_up_to_the_open_total_per_currency(rows: list[tuple[int, int, str]]) -> None:
    frame = items(
        due_date=[days_ago(d) for d, _, _ in rows], open_cents=[c for _, c, _ in rows], currency=[k for *_, k in rows]
    )
    buckets = buckets_by_currency(age(frame.lazy(), AS_OF))
    totals = frame.group_by("currency").agg(pl.col("open_cents").sum())
    summed = buckets.group_by("currency").agg(pl.col("open_cents").sum())
    assert summed.sort("currency").equals(totals.sort("currency"))
    assert buckets.height == 8 * totals.height  # every bucket present, zero when empty


def test_account_rollup_worked_by_hand() -> None:
    frame = items(
        customer_id=["A", "A", "A", "A", "B", "B"],
        open_cents=[10_000, 30_000, -5_000, 20_000, -9_000, 4_000],
        due_date=[days_ago(10), days_ago(70), days_ago(100), days_ago(-5), days_ago(3), days_ago(40)],
        doc_type=["invoice", "invoice", "credit_note", "invoice", "credit_note", "invoice"],
        doc_date=[days_ago(40), days_ago(100), days_ago(130), days_ago(25), days_ago(3), days_ago(70)],
        phone=[None, "+39 02 1", None, None, "+39 06 2", None],
    )
    rolled = account_rollup(age(frame.lazy(), AS_OF)).collect().sort("customer_id")
    a, b = rolled.row(0, named=True), rolled.row(1, named=True)
    # A: open 10,000 + 30,000 − 5,000 + 20,000 = 55,000; overdue nets the old credit note:
    # 10,000 + 30,000 − 5,000 = 35,000. Oldest overdue debit is 70 days (the credit note's 100
    # days do not make the debt older). Weighted days (10×10,000 + 70×30,000) / 40,000 = 55.
    assert (a["open_cents"], a["overdue_cents"], a["pursued_cents"]) == (55_000, 35_000, 35_000)
    assert (a["oldest_days"], a["oldest_due"], a["avg_days"]) == (70, days_ago(70), 55.0)
    assert (a["1-30"], a["61-90"], a["91-120"], a["not_due"]) == (10_000, 30_000, -5_000, 20_000)
    assert (a["documents"], a["overdue_documents"], a["next_due"]) == (4, 2, days_ago(-5))
    assert a["last_doc_date"] == days_ago(25) and not a["credit_balance"]
    assert a["phone"] is None  # details come from the customer's first row
    # B: −9,000 + 4,000 = −5,000 open: a credit balance.
    assert (b["open_cents"], b["credit_balance"], b["oldest_days"], b["phone"]) == (-5_000, True, 40, "+39 06 2")


def test_disputed_items_count_in_totals_but_are_not_pursued() -> None:
    frame = items(open_cents=[10_000, 7_000], due_date=[days_ago(90), days_ago(20)]).with_columns(
        disputed=pl.Series([True, False])
    )
    row = account_rollup(age(frame.lazy(), AS_OF)).collect().row(0, named=True)
    assert (row["overdue_cents"], row["pursued_cents"], row["disputed_cents"]) == (17_000, 7_000, 10_000)
    assert row["oldest_days"] == 20  # the disputed 90-day invoice does not set the ladder's age
    # but prescription runs for every open debit: the engine asks for the oldest one
    with_oldest = account_rollup(age(frame.lazy(), AS_OF), oldest_debit=True).collect().row(0, named=True)
    assert (with_oldest["oldest_debit_due"], with_oldest["oldest_due"]) == (days_ago(90), days_ago(20))
    assert "oldest_debit_due" not in row


def test_accounts_are_per_currency() -> None:
    frame = items(customer_id=["A", "A"], currency=["EUR", "USD"], open_cents=[100, 200], due_date=[days_ago(5)] * 2)
    rolled = account_rollup(age(frame.lazy(), AS_OF)).collect().sort("currency")
    assert rolled.select("currency", "open_cents").rows() == [("EUR", 100), ("USD", 200)]


def test_doc_key_numbers_rows_sharing_number_and_due_date() -> None:
    # Two rows of invoice 7 share the due date: numbered largest amount first, whatever the order.
    frame = items(open_cents=[1, 2, 3], doc_number=["7", "7", "8"], due_date=[days_ago(1)] * 3)
    for listed in (frame, frame.reverse()):
        keyed = with_doc_key(listed.lazy()).collect().sort("open_cents")
        assert keyed.select("doc_number", "open_cents", "occurrence").rows() == [("7", 1, 1), ("7", 2, 0), ("8", 3, 0)]
    assert DEFAULT_EDGES == (0, 30, 60, 90, 120, 180, 365)
