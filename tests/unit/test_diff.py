"""lib/diff.py: documents matched across two snapshots, collections, roll rates, per-account changes."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.ageing import DEFAULT_EDGES
from lib.diff import account_changes, collected, diff_documents, roll_rates
from lib.ingest import import_file
from tests.conftest import SAMPLES
from tests.unit.frames import from_rows

D = dt.date
OLD_AS_OF = D(2026, 10, 31)
NEW_AS_OF = D(2026, 11, 30)
NAMES = {"A": "Alfa", "B": "Beta", "C": "Gamma", "E": "Delta"}


def items(rows: list[tuple[str, str, str | None, dt.date, int, int]]) -> pl.DataFrame:
    """Canonical items from (customer_id, currency, doc_number, due_date, amount_cents, open_cents) rows."""
    names = [NAMES.get(row[0], "?") for row in rows]
    return from_rows(
        ("customer_id", "currency", "doc_number", "due_date", "amount_cents", "open_cents"), rows, customer_name=names
    )


# Days overdue at 2026-10-31 / 2026-11-30 and the buckets with the default edges:
#   F1 09-30: 31 (31-60) / gone        F2 10-15: 16 (1-30) / 46 (31-60)
#   F3 11-15: −15 (not_due) / 15 (1-30) F4 12-15: new, −15 (not_due)
#   NC1 10-01: 30 (1-30) / gone         F5 10-20 (two instalments): 11 (1-30) / 41 (31-60)
#   F6 08-31: 61 (61-90) / 91 (91-120)  no number 10-31: 0 (not_due) / 30 (1-30)
#   U1 10-30: 1 (1-30) / gone
OLD = items(
    [
        ("A", "EUR", "F1", D(2026, 9, 30), 1000, 1000),
        ("A", "EUR", "F2", D(2026, 10, 15), 2000, 2000),
        ("A", "EUR", "F3", D(2026, 11, 15), 3000, 3000),
        ("B", "EUR", "NC1", D(2026, 10, 1), -500, -500),
        ("B", "EUR", "F5", D(2026, 10, 20), 600, 600),
        ("B", "EUR", "F5", D(2026, 10, 20), 400, 400),
        ("C", "EUR", "F6", D(2026, 8, 31), 700, 700),
        ("C", "EUR", None, D(2026, 10, 31), 800, 800),
        ("E", "USD", "U1", D(2026, 10, 30), 300, 300),
    ]
)
NEW = items(
    [
        ("A", "EUR", "F2", D(2026, 10, 15), 2000, 500),
        ("A", "EUR", "F3", D(2026, 11, 15), 3000, 3000),
        ("B", "EUR", "F4", D(2026, 12, 15), 4000, 4000),
        # listed the other way round: still paired by amount, largest first
        ("B", "EUR", "F5", D(2026, 10, 20), 400, 400),
        ("B", "EUR", "F5", D(2026, 10, 20), 600, 100),
        ("C", "EUR", "F6", D(2026, 8, 31), 900, 900),
        ("C", "EUR", None, D(2026, 10, 31), 800, 800),
    ]
)


@pytest.fixture
def doc_diff() -> pl.DataFrame:
    return diff_documents(OLD, OLD_AS_OF, NEW, NEW_AS_OF)


def test_diff_documents(doc_diff: pl.DataFrame) -> None:
    columns = ["customer_id", "doc_number", "change", "old_open_cents", "new_open_cents", "collected_cents"]
    buckets = [pl.col("old_bucket").cast(pl.String), pl.col("new_bucket").cast(pl.String)]
    rows = doc_diff.select(*columns, *buckets).rows()
    assert rows == [
        ("A", "F1", "paid", 1000, None, 1000, "31-60", None),  # gone: collected in full
        ("A", "F2", "partly_paid", 2000, 500, 1500, "1-30", "31-60"),  # 2000 − 500
        ("A", "F3", "unchanged", 3000, 3000, 0, "not_due", "1-30"),
        ("B", "F4", "new", None, 4000, 0, None, "not_due"),
        ("B", "F5", "partly_paid", 600, 100, 500, "1-30", "31-60"),  # occurrence 0: the 600 one
        ("B", "F5", "unchanged", 400, 400, 0, "1-30", "31-60"),  # occurrence 1: the 400 one
        ("B", "NC1", "paid", -500, None, 0, "1-30", None),  # a credit note is not a collection
        ("C", "F6", "increased", 700, 900, 0, "61-90", "91-120"),
        ("C", None, "unchanged", 800, 800, 0, "not_due", "1-30"),  # null number still matches
        ("E", "U1", "paid", 300, None, 300, "1-30", None),
    ]
    assert doc_diff["occurrence"].to_list() == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert doc_diff["customer_name"].to_list()[:4] == ["Alfa", "Alfa", "Alfa", "Beta"]
    assert doc_diff["currency"].to_list()[-1] == "USD"


def test_listed_with_nothing_open_is_paid_and_a_credit_note_shrinks() -> None:
    old = items([("A", "EUR", "F1", D(2026, 10, 1), 500, 500), ("A", "EUR", "NC1", D(2026, 10, 1), -200, -200)])
    new = items([("A", "EUR", "F1", D(2026, 10, 1), 500, 0), ("A", "EUR", "NC1", D(2026, 10, 1), -200, -50)])
    doc_diff = diff_documents(old, OLD_AS_OF, new, NEW_AS_OF)
    assert doc_diff.select("doc_number", "change", "collected_cents").rows() == [
        ("F1", "paid", 500),  # 500 − 0
        ("NC1", "partly_paid", 0),  # −200 → −50: used in part, not collected
    ]


def test_collected_per_currency(doc_diff: pl.DataFrame) -> None:
    assert collected(doc_diff).to_dicts() == [
        {"currency": "EUR", "collected_cents": 3000, "documents": 3},  # F1 1000 + F2 1500 + F5 500
        {"currency": "USD", "collected_cents": 300, "documents": 1},
    ]


def test_roll_rates(doc_diff: pl.DataFrame) -> None:
    rates = roll_rates(doc_diff, DEFAULT_EDGES)
    assert rates.schema["from_bucket"] == doc_diff.schema["old_bucket"]
    rows = rates.with_columns(pl.col("from_bucket").cast(pl.String)).rows()
    assert rows == [
        ("EUR", "not_due", "1-30", 3800, pytest.approx(1.0)),  # F3 3000 + no-number 800, all still open
        # from 1-30, old 2000 + 600 + 400 = 3000 (the credit note NC1 is left out)
        ("EUR", "1-30", "31-60", 1000, pytest.approx(1 / 3)),  # 500 + 100 + 400 still open
        ("EUR", "1-30", "paid", 2000, pytest.approx(2 / 3)),  # 1500 + 500 collected
        ("EUR", "31-60", "paid", 1000, pytest.approx(1.0)),  # F1
        ("EUR", "61-90", "91-120", 900, pytest.approx(9 / 7)),  # F6 grew 700 → 900: share over 1
        ("USD", "1-30", "paid", 300, pytest.approx(1.0)),
    ]


def test_account_changes(doc_diff: pl.DataFrame) -> None:
    assert account_changes(doc_diff).to_dicts() == [
        {
            "customer_id": "A",
            "currency": "EUR",
            "customer_name": "Alfa",
            "old_open_cents": 6000,  # 1000 + 2000 + 3000
            "new_open_cents": 3500,  # 500 + 3000
            "old_overdue_cents": 3000,  # F1 1000 + F2 2000 (F3 not yet due)
            "new_overdue_cents": 3500,  # F2 500 + F3 3000
            "collected_cents": 2500,  # 1000 + 1500
            "documents_paid": 1,
            "documents_new": 0,
        },
        {
            "customer_id": "B",
            "currency": "EUR",
            "customer_name": "Beta",
            "old_open_cents": 500,  # −500 + 600 + 400
            "new_open_cents": 4500,  # 4000 + 100 + 400
            "old_overdue_cents": 500,  # all three were overdue
            "new_overdue_cents": 500,  # 100 + 400 (F4 not yet due)
            "collected_cents": 500,
            "documents_paid": 1,  # the credit note
            "documents_new": 1,
        },
        {
            "customer_id": "E",
            "currency": "USD",
            "customer_name": "Delta",
            "old_open_cents": 300,
            "new_open_cents": 0,
            "old_overdue_cents": 300,
            "new_overdue_cents": 0,
            "collected_cents": 300,
            "documents_paid": 1,
            "documents_new": 0,
        },
        {
            "customer_id": "C",
            "currency": "EUR",
            "customer_name": "Gamma",
            "old_open_cents": 1500,  # 700 + 800
            "new_open_cents": 1700,  # 900 + 800
            "old_overdue_cents": 700,  # the no-number item was due on the old as-of date: not overdue
            "new_overdue_cents": 1700,
            "collected_cents": 0,
            "documents_paid": 0,
            "documents_new": 0,
        },
    ]


# One document per draw: days before the old as-of date it fell due, old open amount, and its fate
# (None: gone from the new snapshot; otherwise the new open amount).
documents = st.lists(
    st.tuples(
        st.integers(-60, 500),
        st.integers(1, 10**7),
        st.one_of(st.none(), st.integers(-(10**6), 2 * 10**7)),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_roll_rate_cents_add_up_to_the_old_amount(docs: list[tuple[int, int, int | None]]) -> None:
    due = [OLD_AS_OF - dt.timedelta(days=days) for days, _, _ in docs]
    old = items([("A", "EUR", f"D{k}", due[k], amount, amount) for k, (_, amount, _) in enumerate(docs)])
    new = items(
        [("A", "EUR", f"D{k}", due[k], amount, fate) for k, (_, amount, fate) in enumerate(docs) if fate is not None]
    )
    doc_diff = diff_documents(old, OLD_AS_OF, new, NEW_AS_OF)
    sent = roll_rates(doc_diff, DEFAULT_EDGES).group_by("from_bucket").agg(pl.col("cents", "share").sum())
    expected = doc_diff.group_by(pl.col("old_bucket").alias("from_bucket")).agg(
        pl.col("old_open_cents").sum().alias("old"),
        (pl.col("new_open_cents") - pl.col("old_open_cents")).clip(lower_bound=0).sum().alias("increase"),
    )
    check = expected.join(sent, on="from_bucket", how="left").with_columns(pl.col("cents").fill_null(0))
    # every cent of a bucket is still open somewhere or collected; an increase adds its growth
    assert (check["cents"] == check["old"] + check["increase"]).all()
    no_increase = check.filter((pl.col("increase") == 0) & (pl.col("cents") != 0))
    assert no_increase["share"].to_list() == pytest.approx([1.0] * no_increase.height)


def test_the_sample_against_itself_is_unchanged() -> None:
    name = "scadenzario_gestionale.xlsx"
    imported = import_file((SAMPLES / name).read_bytes(), name)
    as_of = imported.report.as_of
    doc_diff = diff_documents(imported.items, as_of, imported.items.reverse(), as_of)
    assert doc_diff.height == imported.items.height  # every row matched once, duplicates included
    assert doc_diff["change"].cast(pl.String).unique().to_list() == ["unchanged"]
    assert collected(doc_diff)["collected_cents"].to_list() == [0]
