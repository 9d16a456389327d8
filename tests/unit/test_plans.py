"""lib/plans.py: schedules add up to the claim to the cent; payments and NPV agree with
numpy-financial; the expected value of an offer worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import hypothesis.strategies as st
import numpy_financial as npf
import polars as pl
import pytest
from hypothesis import given, settings

from lib.explain import recommendation
from lib.plans import (
    Agency,
    Offer,
    annuity_payment,
    break_even_discount,
    compare,
    discount_curve,
    due_dates,
    expected_cash,
    instalment_curve,
    lump_sum_value,
    npv,
    periodic_rate,
    plan_value,
    recommend,
    schedule,
    totals,
)

FIRST = dt.date(2026, 12, 31)


def test_due_dates_keep_the_day_or_the_month_end() -> None:
    assert due_dates(dt.date(2027, 1, 31), 4, "monthly") == [
        dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31), dt.date(2027, 4, 30),
    ]  # fmt: skip
    assert due_dates(FIRST, 3, "quarterly") == [FIRST, dt.date(2027, 3, 31), dt.date(2027, 6, 30)]
    assert due_dates(FIRST, 3, "biweekly") == [FIRST, dt.date(2027, 1, 14), dt.date(2027, 1, 28)]
    with pytest.raises(ValueError, match="frequency"):
        due_dates(FIRST, 3, "weekly")


def test_annuity_worked_by_hand() -> None:
    # 8,000.00 over 6 months at 6% a year = 0.5% a month: 800,000 × 0.005 / (1 − 1.005^−6)
    # = 135,676.2 → 1,356.76 a month. The first month's interest is 800,000 × 0.005 = 4,000.
    plan = schedule(1_000_000, 6, FIRST, down_cents=200_000, rate_pct="6")
    assert plan.rows()[0] == (0, dt.date(2026, 11, 30), 200_000, 0, 200_000, 800_000)
    assert plan.rows()[1] == (1, FIRST, 131_676, 4_000, 135_676, 668_324)
    assert plan["payment_cents"].to_list()[1:6] == [135_676] * 5
    assert plan.rows()[-1] == (6, dt.date(2027, 5, 31), 135_004, 675, 135_679, 0)  # the rounding lands here
    assert totals(plan) == {"capital_cents": 1_000_000, "interest_cents": 14_059, "payment_cents": 1_014_059}


def test_equal_capital_worked_by_hand() -> None:
    # 10,000.00 in 4 quarters at 4% (1% a quarter): capital 2,500.00 each, interest on the residual.
    plan = schedule(1_000_000, 4, FIRST, frequency="quarterly", rate_pct=4, method="equal_capital")
    assert plan.select("capital_cents", "interest_cents", "payment_cents").rows() == [
        (250_000, 10_000, 260_000),
        (250_000, 7_500, 257_500),
        (250_000, 5_000, 255_000),
        (250_000, 2_500, 252_500),
    ]
    # Without interest the cents that do not divide go to the last instalment.
    assert schedule(1_000, 3, FIRST)["payment_cents"].to_list() == [333, 333, 334]


@settings(max_examples=200, deadline=None)
@given(
    claim=st.integers(100, 10**10),
    count=st.integers(1, 120),
    down_share=st.floats(0, 0.9),
    rate=st.decimals(0, 25, places=2),
    frequency=st.sampled_from(["monthly", "biweekly", "quarterly"]),
    method=st.sampled_from(["annuity", "equal_capital"]),
)
def test_plans_add_up_to_the_claim_to_the_cent(
    claim: int, count: int, down_share: float, rate: Decimal, frequency: str, method: str
) -> None:
    down = int(claim * down_share)
    plan = schedule(claim, count, FIRST, down_cents=down, rate_pct=rate, method=method, frequency=frequency)
    assert plan["capital_cents"].sum() == claim
    assert (plan["payment_cents"] == plan["capital_cents"] + plan["interest_cents"]).all()
    assert plan["residual_cents"][-1] == 0 and (plan["capital_cents"] >= 0).all()
    assert plan["n"].to_list() == list(range(0 if down else 1, count + 1))
    assert plan["date"].is_sorted()


@settings(max_examples=200, deadline=None)
@given(financed=st.integers(1, 10**10), count=st.integers(1, 360), rate=st.decimals(0, 30, places=3))
def test_annuity_payment_agrees_with_numpy_financial_pmt(financed: int, count: int, rate: Decimal) -> None:
    periodic = periodic_rate(rate, "monthly")
    expected = -npf.pmt(float(periodic), count, financed)
    # ours is exact and rounded half up to the cent; numpy-financial's is a float
    assert abs(annuity_payment(financed, count, periodic) - expected) <= 0.5 + 1e-6 * max(1.0, expected)


@settings(max_examples=200, deadline=None)
@given(
    rate=st.floats(0, 1),
    values=st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=60),
)
def test_npv_agrees_with_numpy_financial(rate: float, values: list[float]) -> None:
    assert npv(rate, values) == pytest.approx(npf.npv(rate, values), rel=1e-9, abs=1e-3)


@settings(max_examples=100, deadline=None)
@given(
    claim=st.integers(100, 10**9),
    low=st.floats(0, 0.99),
    high=st.floats(0, 0.99),
    p=st.floats(0, 0.99),
    cost=st.floats(0, 0.5),
)
def test_value_falls_as_the_discount_rises(claim: int, low: float, high: float, p: float, cost: float) -> None:
    low, high = sorted((low, high))
    as_of = dt.date(2026, 11, 20)

    def value(discount: float) -> float:
        return lump_sum_value(claim, discount, as_of + dt.timedelta(days=10), as_of, cost, p, Agency())["expected"]

    assert value(high) <= value(low)
    if high > low + 1e-6:
        assert value(high) < value(low)


AS_OF = dt.date(2026, 11, 30)
TWO = schedule(100_000, 2, dt.date(2026, 12, 31))  # 500.00 on 31 Dec and 31 Jan, no interest


def test_expected_value_with_recovery_after_default() -> None:
    # No cost of capital; each instalment defaults with p = 10%; the agency recovers 50% and
    # keeps 20%, so a residual handed over is worth 40% of it.
    # Instalment 1: default (0.1) hands over 100,000 → 0.1 × 40,000 = 4,000; paid (0.9) → 45,000.
    # Instalment 2: default (0.9 × 0.1) hands over 50,000 → 0.09 × 20,000 = 1,800; paid
    # (0.81) → 40,500. Expected = 4,000 + 45,000 + 1,800 + 40,500 = 91,300.
    value = plan_value(TWO, AS_OF, 0.0, 0.1, Agency(fee=0.2, recoverable=0.5, days=0))
    assert value["npv"] == 100_000
    assert value["expected"] == pytest.approx(91_300)
    # The lump sum worth the same: 0.9 × 100,000 × (1 − d) + 0.1 × 40,000 = 91,300 → d = 3%.
    even = break_even_discount(91_300, 100_000, AS_OF, AS_OF, 0.0, 0.1, Agency(fee=0.2, recoverable=0.5, days=0))
    assert even == pytest.approx(0.03)


def test_expected_value_without_recovery_and_with_discounting() -> None:
    # Nothing is recovered after a default: 0.9 × 50,000 + 0.81 × 50,000 = 85,500 undiscounted.
    nothing = Agency(fee=0.2, recoverable=0.0, days=0)
    assert plan_value(TWO, AS_OF, 0.0, 0.1, nothing)["expected"] == pytest.approx(85_500)
    # At 10% a year, 31 days and 62 days away: factors 1.1^(−31/365) = 0.991938…, 1.1^(−62/365) = 0.983941….
    value = plan_value(TWO, AS_OF, 0.10, 0.1, nothing)
    assert value["npv"] == pytest.approx(50_000 * 1.1 ** (-31 / 365) + 50_000 * 1.1 ** (-62 / 365))
    assert value["expected"] == pytest.approx(45_000 * 0.9919382 + 40_500 * 0.9839414, rel=1e-6)
    # No discount can match a plan worth more than the whole claim paid today.
    assert break_even_discount(100_001, 100_000, AS_OF, AS_OF, 0.0, 0.0, nothing) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"claim_cents": 0}, "positive claim"),
        ({"instalments": 0}, "at least one instalment"),
        ({"down_cents": 2_000_000}, "within the claim"),
        ({"method": "balloon"}, "method"),
    ],
)
def test_bad_plans_are_refused(kwargs: dict[str, object], message: str) -> None:
    arguments = {"claim_cents": 1_000_000, "instalments": 6, "first": FIRST, **kwargs}
    with pytest.raises(ValueError, match=message):
        schedule(**arguments)  # type: ignore[arg-type]


def _offer(**changes: object) -> Offer:
    # The two-instalment plan above, a 5% discount paid today, the agency recovering 50% less
    # its 20% fee at once, legal costs of 100.00 for a 60% chance; no cost of capital, p = 10%.
    settings_ = {
        "claim_cents": 100_000, "as_of": AS_OF, "cost_of_capital": 0.0, "default_probability": 0.1,
        "discount": 0.05, "deadline": AS_OF, "instalments": 2, "first": dt.date(2026, 12, 31),
        "agency": Agency(fee=0.2, recoverable=0.5, days=0), "legal_costs_cents": 10_000, "legal_days": 0,
        "legal_success": 0.6,
    }  # fmt: skip
    return Offer(**{**settings_, **changes})  # type: ignore[arg-type]


def test_options_compared_by_hand() -> None:
    # Plan 91,300 (above). Discount: 0.9 × 95,000 + 0.1 × 40,000 = 89,500. Legal: 0.6 × 100,000
    # − 10,000 = 50,000. Agency: 100,000 × 50% × 80% = 40,000.
    ranked = compare(_offer())
    assert ranked.select("option", "expected_cents").rows() == [
        ("plan", 91_300), ("discount", 89_500), ("legal", 50_000), ("agency", 40_000),
    ]  # fmt: skip
    assert recommendation(recommend(_offer()), "EUR", "en") == (
        "Best: the instalment plan, expected value €913.00, €18.00 more than the next one "
        "(the discount for payment now). "
        "A discount of up to 3.0% for payment now is worth at least as much as the plan."
    )
    assert recommendation(recommend(_offer()), "EUR", "it").startswith(
        "Conviene il piano di rientro: valore atteso 913,00 EUR"
    )


def test_expected_cash_adds_up_to_each_option() -> None:
    offer = _offer()
    cash = expected_cash(offer)
    final = cash.group_by("option").agg(pl.col("cumulative_cents").last()).sort("option")
    by_option = dict(final.rows())
    assert by_option["plan"] == pytest.approx(91_300)  # undiscounted, and no cost of capital here
    assert by_option == pytest.approx(dict(compare(offer).select("option", "cash_cents").rows()), abs=0.5)
    assert cash.filter(pl.col("option") == "plan")["date"].to_list() == [dt.date(2026, 12, 31), dt.date(2027, 1, 31)]


def test_curves() -> None:
    offer = _offer()
    by_discount = discount_curve(offer)
    assert by_discount["expected_cents"].is_sorted(descending=True)
    assert by_discount.row(0) == (0.0, pytest.approx(94_000))  # 0.9 × 100,000 + 0.1 × 40,000
    by_count = instalment_curve(offer, counts=(1, 2, 3))
    assert by_count["expected_cents"][1] == pytest.approx(91_300)
    # One instalment: 0.1 × 40,000 + 0.9 × 100,000 = 94,000.
    assert by_count["expected_cents"][0] == pytest.approx(94_000)


def test_agency_share_follows_the_age_at_hand_over() -> None:
    # Handed over 90 days after the due date: 69.6% recoverable (data/recovery_by_age.csv).
    since = AS_OF - dt.timedelta(days=90)
    agency = Agency(fee=0.2, recoverable=None, days=0, overdue_since=since, half_life_days=213)
    assert agency.share(AS_OF) == pytest.approx(0.696)
    assert agency.value(100_000, AS_OF, AS_OF, 0.0) == pytest.approx(100_000 * 0.696 * 0.8)
