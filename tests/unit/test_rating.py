"""lib/rating.py: every factor's points worked by hand from config/policy.toml [rating]."""

from __future__ import annotations

import polars as pl
import pytest

from lib.explain import rating_why
from lib.policy import load_policy
from lib.rating import payment_history, rate
from tests.unit.frames import AS_OF, days_ago

POLICY = load_policy()


def _accounts(**columns: list[object]) -> pl.LazyFrame:
    n = len(columns["oldest_days"])
    defaults = {
        "customer_id": [f"C{i}" for i in range(n)],
        "currency": ["EUR"] * n,
        "avg_days_late": [None] * n,
        "trend_days": [None] * n,
        "broken_promises": [0] * n,
        "has_dispute": [False] * n,
        "negative_flag": [False] * n,
        "active": [True] * n,
    }
    schema = {"avg_days_late": pl.Float64, "trend_days": pl.Float64, "oldest_days": pl.Int32}
    return pl.LazyFrame({**defaults, **columns}, schema_overrides=schema)


def test_points_per_factor_worked_by_hand() -> None:
    accounts = _accounts(
        oldest_days=[45, None, 15, 5, 1],
        open_cents=[1_500_000, 50_000, 200_000, 40_000, 100],
        overdue_cents=[1_200_000, 0, 60_000, 40_000, 100],
        pursued_cents=[1_200_000, 0, 50_000, 40_000, 100],
        avg_days_late=[20.0, None, 0.0, None, None],
        trend_days=[10.0, None, -10.0, None, None],
        broken_promises=[1, 0, 0, 0, 3],
        has_dispute=[True, False, False, False, False],
        negative_flag=[False, False, False, True, False],
        active=[True, True, False, True, True],
    )
    rated = rate(accounts, POLICY).collect()
    points = rated.select(pl.col("^pts_.*$")).rows()
    # C0: 45 days > 30 → 10; 80% > 75 → 15; 12,000.00 > 10,000 → 10; 20 days late > 0 → 5;
    #     trend +10 > 7 → +5; 1 broken promise → 15; open dispute → 10 = 70 → D.
    assert points[0] == (10, 15, 10, 5, 5, 15, 10, 0, 0)
    # C1: nothing overdue, no history: 0 → A.
    assert points[1] == (0,) * 9
    # C2: 15 days > 0 → 5; 30% > 25 → 5; 500.00 → 0; 0 days late (not > 0) → 0; trend −10 → −5;
    #     inactive → 10 = 15 → B.
    assert points[2] == (5, 5, 0, 0, -5, 0, 0, 0, 10)
    # C3: 5 days → 5; 100% → 15; the negative flag → 40 = 60 → D.
    assert points[3] == (5, 15, 0, 0, 0, 0, 0, 40, 0)
    # C4: 1 day → 5; 100% → 15; 1.00 at risk → 0; 3 broken promises → 45, capped at 30 = 50 → D.
    assert points[4] == (5, 15, 0, 0, 0, 30, 0, 0, 0)
    assert rated.select("score", "rating").rows() == [(70, "D"), (0, "A"), (15, "B"), (60, "D"), (50, "D")]


@pytest.mark.parametrize(("points", "grade"), [(10, "A"), (11, "B"), (25, "B"), (26, "C"), (45, "C"), (46, "D")])
def test_grades_at_their_ceilings(points: int, grade: str) -> None:
    # An inactive account with nothing overdue scores exactly the inactive points.
    policy = load_policy({"rating": {"inactive_points": points}})
    accounts = _accounts(oldest_days=[None], open_cents=[1], overdue_cents=[0], pursued_cents=[0], active=[False])
    rated = rate(accounts, policy).collect()
    assert rated.select("score", "rating").row(0) == (points, grade)


def test_explanation_lists_every_factor_in_both_languages() -> None:
    accounts = _accounts(
        oldest_days=[45],
        open_cents=[1_500_000],
        overdue_cents=[1_200_000],
        pursued_cents=[1_200_000],
        avg_days_late=[20.0],
        trend_days=[10.0],
        broken_promises=[1],
        has_dispute=[True],
    )
    english = rate(accounts, POLICY).select(rating_why("en")).collect().item()
    assert english == (
        "oldest overdue 45 days: 10 · overdue share 80%: 15 · amount at risk €12,000.00: 10 · "
        "average days late when paid 20 days: 5 · trend of days late worse: 5 · broken promises 1: 15 · "
        "open dispute yes: 10 · negative flag no: 0 · inactive no: 0 = 70 → D"
    )
    italian = rate(accounts, POLICY).select(rating_why("it")).collect().item()
    assert italian.startswith(
        "scaduto più vecchio 45 gg: 10 · quota scaduta 80%: 15 · importo a rischio 12.000,00 EUR: 10"
    )
    assert italian.endswith("= 70 → D")


def test_payment_history_average_and_trend() -> None:
    paid = pl.LazyFrame(
        {
            "customer_id": ["A"] * 5,
            "currency": ["EUR"] * 5,
            "paid_on": [days_ago(10), days_ago(80), days_ago(120), days_ago(300), days_ago(400)],
            "days_late": [10, 30, 0, 10, 99],
        }
    )
    row = payment_history(paid, AS_OF, 12, 90).collect().row(0, named=True)
    # Last 12 months: 10, 30, 0, 10 → 12.5 on average; the last 90 days (10, 30) average 20
    # against 5 before: the trend is +15 days. The payment 400 days ago is out of the window.
    assert row == {
        "customer_id": "A",
        "currency": "EUR",
        "paid_documents": 4,
        "avg_days_late": 12.5,
        "trend_days": 15.0,
    }
