"""lib/simulator.py: the claim and the facts of an account, the form's proposal from the policy,
the choices turned into an offer, and the tables the simulator page shows, worked by hand.

Amounts in cents (100_000 = EUR 1,000.00). The valuation date is Friday 20 November 2026.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from lib import explain, plans, simulator
from lib.actionlog import Log
from lib.policy import load_policy
from lib.simulator import Choices, Facts, Rate

D = dt.date
AS_OF = D(2026, 11, 20)


def _facts(**changes: object) -> Facts:
    values = {
        "customer_id": "C1", "currency": "EUR", "overdue_cents": 100_000, "open_cents": 150_000,
        "interest_cents": 2_345, "compensation_cents": 8_000, "invoices": 2, "oldest_days": 90, "rating": "C",
        "recoverable_pct": 69.6, "half_life_days": 213,  # config/policy.toml [recovery]
        "late_rate": Rate(Decimal("10.4"), D(2026, 7, 1), "unconfirmed"),
    }  # fmt: skip
    return Facts(**{**values, **changes})  # type: ignore[arg-type]


def _choices(**changes: object) -> Choices:
    return dataclasses.replace(simulator.proposal(load_policy(), _facts(), AS_OF), **changes)


# --- facts and proposal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "pct", "since", "status"),
    [
        (D(2026, 11, 20), "10.40", D(2026, 7, 1), "unconfirmed"),  # data/late_payment_rates_it.csv
        (D(2026, 3, 1), "10.15", D(2026, 1, 1), "confirmed"),
        (D(2027, 3, 1), "10.40", D(2026, 7, 1), "stale"),  # past the table: its last rate, said so
    ],
)
def test_late_payment_rate_in_force(on: dt.date, pct: str, since: dt.date, status: str) -> None:
    assert simulator.late_payment_rate(on) == Rate(Decimal(pct), since, status)


def test_facts_sum_the_documents() -> None:
    documents = pl.DataFrame(
        {"interest_cents": [1_000, 345, 0], "compensation_cents": [4_000, 4_000, 0]},
        schema={"interest_cents": pl.Int64, "compensation_cents": pl.Int64},
    )
    account = {"customer_id": "C1", "currency": "EUR", "overdue_cents": 100_000, "open_cents": 150_000,
               "oldest_days": 90, "rating": "C"}  # fmt: skip
    # 90 days overdue: 69.6% still recoverable (data/recovery_by_age.csv).
    assert simulator.facts(account, documents, AS_OF, load_policy()) == _facts(interest_cents=1_345)


def test_a_consumer_plan_at_the_late_rate_takes_the_legal_rate_art_1284_cc() -> None:
    documents = pl.DataFrame({"interest_cents": [100], "compensation_cents": [0]})
    account = {"customer_id": "C1", "currency": "EUR", "oldest_days": 90, "consumer": True}
    facts = simulator.facts(account, documents, AS_OF, load_policy())
    assert facts.late_rate == Rate(Decimal("1.6"), D(2026, 1, 1), "legal")  # DM 10/12/2025
    assert simulator.refused(facts) is None


def test_no_discount_or_plan_for_a_debtor_in_a_procedure_art_166_ccii() -> None:
    """Paying one creditor outside the procedure breaks the par condicio and can be clawed back."""
    documents = pl.DataFrame({"interest_cents": [100], "compensation_cents": [0]})
    account = {"customer_id": "C1", "currency": "EUR", "oldest_days": 90, "procedure": "concordato_preventivo",
               "procedure_on": D(2026, 10, 1)}  # fmt: skip
    facts = simulator.facts(account, documents, AS_OF, load_policy())
    assert (simulator.refused(facts), facts.procedure_on) == ("insolvent", D(2026, 10, 1))


def test_proposal_follows_the_policy_and_the_account() -> None:
    start = simulator.proposal(load_policy(), _facts(), AS_OF)
    # config/policy.toml [offers]: 8% capital, C → 10% default, 20% fee in 180 days, legal 1,500.00
    # in 540 days at 60%, 10 days to pay the discount.
    assert start == Choices(
        capital_cents=100_000, add_interest=False, add_compensation=False, cost_of_capital_pct=8.0,
        default_probability_pct=10.0, discount_pct=10.0, deadline=D(2026, 11, 30), down_cents=0, instalments=6,
        frequency="monthly", first=D(2026, 12, 20), interest="none", contractual_pct=8.0, method="annuity",
        agency_fee_pct=20.0, agency_days=180, recoverable_pct=69.6, legal_costs_cents=150_000, legal_days=540,
        legal_success_pct=60.0,
    )  # fmt: skip


def test_proposal_without_overdue_or_rating() -> None:
    start = simulator.proposal(load_policy(), _facts(overdue_cents=0, rating=None), D(2027, 1, 31))
    assert start.capital_cents == 150_000  # nothing overdue yet: the open amount
    assert start.default_probability_pct == 20.0  # unrated: the worst rating's
    assert start.first == D(2027, 2, 28)  # a month later, clamped to the month's end


def test_claim_and_rate_of_the_choices() -> None:
    facts = _facts()
    assert _choices().claim_cents(facts) == 100_000
    assert _choices(add_interest=True, add_compensation=True).claim_cents(facts) == 100_000 + 2_345 + 8_000
    assert _choices().rate_pct(facts) == 0
    assert _choices(interest="contractual", contractual_pct=5.5).rate_pct(facts) == Decimal("5.5")
    assert _choices(interest="late").rate_pct(facts) == Decimal("10.4")


# --- the offer ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"capital_cents": 0}, ["claim"]),
        ({"down_cents": 100_000}, ["down"]),  # the whole claim down: no plan left
        ({"first": AS_OF}, ["first"]),
        ({"deadline": AS_OF - dt.timedelta(days=1)}, ["deadline"]),
        ({"instalments": 0}, ["instalments"]),
        ({"discount_pct": 120.0}, ["percent"]),
        ({"first": AS_OF, "legal_success_pct": -1.0}, ["first", "percent"]),
    ],
)
def test_choices_that_cannot_be_simulated(changes: dict[str, object], problems: list[str]) -> None:
    assert simulator.offer(_choices(**changes), _facts(), AS_OF) == (None, problems)


def test_offer_of_the_choices() -> None:
    choices = _choices(add_compensation=True, interest="late", discount_pct=12.5, down_cents=8_000)
    offer, problems = simulator.offer(choices, _facts(), AS_OF)
    assert problems == [] and offer is not None
    assert (offer.claim_cents, offer.rate_pct, offer.discount, offer.default_probability) == (
        108_000, Decimal("10.4"), 0.125, 0.10,
    )  # fmt: skip
    assert (offer.cost_of_capital, offer.legal_success, offer.agency.fee) == (0.08, 0.6, 0.2)


def test_the_down_payment_falls_at_signing() -> None:
    # 1,000.00 less 100.00 down at signing, then 3 × 300.00, no interest.
    offer, _ = simulator.offer(_choices(down_cents=10_000, instalments=3), _facts(), AS_OF)
    assert offer is not None
    assert offer.plan().select("n", "date", "payment_cents").rows() == [
        (0, AS_OF, 10_000), (1, D(2026, 12, 20), 30_000), (2, D(2027, 1, 20), 30_000), (3, D(2027, 2, 20), 30_000),
    ]  # fmt: skip
    # plans.Offer would put it a month before the first instalment: here the same date by chance,
    # but not with a later first instalment.
    later, _ = simulator.offer(_choices(down_cents=10_000, first=D(2027, 3, 1)), _facts(), AS_OF)
    assert later is not None and later.plan()["date"][0] == AS_OF


def test_agency_share_follows_the_age_unless_typed() -> None:
    proposed = simulator.agency(_choices(), _facts(), AS_OF)
    assert (proposed.recoverable, proposed.overdue_since) == (None, AS_OF - dt.timedelta(days=90))
    assert proposed.share(AS_OF) == pytest.approx(0.696)
    assert proposed.share(AS_OF + dt.timedelta(days=90)) == pytest.approx(0.521)  # 180 days old then
    typed = simulator.agency(_choices(recoverable_pct=40.0), _facts(), AS_OF)
    assert typed.recoverable == 0.4 and typed.share(AS_OF + dt.timedelta(days=90)) == 0.4


@pytest.mark.parametrize(
    ("claim", "discount", "cents"),
    [(100_000, 0.05, 95_000), (12_345, 0.125, 10_802), (1_001, 0.5, 501)],  # 10,801.875 and 500.5 round up
)
def test_settlement_amount(claim: int, discount: float, cents: int) -> None:
    offer = dataclasses.replace(_hand_offer(), claim_cents=claim, discount=discount)
    assert simulator.settlement_cents(offer) == cents


# --- the comparison -------------------------------------------------------------------------------


def _hand_offer() -> simulator.Simulated:
    # tests/unit/test_plans.py's offer: 1,000.00 in two instalments (31 Dec, 31 Jan), a 5% discount
    # paid today, the agency recovering 50% less its 20% fee at once, legal costs of 100.00 for a
    # 60% chance at once; no cost of capital, p = 10%.
    return simulator.Simulated(
        claim_cents=100_000, as_of=AS_OF, cost_of_capital=0.0, default_probability=0.1, discount=0.05,
        deadline=AS_OF, instalments=2, first=D(2026, 12, 31),
        agency=plans.Agency(fee=0.2, recoverable=0.5, days=0), legal_costs_cents=10_000, legal_days=0,
        legal_success=0.6,
    )  # fmt: skip


def test_comparison_worked_by_hand() -> None:
    # Expected (test_plans): plan 91,300, discount 89,500, legal 50,000, agency 40,000.
    # As agreed: the plan pays 100,000; the discount 95,000; the lawsuit won 100,000 − 10,000;
    # the agency its 40,000 either way.
    table = simulator.comparison(_hand_offer())
    assert table.schema == pl.Schema(simulator.COMPARISON)
    assert table.select("option", "npv_cents", "expected_cents").rows() == [
        ("plan", 100_000, 91_300), ("discount", 95_000, 89_500), ("legal", 90_000, 50_000),
        ("agency", 40_000, 40_000),
    ]  # fmt: skip


def test_comparison_discounts_at_the_cost_of_capital() -> None:
    # 10% a year: the lawsuit's 100,000 in 365 days is worth 90,909.09 today, less the costs.
    offer = dataclasses.replace(_hand_offer(), cost_of_capital=0.10, legal_days=365)
    npv = dict(simulator.comparison(offer).select("option", "npv_cents").rows())
    assert npv["legal"] == round(100_000 / 1.1 - 10_000)
    assert npv["discount"] == 95_000  # paid today: not discounted


def test_cash_curves_start_at_zero_and_end_together() -> None:
    offer = dataclasses.replace(_hand_offer(), legal_days=400)
    curves = simulator.cash_curves(offer)
    end = AS_OF + dt.timedelta(days=400 + simulator.CASH_TAIL_DAYS)
    firsts = curves.group_by("option").agg(pl.all().first()).sort("option")
    assert firsts.select("date", "cumulative_cents").rows() == [(AS_OF, 0.0)] * 4
    lasts = dict(curves.group_by("option").agg(pl.col("date", "cumulative_cents").last()).select(
        "option", pl.struct("date", "cumulative_cents")).rows())  # fmt: skip
    totals = dict(simulator.comparison(offer).select("option", "cash_cents").rows())
    for option, last in lasts.items():
        assert last["date"] == end and last["cumulative_cents"] == pytest.approx(totals[option], abs=0.5)
    legal = curves.filter(pl.col("option") == "legal").select("date", "cumulative_cents").rows()
    # the costs at once, then 60% of the claim after 400 days
    assert legal == [(AS_OF, 0.0), (AS_OF, -10_000.0), (AS_OF + dt.timedelta(days=400), 50_000.0), (end, 50_000.0)]


def test_schedule_rows_end_with_totals_that_add_up_to_the_claim() -> None:
    plan = plans.schedule(100_000, 3, D(2026, 12, 20), down_cents=10_000, down_date=AS_OF, rate_pct=12)
    rows = simulator.schedule_rows(plan).with_columns(explain.schedule_labels("en"))
    assert rows["n"].to_list() == ["down payment", "1", "2", "3", "Total"]
    total = rows.row(-1, named=True)
    assert total["capital_cents"] == 100_000
    assert total["interest_cents"] == plan["interest_cents"].sum() > 0
    assert total["payment_cents"] == 100_000 + total["interest_cents"]
    assert total["date"] is None and total["residual_cents"] is None
    assert simulator.schedule_rows(plan).select(explain.schedule_labels("it"))["n"].to_list()[::4] == [
        "anticipo",
        "Totale",
    ]


# --- the account's agreements ---------------------------------------------------------------------


def _log() -> Log:
    def plan(customer: str, agreed: dt.date, **extra: object) -> dict:
        return {"customer_id": customer, "currency": "EUR", "kind": "instalments", "agreed_on": agreed,
                "claim_cents": 20_000, "baseline_open_cents": 20_000, "grace_days": 5, **extra}  # fmt: skip

    def instalments(plan_id: int) -> list[dict]:
        return [
            {"plan_id": plan_id, "n": n, "due_date": due, "capital_cents": 10_000, "interest_cents": 0,
             "payment_cents": 10_000}
            for n, due in ((1, D(2026, 11, 1)), (2, D(2026, 12, 1)))
        ]  # fmt: skip

    return Log.of(
        plan=[
            plan("C1", D(2026, 10, 1)),  # 1: instalment 1 missed by 6 Nov → defaulted
            plan("C1", D(2026, 10, 2), closed_on=D(2026, 10, 20), closed_reason="cancelled"),  # 2
            plan("C1", D(2026, 10, 15)),  # 3: 100.00 paid by hand on 30 Oct → honoured
            plan("C2", D(2026, 10, 1)),  # 4: another account
        ],
        instalment=[*instalments(1), *instalments(2), *instalments(3), *instalments(4)],
        payment=[{"customer_id": "C1", "currency": "EUR", "paid_on": D(2026, 10, 30), "amount_cents": 10_000}],
    )


def test_account_plans_newest_first_without_the_cancelled() -> None:
    # No snapshot: what was paid is what was entered by hand. The payment of 30 Oct counts for
    # plan 3 (agreed 15 Oct) and plan 1 (agreed 1 Oct), so plan 1 is paid too: both honoured.
    log = _log()
    observations = pl.LazyFrame(
        schema={"as_of": pl.Date, "customer_id": pl.String, "currency": pl.String, "open_cents": pl.Int64}
    )
    states, instalments = simulator.account_plans(log, observations, AS_OF, "C1", "EUR")
    assert states.select("plan_id", "state", "cancellable", "next_n").rows() == [
        (3, "honoured", True, 2), (1, "honoured", True, 2),
    ]  # fmt: skip
    assert instalments.select("plan_id", "n", "status").sort("plan_id", "n").rows() == [
        (1, 1, "paid_on_time"), (1, 2, "upcoming"), (3, 1, "paid_on_time"), (3, 2, "upcoming"),
    ]  # fmt: skip
    assert simulator.in_force(states)
    late = simulator.account_plans(log, observations, D(2026, 12, 10), "C1", "EUR")[0]
    assert late.select("plan_id", "state", "cancellable").rows() == [(3, "defaulted", True), (1, "defaulted", True)]
    assert not simulator.in_force(late)


def test_account_plans_of_an_account_without_any() -> None:
    states, instalments = simulator.account_plans(_log(), pl.LazyFrame(), AS_OF, "C9", "EUR")
    assert states.is_empty() and instalments.is_empty()
    assert "cancellable" in states.columns
    assert not simulator.in_force(states)


def test_results_gather_what_the_page_shows() -> None:
    found = simulator.results(_hand_offer())
    assert found.comparison.equals(simulator.comparison(_hand_offer()))
    assert found.break_even == pytest.approx(0.03)  # test_plans: up to 3.0% is worth the plan
    assert explain.recommendation(found.recommendation, "EUR", "en").startswith(
        "Best: the instalment plan, expected value €913.00"
    )
    assert found.by_discount.height == 51 and found.by_instalments["instalments"].to_list() == list(range(1, 25))
    assert found.by_instalments["expected_cents"][1] == pytest.approx(91_300)
    assert found.plan["payment_cents"].sum() == 100_000
    longer = simulator.results(dataclasses.replace(_hand_offer(), instalments=36))
    assert longer.by_instalments.height == 36 and explain.recommendation(longer.recommendation, "EUR", "it").startswith(
        "Conviene"
    )
